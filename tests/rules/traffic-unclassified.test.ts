import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-unclassified';
import { run, ruleTester, workspace } from './helpers';
import { accessLog, accessRecord, withTraffic } from './traffic-helpers';

describe('traffic-unclassified', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace() },
      { name: 'everything explained', ws: withTraffic(workspace(), { 'log.json': accessLog(3, () => ({ status: 502, serverStatus: '-', latency: '', errorInfo: 'ERRORINFO_UPSTREAM_NO_LIVE' })) }) },
    ],
    invalid: [
      { name: 'a 500 the gateway made itself', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ status: 500, serverStatus: '-', latency: '' })) }), expect: [{ severity: 'warning', messageIncludes: '2 gateway 5xx rows (100% of the classified 5xx) fit no known pattern' }] },
      { name: 'only an unknown error_info code', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ errorInfo: 'ERRORINFO_BRAND_NEW' })) }), expect: [{ severity: 'info', messageIncludes: 'unknown error_info codes: ERRORINFO_BRAND_NEW (2)' }] },
      { name: 'unreadable rows', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({})) + '{not json\n' }), expect: [{ severity: 'info', messageIncludes: 'unreadable rows: 1' }] },
    ],
  }, it);

  it('a latency pinned below the time-out points to the application\'s own time-out', () => {
    const log = accessLog(5, () => ({ status: 504, serverStatus: '-', latency: '10.0', timeTaken: 10.01 }));
    const [f] = run(rule, withTraffic(workspace(), { 'log.json': log }));
    expect(f.text.en.effect).toContain('proxy_read_timeout');
    void accessRecord;
  });
});
