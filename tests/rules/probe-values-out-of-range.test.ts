import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-values-out-of-range';
import { gatewayWith, probe, ruleTester, workspace } from './helpers';

const withProbe = (over = {}) => gatewayWith({ probes: [probe('p1', over)] });

describe('probe-values-out-of-range', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'defaults', ws: workspace({ gateways: [withProbe()] }) },
        { name: 'limits themselves', ws: workspace({ gateways: [withProbe({ interval: 86400, timeout: 1, unhealthyThreshold: 20, port: 65535 })] }) },
        { name: 'port 0 means not set', ws: workspace({ gateways: [withProbe({ port: 0 })] }) },
        { name: 'values not in the input', ws: workspace({ gateways: [withProbe({ interval: undefined, timeout: undefined, unhealthyThreshold: undefined })] }) },
      ],
      invalid: [
        { name: 'interval 0', ws: workspace({ gateways: [withProbe({ interval: 0 })] }), expect: [{ resource: 'p1', severity: 'error', messageIncludes: 'interval 0' }] },
        {
          name: 'threshold and timeout both out of range give one finding',
          ws: workspace({ gateways: [withProbe({ unhealthyThreshold: 21, timeout: 90000 })] }),
          expect: [{ resource: 'p1', count: 1, messageIncludes: 'unhealthyThreshold 21 (1–20)' }],
        },
        { name: 'port 70000', ws: workspace({ gateways: [withProbe({ port: 70000 })] }), expect: [{ resource: 'p1', messageIncludes: 'port 70000' }] },
        { name: 'non-integer interval', ws: workspace({ gateways: [withProbe({ interval: 2.5 })] }), expect: [{ resource: 'p1', messageIncludes: 'interval 2.5' }] },
      ],
    },
    it,
  );
});
