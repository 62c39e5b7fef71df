import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-backend-5xx';
import { run, ruleTester, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const app503 = (n: number) => accessLog(n, (i) => ({ status: 503, serverStatus: '503', latency: '0.004', server: i % 2 ? '10.0.1.5:80' : '10.0.1.4:80' }));

describe('traffic-backend-5xx', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: workspace() },
      { name: 'gateway-made 502s (no backend status)', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ status: 502, serverStatus: '-', latency: '' })) }) },
      { name: 'backend 404s are not 5xx', ws: withTraffic(workspace(), { 'log.json': accessLog(2, () => ({ status: 404, serverStatus: '404' })) }) },
    ],
    invalid: [
      { name: 'the backend answered 503', ws: withTraffic(workspace(), { 'log.json': app503(4) }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: '4 requests (100% of the classified 5xx) got a 5xx that the backend itself returned (serverStatus 503)' }] },
    ],
  }, it);

  it('says plainly it is not a gateway fault, and names the backends', () => {
    const [f] = run(rule, withTraffic(workspace(), { 'log.json': app503(3) }));
    expect(f.text.en.effect).toContain('not a gateway fault');
    expect(f.text.ko.effect).toContain('게이트웨이 장애가 아니며');
    expect(f.text.en.message).toContain('Backends: 10.0.1.4:80 (2), 10.0.1.5:80 (1)');
    expect(f.evidence.filter((e) => e.path.startsWith('accessLog['))).toHaveLength(3);
  });
});
