import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/udr-not-known';
import { BE_SUBNET_ID, GW_SUBNET_ID, routeTable, run, ruleTester, subnet, vnet, workspace } from './helpers';

const rt = routeTable('appgw-rt', []);
const withRef = vnet({ subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24', { routeTable: { id: rt.id, name: rt.name } }), subnet(BE_SUBNET_ID, '10.0.1.0/24')] });

describe('udr-not-known', () => {
  ruleTester(rule, {
    valid: [
      { name: 'route table known', ws: workspace({ virtualNetworks: [withRef], routeTables: [rt] }) },
      { name: 'subnet without route table', ws: workspace({ virtualNetworks: [vnet()] }) },
      { name: 'subnet unknown (nsg-not-known / VNet commands cover it)', ws: workspace() },
    ],
    invalid: [{ name: 'subnet names a missing route table', ws: workspace({ virtualNetworks: [withRef] }), expect: [{ resource: 'appgw-rt', severity: 'info', messageIncludes: 'route table appgw-rt' }] }],
  }, it);

  it('gives the route table command', () => {
    const [f] = run(rule, workspace({ virtualNetworks: [withRef] }));
    expect(f!.commands.powershell).toEqual(['Get-AzRouteTable -Name appgw-rt -ResourceGroupName rg1 | ConvertTo-Json -Depth 20']);
    expect(f!.commands.az).toEqual(['az network route-table show -g rg1 -n appgw-rt']);
  });
});
