import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/udr-default-route-not-internet';
import { BE_SUBNET_ID, GW_SUBNET_ID, gatewayWith, routeTable, run, ruleTester, subnet, vnet, workspace } from './helpers';
import type { Gateway, RouteTable } from '../../src/core/model/types';

function ws(rt: RouteTable, gw: Partial<Gateway> = {}, subnetOver = {}) {
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { routeTable: { id: rt.id, name: rt.name }, ...subnetOver }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });
  return workspace({ gateways: [gatewayWith(gw)], virtualNetworks: [v], routeTables: [rt] });
}
const toNva = routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.3.4' }]);
const v1 = { generation: 'v1' as const, sku: { name: 'Standard_Medium', tier: 'Standard' } };

describe('udr-default-route-not-internet', () => {
  ruleTester(rule, {
    valid: [
      { name: '0.0.0.0/0 → Internet', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }])) },
      { name: 'route for a backend prefix only', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '10.1.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.3.4' }])) },
      { name: 'private-only v2 may force-tunnel', ws: ws(toNva, { tags: { EnhancedNetworkControl: 'True' } }) },
      { name: 'no route table', ws: workspace({ virtualNetworks: [vnet()] }) },
    ],
    invalid: [
      { name: 'v2 standard: forced tunnel to an NVA', ws: ws(toNva), expect: [{ resource: 'appgw-rt', severity: 'error', messageIncludes: 'VirtualAppliance 10.0.3.4' }] },
      { name: 'v2 standard: to the VPN gateway', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualNetworkGateway' }])), expect: [{ severity: 'error' }] },
      { name: 'v1: warning', ws: ws(toNva, v1), expect: [{ severity: 'warning' }] },
      { name: 'v1 but next hop None: error', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'None' }]), v1), expect: [{ severity: 'error', messageIncludes: 'to None' }] },
      { name: 'unknown SKU: warning wording both', ws: ws(toNva, { generation: 'unknown', sku: {} }), expect: [{ severity: 'warning' }] },
    ],
  }, it);

  it('v2 fix: route to Internet and disable BGP propagation', () => {
    const [f] = run(rule, ws(toNva));
    expect(f!.commands.az).toEqual([
      'az network route-table route update -g rg1 --route-table-name appgw-rt -n r0 --address-prefix 0.0.0.0/0 --next-hop-type Internet',
      'az network route-table update -g rg1 -n appgw-rt --disable-bgp-route-propagation true',
    ]);
    expect(f!.text.en.effect).toContain("please ensure '0.0.0.0/0' uses Next Hop Type as 'Internet'");
    expect(f!.evidence.find((e) => e.path === 'ruleSet')!.value).toContain('standard v2');
    const [g] = run(rule, ws(toNva, v1));
    expect(g!.text.en.effect).toContain('end to end');
  });
});
