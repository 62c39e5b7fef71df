import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/udr-backend-route-dropped';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, nic, pool, routeTable, run, ruleTester, subnet, vnet, workspace, VNET_ID } from './helpers';
import type { Gateway, NetworkInterface, RouteTable } from '../../src/core/model/types';

function ws(rt: RouteTable | undefined, gw: Partial<Gateway> = {}, nics: NetworkInterface[] = []) {
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', rt ? { routeTable: { id: rt.id, name: rt.name } } : {}), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], routeTables: rt ? [rt] : [], networkInterfaces: nics });
}
const nvaRt = routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.3.4' }]);

describe('udr-backend-route-dropped', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no route table: VnetLocal applies', ws: ws(undefined) },
      { name: 'route table with only 0.0.0.0/0 → Internet: VnetLocal still wins for the backend', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }])) },
      { name: 'None route for a range the backend is not in', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.9.0/24', nextHopType: 'None' }])) },
      { name: 'broader None route loses to VnetLocal /16', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.0.0/8', nextHopType: 'None' }])) },
      { name: 'NVA detour whose return path is known is left to asymmetric-return-path', ws: ws(nvaRt) },
      { name: 'user route VnetLocal', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VnetLocal' }])) },
      { name: 'public backend via 0.0.0.0/0 Internet', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }]), { backendAddressPools: [pool('pool1', [{ ipAddress: '20.1.2.3' }])] }) },
    ],
    invalid: [
      { name: 'backend subnet routed to None', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'None' }])), expect: [{ resource: 'appgw-rt', severity: 'error', messageIncludes: 'r0 (10.0.1.0/24 → None)' }] },
      {
        name: 'backend (peered, return path unknown) via NVA: warning about symmetry',
        ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.3.4' }]), { backendAddressPools: [pool('pool1', [{ ipAddress: '10.1.0.4' }])] }),
        expect: [{ severity: 'warning', messageIncludes: '10.1.0.0/16 → VirtualAppliance 10.0.3.4' }],
      },
      {
        name: 'NVA NIC with IP forwarding off: error',
        ws: ws(nvaRt, {}, [nic('nva-nic', '10.0.3.4', `${VNET_ID}/subnets/nva`, { enableIpForwarding: false })]),
        expect: [{ severity: 'error', messageIncludes: 'VirtualAppliance 10.0.3.4' }],
      },
      {
        name: 'on-premises backend via the VPN gateway',
        ws: ws(routeTable('appgw-rt', [{ addressPrefix: '192.168.5.0/24', nextHopType: 'VirtualNetworkGateway' }]), { backendAddressPools: [pool('pool1', [{ ipAddress: '192.168.5.4' }])] }),
        expect: [{ severity: 'warning', messageIncludes: 'VirtualNetworkGateway) in route table' }],
      },
      { name: 'private backend sent to Internet', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'Internet' }])), expect: [{ severity: 'warning', messageIncludes: '10.0.1.0/24 → Internet' }] },
      {
        name: 'two routes, two findings',
        ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.4/32', nextHopType: 'None' }, { addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.3.4' }]), { backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.1.0.5' }])] }),
        expect: [{ severity: 'error', messageIncludes: '10.0.1.4' }, { severity: 'warning', messageIncludes: '10.1.0.5' }],
      },
    ],
  }, it);

  it('names pools, ports and listeners, and gives commands', () => {
    const [f] = run(rule, ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'None' }])));
    expect(f!.affected).toEqual(['listener1']);
    expect(f!.text.en.effect).toContain('pool pool1 on port 80');
    expect(f!.commands.az).toEqual(['az network route-table route delete -g rg1 --route-table-name appgw-rt -n r0']);
    const [g] = run(rule, ws(nvaRt, {}, [nic('nva-nic', '10.0.3.4', `${VNET_ID}/subnets/nva`, { enableIpForwarding: false })]));
    expect(g!.commands.az).toEqual(['az network nic update -g rg1 -n nva-nic --ip-forwarding true']);
  });

  it('handles a big pool quickly', () => {
    const addresses = Array.from({ length: 1200 }, (_, i) => ({ ipAddress: `10.0.${1 + Math.floor(i / 250)}.${(i % 250) + 1}` }));
    const pools = Array.from({ length: 20 }, (_, i) => pool(`pool${i}`, addresses));
    const t0 = Date.now();
    const found = run(rule, ws(routeTable('appgw-rt', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'None' }]), { backendAddressPools: pools }));
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(found).toHaveLength(1);
    expect(found[0]!.text.en.message).toContain('(+245)');
  });
});
