import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-host-missing-multisite';
import { gatewayWith, health, listener, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (probeOver = {}, hostNames = ['www.contoso.com', 'api.contoso.com']) =>
  gatewayWith({
    probes: [probe('p1', { host: undefined, ...probeOver })],
    backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })],
    httpListeners: [listener('listener1', { hostNames })],
  });

describe('probe-host-missing-multisite', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'probe has a host', ws: workspace({ gateways: [gw({ host: 'www.contoso.com' })] }) },
        { name: 'probe picks the host from the settings', ws: workspace({ gateways: [gw({ pickHostNameFromBackendHttpSettings: true })] }) },
        { name: 'basic listener only', ws: workspace({ gateways: [gw({}, [])] }) },
        { name: 'health shows the probe works', ws: workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
      ],
      invalid: [
        { name: 'no host behind multi-site listeners', ws: workspace({ gateways: [gw()] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'www.contoso.com, api.contoso.com' }] },
        { name: 'empty host string', ws: workspace({ gateways: [gw({ host: '  ' })] }), expect: [{ resource: 'p1', messageIncludes: '127.0.0.1' }] },
      ],
    },
    it,
  );
});
