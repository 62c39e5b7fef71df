import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/dns-vnet-not-known';
import { gatewayWith, pool, run, ruleTester, vnet, workspace } from './helpers';

const fqdnGw = gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] });

describe('dns-vnet-not-known', () => {
  ruleTester(rule, {
    valid: [
      { name: 'VNet known', ws: workspace({ gateways: [fqdnGw], virtualNetworks: [vnet()] }) },
      { name: 'no FQDN members', ws: workspace() },
      { name: 'IP written in fqdn field only', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: '10.0.1.4' }])] })] }) },
    ],
    invalid: [{ name: 'FQDN members, no VNet', ws: workspace({ gateways: [fqdnGw] }), expect: [{ resource: 'vnet1', severity: 'info', messageIncludes: 'app.contoso.com' }] }],
  }, it);

  it('gives the VNet command that shows the DNS servers', () => {
    const [f] = run(rule, workspace({ gateways: [fqdnGw] }));
    expect(f!.commands.powershell).toContain('(Get-AzVirtualNetwork -Name vnet1 -ResourceGroupName rg1).DhcpOptions.DnsServers');
    expect(f!.commands.az).toContain('az network vnet show -g rg1 -n vnet1 --query dhcpOptions.dnsServers');
  });
});
