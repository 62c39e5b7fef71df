import { describe, expect, test } from 'vitest';
import { redact } from '../../../src/core/report/redact';

const SUB = '3f2a6b1c-8d4e-4f7a-9b2c-1e5d7a9c0b34';

describe('redact', () => {
  test('replaces IPs, subscription ids and host names consistently across the whole value', () => {
    const input = {
      a: `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw`,
      b: ['10.20.1.4 and 10.20.1.5 behind www.contoso.com', 'again 10.20.1.4 on WWW.contoso.com'],
      c: { nested: `subscription ${SUB}, prefix 10.20.0.0/24` },
    };
    const { value, replacements } = redact(input);
    expect(value.a).toBe('/subscriptions/SUBSCRIPTION-1/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw');
    expect(value.b[0]).toBe('IP-1 and IP-2 behind host-1.example');
    expect(value.b[1]).toBe('again IP-1 on host-1.example');
    expect(value.c.nested).toBe('subscription SUBSCRIPTION-1, prefix IP-3/24');
    expect(replacements.map((r) => r.placeholder)).toEqual(['SUBSCRIPTION-1', 'IP-1', 'IP-2', 'host-1.example', 'IP-3']);
    expect(input.b[0]).toContain('10.20.1.4'); // the original is left as it was
  });

  test('keeps what identifies nobody: well-known addresses, doc links, resource types, file names, versions', () => {
    const s = 'probe 127.0.0.1 via 168.63.129.16 and 0.0.0.0/0; see https://learn.microsoft.com/azure/x; Microsoft.Network/applicationGateways; gateway.json; engine 0.1.0; build 10.0.17763.1';
    expect(redact(s).value).toBe(s);
  });

  test('other GUIDs get their own placeholders; options switch kinds off', () => {
    const s = `etag W/"6c1d2e3f-0a1b-4c2d-9e3f-4a5b6c7d8e9f" sub /subscriptions/${SUB}/x 10.0.0.1 a.contoso.com`;
    expect(redact(s).value).toBe('etag W/"GUID-1" sub /subscriptions/SUBSCRIPTION-1/x IP-1 host-1.example');
    expect(redact(s, { ips: false, hosts: false }).value).toBe('etag W/"GUID-1" sub /subscriptions/SUBSCRIPTION-1/x 10.0.0.1 a.contoso.com');
  });

  test('wildcard host names keep their wildcard', () => {
    expect(redact('*.contoso.com and api.contoso.com').value).toBe('*.host-1.example and host-2.example');
  });

  test('IPv6 addresses are replaced, times are not', () => {
    expect(redact('fd00:10:20::4 at 05:09:00').value).toBe('IP-1 at 05:09:00');
  });
});
