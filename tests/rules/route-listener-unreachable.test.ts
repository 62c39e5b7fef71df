import { describe, it, expect } from 'vitest';
import rule from '../../src/core/rules/route-listener-unreachable';
import { gatewayOfSites, gatewayWith, site, pool, workspace, privateFrontend, ruleTester, run } from './helpers';
import type { Gateway } from '../../src/core/model/types';

const V1 = { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1' as const };
const POOLS = [pool('pool1'), pool('empty-pool', []), pool('shop-pool', [{ ipAddress: '10.0.2.4' }])];
const ws = (gw: Gateway) => workspace({ gateways: [gw] });

describe('route-listener-unreachable', () => {
  ruleTester(rule, {
    valid: [
      { name: 'the default gateway', ws: ws(gatewayWith()) },
      { name: 'v2 without priorities: multi-site and basic listeners share a port', ws: ws(gatewayOfSites([site('catchall', []), site('shop', ['shop.contoso.com'])], { backendAddressPools: POOLS })) },
      { name: 'v2 priorities: multi-site before basic', ws: ws(gatewayOfSites([site('catchall', [], { priority: 20 }), site('shop', ['shop.contoso.com'], { priority: 10 })], { backendAddressPools: POOLS })) },
      {
        name: 'two basic listeners on one port, one public one private',
        ws: ws(gatewayOfSites([site('pub', [], { priority: 10 }), site('priv', [], { priority: 20, frontend: 'fe-private' })], { frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()], backendAddressPools: POOLS })),
      },
      { name: 'v1 basic before multi-site: route-v1-basic-before-multisite says it', ws: ws(gatewayOfSites([site('catchall', []), site('shop', ['shop.contoso.com'])], { ...V1, backendAddressPools: POOLS })) },
      { name: 'duplicate host: route-duplicate-host says it', ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })) },
      { name: 'wildcard priority: route-v2-wildcard-priority says it', ws: ws(gatewayOfSites([site('wild', ['*.contoso.com'], { priority: 10 }), site('shop', ['shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })) },
    ],
    invalid: [
      {
        name: 'v2 priorities: a basic listener with a smaller number than a multi-site one, to an empty pool: error',
        ws: ws(gatewayOfSites([site('shop', ['shop.contoso.com'], { priority: 20, pool: 'shop-pool' }), site('catchall', [], { priority: 10, pool: 'empty-pool' })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', severity: 'error', messageIncludes: 'Listener shop (rule shop-rule) on frontend port 80 is shadowed by listener catchall (rule catchall-rule), which comes first in the evaluation order (priority 10 before priority 20)' }],
      },
      {
        name: 'v1: two basic listeners on one port, the first to an empty pool: error',
        ws: ws(gatewayOfSites([site('first', [], { pool: 'empty-pool' }), site('second', [])], { ...V1, backendAddressPools: POOLS })),
        expect: [{ resource: 'second-rule', severity: 'error', messageIncludes: '(requestRoutingRules[0] before requestRoutingRules[1])' }],
      },
      {
        name: 'v2 without priorities: two basic listeners — the order between them is not documented: warning',
        ws: ws(gatewayOfSites([site('first', [], { pool: 'empty-pool' }), site('second', [])], { backendAddressPools: POOLS })),
        expect: [{ resource: 'second-rule', severity: 'warning' }],
      },
      {
        name: 'v2 without priorities: a wildcard listed first takes part of a listener (warning, partial)',
        ws: ws(gatewayOfSites([site('wild', ['*.contoso.com']), site('mixed', ['shop.contoso.com', 'www.fabrikam.com'])], { backendAddressPools: POOLS })),
        expect: [{ resource: 'mixed-rule', severity: 'warning' }],
      },
    ],
  }, it);

  it('says which requests are lost and proposes a priority', () => {
    const [f] = run(rule, ws(gatewayOfSites([site('shop', ['shop.contoso.com'], { priority: 20, pool: 'shop-pool' }), site('catchall', [], { priority: 10, pool: 'empty-pool' })], { backendAddressPools: POOLS })));
    expect(f.text.en.effect).toBe('No request reaches listener shop. They go through rule catchall-rule to backend pool empty-pool (backend settings settings1). Backend pool empty-pool is empty (no addresses, no NIC IP configurations), so these requests get 502 Bad Gateway: this is a cause of the 502.');
    expect(f.text.ko.effect).toContain('리스너 shop에는 어떤 요청도 도달하지 않습니다.');
    expect(f.affected).toEqual(['shop (shop.contoso.com)']);
    expect(f.commands.az).toEqual(['az network application-gateway rule update -g rg1 --gateway-name gw1 -n shop-rule --priority 9']);
  });

  it('partial: names only the lost hosts, and the uncertain order', () => {
    const [f] = run(rule, ws(gatewayOfSites([site('wild', ['*.contoso.com']), site('mixed', ['shop.contoso.com', 'www.fabrikam.com'])], { backendAddressPools: POOLS })));
    expect(f.text.en.effect).toMatch(/^Requests for shop\.contoso\.com never reach listener mixed\./);
    expect(f.text.en.effect).toMatch(/verify before acting/);
    expect(f.affected).toEqual(['mixed (shop.contoso.com)']);
    expect(f.commands.az?.[0]).toContain('http-listener update -g rg1 --gateway-name gw1 -n mixed --host-names <host-name>');
  });
});
