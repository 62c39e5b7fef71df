import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/traffic-capacity';
import { gatewayWith, run, ruleTester, workspace } from './helpers';
import { accessLog, metricsBody, withTraffic } from './traffic-helpers';

const t = (m: number) => `2025-02-25T09:${String(m).padStart(2, '0')}:00Z`;
const cu = (values: number[]) => ({ name: 'CapacityUnits', points: values.map((v, i) => ({ time: t(15 + 5 * i), maximum: v, average: v * 0.8 })) });
const unhealthy = (values: number[]) => ({ name: 'UnhealthyHostCount', points: values.map((v, i) => ({ time: t(15 + 5 * i), maximum: v, average: v })), dims: { backendsettingspool: 'pool1~settings1' } });
const failed = (values: number[]) => ({ name: 'FailedRequests', points: values.map((v, i) => ({ time: t(15 + 5 * i), total: v })) });
const rejected = accessLog(5, () => ({ status: 502, serverStatus: '-', latency: '', server: '' }));
const autoscale = (max: number) => workspace({ gateways: [gatewayWith({ autoscale: { minCapacity: 2, maxCapacity: max }, sku: { name: 'Standard_v2', tier: 'Standard_v2' } })] });

describe('traffic-capacity', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no metrics', ws: withTraffic(autoscale(4), { 'log.json': rejected }) },
      { name: 'low capacity and no failures at all', ws: withTraffic(autoscale(4), { 'm.json': metricsBody([cu([3, 4, 3])]) }) },
    ],
    invalid: [
      {
        name: 'saturated: CapacityUnits at 10 × maxCapacity, no unhealthy host',
        ws: withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([cu([10, 39, 39.8, 20]), unhealthy([0, 0, 0, 0]), failed([0, 5, 9, 0])]) }),
        expect: [{ resource: 'gw1', severity: 'error', messageIncludes: 'CapacityUnits peaked at 39.8' }],
      },
      {
        name: 'near the limit but an unhealthy host in the window: back to the backends',
        ws: withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([cu([10, 39, 39.8, 20]), unhealthy([0, 1, 1, 0])]) }),
        expect: [{ severity: 'warning', messageIncludes: 'UnhealthyHostCount max: 1' }],
      },
      {
        name: 'only the 2026 guide\'s direct comparison says saturated',
        ws: withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([cu([3, 5, 6, 4])]) }),
        expect: [{ severity: 'warning', messageIncludes: 'The 2026 guide\'s direct comparison with maxCapacity: 6 against 4' }],
      },
      {
        name: 'capacity ruled out while 502s happen',
        ws: withTraffic(autoscale(10), { 'log.json': rejected, 'm.json': metricsBody([cu([3, 4, 5, 4])]) }),
        expect: [{ severity: 'info', messageIncludes: '5% of 100 units' }],
      },
      {
        name: 'no instance count in the configuration: numbers, no verdict',
        ws: withTraffic(workspace({ gateways: [gatewayWith({ sku: { name: 'Standard_v2', tier: 'Standard_v2' } })] }), { 'log.json': rejected, 'm.json': metricsBody([cu([30, 31])]) }),
        expect: [{ severity: 'info', messageIncludes: '(10 × ? maximum instances, unknown)' }],
      },
      {
        name: 'UnhealthyHostCount without CapacityUnits: says capacity could not be compared, no "?" numbers',
        ws: withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([unhealthy([0, 2, 1, 0])]) }),
        expect: [{ severity: 'warning', messageIncludes: 'The metrics hold no CapacityUnits for' }],
      },
    ],
  }, it);

  it('reports both numbers, which comparison was made, the windows and the 502s moved to capacity', () => {
    const ws = withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([cu([10, 39, 39.8, 20]), unhealthy([0, 0, 0, 0]), failed([0, 5, 9, 0])]) });
    const [f] = run(rule, ws);
    expect(f.text.en.message).toContain('99% of 40 units (10 × 4 maximum instances, autoscaleConfiguration.maxCapacity)');
    expect(f.text.en.message).toContain('direct comparison with maxCapacity: 39.8 against 4');
    expect(f.text.en.message).toContain('saturated windows (2025-02-25 09:20:00–09:30:00 UTC): 5');
    expect(f.text.en.effect).toContain('Comparison made: CapacityUnits (maximum) against 10 × the maximum instance count');
    expect(f.text.ko.effect).toContain('비교 방법');
    expect(f.evidence.find((e) => e.path === 'comparison')?.value).toBe('CapacityUnits 39.8 vs 10 × 4 = 40 (99%); 2026 guide: CapacityUnits 39.8 vs maxCapacity 4');
    expect(f.evidence.filter((e) => e.path.startsWith('accessLog['))).toHaveLength(3);
    expect(f.commands.az?.[0]).toContain('--max-capacity 8');
  });

  it('without CapacityUnits the message prints no placeholder numbers, in either language', () => {
    const [f] = run(rule, withTraffic(autoscale(4), { 'log.json': rejected, 'm.json': metricsBody([unhealthy([0, 2, 1, 0])]) }));
    expect(f.text.en.message).not.toContain('peaked at ?');
    expect(f.text.en.message).toContain('UnhealthyHostCount max: 2');
    expect(f.text.ko.message).toContain('CapacityUnits가 없어');
  });
});
