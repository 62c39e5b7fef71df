import { describe, it, expect } from 'vitest';
import { matchesHostName, wildcardMatch, parseIp, normalizeHostName } from '../../../src/core/tls/hostname';
import type { HostNameCertView } from '../../../src/core/tls/hostname';

const sanCert: HostNameCertView = {
  subjectAltNames: [
    { type: 'dns', value: 'www.contoso.com' },
    { type: 'dns', value: '*.api.contoso.com' },
    { type: 'ip', value: '10.0.0.4' },
    { type: 'ip', value: '2001:db8::1' },
  ],
  commonName: 'legacy.contoso.com',
};
const cnOnly: HostNameCertView = { subjectAltNames: [], commonName: 'backend.contoso.com' };

describe('wildcardMatch', () => {
  it('matches exact names', () => {
    expect(wildcardMatch('www.contoso.com', 'www.contoso.com')).toBe(true);
    expect(wildcardMatch('www.contoso.com', 'ww.contoso.com')).toBe(false);
  });
  it('is case-insensitive and ignores a trailing dot on either side', () => {
    expect(wildcardMatch('WWW.Contoso.COM', 'www.contoso.com')).toBe(true);
    expect(wildcardMatch('www.contoso.com.', 'WWW.CONTOSO.COM')).toBe(true);
    expect(wildcardMatch('*.contoso.com', 'A.Contoso.Com.')).toBe(true);
  });
  it('lets a left-most wildcard stand for exactly one label', () => {
    expect(wildcardMatch('*.contoso.com', 'a.contoso.com')).toBe(true);
    expect(wildcardMatch('*.contoso.com', 'contoso.com')).toBe(false); // apex
    expect(wildcardMatch('*.contoso.com', 'a.b.contoso.com')).toBe(false); // two labels
    expect(wildcardMatch('*.contoso.com', '.contoso.com')).toBe(false); // empty label
    expect(wildcardMatch('*.contoso.com', 'a.contoso.org')).toBe(false);
    expect(wildcardMatch('*.contoso.com', 'a.contoso.com.evil.net')).toBe(false); // suffix must line up
    expect(wildcardMatch('www.contoso.com', 'www.contoso.com.evil.net')).toBe(false);
  });
  it('ignores wildcards that are not the whole left-most label', () => {
    expect(wildcardMatch('www.*.com', 'www.contoso.com')).toBe(false);
    expect(wildcardMatch('w*.contoso.com', 'www.contoso.com')).toBe(false);
    expect(wildcardMatch('*.*.contoso.com', 'a.b.contoso.com')).toBe(false);
  });
  it('does not accept a wildcard directly over a single label', () => {
    expect(wildcardMatch('*.com', 'contoso.com')).toBe(false);
    expect(wildcardMatch('*', 'localhost')).toBe(false);
  });
  it('never matches an IP address', () => {
    expect(wildcardMatch('*.0.0.4', '10.0.0.4')).toBe(false);
    expect(wildcardMatch('10.0.0.4', '10.0.0.4')).toBe(false);
  });
});

describe('parseIp / normalizeHostName', () => {
  it('parses IPv4 and rejects malformed forms', () => {
    expect(Array.from(parseIp('10.0.0.4') ?? [])).toEqual([10, 0, 0, 4]);
    expect(parseIp('256.0.0.1')).toBeUndefined();
    expect(parseIp('01.2.3.4')).toBeUndefined();
    expect(parseIp('1.2.3')).toBeUndefined();
    expect(parseIp('www.contoso.com')).toBeUndefined();
  });
  it('parses IPv6 in full, compressed, bracketed and v4-mapped forms', () => {
    const a = parseIp('2001:db8::1');
    expect(a).toBeDefined();
    expect(parseIp('2001:0DB8:0:0:0:0:0:1')).toEqual(a);
    expect(parseIp('[2001:db8::1]')).toEqual(a);
    expect(Array.from(parseIp('::ffff:10.0.0.4') ?? []).slice(10)).toEqual([0xff, 0xff, 10, 0, 0, 4]);
    expect(parseIp('1::2::3')).toBeUndefined();
    expect(parseIp('1:2:3:4:5:6:7:8:9')).toBeUndefined();
  });
  it('normalizes case, whitespace and one trailing dot', () => {
    expect(normalizeHostName('  WWW.Contoso.com. ')).toBe('www.contoso.com');
  });
});

