import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-pick-host-without-source';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (settingsOver = {}) =>
  gatewayWith({ probes: [probe('p1', { host: undefined, pickHostNameFromBackendHttpSettings: true })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1'), ...settingsOver })] });

describe('probe-pick-host-without-source', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'settings have a host name', ws: workspace({ gateways: [gw({ hostName: 'app.contoso.com' })] }) },
        { name: 'settings pick from the backend address', ws: workspace({ gateways: [gw({ pickHostNameFromBackendAddress: true })] }) },
        { name: 'probe does not pick', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })] }) },
      ],
      invalid: [
        { name: 'neither', ws: workspace({ gateways: [gw()] }), expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'settings settings1 have neither' }] },
        { name: 'explicitly false', ws: workspace({ gateways: [gw({ pickHostNameFromBackendAddress: false })] }), expect: [{ resource: 'p1' }] },
      ],
    },
    it,
  );
});
