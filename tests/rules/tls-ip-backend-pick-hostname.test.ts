import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-ip-backend-pick-hostname';
import { gatewayWith, pool, run, ruleTester, settings, workspace } from './helpers';

const pick = settings('settings1', { protocol: 'Https', port: 443, pickHostNameFromBackendAddress: true });

ruleTester(
  rule,
  {
    valid: [
      { name: 'pick host name with FQDN members', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'web01.contoso.com' }])], backendHttpSettingsCollection: [pick] })] }) },
      { name: 'Http with pick and IPs', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { pickHostNameFromBackendAddress: true })] })] }) },
      { name: 'HTTPS to IPs without pick', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443 })] })] }) },
    ],
    invalid: [
      { name: 'v2: pick + IP member over HTTPS', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [pick] })] }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'pool pool1 has IP member(s) 10.0.1.4' }] },
      { name: 'unknown SKU → warning', ws: workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown', backendHttpSettingsCollection: [pick] })] }), expect: [{ severity: 'warning' }] },
    ],
  },
  it,
);

it('tls-ip-backend-pick-hostname: fix turns pick off and sets a host name', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [pick] })] }));
  expect(f.commands.az?.[0]).toContain('--host-name-from-backend-pool false --host-name <name-on-backend-certificate>');
});
