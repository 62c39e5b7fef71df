import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-gateway-manager-blocked';
import { APPGW_DELEGATION } from '../../src/core/rules/network-context';
import { GW_SUBNET_ID, gatewayWith, nsg, ref, run, ruleTester, securityRule, subnet, vnet, workspace, BE_SUBNET_ID } from './helpers';
import type { Gateway, NetworkSecurityGroup } from '../../src/core/model/types';

const allowGwm = (ports = '65200-65535') => securityRule({ name: 'AllowGwm', priority: 100, protocol: 'Tcp', sourcePrefixes: ['GatewayManager'], destinationPorts: [ports] });
const denyAll = securityRule({ name: 'DenyAll', priority: 4000, access: 'Deny' });
const allowLb = securityRule({ name: 'AllowLb', priority: 110, sourcePrefixes: ['AzureLoadBalancer'] });

function wsWith(rules: NetworkSecurityGroup['securityRules'], gw: Partial<Gateway> = {}, subnetOver = {}) {
  const n = nsg('appgw-nsg', rules);
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { networkSecurityGroup: { id: n.id, name: n.name }, ...subnetOver }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], networkSecurityGroups: [n] });
}
const v1 = { sku: { name: 'Standard_Medium', tier: 'Standard' }, generation: 'v1' as const };
const privateFrontend = { frontendIpConfigurations: [{ id: 'fe', name: 'fe-private', source: { document: 't', pointer: '' }, privateIpAddress: '10.0.0.10', subnet: { id: GW_SUBNET_ID, name: 'appgw-subnet' } }] };

describe('nsg-gateway-manager-blocked', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no NSG on the subnet', ws: workspace({ virtualNetworks: [vnet()] }) },
      { name: 'NSG allows GatewayManager before a Deny-All', ws: wsWith([allowGwm(), allowLb, denyAll]) },
      { name: 'v1 needs only 65503-65534', ws: wsWith([allowGwm('65503-65534'), denyAll], v1) },
      { name: 'NSG with only Allow rules before defaults: default DenyAllInBound would deny, but an allow from Any exists', ws: wsWith([securityRule({ name: 'AllowAll', priority: 200 })]) },
      { name: 'private-only v2 by tag', ws: wsWith([denyAll], { tags: { EnhancedNetworkControl: 'True' } }) },
      { name: 'private-only v2 by private frontends and delegation', ws: wsWith([denyAll], privateFrontend, { delegations: ['Microsoft.Network/applicationGateways'] }) },
      { name: 'Deny on other ports only', ws: wsWith([securityRule({ name: 'DenyRdp', priority: 100, access: 'Deny', destinationPorts: ['3389'] }), allowGwm()]) },
    ],
    invalid: [
      {
        name: 'v1 with Deny-All and no GatewayManager allow',
        ws: wsWith([allowLb, denyAll], v1),
        expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'TCP 65503-65534' }],
      },
      {
        name: 'v1 without any custom rule: the default DenyAllInBound decides',
        ws: wsWith([], v1),
        expect: [{ resource: 'appgw-nsg', severity: 'error', messageIncludes: 'DenyAllInBound' }],
      },
      {
        name: 'v2 standard with the allow on a too small range',
        ws: wsWith([allowGwm('65503-65534'), denyAll]),
        expect: [{ severity: 'error', messageIncludes: 'TCP 65200-65502, 65535' }],
      },
      {
        name: 'v2 with private frontend only but the subnet not delegated: standard rules assumed',
        ws: wsWith([denyAll], privateFrontend),
        expect: [{ severity: 'error' }],
      },
      {
        name: 'deny from Internet before the allow is uncertain offline → warning',
        ws: wsWith([securityRule({ name: 'DenyInternet', priority: 90, access: 'Deny', sourcePrefixes: ['Internet'] }), allowGwm()], v1),
        expect: [{ severity: 'warning', messageIncludes: 'DenyInternet' }],
      },
      {
        name: 'unknown SKU: both ranges named',
        ws: wsWith([denyAll], { generation: 'unknown', sku: {} }),
        expect: [{ severity: 'error', messageIncludes: '65503-65534 (v1) / 65200-65535 (v2)' }],
      },
    ],
  }, it);

  it('v2 finding explains Azure rejects it, names no listener, and gives the allow command', () => {
    const [f] = run(rule, wsWith([allowLb, denyAll]));
    expect(f!.text.en.effect).toContain('ApplicationGatewaySubnetInboundTrafficBlockedByNetworkSecurityGroup');
    expect(f!.affected).toEqual([]);
    expect(f!.evidence.find((e) => e.path === 'ruleSet')!.value).toContain('standard v2');
    expect(f!.commands.az!.join('\n')).toContain('--priority 100');
    expect(f!.commands.az!.join('\n')).toContain('--destination-port-ranges 65200-65535');
    expect(f!.commands.az![0]).toContain('az network nsg rule show -g rg1 --nsg-name appgw-nsg -n DenyAll');
    expect(f!.commands.powershell!.join('\n')).toContain('-SourceAddressPrefix GatewayManager');
    expect(f!.text.ko.effect).toContain('배포 오류');
  });

  it('v1 finding names the listeners as affected', () => {
    const [f] = run(rule, wsWith([denyAll], v1));
    expect(f!.affected).toEqual(['listener1']);
    expect(f!.text.en.effect).toContain('Unknown');
  });

  it('an NSG that lists the gateway subnet is used when the subnet itself is not in the input', () => {
    const n = nsg('appgw-nsg', [denyAll], [GW_SUBNET_ID]);
    const ws = workspace({ gateways: [gatewayWith(v1)], networkSecurityGroups: [n] });
    const found = run(rule, ws);
    expect(found).toHaveLength(1);
    expect(found[0]!.evidence.some((e) => e.path.includes('.subnets'))).toBe(true);
  });

  it('exports the delegation name it compares with', () => {
    expect(APPGW_DELEGATION).toBe('microsoft.network/applicationgateways');
    void ref;
  });
});
