import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-backend-in-gateway-subnet';
import { gatewayWith, pool, run, ruleTester, vnet, workspace } from './helpers';
import type { NetworkInterface } from '../../src/core/model/types';
import { makeRef } from '../../src/core/model/ids';

const nicId = '/subscriptions/s/resourceGroups/rg1/providers/Microsoft.Network/networkInterfaces/vm1-nic';
const nic = (ip: string): NetworkInterface => ({
  id: nicId,
  name: 'vm1-nic',
  source: { document: 'nic.json', pointer: '' },
  ipConfigurations: [{ id: `${nicId}/ipConfigurations/ipconfig1`, name: 'ipconfig1', source: { document: 'nic.json', pointer: '/ipConfigurations/0' }, privateIpAddress: ip }],
});

ruleTester(
  rule,
  {
    valid: [
      { name: 'backend in its own subnet', ws: workspace({ virtualNetworks: [vnet()] }) },
      { name: 'gateway subnet unknown (no VNet in the input): silent', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.0.10' }])] })] }) },
      { name: 'FQDN members are not resolved', ws: workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.internal.contoso.com' }])] })] }) },
    ],
    invalid: [
      {
        name: 'IP member inside 10.0.0.0/24',
        ws: workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.0.10' }])] })] }),
        expect: [{ resource: 'pool1', severity: 'error', messageIncludes: 'member(s) 10.0.0.10 inside the gateway subnet appgw-subnet (10.0.0.0/24)' }],
      },
      {
        name: 'VM NIC member inside the gateway subnet',
        ws: workspace({
          virtualNetworks: [vnet()],
          networkInterfaces: [nic('10.0.0.20')],
          gateways: [gatewayWith({ backendAddressPools: [{ ...pool('pool1', []), backendIpConfigurations: [makeRef(`${nicId}/ipConfigurations/ipconfig1`)] }] })],
        }),
        expect: [{ resource: 'pool1', messageIncludes: '10.0.0.20' }],
      },
    ],
  },
  it,
);

it('gateway-backend-in-gateway-subnet: affected listeners and pool command', () => {
  const [f] = run(rule, workspace({ virtualNetworks: [vnet()], gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.0.10' }])] })] }));
  expect(f.affected).toEqual(['listener1']);
  expect(f.commands.az?.[0]).toBe('az network application-gateway address-pool update -g rg1 --gateway-name gw1 -n pool1 --servers <backend-ip-1> <backend-ip-2>');
});
