import { describe, it } from 'vitest';
import rule from '../../src/core/rules/traffic-client-closed';
import { ruleTester, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

describe('traffic-client-closed', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace() },
      { name: 'only 5xx', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ status: 502, serverStatus: '-', latency: '' })) }) },
    ],
    invalid: [
      { name: '499 and 408', ws: withTraffic(workspace(), { 'log.json': accessLog(3, (i) => ({ status: i ? 499 : 408, serverStatus: '-', latency: '' })) }), expect: [{ resource: 'gw1', severity: 'info', messageIncludes: '3 requests ended on the client side between 2025-02-25 09:20:00–09:22:00 UTC' }] },
    ],
  }, it);
});
