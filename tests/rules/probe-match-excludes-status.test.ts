import { describe, expect, it } from 'vitest';
import check from '../../src/core/rules/probe-match-excludes-status';
import { gatewayWith, health, probe, ref, run, ruleTester, settings, workspace } from './helpers';

const gw = (over = {}) => gatewayWith({ probes: [probe('p1', over)], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] });
const log = (code: number, expected = '200-399') => `Status code of the backend's HTTP response did not match the probe setting. Expected:${expected} Received:${code}.`;

describe('probe-match-excludes-status', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'no backend health', ws: workspace({ gateways: [gw({ match: { statusCodes: ['200'] } })] }) },
        { name: 'all healthy', ws: workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }])] }) },
        { name: 'unhealthy for another reason', ws: workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: 'Application Gateway could not connect to the backend.' }])] }) },
        { name: 'received code is accepted now (health older than the probe change)', ws: workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(302, '200') }])] }) },
        { name: 'default probe (no custom probe) is backend-probe-log\'s', ws: workspace({ backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(404) }])] }) },
      ],
      invalid: [
        {
          name: '401 on two servers',
          ws: workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(401) }, { address: '10.0.1.5', health: 'Unhealthy', log: log(401) }])] }),
          expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'other codes (401 ×2): 10.0.1.4, 10.0.1.5' }],
        },
        {
          name: 'two codes in one finding',
          ws: workspace({ gateways: [gw({ match: { statusCodes: ['200'] } })], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(404, '200') }, { address: '10.0.1.5', health: 'Unhealthy', log: log(301, '200') }])] }),
          expect: [{ resource: 'p1', count: 1, messageIncludes: 'accepts status codes 200, but' }],
        },
      ],
    },
    it,
  );

  it('accepts 401 in the match but never 404', () => {
    const f401 = run(check, workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(401) }])] }))[0];
    expect(f401.commands.az![0]).toContain('--match-status-codes 200-399 401');
    expect(f401.text.ko.fix).toContain('401');
    const f404 = run(check, workspace({ gateways: [gw()], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(404) }])] }))[0];
    expect(f404.commands.az![0]).not.toContain('404');
    expect(f404.commands.az![0]).toContain('--path');
  });

  it('keeps the body match in the PowerShell command', () => {
    const f = run(check, workspace({ gateways: [gw({ match: { statusCodes: ['200-399'], body: 'OK' } })], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy', log: log(302, '200-299') }, { address: '10.0.1.5', health: 'Unhealthy', log: log(401) }])] }))[0];
    expect(f.commands.powershell!.join('\n')).toContain("-Body 'OK'");
  });
});