describe('matchesHostName', () => {
  it('matches a DNS SAN and reports it', () => {
    const r = matchesHostName('www.contoso.com', sanCert);
    expect(r).toMatchObject({ matches: true, matchedBy: 'san', candidate: 'www.contoso.com' });
    expect(r.why).toContain('www.contoso.com');
  });
  it('matches a wildcard SAN for exactly one extra label only', () => {
    expect(matchesHostName('orders.api.contoso.com', sanCert)).toMatchObject({ matches: true, candidate: '*.api.contoso.com' });
    expect(matchesHostName('api.contoso.com', sanCert).matches).toBe(false);
    expect(matchesHostName('v1.orders.api.contoso.com', sanCert).matches).toBe(false);
  });
  it('is case-insensitive and ignores the trailing dot', () => {
    expect(matchesHostName('WWW.CONTOSO.COM.', sanCert)).toMatchObject({ matches: true, matchedBy: 'san' });
  });
  it('ignores the CN when the certificate has DNS SANs', () => {
    const r = matchesHostName('legacy.contoso.com', sanCert);
    expect(r.matches).toBe(false);
    expect(r.matchedBy).toBeUndefined();
    expect(r.why).toMatch(/CN .* ignored/);
  });
  it('falls back to the CN only when there is no SAN', () => {
    expect(matchesHostName('backend.contoso.com', cnOnly)).toMatchObject({ matches: true, matchedBy: 'cn', candidate: 'backend.contoso.com' });
    expect(matchesHostName('other.contoso.com', cnOnly).matches).toBe(false);
    expect(matchesHostName('a.contoso.com', { subjectAltNames: [], commonName: '*.contoso.com' })).toMatchObject({ matches: true, matchedBy: 'cn' });
    expect(matchesHostName('contoso.com', { subjectAltNames: [], commonName: '*.contoso.com' }).matches).toBe(false);
  });
  it('uses the CN when the only SANs are IP addresses (RFC 6125 §6.4.4: no DNS-ID present)', () => {
    const ipOnly: HostNameCertView = { subjectAltNames: [{ type: 'ip', value: '10.0.0.4' }], commonName: 'backend.contoso.com' };
    expect(matchesHostName('backend.contoso.com', ipOnly)).toMatchObject({ matches: true, matchedBy: 'cn' });
  });
  it('matches an IP address only against IP SANs', () => {
    expect(matchesHostName('10.0.0.4', sanCert)).toMatchObject({ matches: true, matchedBy: 'san', candidate: '10.0.0.4' });
    expect(matchesHostName('10.0.0.5', sanCert).matches).toBe(false);
    expect(matchesHostName('[2001:DB8:0::1]', sanCert)).toMatchObject({ matches: true, candidate: '2001:db8::1' });
    // an IP written as a DNS SAN or as the CN does not count
    expect(matchesHostName('10.0.0.4', { subjectAltNames: [{ type: 'dns', value: '10.0.0.4' }] }).matches).toBe(false);
    const r = matchesHostName('10.0.0.4', { subjectAltNames: [], commonName: '10.0.0.4' });
    expect(r.matches).toBe(false);
    expect(r.why).toMatch(/only IP SANs/);
  });
  it('does not match when there is nothing to compare', () => {
    expect(matchesHostName('', sanCert).matches).toBe(false);
    expect(matchesHostName('www.contoso.com', { subjectAltNames: [] }).matches).toBe(false);
  });
});
