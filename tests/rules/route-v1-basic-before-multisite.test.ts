import { describe, it, expect } from 'vitest';
import rule from '../../src/core/rules/route-v1-basic-before-multisite';
import { gatewayOfSites, site, pool, workspace, health, privateFrontend, gatewayWith, ruleTester, frontendPort, run } from './helpers';
import type { Gateway } from '../../src/core/model/types';

const V1 = { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1' as const };
const POOLS = [pool('pool1'), pool('empty-pool', []), pool('shop-pool', [{ ipAddress: '10.0.2.4' }])];
const ws = (gw: Gateway, extra: Parameters<typeof workspace>[0] = {}) => workspace({ gateways: [gw], ...extra });
const catchall = (over: Parameters<typeof site>[2] = {}) => site('catchall', [], { pool: 'empty-pool', ...over });
const shop = (over: Parameters<typeof site>[2] = {}) => site('shop', ['shop.contoso.com'], { pool: 'shop-pool', ...over });

describe('route-v1-basic-before-multisite', () => {
  ruleTester(rule, {
    valid: [
      { name: 'multi-site rule listed before the basic one', ws: ws(gatewayOfSites([shop(), catchall()], { ...V1, backendAddressPools: POOLS })) },
      { name: 'basic rule on another port', ws: ws(gatewayOfSites([catchall({ port: 'port8080' }), shop()], { ...V1, backendAddressPools: POOLS, frontendPorts: [frontendPort('port80', 80), frontendPort('port8080', 8080)] })) },
      {
        name: 'basic rule on the private frontend, multi-site on the public one (same port)',
        ws: ws(gatewayOfSites([catchall({ frontend: 'fe-private' }), shop()], { ...V1, backendAddressPools: POOLS, frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()] })),
      },
      { name: 'v2: multi-site listeners come first whatever the listing', ws: ws(gatewayOfSites([catchall(), shop()], { backendAddressPools: POOLS })) },
      { name: 'SKU unknown but rules have priorities (so v2)', ws: ws(gatewayOfSites([catchall({ priority: 20 }), shop({ priority: 10 })], { sku: {}, generation: 'unknown', backendAddressPools: POOLS })) },
      { name: 'two multi-site listeners with one host: a duplicate, not this rule', ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { pool: 'empty-pool' }), shop()], { ...V1, backendAddressPools: POOLS })) },
    ],
    invalid: [
      {
        name: 'basic rule first, pointing to an empty pool: the 502 (error)',
        ws: ws(gatewayOfSites([catchall(), shop()], { ...V1, backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', severity: 'error', messageIncludes: 'listener shop receives no requests for shop.contoso.com' }],
      },
      {
        name: 'basic rule first, pool serving (health unknown): warning, one per multi-site rule',
        ws: ws(gatewayOfSites([catchall({ pool: 'pool1' }), shop(), site('www', ['www.contoso.com', 'contoso.com'])], { ...V1, backendAddressPools: POOLS })),
        expect: [
          { resource: 'shop-rule', severity: 'warning', messageIncludes: '(requestRoutingRules[0] before requestRoutingRules[1])' },
          { resource: 'www-rule', severity: 'warning', messageIncludes: 'no requests for www.contoso.com, contoso.com' },
        ],
      },
      {
        name: 'basic rule first, every backend Unhealthy: error',
        ws: ws(gatewayOfSites([catchall({ pool: 'pool1' }), shop()], { ...V1, backendAddressPools: POOLS }), { backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }),
        expect: [{ resource: 'shop-rule', severity: 'error' }],
      },
      {
        name: 'SKU unknown, no priorities: said as "if v1", warning even on an empty pool',
        ws: ws(gatewayOfSites([catchall(), shop()], { sku: {}, generation: 'unknown', backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', severity: 'warning' }],
      },
    ],
  }, it);

  it('the finding names where the requests go, the 502, and the reorder commands', () => {
    const gw = gatewayOfSites([catchall(), shop()], { ...V1, backendAddressPools: POOLS });
    const [f] = run(rule, ws(gw));
    expect(f.text.en.effect).toBe('Requests for shop.contoso.com go through rule catchall-rule to backend pool empty-pool (backend settings settings1) instead. Backend pool empty-pool is empty (no addresses, no NIC IP configurations), so these requests get 502 Bad Gateway: this is a cause of the 502.');
    expect(f.text.ko.effect).toContain('502 Bad Gateway');
    expect(f.text.ko.effect).toContain('catchall-rule');
    expect(f.affected).toEqual(['shop (shop.contoso.com)']);
    expect(f.evidence.map((e) => e.path)).toEqual(['requestRoutingRules[catchall-rule]', 'requestRoutingRules[shop-rule]', 'httpListeners[catchall].hostNames', 'httpListeners[shop].hostNames', 'backendAddressPools[empty-pool].backendAddresses']);
    expect(f.commands.powershell).toContain('$gw.RequestRoutingRules.Add($basic)');
    expect(f.commands.az?.at(-1)).toBe('az network application-gateway rule create -g rg1 --gateway-name gw1 -n catchall-rule --http-listener catchall --rule-type Basic --address-pool empty-pool --http-settings settings1');
  });

  it('SKU unknown: the effect says it holds if the gateway is v1', () => {
    const gw = gatewayOfSites([catchall(), shop()], { sku: {}, generation: 'unknown', backendAddressPools: POOLS });
    const [f] = run(rule, ws(gw));
    expect(f.text.en.effect).toMatch(/^If this gateway is v1 \(the input does not show the SKU\): /);
    expect(f.text.ko.effect).toMatch(/^이 게이트웨이가 v1이라면/);
  });
});
