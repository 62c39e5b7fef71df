import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/asymmetric-return-path';
import { BE_SUBNET_ID, GW_SUBNET_ID, nic, routeTable, run, ruleTester, subnet, vnet, workspace } from './helpers';
import type { RouteTable } from '../../src/core/model/types';

const ref = (rt: RouteTable) => ({ id: rt.id, name: rt.name });
function ws(gwRoutes?: RouteTable, beRoutes?: RouteTable, extra: Parameters<typeof workspace>[0] = {}) {
  const v = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', gwRoutes ? { routeTable: ref(gwRoutes) } : {}), subnet(BE_SUBNET_ID, '10.0.1.0/24', beRoutes ? { routeTable: ref(beRoutes) } : {})] });
  return workspace({ virtualNetworks: [v], routeTables: [gwRoutes, beRoutes].filter((x): x is RouteTable => !!x), ...extra });
}
const nvaNic = (forwarding: boolean) => nic('nva-nic', '10.0.2.4', `${BE_SUBNET_ID.replace('backend-subnet', 'nva-subnet')}`, { enableIpForwarding: forwarding });

describe('asymmetric-return-path', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no route tables: direct both ways', ws: ws() },
      { name: 'both directions through the same appliance', ws: ws(routeTable('rt-gw', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }]), routeTable('rt-be', [{ addressPrefix: '10.0.0.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }]), { networkInterfaces: [nvaNic(true)] }) },
      { name: 'a backend default route to an appliance does not catch the VNet (VnetLocal is more specific)', ws: ws(undefined, routeTable('rt-be', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }])) },
      { name: 'a broad route to an appliance, with a more specific route for the gateway subnet back', ws: ws(undefined, routeTable('rt-be', [{ addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }, { addressPrefix: '10.0.0.0/24', nextHopType: 'VnetLocal' }])) },
      { name: 'the backend subnet names a route table the input does not have', ws: workspace({ virtualNetworks: [vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24', { routeTable: { id: '/x/routeTables/missing', name: 'missing' } })] })] }) },
    ],
    invalid: [
      { name: 'responses to the gateway subnet go to an appliance (a broad route covering the VNet), requests go direct', ws: ws(undefined, routeTable('rt-be', [{ addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }])), expect: [{ resource: 'rt-be', severity: 'error', messageIncludes: 'leave via VnetLocal (system route' }] },
      { name: 'requests go through an appliance, responses direct', ws: ws(routeTable('rt-gw', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }])), expect: [{ resource: 'rt-gw', severity: 'error', messageIncludes: 'VirtualAppliance 10.0.2.4' }] },
      { name: 'next hop None on the way back', ws: ws(undefined, routeTable('rt-be', [{ addressPrefix: '10.0.0.0/24', nextHopType: 'None' }])), expect: [{ resource: 'rt-be', severity: 'error', messageIncludes: 'leave via None' }] },
      { name: 'the appliance NIC has IP forwarding off', ws: ws(routeTable('rt-gw', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }]), routeTable('rt-be', [{ addressPrefix: '10.0.0.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }]), { networkInterfaces: [nvaNic(false)] }), expect: [{ severity: 'error', messageIncludes: 'networkInterfaces[nva-nic].enableIPForwarding = false' }] },
      { name: 'two different appliances: a warning (could be one load-balanced cluster)', ws: ws(routeTable('rt-gw', [{ addressPrefix: '10.0.1.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }]), routeTable('rt-be', [{ addressPrefix: '10.0.0.0/24', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.5' }])), expect: [{ severity: 'warning' }] },
    ],
  }, it);

  it('explains the drop and gives the route to add', () => {
    const [f] = run(rule, ws(undefined, routeTable('rt-be', [{ addressPrefix: '10.0.0.0/16', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.0.2.4' }])));
    expect(f.text.en.effect).toContain('stateful device sees half of each flow');
    expect(f.text.en.fix).toContain('in rt-be, a more specific route for 10.0.0.0/24 with next hop VnetLocal');
    expect(f.commands.az?.some((c) => c.includes('route create') && c.includes('--address-prefix 10.0.0.0/24 --next-hop-type VnetLocal'))).toBe(true);
    expect(f.affected).toEqual(['listener1']);
  });
});
