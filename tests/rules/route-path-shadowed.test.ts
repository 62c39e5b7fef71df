import { describe, it, expect } from 'vitest';
import rule from '../../src/core/rules/route-path-shadowed';
import { gatewayOfSites, site, pool, workspace, health, pathRule, urlPathMap, ref, ruleTester, run, redirectConfig } from './helpers';
import type { Gateway, PathRule } from '../../src/core/model/types';

const POOLS = [pool('pool1'), pool('empty-pool', []), pool('api-pool', [{ ipAddress: '10.0.3.4' }]), pool('v1-pool', [{ ipAddress: '10.0.4.4' }])];
const to = (p: string) => ({ backendAddressPool: ref('backendAddressPools', p) });
const withMap = (rules: PathRule[], used = true): Gateway =>
  gatewayOfSites(
    used ? [site('app', ['app.contoso.com'], { priority: 10, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1'), backendAddressPool: undefined, backendHttpSettings: undefined } })] : [site('app', [], { priority: 10 })],
    { urlPathMaps: [urlPathMap('map1', rules)], backendAddressPools: POOLS, redirectConfigurations: [redirectConfig('to-docs', { targetUrl: 'https://docs.contoso.com' })] },
  );
const ws = (gw: Gateway, extra: Parameters<typeof workspace>[0] = {}) => workspace({ gateways: [gw], ...extra });

describe('route-path-shadowed', () => {
  ruleTester(rule, {
    valid: [
      { name: 'specific path first, broad path last', ws: ws(withMap([pathRule('map1', 'api-v1', ['/api/v1/*'], to('v1-pool')), pathRule('map1', 'api-all', ['/api/*'], to('api-pool'))])) },
      { name: '/api/* does not take /api (assumed, documented in the trace)', ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('api-pool')), pathRule('map1', 'api-root', ['/api'], to('v1-pool'))])) },
      { name: 'an exact path before a prefix of it', ws: ws(withMap([pathRule('map1', 'health', ['/api/health'], to('v1-pool')), pathRule('map1', 'api-all', ['/api/*'], to('api-pool'))])) },
      { name: 'broader path first but the same pool and settings: harmless', ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('api-pool')), pathRule('map1', 'api-v1', ['/api/v1/*'], to('api-pool'))])) },
      { name: 'unsupported patterns are not taken as covering', ws: ws(withMap([pathRule('map1', 'jpg', ['/images/*.jpg'], to('api-pool')), pathRule('map1', 'img', ['/images/a.jpg'], to('v1-pool'))])) },
      { name: 'sibling paths', ws: ws(withMap([pathRule('map1', 'a', ['/a/*'], to('api-pool')), pathRule('map1', 'b', ['/b/*'], to('v1-pool'))])) },
    ],
    invalid: [
      {
        name: '/api/* before /api/v1/*, the broader one to an empty pool: error',
        ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('empty-pool')), pathRule('map1', 'api-v1', ['/api/v1/*'], to('v1-pool'))])),
        expect: [{ resource: 'api-v1', severity: 'error', messageIncludes: 'path rule api-v1 comes after broader paths that take its requests first: /api/v1/* ← /api/* (api-all)' }],
      },
      {
        name: '/* first shadows every later path rule',
        ws: ws(withMap([pathRule('map1', 'all', ['/*'], to('api-pool')), pathRule('map1', 'a', ['/a/*'], to('v1-pool')), pathRule('map1', 'b', ['/b'], to('pool1'))])),
        expect: [{ resource: 'a', severity: 'warning' }, { resource: 'b', severity: 'warning' }],
      },
      {
        name: 'the same exact path twice',
        ws: ws(withMap([pathRule('map1', 'health1', ['/health'], to('api-pool')), pathRule('map1', 'health2', ['/HEALTH'], to('v1-pool'))])),
        expect: [{ resource: 'health2', messageIncludes: '/HEALTH ← /health (health1)' }],
      },
      {
        name: 'only some paths of a rule shadowed',
        ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('api-pool')), pathRule('map1', 'v1', ['/api/v1/*', '/v1/*'], to('v1-pool'))])),
        expect: [{ resource: 'v1', messageIncludes: '/api/v1/* ← /api/* (api-all)' }],
      },
      {
        name: 'broader path to a pool whose backends are all Unhealthy: error',
        ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('api-pool')), pathRule('map1', 'api-v1', ['/api/v1/*'], to('v1-pool'))]), { backendHealth: [health([{ pool: 'api-pool', address: '10.0.3.4', health: 'Unhealthy' }])] }),
        expect: [{ resource: 'api-v1', severity: 'error' }],
      },
      {
        name: 'broader path redirects: warning',
        ws: ws(withMap([pathRule('map1', 'docs', ['/docs/*'], { backendAddressPool: undefined, backendHttpSettings: undefined, redirectConfiguration: ref('redirectConfigurations', 'to-docs') }), pathRule('map1', 'docs-api', ['/docs/api/*'], to('v1-pool'))])),
        expect: [{ resource: 'docs-api', severity: 'warning' }],
      },
      {
        name: 'a map no rule uses: warning even on an empty pool',
        ws: ws(withMap([pathRule('map1', 'api-all', ['/api/*'], to('empty-pool')), pathRule('map1', 'api-v1', ['/api/v1/*'], to('v1-pool'))], false)),
        expect: [{ resource: 'api-v1', severity: 'warning' }],
      },
    ],
  }, it);

  it('effect, affected, evidence and commands', () => {
    const gw = withMap([pathRule('map1', 'api-all', ['/api/*'], to('empty-pool')), pathRule('map1', 'api-v1', ['/api/v1/*'], to('v1-pool')), pathRule('map1', 'img', ['/img/*'], to('pool1'))]);
    const [f] = run(rule, ws(gw));
    expect(f.text.en.effect).toBe('Path rule api-v1 receives no request at all (/api/v1/*). They go to path rule api-all: backend pool empty-pool (backend settings settings1). Backend pool empty-pool is empty (no addresses, no NIC IP configurations), so these requests get 502 Bad Gateway: this is a cause of the 502.');
    expect(f.text.ko.effect).toContain('502 Bad Gateway');
    expect(f.affected).toEqual(['app (app.contoso.com) /api/v1/*']);
    expect(f.resource.id).toMatch(/urlPathMaps\/map1\/pathRules\/api-v1$/);
    expect(f.evidence.map((e) => e.value)).toEqual(['/api/* (position 0)', '/api/v1/* (position 1)', '[] (no addresses, no NIC IP configurations)']);
    expect(f.commands.powershell).toContain('$map.PathRules.Insert(0, $pr)');
    expect(f.commands.az).toEqual([
      "az network application-gateway url-path-map rule delete -g rg1 --gateway-name gw1 --path-map-name map1 -n api-all",
      "az network application-gateway url-path-map rule delete -g rg1 --gateway-name gw1 --path-map-name map1 -n img",
      "az network application-gateway url-path-map rule create -g rg1 --gateway-name gw1 --path-map-name map1 -n api-all --paths '/api/*' --address-pool empty-pool --http-settings settings1",
      "az network application-gateway url-path-map rule create -g rg1 --gateway-name gw1 --path-map-name map1 -n img --paths '/img/*' --address-pool pool1 --http-settings settings1",
    ]);
  });
});
