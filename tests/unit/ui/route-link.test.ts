import { describe, expect, test } from 'vitest';
import { parseHash, routeBase, sameQuery, sameRoute, withQuery } from '../../../src/ui/route-link';

describe('hash routes with a traced URL', () => {
  test('the existing routes still parse', () => {
    expect(parseHash('')).toEqual({ route: { name: 'analyze' }, query: { url: '' } });
    expect(parseHash('#/')).toEqual({ route: { name: 'analyze' }, query: { url: '' } });
    expect(parseHash('#/history').route).toEqual({ name: 'history' });
    expect(parseHash('#/azure').route).toEqual({ name: 'azure' });
    expect(parseHash('#/report/m1x2-abc').route).toEqual({ name: 'report', id: 'm1x2-abc' });
    expect(parseHash('#/report/bad id').route).toEqual({ name: 'analyze' });
    expect(parseHash('#/nowhere').route).toEqual({ name: 'analyze' });
  });

  test('url and frontend round-trip through the hash, whatever the URL holds', () => {
    const urls = ['https://shop.contoso.com/api/orders?id=1&x=a+b#frag', 'http://10.0.0.4:8080/a%2Fb/c d', 'https://예시.kr/경로', 'not a url'];
    for (const url of urls) {
      for (const frontend of [undefined, 'public', 'private'] as const) {
        const h = withQuery('#/report/abc-1', url, frontend);
        expect(parseHash(h)).toEqual({ route: { name: 'report', id: 'abc-1' }, query: frontend ? { url, frontend } : { url } });
        const a = withQuery('#/', url, frontend);
        expect(parseHash(a)).toEqual({ route: { name: 'analyze' }, query: frontend ? { url, frontend } : { url } });
      }
    }
    expect(withQuery('#/', 'http://a/b')).toBe('#/?url=http%3A%2F%2Fa%2Fb');
    expect(withQuery('#/report/x', 'http://a/', 'private')).toBe('#/report/x?url=http%3A%2F%2Fa%2F&frontend=private');
    expect(withQuery('#/', '')).toBe('#/');
  });

  test('bad queries never throw: a broken %-sequence is kept as written, an unknown frontend is dropped', () => {
    expect(parseHash('#/?url=http://a/%E0%A4%A&frontend=dmz&x=1').query).toEqual({ url: 'http://a/%E0%A4%A' });
    expect(parseHash('#/report/r1?frontend=private').query).toEqual({ url: '', frontend: 'private' });
    expect(parseHash('#/history?url=http://a/').query).toEqual({ url: '' });
  });

  test('route identity ignores the query; the base of each route', () => {
    expect(sameRoute(parseHash('#/report/a?url=x').route, parseHash('#/report/a').route)).toBe(true);
    expect(sameRoute(parseHash('#/report/a').route, parseHash('#/report/b').route)).toBe(false);
    expect(sameRoute({ name: 'analyze' }, { name: 'history' })).toBe(false);
    expect(sameQuery({ url: 'a' }, { url: 'a', frontend: undefined })).toBe(true);
    expect(sameQuery({ url: 'a' }, { url: 'a', frontend: 'public' })).toBe(false);
    expect(['analyze', 'history', 'azure'].map((name) => routeBase({ name } as never))).toEqual(['#/', '#/history', '#/azure']);
    expect(routeBase({ name: 'report', id: 'z' })).toBe('#/report/z');
  });
});
