import { describe, it } from 'vitest';
import rule from '../../src/core/rules/udr-bgp-propagation-unverified';
import { BE_SUBNET_ID, GW_SUBNET_ID, VNET_ID, effectiveRoutes, gatewayWith, routeTable, ruleTester, subnet, vnet, workspace } from './helpers';
import type { Gateway, RouteTable } from '../../src/core/model/types';

function ws(rt: RouteTable | undefined, opts: { gatewaySubnet?: boolean; gw?: Partial<Gateway>; effective?: boolean } = {}) {
  const subnets = [subnet(GW_SUBNET_ID, '10.0.0.0/24', rt ? { routeTable: { id: rt.id, name: rt.name } } : {}), subnet(BE_SUBNET_ID, '10.0.1.0/24')];
  if (opts.gatewaySubnet) subnets.push(subnet(`${VNET_ID}/subnets/GatewaySubnet`, '10.0.255.0/27'));
  return workspace({
    gateways: [gatewayWith(opts.gw)], virtualNetworks: [vnet({ subnets })], routeTables: rt ? [rt] : [],
    effectiveRoutes: opts.effective ? [effectiveRoutes([{ source: 'Default', prefix: '0.0.0.0/0', nextHopType: 'Internet' }])] : [],
  });
}

describe('udr-bgp-propagation-unverified', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no route table and no GatewaySubnet', ws: ws(undefined) },
      { name: 'propagation disabled', ws: ws(routeTable('appgw-rt', [], { disableBgpRoutePropagation: true })) },
      { name: 'user default route present', ws: ws(routeTable('appgw-rt', [{ addressPrefix: '0.0.0.0/0', nextHopType: 'Internet' }])) },
      { name: 'effective routes given (udr-bgp-default-route decides)', ws: ws(routeTable('appgw-rt', []), { effective: true }) },
      { name: 'v1', ws: ws(routeTable('appgw-rt', []), { gw: { generation: 'v1', sku: { name: 'Standard_Small' } } }) },
    ],
    invalid: [
      { name: 'route table propagates', ws: ws(routeTable('appgw-rt', [])), expect: [{ resource: 'appgw-rt', severity: 'info', messageIncludes: 'route table appgw-rt, disableBgpRoutePropagation false' }] },
      { name: 'no route table, VNet has a GatewaySubnet', ws: ws(undefined, { gatewaySubnet: true }), expect: [{ resource: 'appgw-subnet', messageIncludes: 'route table -' }] },
    ],
  }, it);
});
