import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-502-empty-pool';
import { gatewayWith, pool, run, ruleTester, workspace } from './helpers';
import { accessLog, withTraffic } from './traffic-helpers';

const nhb = (n: number) => accessLog(n, () => ({ status: 502, serverStatus: '-', latency: '', server: '' }));
const emptyPool = () => workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [])] })] });

describe('traffic-502-empty-pool', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no traffic', ws: emptyPool() },
      { name: '502s on a pool with members', ws: withTraffic(workspace(), { 'log.json': nhb(3) }) },
      { name: 'successful rows only, even with the pool empty', ws: withTraffic(emptyPool(), { 'log.json': accessLog(2, () => ({})) }) },
    ],
    invalid: [
      { name: '502s on the empty pool1', ws: withTraffic(emptyPool(), { 'log.json': nhb(4) }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: '4 requests (100% of the classified 5xx) got 502 with no backend status on backend pool pool1' }] },
    ],
  }, it);

  it('evidence: counts, window, the empty collections and samples; fix commands fill the pool', () => {
    const [f] = run(rule, withTraffic(emptyPool(), { 'log.json': nhb(2) }));
    expect(f.evidence[0].value).toMatch(/^2 of 2 classified 5xx rows/);
    expect(f.evidence[1].value).toBe('2025-02-25 09:20:00–09:21:00 UTC');
    expect(f.evidence.some((e) => e.path === 'backendAddressPools[pool1].backendAddresses' && e.value === '[]')).toBe(true);
    expect(f.commands.az?.[0]).toContain('address-pool update -g rg1 --gateway-name gw1 -n pool1');
  });
});
