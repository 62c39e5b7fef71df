import { describe, it } from 'vitest';
import check from '../../src/core/rules/request-timeout-out-of-range';
import { gatewayWith, ruleTester, settings, workspace } from './helpers';

const gw = (requestTimeout: number | undefined) => gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout })] });

describe('request-timeout-out-of-range', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: '20', ws: workspace() },
        { name: 'not set', ws: workspace({ gateways: [gw(undefined)] }) },
        { name: '86400', ws: workspace({ gateways: [gw(86400)] }) },
        { name: '1', ws: workspace({ gateways: [gw(1)] }) },
      ],
      invalid: [
        { name: '0', ws: workspace({ gateways: [gw(0)] }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'requestTimeout 0' }] },
        { name: '86401', ws: workspace({ gateways: [gw(86401)] }), expect: [{ resource: 'settings1', messageIncludes: '86401' }] },
        { name: '1.5', ws: workspace({ gateways: [gw(1.5)] }), expect: [{ resource: 'settings1', messageIncludes: '1.5' }] },
      ],
    },
    it,
  );
});
