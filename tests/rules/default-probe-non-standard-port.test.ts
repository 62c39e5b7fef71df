import { describe, it } from 'vitest';
import check from '../../src/core/rules/default-probe-non-standard-port';
import { gatewayWith, health, probe, ref, ruleTester, settings, workspace } from './helpers';

const on8080 = (over = {}) => gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { port: 8080, ...over })] });

describe('default-probe-non-standard-port', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'port 80', ws: workspace() },
        { name: 'port 443', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { port: 443, protocol: 'Https' })] })] }) },
        { name: 'port 8080 with a custom probe', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')], backendHttpSettingsCollection: [settings('settings1', { port: 8080, probe: ref('probes', 'p1') })] })] }) },
        { name: 'port 8080, health shows all Healthy', ws: workspace({ gateways: [on8080()], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'port 8080 on settings no rule uses', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1'), settings('spare', { port: 8080 })] })] }) },
      ],
      invalid: [
        { name: 'port 8080 with the default probe', ws: workspace({ gateways: [on8080()] }), expect: [{ resource: 'settings1', severity: 'info', messageIncludes: 'GET http://127.0.0.1:8080/' }] },
        {
          name: 'port 8443 with Unhealthy servers in backend health',
          ws: workspace({ gateways: [on8080({ port: 8443, protocol: 'Https' })], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }),
          expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'GET https://127.0.0.1:8443/' }],
        },
      ],
    },
    it,
  );
});
