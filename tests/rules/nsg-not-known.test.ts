import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-not-known';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nic, nsg, pool, run, ruleTester, subnet, vnet, workspace } from './helpers';
import { makeRef } from '../../src/core/model/ids';

const n = nsg('appgw-nsg', []);
const withRef = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { networkSecurityGroup: { id: n.id, name: n.name } }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });

describe('nsg-not-known', () => {
  ruleTester(rule, {
    valid: [
      { name: 'subnet known without NSG', ws: workspace({ virtualNetworks: [vnet()] }) },
      { name: 'subnet and its NSG known', ws: workspace({ virtualNetworks: [withRef], networkSecurityGroups: [n] }) },
      { name: 'subnet unknown but an NSG lists it', ws: workspace({ networkSecurityGroups: [nsg('appgw-nsg', [], [GW_SUBNET_ID])] }) },
      { name: 'no gateway IP configuration subnet (nothing to look up)', ws: workspace({ gateways: [gatewayWith({ gatewayIpConfigurations: [] })] }) },
    ],
    invalid: [
      { name: 'nothing but the gateway', ws: workspace(), expect: [{ resource: 'appgw-subnet', severity: 'info', messageIncludes: 'appgw-subnet (VNet vnet1)' }] },
      { name: 'subnet names an NSG that is missing', ws: workspace({ virtualNetworks: [withRef] }), expect: [{ resource: 'appgw-nsg', severity: 'info', messageIncludes: 'are not in the input' }] },
    ],
  }, it);

  it('gives the VNet, NSG and effective NSG commands with the user names', () => {
    const vmNic = nic('vm1-nic', '10.0.1.4');
    const p = { ...pool('pool1', []), backendIpConfigurations: [makeRef(vmNic.ipConfigurations[0]!.id)] };
    const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendAddressPools: [p] })], virtualNetworks: [withRef], networkInterfaces: [vmNic] }));
    const ps = f!.commands.powershell!.join('\n');
    expect(ps).toContain('Get-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg1');
    expect(ps).toContain('Get-AzNetworkSecurityGroup -Name appgw-nsg -ResourceGroupName rg1');
    expect(ps).toContain('Get-AzEffectiveNetworkSecurityGroup -NetworkInterfaceName vm1-nic -ResourceGroupName rg1');
    expect(f!.commands.az!.join('\n')).toContain('az network nic list-effective-nsg -g rg1 -n vm1-nic');
    expect(f!.text.ko.effect).toContain('appgw-nsg');
    expect(f!.text.en.effect).toContain('the subnet uses NSG appgw-nsg');
  });
});
