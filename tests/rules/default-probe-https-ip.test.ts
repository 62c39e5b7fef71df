import { describe, expect, it } from 'vitest';
import check from '../../src/core/rules/default-probe-https-ip';
import { gatewayWith, pool, probe, ref, run, ruleTester, settings, workspace } from './helpers';

const https = (over = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

describe('default-probe-https-ip', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'HTTP settings', ws: workspace() },
        { name: 'HTTPS with a host name on the settings', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'app.contoso.com' })] })] }) },
        { name: 'HTTPS to an FQDN pool', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()], backendAddressPools: [pool('pool1', [{ fqdn: 'app.contoso.com' }])] })] }) },
        {
          name: 'HTTPS with a custom probe',
          ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { protocol: 'Https', host: 'app.contoso.com' })], backendHttpSettingsCollection: [https({ probe: ref('probes', 'p1') })] })] }),
        },
      ],
      invalid: [
        { name: 'v2 HTTPS default probe to an IP', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'IP members (10.0.1.4)' }] },
        {
          name: 'v1 words the allow-listed default certificate',
          ws: workspace({ gateways: [gatewayWith({ generation: 'v1', sku: { name: 'Standard_Medium', tier: 'Standard' }, backendHttpSettingsCollection: [https()] })] }),
          expect: [{ resource: 'settings1', messageIncludes: 'use HTTPS with the default probe' }],
        },
        {
          name: 'pick host name from an IP member over HTTPS',
          ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ pickHostNameFromBackendAddress: true })] })] }),
          expect: [{ resource: 'settings1' }],
        },
        {
          name: 'unknown SKU says both',
          ws: workspace({ gateways: [gatewayWith({ generation: 'unknown', sku: {}, backendHttpSettingsCollection: [https()] })] }),
          expect: [{ resource: 'settings1' }],
        },
      ],
    },
    it,
  );

  it('words the effect by SKU', () => {
    const effect = (over = {}, s = {}) => run(check, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https(s)], ...over })] }))[0].text.en.effect!;
    expect(effect()).toContain('get no SNI');
    expect(effect()).not.toContain('authentication certificate');
    expect(effect({ generation: 'v1', sku: { name: 'Standard_Medium' } })).toContain('authentication certificate');
    expect(effect({ generation: 'v1', sku: { name: 'Standard_Medium' } })).not.toContain('On v2');
    expect(effect({ generation: 'unknown', sku: {} })).toMatch(/On v2.*On v1/);
    expect(effect({}, { pickHostNameFromBackendAddress: true })).toContain('not supported for IP members');
  });
});
