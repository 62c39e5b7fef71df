import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/dns-private-fqdn';
import { likelyZone, privateNameKind } from '../../src/core/rules/network-context';
import { gatewayWith, pool, run, ruleTester, vnet, workspace } from './helpers';

const ws = (fqdns: string[], dnsServers?: string[]) => workspace({
  gateways: [gatewayWith({ backendAddressPools: [pool('pool1', fqdns.map((fqdn) => ({ fqdn })))] })],
  virtualNetworks: dnsServers ? [vnet({ dnsServers })] : [],
});

describe('dns-private-fqdn', () => {
  ruleTester(rule, {
    valid: [
      { name: 'public names', ws: ws(['app.contoso.com', 'myapp.azurewebsites.net']) },
      { name: 'IP in the fqdn field', ws: ws(['10.0.1.4']) },
      { name: 'invalid names are left to dns-invalid-fqdn', ws: ws(['https://app.corp/x']) },
      { name: 'no FQDN members', ws: workspace() },
    ],
    invalid: [
      { name: 'privatelink name', ws: ws(['myapp.privatelink.azurewebsites.net'], []), expect: [{ resource: 'pool1', severity: 'warning', messageIncludes: 'privatelink' }] },
      { name: 'corp + single label in one pool: one finding', ws: ws(['api.contoso.corp', 'web01'], []), expect: [{ messageIncludes: 'api.contoso.corp, web01' }] },
      { name: 'custom DNS named', ws: ws(['api.contoso.internal'], ['10.0.0.4']), expect: [{ messageIncludes: 'api.contoso.internal' }] },
      { name: 'VNet unknown', ws: ws(['db.local']), expect: [{ messageIncludes: 'db.local' }] },
    ],
  }, it);

  it('links the likely zone to the gateway VNet', () => {
    const [f] = run(rule, ws(['myapp.privatelink.azurewebsites.net'], []));
    expect(f!.commands.az!.join('\n')).toContain("-z privatelink.azurewebsites.net -n vnet1-link -v /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.Network/virtualNetworks/vnet1 -e false");
    expect(f!.text.en.fix).toContain('Link the private DNS zone');
    expect(run(rule, ws(['api.contoso.internal'], ['10.0.0.4']))[0]!.text.en.effect).toContain('custom DNS servers of VNet vnet1 (10.0.0.4)');
    expect(run(rule, ws(['db.local']))[0]!.text.en.effect).toContain('the VNet is not in the input');
    const [g] = run(rule, ws(['web01'], []));
    expect(g!.text.en.fix).toContain('Single-label names resolve only inside the same VNet');
    expect(g!.commands.az).toEqual([]);
  });

  it('classifies names', () => {
    expect(privateNameKind('a.b.internal.cloudapp.net')).toBe('azure-internal');
    expect(privateNameKind('intranet-app.contoso.com')).toBeUndefined();
    expect(privateNameKind('app.contoso.lan.')).toBe('private-suffix');
    expect(likelyZone('app.contoso.corp')).toBe('contoso.corp');
    expect(likelyZone('x.privatelink.blob.core.windows.net')).toBe('privatelink.blob.core.windows.net');
  });
});
