import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-backend-port-protocol-mismatch';
import { gatewayWith, run, ruleTester, settings, workspace } from './helpers';

ruleTester(
  rule,
  {
    valid: [
      { name: 'Http to 80', ws: workspace() },
      { name: 'Https to 443', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443 })] })] }) },
      { name: 'Http to 8443 (no convention)', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Http', port: 8443 })] })] }) },
      { name: 'unused settings Http to 443', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1'), settings('unused', { port: 443 })] })] }) },
    ],
    invalid: [
      { name: 'Http to 443', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Http', port: 443 })] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'Http on port 443' }] },
      { name: 'Https to 80', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 80 })] })] }), expect: [{ resource: 'settings1', messageIncludes: 'Https on port 80' }] },
    ],
  },
  it,
);

it('gateway-backend-port-protocol-mismatch: suggests the other protocol', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { protocol: 'Http', port: 443 })] })] }));
  expect(f.commands.az).toEqual(['az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --protocol Https']);
  expect(f.text.en.effect).toContain('usually serves Https');
});
