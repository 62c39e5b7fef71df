import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-path-invalid';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

const withProbe = (over = {}) => gatewayWith({ probes: [probe('p1', over)], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] });

describe('probe-path-invalid', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'path /', ws: workspace({ gateways: [withProbe()] }) },
        { name: 'path /health?x=1', ws: workspace({ gateways: [withProbe({ path: '/health?x=1' })] }) },
        { name: 'path not in the input', ws: workspace({ gateways: [withProbe({ path: undefined })] }) },
      ],
      invalid: [
        { name: 'no leading slash', ws: workspace({ gateways: [withProbe({ path: 'health' })] }), expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'has the path "health"' }] },
        { name: 'empty path', ws: workspace({ gateways: [withProbe({ path: '' })] }), expect: [{ resource: 'p1', messageIncludes: 'has the path ""' }] },
        { name: 'leading space', ws: workspace({ gateways: [withProbe({ path: ' /health' })] }), expect: [{ resource: 'p1', messageIncludes: 'has the path " /health"' }] },
        { name: 'a full URL', ws: workspace({ gateways: [withProbe({ path: 'http://x/health' })] }), expect: [{ resource: 'p1', messageIncludes: 'http://x/health' }] },
        { name: 'an unused probe is still rejected by Azure', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p2', { path: 'x' })] })] }), expect: [{ resource: 'p2' }] },
      ],
    },
    it,
  );
});
