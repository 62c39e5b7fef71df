import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-port-mismatch';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

const gw = (port: number | undefined, over = {}) =>
  gatewayWith({ probes: [probe('p1', { port })], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })], ...over });

describe('probe-port-mismatch', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'no port', ws: workspace({ gateways: [gw(undefined)] }) },
        { name: 'same port as the settings', ws: workspace({ gateways: [gw(80)] }) },
        { name: 'probe not attached', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1', { port: 8080 })] })] }) },
      ],
      invalid: [
        { name: 'v2 probe on another port', ws: workspace({ gateways: [gw(8080)] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'settings settings1 go to port 80' }] },
        { name: 'unknown SKU still warns', ws: workspace({ gateways: [gw(8080, { generation: 'unknown', sku: {} })] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'checks port 8080' }] },
      ],
    },
    it,
  );
});
