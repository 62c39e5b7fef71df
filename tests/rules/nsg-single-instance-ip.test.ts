import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-single-instance-ip';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nsg, run, ruleTester, securityRule, subnet, vnet, workspace } from './helpers';

const v = () => vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
const withNsg = (rules: Parameters<typeof nsg>[1], gw = gatewayWith()) => workspace({ gateways: [gw], virtualNetworks: [v()], networkSecurityGroups: [nsg('nsg-be', rules)] });

describe('nsg-single-instance-ip', () => {
  ruleTester(rule, {
    valid: [
      { name: 'the gateway subnet prefix', ws: withNsg([securityRule({ name: 'AllowAppGw', priority: 100, sourcePrefixes: ['10.0.0.0/24'], destinationPorts: ['80'] })]) },
      { name: 'single addresses outside the gateway subnet', ws: withNsg([securityRule({ name: 'AllowAdmin', priority: 100, sourcePrefixes: ['10.0.1.7/32'] })]) },
      { name: 'the gateway\'s private frontend IP (fixed)', ws: withNsg([securityRule({ name: 'AllowListener', priority: 100, destinationPrefixes: ['10.0.0.10'] })], gatewayWith({ frontendIpConfigurations: [{ id: 'fe', name: 'fe-private', source: { document: 't', pointer: '' }, privateIpAddress: '10.0.0.10', subnet: { id: GW_SUBNET_ID, name: 'appgw-subnet' } }] })) },
      { name: 'no VNet known', ws: workspace({ networkSecurityGroups: [nsg('nsg-be', [securityRule({ name: 'x', priority: 100, sourcePrefixes: ['10.0.0.4/32'] })])] }) },
    ],
    invalid: [
      { name: 'two instance addresses in an Allow', ws: withNsg([securityRule({ name: 'AllowInstances', priority: 100, sourcePrefixes: ['10.0.0.4/32', '10.0.0.5'], destinationPorts: ['80'] })]), expect: [{ resource: 'nsg-be', severity: 'warning', messageIncludes: 'AllowInstances (10.0.0.4, 10.0.0.5)' }] },
    ],
  }, it);

  it('fix: the subnet prefix, on the side the rule uses', () => {
    const [f] = run(rule, withNsg([securityRule({ name: 'DenyInstance', priority: 100, access: 'Deny', destinationPrefixes: ['10.0.0.6/32'] })]));
    expect(f.commands.az?.[1]).toContain('--destination-address-prefixes 10.0.0.0/24');
    expect(f.evidence[0].path).toBe('networkSecurityGroups[nsg-be].securityRules[DenyInstance].destinationAddressPrefix');
  });
});
