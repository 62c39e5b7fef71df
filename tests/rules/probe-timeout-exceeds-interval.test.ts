import { describe, it } from 'vitest';
import check from '../../src/core/rules/probe-timeout-exceeds-interval';
import { gatewayWith, probe, ruleTester, workspace } from './helpers';

const withProbe = (over = {}) => gatewayWith({ probes: [probe('p1', over)] });

describe('probe-timeout-exceeds-interval', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'equal', ws: workspace({ gateways: [withProbe({ interval: 30, timeout: 30 })] }) },
        { name: 'shorter', ws: workspace({ gateways: [withProbe({ interval: 30, timeout: 10 })] }) },
        { name: 'out-of-range values are another rule', ws: workspace({ gateways: [withProbe({ interval: 0, timeout: 30 })] }) },
      ],
      invalid: [
        { name: 'Microsoft sample 30/120', ws: workspace({ gateways: [withProbe({ interval: 30, timeout: 120 })] }), expect: [{ resource: 'p1', severity: 'warning', messageIncludes: 'waits up to 120 s' }] },
      ],
    },
    it,
  );
});
