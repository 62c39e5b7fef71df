import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-host-and-pick';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (over = {}) => gatewayWith({ probes: [probe('p1', over)], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1'), hostName: 'app.contoso.com' })] });

describe('probe-host-and-pick', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'host only', ws: workspace({ gateways: [gw({ host: 'www.contoso.com', pickHostNameFromBackendHttpSettings: false })] }) },
        { name: 'pick only', ws: workspace({ gateways: [gw({ host: undefined, pickHostNameFromBackendHttpSettings: true })] }) },
      ],
      invalid: [
        { name: 'both', ws: workspace({ gateways: [gw({ host: 'www.contoso.com', pickHostNameFromBackendHttpSettings: true })] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'sets host www.contoso.com' }] },
      ],
    },
    it,
  );
});
