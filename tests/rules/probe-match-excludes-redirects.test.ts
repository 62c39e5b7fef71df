import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-match-excludes-redirects';
import { gatewayWith, health, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (over = {}) => gatewayWith({ probes: [probe('p1', over)], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] });

describe('probe-match-excludes-redirects', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'default codes', ws: workspace({ gateways: [gw()] }) },
        { name: 'no match object means 200-399', ws: workspace({ gateways: [gw({ match: undefined })] }) },
        { name: 'HTTPS probe accepting only 200', ws: workspace({ gateways: [gw({ protocol: 'Https', match: { statusCodes: ['200'] } })] }) },
        { name: 'HTTP probe accepting 200 and 301-302', ws: workspace({ gateways: [gw({ match: { statusCodes: ['200', '301-302'] } })] }) },
        { name: 'health shows the narrow match works', ws: workspace({ gateways: [gw({ match: { statusCodes: ['200'] } })], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'probe not used by any rule', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { match: { statusCodes: ['200'] } })] })] }) },
      ],
      invalid: [
        { name: 'HTTP probe accepting only 200', ws: workspace({ gateways: [gw({ match: { statusCodes: ['200'] } })] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'leave out 301, 302' }] },
        { name: 'HTTP probe accepting 200-301', ws: workspace({ gateways: [gw({ match: { statusCodes: ['200-301'] } })] }), expect: [{ resource: 'p1', messageIncludes: 'leave out 302' }] },
      ],
    },
    it,
  );
});
