import { describe, it } from 'vitest';
import check from '../../src/core/rules/request-timeout-short';
import { gatewayWith, ruleTester, settings, workspace } from './helpers';

const gw = (requestTimeout: number | undefined, over = {}) => gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout })], ...over });

describe('request-timeout-short', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: '20', ws: workspace() },
        { name: '5 (the threshold)', ws: workspace({ gateways: [gw(5)] }) },
        { name: 'not set', ws: workspace({ gateways: [gw(undefined)] }) },
        { name: '0 is out of range (another rule)', ws: workspace({ gateways: [gw(0)] }) },
        { name: 'short on unused settings', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1'), settings('spare', { requestTimeout: 2 })] })] }) },
      ],
      invalid: [
        { name: '2 s', ws: workspace({ gateways: [gw(2)] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'only 2 s' }] },
        { name: '4 s on v1', ws: workspace({ gateways: [gw(4, { generation: 'v1', sku: { name: 'Standard_Small' } })] }), expect: [{ resource: 'settings1', messageIncludes: 'only 4 s' }] },
      ],
    },
    it,
  );
});
