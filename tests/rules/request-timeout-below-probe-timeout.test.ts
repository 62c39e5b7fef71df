import { describe, it } from 'vitest';
import check from '../../src/core/rules/request-timeout-below-probe-timeout';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (probeTimeout: number, requestTimeout: number | undefined) =>
  gatewayWith({ probes: [probe('p1', { timeout: probeTimeout })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1'), requestTimeout })] });

describe('request-timeout-below-probe-timeout', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'default probe (30 s) with the default 20 s is not flagged', ws: workspace() },
        { name: 'equal', ws: workspace({ gateways: [gw(20, 20)] }) },
        { name: 'probe shorter', ws: workspace({ gateways: [gw(10, 60)] }) },
      ],
      invalid: [
        { name: 'probe 60 s, request 20 s', ws: workspace({ gateways: [gw(60, 20)] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'probe p1 waits up to 60 s' }] },
        { name: 'request time-out not set (default 20), probe at 45 s', ws: workspace({ gateways: [gw(45, undefined)] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'wait 20 s for a response, but their probe p1 waits up to 45 s' }] },
        { name: 'both at the portal defaults (20 / 30) is only info', ws: workspace({ gateways: [gw(30, 20)] }), expect: [{ resource: 'settings1', severity: 'info', messageIncludes: 'waits up to 30 s' }] },
      ],
    },
    it,
  );
});
