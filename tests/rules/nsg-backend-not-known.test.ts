import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/nsg-backend-not-known';
import { BE_SUBNET_ID, GW_SUBNET_ID, effectiveNsg, gatewayWith, nic, nsg, pool, run, ruleTester, subnet, vnet, workspace } from './helpers';
import { makeRef } from '../../src/core/model/ids';

const beNsg = nsg('backend-nsg', []);
const vnetWithBeNsg = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24', { networkSecurityGroup: { id: beNsg.id, name: beNsg.name } })] });
const outside = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.9.0.4' }, { ipAddress: '10.9.0.5' }])] });

describe('nsg-backend-not-known', () => {
  ruleTester(rule, {
    valid: [
      { name: 'backend subnet known without NSG', ws: workspace({ virtualNetworks: [vnet()] }) },
      { name: 'backend subnet NSG known', ws: workspace({ virtualNetworks: [vnetWithBeNsg], networkSecurityGroups: [beNsg] }) },
      { name: 'gateway subnet unknown: nsg-not-known speaks instead', ws: workspace() },
      { name: 'public backends only', ws: workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '20.1.2.3' }])] })] }) },
      { name: 'effective NSG given for the only backend', ws: workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.9.0.4' }])] })], effectiveNsgs: [effectiveNsg([])] }) },
    ],
    invalid: [
      { name: 'backends outside every known subnet', ws: workspace({ virtualNetworks: [vnet()], gateways: [outside] }), expect: [{ resource: 'pool1', severity: 'info', messageIncludes: '2 private backend(s)' }] },
      { name: 'backend subnet names an NSG the input lacks', ws: workspace({ virtualNetworks: [vnetWithBeNsg] }), expect: [{ resource: 'backend-subnet', messageIncludes: '10.0.1.4' }] },
      {
        name: 'pool member by NIC that is not in the input',
        ws: workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [{ ...pool('pool1', []), backendIpConfigurations: [makeRef(nic('vm9-nic', '10.0.1.9').ipConfigurations[0]!.id)] }] })] }),
        expect: [{ messageIncludes: 'vm9-nic/ipconfig1' }],
      },
    ],
  }, it);

  it('tells how to find the NIC of an address and its effective NSG', () => {
    const [f] = run(rule, workspace({ virtualNetworks: [vnet()], gateways: [outside] }));
    expect(f!.commands.powershell!.join('\n')).toContain("$_.IpConfigurations.PrivateIpAddress -contains 10.9.0.4");
    expect(f!.commands.az!.join('\n')).toContain("privateIPAddress=='10.9.0.4'");
    expect(f!.commands.powershell!.join('\n')).toContain('Get-AzEffectiveNetworkSecurityGroup');
  });
});
