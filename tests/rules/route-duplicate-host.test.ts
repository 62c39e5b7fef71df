import { describe, it, expect } from 'vitest';
import rule from '../../src/core/rules/route-duplicate-host';
import { gatewayOfSites, gatewayWith, site, pool, workspace, privateFrontend, frontendPort, ruleTester, run } from './helpers';
import type { Gateway } from '../../src/core/model/types';

const V1 = { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1' as const };
const POOLS = [pool('pool1'), pool('empty-pool', []), pool('shop-pool', [{ ipAddress: '10.0.2.4' }])];
const ws = (gw: Gateway) => workspace({ gateways: [gw] });

describe('route-duplicate-host', () => {
  ruleTester(rule, {
    valid: [
      { name: 'distinct host names', ws: ws(gatewayOfSites([site('a', ['a.contoso.com'], { priority: 10 }), site('b', ['b.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })) },
      {
        name: 'same host on two ports',
        ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['shop.contoso.com'], { priority: 20, port: 'port8080' })], { backendAddressPools: POOLS, frontendPorts: [frontendPort('port80', 80), frontendPort('port8080', 8080)] })),
      },
      {
        name: 'same host on the public and the private frontend',
        ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['shop.contoso.com'], { priority: 20, frontend: 'fe-private' })], { frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()], backendAddressPools: POOLS })),
      },
      { name: 'a wildcard and a specific host (route-v2-wildcard-priority)', ws: ws(gatewayOfSites([site('a', ['*.contoso.com'], { priority: 10 }), site('b', ['shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })) },
    ],
    invalid: [
      {
        name: 'v2 priorities: the first one to an empty pool: error',
        ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10, pool: 'empty-pool' }), site('b', ['shop.contoso.com'], { priority: 20, pool: 'shop-pool' })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'b', severity: 'error', messageIncludes: 'Host name shop.contoso.com is on listener a (rule a-rule) and on listener b (rule b-rule), both on frontend IP fe-public port 80. a comes first (priority 10 before priority 20)' }],
      },
      {
        name: 'v1: listed order, case-insensitive host names, pool serving: warning',
        ws: ws(gatewayOfSites([site('a', ['Shop.Contoso.com']), site('b', ['shop.contoso.com'], { pool: 'shop-pool' })], { ...V1, backendAddressPools: POOLS })),
        expect: [{ resource: 'b', severity: 'warning', messageIncludes: '(requestRoutingRules[0] before requestRoutingRules[1])' }],
      },
      {
        name: 'one of several host names repeated',
        ws: ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['www.contoso.com', 'shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'b', messageIncludes: 'receives no requests for shop.contoso.com.' }],
      },
      {
        name: 'the same wildcard twice',
        ws: ws(gatewayOfSites([site('a', ['*.contoso.com'], { priority: 10 }), site('b', ['*.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'b', messageIncludes: 'Host name *.contoso.com' }],
      },
    ],
  }, it);

  it('commands: drop the host, or delete the listener when nothing is left', () => {
    const partial = run(rule, ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['www.contoso.com', 'shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })))[0];
    expect(partial.commands.az).toEqual(["az network application-gateway http-listener update -g rg1 --gateway-name gw1 -n b --host-names 'www.contoso.com'"]);
    expect(partial.affected).toEqual(['b (shop.contoso.com)']);
    const whole = run(rule, ws(gatewayOfSites([site('a', ['shop.contoso.com'], { priority: 10 }), site('b', ['shop.contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })))[0];
    expect(whole.commands.az).toEqual(['az network application-gateway rule delete -g rg1 --gateway-name gw1 -n b-rule', 'az network application-gateway http-listener delete -g rg1 --gateway-name gw1 -n b']);
    expect(whole.commands.powershell).toContain('Remove-AzApplicationGatewayHttpListener -ApplicationGateway $gw -Name b');
  });
});
