import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-ip-backend-https';
import { gatewayWith, pool, run, ruleTester, settings, workspace } from './helpers';

const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });
const v1 = { sku: { name: 'Standard_Medium', tier: 'Standard' }, generation: 'v1' as const };

ruleTester(
  rule,
  {
    valid: [
      { name: 'Http to IPs', ws: workspace() },
      { name: 'v2 HTTPS to IPs with a host name override', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }) },
      { name: 'HTTPS to FQDN members', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'www.contoso.com' }])], backendHttpSettingsCollection: [https()] })] }) },
      { name: 'v2 pick host name (reported by tls-ip-backend-pick-hostname)', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ pickHostNameFromBackendAddress: true })] })] }) },
    ],
    invalid: [
      { name: 'v2 HTTPS to IPs, no host name', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'IP member(s) 10.0.1.4 of pool pool1 over HTTPS and set no host name for them (SKU: v2)' }] },
      { name: 'v1 HTTPS to IPs even with a host name (v1 sends no SNI)', ws: workspace({ gateways: [gatewayWith({ ...v1, backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }), expect: [{ messageIncludes: '(SKU: v1)' }] },
      { name: 'unknown SKU', ws: workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown', backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }])], backendHttpSettingsCollection: [https()] })] }), expect: [{ messageIncludes: '10.0.1.4, 10.0.1.5' }] },
    ],
  },
  it,
);

it('tls-ip-backend-https: v2 fix sets a host name on the settings', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }));
  expect(f.commands.az?.[0]).toBe('az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --host-name <name-on-backend-certificate>');
  expect(f.affected).toEqual(['listener1']);
});
