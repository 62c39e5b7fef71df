import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-unused';
import { gatewayWith, probe, ref, ruleTester, settings, workspace } from './helpers';

describe('probe-unused', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'attached to used settings', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })] }) },
        {
          name: 'routing rules lost from the input',
          ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')], requestRoutingRules: [], lost: [{ part: 'requestRoutingRules', reason: 'depth' }] })] }),
        },
      ],
      invalid: [
        { name: 'attached to nothing', ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')] })] }), expect: [{ resource: 'p1', severity: 'info', messageIncludes: 'settings referencing it: —' }] },
        {
          name: 'attached to settings no rule uses',
          ws: workspace({ gateways: [gatewayWith({ probes: [probe('p1')], backendHttpSettingsCollection: [settings('settings1'), settings('spare', { probe: ref('probes', 'p1') })] })] }),
          expect: [{ resource: 'p1', messageIncludes: 'settings referencing it: spare' }],
        },
      ],
    },
    it,
  );
});
