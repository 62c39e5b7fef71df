/**
 * End to end: an ordering trap that is the cause of a 502. The portal's 502 detector names it too
 * (azure-facts.md §7): a v1 basic-listener rule listed above multi-site rules, pointing to an empty pool.
 */
import { describe, it, expect } from 'vitest';
import { routeRequest, findingsOnRoute } from '../../../src/core/route/route';
import { routingRules } from '../../../src/core/rules/groups/routing';
import { runRules } from '../../../src/core/rules/engine';
import { gatewayOfSites, site, pool, workspace, health, certificates, frontendPort, pathRule, urlPathMap, ref } from '../../rules/helpers';
import type { Gateway } from '../../../src/core/model/types';

const V1 = { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1' as const };

describe('a v1 basic rule listed first, pointing to an empty pool', () => {
  const gw = gatewayOfSites(
    [site('default-listener', [], { pool: 'old-pool' }), site('shop', ['shop.contoso.com'], { pool: 'shop-pool' }), site('blog', ['blog.contoso.com'], { pool: 'blog-pool' })],
    { ...V1, backendAddressPools: [pool('old-pool', []), pool('shop-pool', [{ ipAddress: '10.0.2.4' }]), pool('blog-pool', [{ ipAddress: '10.0.3.4' }])] },
  );
  const ws = workspace({ gateways: [gw], backendHealth: [health([{ pool: 'shop-pool', address: '10.0.2.4', health: 'Healthy' }, { pool: 'blog-pool', address: '10.0.3.4', health: 'Healthy' }])] });

  it('routeRequest for a multi-site host lands on the empty pool, the trace saying why', () => {
    const r = routeRequest(ws, gw, 'http://shop.contoso.com/cart');
    expect({ listener: r.listener, rule: r.rule, pool: r.pool, backends: r.backends }).toEqual({ listener: 'default-listener', rule: 'default-listener-rule', pool: 'old-pool', backends: [] });
    const shop = r.trace.find((s) => s.step === 'listener' && s.candidate === 'shop')!;
    expect(shop.matched).toBe(false);
    expect(shop.why).toMatch(/evaluated first/);
    expect(r.trace.at(-1)).toMatchObject({ step: 'backends', candidate: 'old-pool', matched: false });
    expect(r.trace.at(-1)!.why).toMatch(/502/);
  });

  it('the rule fires with severity error on each multi-site rule, and only that rule fires', () => {
    const findings = runRules(routingRules, ws, certificates());
    expect(findings.map((f) => [f.ruleId, f.resource.name, f.severity])).toEqual([
      ['route-v1-basic-before-multisite', 'shop-rule', 'error'],
      ['route-v1-basic-before-multisite', 'blog-rule', 'error'],
    ]);
    expect(findings[0].text.en.effect).toContain('backend pool old-pool');
    expect(findings[0].text.en.effect).toContain('this is a cause of the 502');
  });

  it('findingsOnRoute puts the trap on the route it explains, and only there', () => {
    const findings = runRules(routingRules, ws, certificates());
    const shop = routeRequest(ws, gw, 'http://shop.contoso.com/');
    expect(findingsOnRoute(findings, shop, gw).map((f) => f.resource.name)).toEqual(['shop-rule']);
    const blog = routeRequest(ws, gw, 'http://blog.contoso.com/');
    expect(findingsOnRoute(findings, blog, gw).map((f) => f.resource.name)).toEqual(['blog-rule']);
    const other = routeRequest(ws, gw, 'http://www.fabrikam.com/');
    expect(findingsOnRoute(findings, other, gw)).toEqual([]);
  });

  it('reordered (basic rule last), nothing fires and the host reaches its own pool', () => {
    const fixed = gatewayOfSites([site('shop', ['shop.contoso.com'], { pool: 'shop-pool' }), site('blog', ['blog.contoso.com'], { pool: 'blog-pool' }), site('default-listener', [], { pool: 'old-pool' })], { ...V1, backendAddressPools: gw.backendAddressPools });
    const fws = workspace({ gateways: [fixed], backendHealth: ws.backendHealth });
    expect(routeRequest(fws, fixed, 'http://shop.contoso.com/').backends).toEqual([{ address: '10.0.2.4', health: 'Healthy' }]);
    expect(runRules(routingRules, fws, certificates())).toEqual([]);
  });
});

describe('every shadowed listener gets one cause (no double findings)', () => {
  it('a v2 gateway with every kind of trap', () => {
    const gw = gatewayOfSites(
      [
        site('catchall', [], { priority: 5, port: 'port8080', pool: 'empty-pool' }),
        site('late', ['late.contoso.com'], { priority: 50, port: 'port8080' }),
        site('wild', ['*.contoso.com'], { priority: 10 }),
        site('shop', ['shop.contoso.com'], { priority: 20 }),
        site('www1', ['www.fabrikam.com'], { priority: 30 }),
        site('www2', ['www.fabrikam.com'], { priority: 40 }),
        site('app', ['app.fabrikam.com'], { priority: 60, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1') } }),
      ],
      {
        frontendPorts: [frontendPort('port80', 80), frontendPort('port8080', 8080)],
        backendAddressPools: [pool('pool1'), pool('empty-pool', [])],
        urlPathMaps: [urlPathMap('map1', [pathRule('map1', 'all', ['/*']), pathRule('map1', 'api', ['/api/*'], { backendAddressPool: ref('backendAddressPools', 'empty-pool') })])],
      },
    );
    const findings = runRules(routingRules, workspace({ gateways: [gw] }), certificates());
    expect(findings.map((f) => [f.ruleId, f.resource.name, f.severity]).sort()).toEqual([
      ['route-duplicate-host', 'www2', 'warning'],
      ['route-listener-unreachable', 'late-rule', 'error'],
      ['route-path-shadowed', 'api', 'warning'],
      ['route-v2-wildcard-priority', 'shop-rule', 'warning'],
    ]);
  });
});

describe('big gateways', () => {
  it('400 rules on 200 listeners are checked quickly', () => {
    const sites = Array.from({ length: 200 }, (_, i) => site(`l${i}`, i % 50 === 0 ? [] : [`h${i}.contoso.com`, `*.s${i}.contoso.com`], { priority: 10 + i, port: `port${i % 4}` }));
    const gw: Gateway = gatewayOfSites(sites, {
      frontendPorts: [0, 1, 2, 3].map((i) => frontendPort(`port${i}`, 8000 + i)),
      requestRoutingRules: [...sites.map((s) => s.rule), ...sites.map((s, i) => ({ ...s.rule, name: `${s.rule.name}-2`, id: `${s.rule.id}-2`, priority: 1000 + i }))],
      backendAddressPools: [pool('pool1', Array.from({ length: 1200 }, (_, i) => ({ ipAddress: `10.1.${i >> 8}.${i & 255}` })))],
    });
    const t0 = performance.now();
    const findings = runRules(routingRules, workspace({ gateways: [gw] }), certificates());
    const ms = performance.now() - t0;
    expect(findings.length).toBeGreaterThan(0); // basic listeners on each port shadow each other
    expect(ms).toBeLessThan(8000); // a guard against quadratic blow-ups, not a benchmark (about 0.2 s unloaded)
  });
});
