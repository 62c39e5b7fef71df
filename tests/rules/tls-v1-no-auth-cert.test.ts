import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-v1-no-auth-cert';
import { gatewayWith, ref, run, ruleTester, settings, workspace } from './helpers';

const v1 = { sku: { name: 'Standard_Small', tier: 'Standard' }, generation: 'v1' as const };
const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'v1 with an authentication certificate', ws: workspace({ gateways: [gatewayWith({ ...v1, backendHttpSettingsCollection: [https({ authenticationCertificates: [ref('authenticationCertificates', 'backend')] })] })] }) },
      { name: 'v1 Http', ws: workspace({ gateways: [gatewayWith({ ...v1 })] }) },
      { name: 'v2 without (well-known CA needs nothing)', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }) },
      { name: 'unknown SKU: not decided here', ws: workspace({ gateways: [gatewayWith({ sku: {}, generation: 'unknown', backendHttpSettingsCollection: [https()] })] }) },
    ],
    invalid: [
      { name: 'v1 HTTPS without', ws: workspace({ gateways: [gatewayWith({ ...v1, backendHttpSettingsCollection: [https()] })] }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'use HTTPS on a v1 gateway' }] },
      { name: 'unused settings → warning', ws: workspace({ gateways: [gatewayWith({ ...v1, backendHttpSettingsCollection: [settings('settings1'), settings('spare', { protocol: 'Https', port: 443 })] })] }), expect: [{ resource: 'spare', severity: 'warning' }] },
    ],
  },
  it,
);

it('tls-v1-no-auth-cert: commands upload and attach the certificate', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ ...v1, backendHttpSettingsCollection: [https()] })] }));
  expect(f.commands.az).toEqual([
    'az network application-gateway auth-cert create -g rg1 --gateway-name gw1 -n settings1-backend --cert-file backend.cer',
    'az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --auth-certs settings1-backend',
  ]);
  expect(f.affected).toEqual(['listener1']);
});
