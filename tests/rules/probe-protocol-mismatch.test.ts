import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-protocol-mismatch';
import { gatewayWith, probe, ref, rule, ruleTester, settings, workspace } from './helpers';

describe('probe-protocol-mismatch', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'same protocol, different case', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { protocol: 'HTTP' })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })] }) },
        { name: 'probe attached to nothing', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { protocol: 'Https' })] })] }) },
        { name: 'protocol not in the input', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { protocol: undefined })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })] }) },
      ],
      invalid: [
        {
          name: 'HTTPS probe on HTTP settings',
          ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { protocol: 'Https' })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })] }),
          expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'over Http' }],
        },
        {
          name: 'probe shared by HTTP and HTTPS settings',
          ws: workspace({
            gateways: [
              gatewayWith({
                probes: [probe('p1', { protocol: 'Http' })],
                backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') }), settings('s443', { protocol: 'Https', port: 443, probe: ref('probes', 'p1') })],
                requestRoutingRules: [rule('rule1'), rule('rule2', { backendHttpSettings: ref('backendHttpSettingsCollection', 's443') })],
              }),
            ],
          }),
          expect: [{ resource: 'p1', count: 1, messageIncludes: 's443, which use this probe, send traffic over Https' }],
        },
      ],
    },
    it,
  );
});
