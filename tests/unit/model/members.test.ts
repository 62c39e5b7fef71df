import { describe, expect, it } from 'vitest';
import { memberSource, plainMemberList } from '../../../src/core/model/members';
import { loadText } from '../../../src/core/input/load';
import type { BackendAddressPool } from '../../../src/core/model/types';

const marker = (s: string) => s.startsWith('Microsoft.Azure.');

describe('plainMemberList', () => {
  it('keeps a list of one-key {ipAddress} / {fqdn} members as it is', () => {
    const list = [{ ipAddress: '10.0.0.4' }, { fqdn: 'app.contoso.com' }];
    expect(plainMemberList(list, marker)).toBe(list);
    expect(plainMemberList([], marker)).toEqual([]);
  });
  it.each([
    ['PowerShell keys', [{ IpAddress: '10.0.0.4', Fqdn: null }]],
    ['two keys', [{ ipAddress: '10.0.0.4', fqdn: 'a.b' }]],
    ['white space to trim', [{ ipAddress: ' 10.0.0.4' }]],
    ['trailing tab', [{ fqdn: 'a.contoso.com\t' }]],
    ['a non-breaking space', [{ fqdn: 'a.contoso.com\u00a0' }]],
    ['empty', [{ fqdn: '' }]],
    ['null', [{ fqdn: null }]],
    ['an empty object', [{}]],
    ['a string member', ['10.0.0.4']],
    ['a truncation marker', [{ fqdn: 'Microsoft.Azure.Commands.Network.Models.PSApplicationGatewayBackendAddress' }]],
    ['a duplicated key', [Object.defineProperty({ ipAddress: '10.0.0.5' }, '$duplicates', { value: { ipAddress: ['10.0.0.4', '10.0.0.5'] }, enumerable: false })]],
    ['an unresolved expression', [{ ipAddress: { $unknown: "parameters('ip')" } }]],
  ])('reads %s member by member', (_name, list) => {
    expect(plainMemberList(list as unknown[], marker)).toBeUndefined();
  });
});

describe('memberSource', () => {
  const pool = (addresses: BackendAddressPool['backendAddresses']) =>
    ({ addressesSource: { document: 'd.json', pointer: '/properties/backendAddressPools/0/properties/backendAddresses' }, backendAddresses: addresses }) as BackendAddressPool;
  it('points at the member by its index, or by its place in a kept list, or at the list for a whole unresolved list', () => {
    const kept = [{ ipAddress: '10.0.0.4' }, { ipAddress: '10.0.0.5' }];
    expect(memberSource(pool(kept), kept[1]!).pointer).toBe('/properties/backendAddressPools/0/properties/backendAddresses/1');
    expect(memberSource(pool([]), { fqdn: 'a.b', index: 7 }).pointer).toBe('/properties/backendAddressPools/0/properties/backendAddresses/7');
    expect(memberSource(pool([]), { unresolved: 'x', index: -1 }).pointer).toBe('/properties/backendAddressPools/0/properties/backendAddresses');
  });
  it('gives the same pointers whether the list was kept or rebuilt', () => {
    const rest = (members: unknown[]) => JSON.stringify({
      id: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw', name: 'gw', type: 'Microsoft.Network/applicationGateways',
      properties: { sku: { name: 'Standard_v2', tier: 'Standard_v2' }, backendAddressPools: [{ name: 'p', properties: { backendAddresses: members } }] },
    }, null, 2);
    const pointers = (text: string) => {
      const p = loadText('d.json', text).model.gateways[0]!.backendAddressPools[0]!;
      return p.backendAddresses.map((a) => [a.ipAddress ?? a.fqdn, memberSource(p, a).pointer]);
    };
    const kept = pointers(rest([{ ipAddress: '10.0.0.4' }, { fqdn: 'a.contoso.com' }, { ipAddress: '10.0.0.6' }]));
    const rebuilt = pointers(rest([{ ipAddress: '10.0.0.4' }, { fqdn: 'a.contoso.com' }, { ipAddress: ' 10.0.0.6 ' }]));
    expect(kept).toEqual(rebuilt);
    expect(kept[2]).toEqual(['10.0.0.6', '/properties/backendAddressPools/0/properties/backendAddresses/2']);
  });
});
