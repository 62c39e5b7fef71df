import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-outbound-internet-blocked';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nsg, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';
import type { Gateway, SecurityRule } from '../../src/core/model/types';

function ws(rules: SecurityRule[], gw: Partial<Gateway> = {}) {
  const n = nsg('appgw-nsg', rules);
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { networkSecurityGroup: { id: n.id, name: n.name } }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], networkSecurityGroups: [n] });
}
const denyOut = securityRule({ name: 'DenyInternetOut', priority: 4000, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['Internet'] });
const v1 = { generation: 'v1' as const, sku: { name: 'Standard_Medium', tier: 'Standard' } };

describe('nsg-outbound-internet-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'defaults only', ws: ws([]) },
      { name: 'private-only v2 may deny outbound Internet', ws: ws([denyOut], { tags: { EnhancedNetworkControl: 'True' } }) },
      { name: 'deny of some public ranges only', ws: ws([securityRule({ name: 'DenySome', priority: 100, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['203.0.113.0/24', '20.0.0.0/8'] })]) },
      { name: 'deny of SMTP only', ws: ws([securityRule({ name: 'DenySmtp', priority: 100, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['Internet'], destinationPorts: ['25'] })]) },
      { name: 'deny-all after an Internet allow', ws: ws([securityRule({ name: 'AllowInternet', priority: 100, direction: 'Outbound', destinationPrefixes: ['Internet'] }), securityRule({ name: 'DenyAllOut', priority: 4096, direction: 'Outbound', access: 'Deny' })]) },
    ],
    invalid: [
      { name: 'v2 standard: Deny Internet outbound', ws: ws([denyOut]), expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'ports 0-65535' }] },
      { name: 'v2: Deny-All outbound to *', ws: ws([securityRule({ name: 'DenyAllOut', priority: 4096, direction: 'Outbound', access: 'Deny' })]), expect: [{ severity: 'error', messageIncludes: 'DenyAllOut' }] },
      { name: 'v1: warning', ws: ws([denyOut], v1), expect: [{ severity: 'warning' }] },
      { name: 'only 443 denied', ws: ws([securityRule({ name: 'Deny443', priority: 100, direction: 'Outbound', access: 'Deny', destinationPrefixes: ['0.0.0.0/0'], destinationPorts: ['443'] })]), expect: [{ messageIncludes: 'ports 443' }] },
    ],
  }, it);

  it('explains the v2 rejection and proposes the allow', () => {
    const [f] = run(rule, ws([denyOut]));
    expect(f!.text.en.effect).toContain('does not permit');
    expect(f!.affected).toEqual([]);
    expect(f!.commands.az!.join('\n')).toContain('--destination-address-prefixes Internet');
    const [g] = run(rule, ws([denyOut], v1));
    expect(g!.affected).toEqual(['listener1']);
  });
});
