import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-backend-closed';
import { run, ruleTester, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const closed = (n: number) => accessLog(n, () => ({ status: 502, serverStatus: '-', latency: '0.8', server: '10.0.1.4:80', errorInfo: 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION' }));

describe('traffic-backend-closed', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace() },
      { name: 'other 502s', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ status: 502, serverStatus: '-', latency: '', errorInfo: 'ERRORINFO_UPSTREAM_NO_LIVE' })) }) },
    ],
    invalid: [
      { name: 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION', ws: withTraffic(workspace(), { 'log.json': closed(2) }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: '2 requests (100% of the classified 5xx) failed because the backend closed the connection' }] },
    ],
  }, it);

  it('names the backend and the usual causes', () => {
    const [f] = run(rule, withTraffic(workspace(), { 'log.json': closed(3) }));
    expect(f.text.en.message).toContain('Backends: 10.0.1.4:80 (3)');
    expect(f.text.en.effect).toMatch(/keep-alive/);
  });
});
