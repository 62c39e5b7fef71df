import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/udr-bgp-default-route';
import { BE_SUBNET_ID, GW_SUBNET_ID, effectiveRoutes, gatewayWith, nic, routeTable, run, ruleTester, subnet, vnet, workspace, SUB, RG } from './helpers';
import type { Gateway, RouteTable } from '../../src/core/model/types';

const bgpDefault = effectiveRoutes([{ source: 'Default', prefix: '10.0.0.0/16', nextHopType: 'VnetLocal' }, { source: 'VirtualNetworkGateway', prefix: '0.0.0.0/0', nextHopType: 'VirtualNetworkGateway', nextHopIp: '10.255.0.4' }]);
function ws(rt: RouteTable | undefined, extra: Partial<Parameters<typeof workspace>[0]> = {}, gw: Partial<Gateway> = {}) {
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', rt ? { routeTable: { id: rt.id, name: rt.name } } : {}), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], routeTables: rt ? [rt] : [], effectiveRoutes: [bgpDefault], ...extra });
}

describe('udr-bgp-default-route', () => {
  ruleTester(rule, {
    valid: [
      { name: 'propagation disabled', ws: ws(routeTable('appgw-rt', [], { disableBgpRoutePropagation: true })) },
      { name: 'user 0.0.0.0/0 → Internet overrides BGP', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }])) },
      { name: 'no BGP default in the effective routes', ws: ws(undefined, { effectiveRoutes: [effectiveRoutes([{ source: 'VirtualNetworkGateway', prefix: '192.168.0.0/16', nextHopType: 'VirtualNetworkGateway' }])] }) },
      { name: 'private-only v2', ws: ws(undefined, {}, { tags: { EnhancedNetworkControl: 'True' } }) },
      { name: 'v1 is not covered by this rule', ws: ws(undefined, {}, { generation: 'v1', sku: { name: 'Standard_Small' } }) },
      {
        name: 'effective routes of a NIC in another VNet',
        ws: ws(undefined, {
          effectiveRoutes: [{ ...bgpDefault, networkInterface: { id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/other-nic`, name: 'other-nic' } }],
          networkInterfaces: [nic('other-nic', '10.50.0.4', `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet2/subnets/s1`)],
        }),
      },
      { name: 'gateway subnet unknown', ws: workspace({ effectiveRoutes: [bgpDefault] }) },
    ],
    invalid: [
      { name: 'route table propagating and BGP default shown', ws: ws(routeTable('appgw-rt', [])), expect: [{ resource: 'appgw-rt', severity: 'error', messageIncludes: 'VirtualNetworkGateway 10.255.0.4' }] },
      { name: 'no route table at all', ws: ws(undefined), expect: [{ resource: 'appgw-subnet', severity: 'error', messageIncludes: 'route table -, disableBgpRoutePropagation false' }] },
    ],
  }, it);

  it('commands create and attach a route table when the subnet has none, and the assumption is stated', () => {
    const [f] = run(rule, ws(undefined));
    expect(f!.commands.az).toContain('az network route-table create -g rg1 -n appgw-subnet-rt --disable-bgp-route-propagation true');
    expect(f!.commands.az).toContain('az network vnet subnet update -g rg1 --vnet-name vnet1 -n appgw-subnet --route-table appgw-subnet-rt');
    expect(f!.evidence.some((e) => e.path === 'assumption')).toBe(true);
    const [g] = run(rule, ws(routeTable('appgw-rt', [])));
    expect(g!.commands.az).toEqual([
      'az network route-table update -g rg1 -n appgw-rt --disable-bgp-route-propagation true',
      'az network route-table route create -g rg1 --route-table-name appgw-rt -n default-to-internet --address-prefix 0.0.0.0/0 --next-hop-type Internet',
    ]);
  });
});
