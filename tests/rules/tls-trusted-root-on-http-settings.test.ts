import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-trusted-root-on-http-settings';
import { gatewayWith, ref, run, ruleTester, settings, workspace } from './helpers';

ruleTester(
  rule,
  {
    valid: [
      { name: 'Https with a root', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })] })] }) },
      { name: 'Http without roots', ws: workspace() },
    ],
    invalid: [
      { name: 'Http with a root', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })] })] }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'protocol Http but list trusted root certificate(s) root1' }] },
    ],
  },
  it,
);

it('tls-trusted-root-on-http-settings: suggests Https', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })] })] }));
  expect(f.commands.az).toEqual(['az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --protocol Https --port 443']);
  expect(f.affected).toEqual(['listener1']);
});
