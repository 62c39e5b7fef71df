import { describe, it, expect } from 'vitest';
import { hostMatches, parseRequestUrl, pathCovers, pathMatched, pathMatches } from '../../../src/core/route/match';

describe('parseRequestUrl', () => {
  const table: [string, { scheme: string; host: string; port: number; path: string } | RegExp][] = [
    ['http://contoso.com', { scheme: 'http', host: 'contoso.com', port: 80, path: '/' }],
    ['https://Shop.Contoso.com/Cart?id=1#top', { scheme: 'https', host: 'shop.contoso.com', port: 443, path: '/Cart' }],
    ['http://contoso.com:8080/a/b', { scheme: 'http', host: 'contoso.com', port: 8080, path: '/a/b' }],
    ['https://contoso.com:443/x', { scheme: 'https', host: 'contoso.com', port: 443, path: '/x' }],
    ['http://contoso.com./abc%2Fdef', { scheme: 'http', host: 'contoso.com', port: 80, path: '/abc%2Fdef' }],
    ['http://10.0.0.4/', { scheme: 'http', host: '10.0.0.4', port: 80, path: '/' }],
    ['contoso.com/api', /no scheme/],
    ['ftp://contoso.com/', /scheme "ftp"/],
    ['http://', /not a valid URL|no host/],
    ['http://exa mple.com/', /not a valid URL/],
    ['', /empty/],
  ];
  for (const [url, want] of table) {
    it(JSON.stringify(url), () => {
      const r = parseRequestUrl(url);
      expect(r.whyKo).toMatch(/[\uac00-\ud7a3]/);
      if (want instanceof RegExp) {
        expect(r.ok).toBe(false);
        expect(r.why).toMatch(want);
      } else {
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.request).toEqual(want);
      }
    });
  }
});

describe('hostMatches (multiple-site-overview wildcard rules)', () => {
  const table: [string, string, boolean][] = [
    ['shop.contoso.com', 'shop.contoso.com', true],
    ['SHOP.Contoso.com', 'shop.contoso.COM', true],
    ['shop.contoso.com', 'shop.contoso.com.', true],
    ['shop.contoso.com', 'www.contoso.com', false],
    ['*.contoso.com', 'ecom.contoso.com', true],
    ['*.contoso.com', 'customer1.b2b.contoso.com', true], // the docs' own example: * crosses labels
    ['*.contoso.com', 'contoso.com', false], // * is one or more characters (assumed)
    ['*.contoso.com', 'shop.contoso.com.evil.net', false],
    ['*.contoso.*', 'www.contoso.net', true],
    ['*.contoso-*.com', 'a.contoso-eu.com', true],
    ['w??.contoso.com', 'www.contoso.com', true],
    ['w??.contoso.com', 'ww.contoso.com', false],
    ['w??.contoso.com', 'wwww.contoso.com', false],
    ['????.contoso.com', 'shop.contoso.com', true],
    ['*.contoso.com', 'under_score.contoso.com', false], // _ is outside the documented character range
  ];
  for (const [pattern, host, want] of table) it(`${pattern} vs ${host} → ${want}`, () => expect(hostMatches(pattern, host)).toBe(want));
});

describe('pathMatches (url-route-overview)', () => {
  const table: [string, string, 'v1' | 'v2', boolean, RegExp?][] = [
    ['/*', '/anything/at/all', 'v2', true],
    ['/api/*', '/api/v1/users', 'v2', true],
    ['/api/*', '/API/V1', 'v1', true, /prefix/],
    ['/api/*', '/api/', 'v2', true],
    ['/api/*', '/api', 'v2', false, /not documented — assumed not/],
    ['/api/*', '/apis', 'v2', false],
    ['/api', '/api', 'v2', true, /exact/],
    ['/api', '/api/', 'v2', false],
    ['/api', '/API', 'v1', true],
    ['/images*', '/images123', 'v2', true],
    ['/images*', '/images123', 'v1', true, /v1 supports \* only after/],
    ['/images/*.jpg', '/images/a.jpg', 'v2', false, /not a supported pattern/],
  ];
  for (const [pattern, path, gen, want, why] of table) {
    it(`${gen} ${pattern} vs ${path} → ${want}`, () => {
      const m = pathMatches(pattern, path, gen);
      expect(m.matched).toBe(want);
      if (why) expect(m.why).toMatch(why);
      // The same answer without the reasons (trace off), and the reason in Korean too.
      expect(pathMatched(pattern, path.toLowerCase())).toBe(want);
      expect(m.whyKo).toMatch(/[\uac00-\ud7a3]/);
      for (const x of [path, pattern, pattern.slice(0, -1)]) if (m.why.includes(x)) expect(m.whyKo).toContain(x);
    });
  }
});

describe('pathCovers', () => {
  const table: [string, string, boolean][] = [
    ['/*', '/api/*', true],
    ['/api/*', '/api/v1/*', true],
    ['/api/*', '/api/v1', true],
    ['/API/*', '/api/v1/*', true],
    ['/api/*', '/api', false],
    ['/api', '/api', true],
    ['/api', '/api/*', false],
    ['/api/v1/*', '/api/*', false],
    ['/images*', '/images/x', true],
    ['/a/*.jpg', '/a/b.jpg', false],
  ];
  for (const [earlier, later, want] of table) it(`${earlier} covers ${later} → ${want}`, () => expect(pathCovers(earlier, later)).toBe(want));
});
