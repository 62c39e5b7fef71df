import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/dns-custom-servers-fqdn-backends';
import { gatewayWith, pool, run, ruleTester, vnet, workspace } from './helpers';

const ws = (fqdns: string[], dnsServers: string[], gw = {}) => workspace({
  gateways: [gatewayWith({ backendAddressPools: [pool('pool1', fqdns.map((fqdn) => ({ fqdn })))], ...gw })],
  virtualNetworks: [vnet({ dnsServers })],
});

describe('dns-custom-servers-fqdn-backends', () => {
  ruleTester(rule, {
    valid: [
      { name: 'Azure-provided DNS', ws: ws(['app.contoso.com'], []) },
      { name: '168.63.129.16 alone is Azure DNS', ws: ws(['app.contoso.com'], ['168.63.129.16']) },
      { name: 'custom DNS, IP members only', ws: ws(['10.0.1.4'], ['10.0.0.4']) },
      { name: 'VNet not in the input', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] })] }) },
    ],
    invalid: [
      { name: 'custom DNS and FQDN members', ws: ws(['app.contoso.com', 'api.contoso.com'], ['10.0.0.4', '10.0.0.5']), expect: [{ resource: 'vnet1', severity: 'warning', messageIncludes: 'custom DNS servers 10.0.0.4, 10.0.0.5' }] },
    ],
  }, it);

  it('gives stop/start and a resolve test, and mentions public names only on standard gateways', () => {
    const [f] = run(rule, ws(['app.contoso.com'], ['10.0.0.4']));
    expect(f!.commands.az).toEqual(['az network application-gateway stop -g rg1 -n gw1', 'az network application-gateway start -g rg1 -n gw1']);
    expect(f!.commands.powershell).toContain('Stop-AzApplicationGateway -ApplicationGateway $gw');
    expect(f!.commands.powershell![0]).toContain('Resolve-DnsName -Name app.contoso.com -Server 10.0.0.4');
    expect(f!.text.en.effect).toContain('Key Vault');
    expect(f!.affected).toEqual(['listener1']);
    const [g] = run(rule, ws(['app.contoso.com'], ['10.0.0.4'], { tags: { EnhancedNetworkControl: 'True' } }));
    expect(g!.text.en.effect).not.toContain('Key Vault');
  });
});
