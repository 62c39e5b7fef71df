import { describe, it, expect } from 'vitest';
import rule from '../../src/core/rules/route-v2-wildcard-priority';
import { gatewayOfSites, site, pool, workspace, health, frontendPort, ruleTester, run } from './helpers';
import type { Gateway } from '../../src/core/model/types';

const POOLS = [pool('pool1'), pool('empty-pool', []), pool('shop-pool', [{ ipAddress: '10.0.2.4' }])];
const ws = (gw: Gateway, extra: Parameters<typeof workspace>[0] = {}) => workspace({ gateways: [gw], ...extra });
const wild = (priority: number | undefined, over: Parameters<typeof site>[2] = {}) => site('wild', ['*.contoso.com'], { priority, ...over });
const shop = (priority: number | undefined, over: Parameters<typeof site>[2] = {}) => site('shop', ['shop.contoso.com'], { priority, pool: 'shop-pool', ...over });

describe('route-v2-wildcard-priority', () => {
  ruleTester(rule, {
    valid: [
      { name: 'specific listener has the smaller number', ws: ws(gatewayOfSites([wild(20), shop(10)], { backendAddressPools: POOLS })) },
      { name: 'the wildcard does not match the specific host', ws: ws(gatewayOfSites([site('wild', ['*.fabrikam.com'], { priority: 10 }), shop(20)], { backendAddressPools: POOLS })) },
      { name: 'the apex is not taken by *.contoso.com', ws: ws(gatewayOfSites([wild(10), site('apex', ['contoso.com'], { priority: 20 })], { backendAddressPools: POOLS })) },
      {
        name: 'different frontend ports',
        ws: ws(gatewayOfSites([wild(10, { port: 'port8080' }), shop(20)], { backendAddressPools: POOLS, frontendPorts: [frontendPort('port80', 80), frontendPort('port8080', 8080)] })),
      },
      { name: 'no priorities: not this rule (the order is then not documented)', ws: ws(gatewayOfSites([wild(undefined), shop(undefined)], { backendAddressPools: POOLS })) },
      { name: 'a basic listener with a smaller number: not a wildcard (route-listener-unreachable)', ws: ws(gatewayOfSites([site('catchall', [], { priority: 10 }), shop(20)], { backendAddressPools: POOLS })) },
    ],
    invalid: [
      {
        name: 'wildcard with the smaller number, its pool serving (health unknown): warning',
        ws: ws(gatewayOfSites([shop(20), wild(10)], { backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', severity: 'warning', messageIncludes: 'Rule wild-rule (priority 10) has wildcard listener wild with host name *.contoso.com, which also matches shop.contoso.com of listener shop; rule shop-rule has priority 20' }],
      },
      {
        name: 'wildcard with the smaller number pointing to an empty pool: error',
        ws: ws(gatewayOfSites([shop(20), wild(10, { pool: 'empty-pool' })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', severity: 'error' }],
      },
      {
        name: 'wildcard pool all Unhealthy: error',
        ws: ws(gatewayOfSites([shop(20), wild(10)], { backendAddressPools: POOLS }), { backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }),
        expect: [{ resource: 'shop-rule', severity: 'error' }],
      },
      {
        name: 'only the host the wildcard matches is named',
        ws: ws(gatewayOfSites([site('shop', ['shop.contoso.com', 'shop.fabrikam.com'], { priority: 20 }), wild(10)], { backendAddressPools: POOLS })),
        expect: [{ resource: 'shop-rule', messageIncludes: 'receives no requests for shop.contoso.com on frontend port 80' }],
      },
      {
        name: 'a narrower wildcard under a broader one',
        ws: ws(gatewayOfSites([site('eu', ['*.eu.contoso.com'], { priority: 20 }), wild(10)], { backendAddressPools: POOLS })),
        expect: [{ resource: 'eu-rule', messageIncludes: 'also matches *.eu.contoso.com' }],
      },
      {
        name: 'wildcard with ? characters',
        ws: ws(gatewayOfSites([site('www', ['www.contoso.com'], { priority: 20 }), site('w3', ['w??.contoso.com'], { priority: 5 })], { backendAddressPools: POOLS })),
        expect: [{ resource: 'www-rule', messageIncludes: 'host name w??.contoso.com' }],
      },
    ],
  }, it);

  it('suggests a free number below the wildcard, or moves the wildcard down when none is free', () => {
    const [f] = run(rule, ws(gatewayOfSites([shop(20), wild(10)], { backendAddressPools: POOLS })));
    expect(f.commands.az).toEqual(['az network application-gateway rule update -g rg1 --gateway-name gw1 -n shop-rule --priority 9']);
    expect(f.commands.powershell).toContain('$rule.Priority = 9');
    const [g] = run(rule, ws(gatewayOfSites([shop(20), wild(1)], { backendAddressPools: POOLS })));
    expect(g.commands.az).toEqual(['az network application-gateway rule update -g rg1 --gateway-name gw1 -n wild-rule --priority 30']);
  });

  it('the effect says where the requests go and that an empty pool is the 502', () => {
    const [f] = run(rule, ws(gatewayOfSites([shop(20), wild(10, { pool: 'empty-pool' })], { backendAddressPools: POOLS })));
    expect(f.text.en.effect).toContain('go through rule wild-rule to backend pool empty-pool');
    expect(f.text.en.effect).toContain('this is a cause of the 502');
    expect(f.text.ko.message).toContain('와일드카드 리스너 wild');
  });
});
