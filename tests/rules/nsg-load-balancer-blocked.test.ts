import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-load-balancer-blocked';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nsg, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import type { Gateway, SecurityRule } from '../../src/core/model/types';

function ws(rules: SecurityRule[], gw: Partial<Gateway> = {}) {
  const n = nsg('appgw-nsg', rules);
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { networkSecurityGroup: { id: n.id, name: n.name } }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], networkSecurityGroups: [n] });
}
const denyAll = securityRule({ name: 'DenyAllCustom', priority: 4096, access: 'Deny' });

describe('nsg-load-balancer-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'defaults only', ws: ws([]) },
      { name: 'explicit AzureLoadBalancer allow before a Deny-All', ws: ws([securityRule({ name: 'AllowLb', priority: 200, sourcePrefixes: ['AzureLoadBalancer'] }), denyAll]) },
      { name: 'a Deny of RDP from Any is not about the load balancer', ws: ws([securityRule({ name: 'DenyRdp', priority: 100, access: 'Deny', destinationPorts: ['3389'] })]) },
      { name: 'a Deny-All from Internet does not cover AzureLoadBalancer', ws: ws([securityRule({ name: 'DenyInternet', priority: 100, access: 'Deny', sourcePrefixes: ['Internet'] })]) },
      { name: 'no NSG known', ws: workspace() },
    ],
    invalid: [
      { name: 'custom Deny-All before 65001', ws: ws([denyAll]), expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'DenyAllCustom (priority 4096)' }] },
      {
        name: 'Deny aimed at AzureLoadBalancer on some ports',
        ws: ws([securityRule({ name: 'DenyLb', priority: 300, access: 'Deny', sourcePrefixes: ['AzureLoadBalancer'], destinationPorts: ['80-443'] })]),
        expect: [{ severity: 'error', messageIncludes: 'on ports 80-443' }],
      },
      { name: 'applies to private-only v2 too', ws: ws([denyAll], { tags: { EnhancedNetworkControl: 'true' } }), expect: [{ severity: 'error' }] },
      {
        name: 'Deny-All after an allow for clients on 443 still blocks the other ports',
        ws: ws([securityRule({ name: 'AllowHttps', priority: 100, destinationPorts: ['443'] }), denyAll]),
        expect: [{ severity: 'error', messageIncludes: '0-442, 444-65535' }],
      },
    ],
  }, it);

  it('gives an allow command before the deny and names the listeners', () => {
    const [f] = run(rule, ws([denyAll]));
    expect(f!.commands.az!.join('\n')).toContain('--source-address-prefixes AzureLoadBalancer');
    expect(f!.commands.az!.join('\n')).toContain('--priority 100');
    expect(f!.affected).toEqual(['listener1']);
  });
});
