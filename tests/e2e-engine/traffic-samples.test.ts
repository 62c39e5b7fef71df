/**
 * The traffic samples shipped with the app (src/ui/samples, listed in index.ts): each gateway plus its log export
 * (and backend health / metrics) gives its class, the traffic finding for it at the right severity with counts and
 * the window, in the log shape it was written in — and no other error than the ones that explain it.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze';
import type { Severity } from '../../src/core/model/types';
import type { TrafficClass, TrafficFormat } from '../../src/core/traffic/types';
import { SAMPLE_FILES, sampleDocs } from '../e2e/samples';

const NOW = new Date('2026-03-10T10:00:00Z');

interface Expectation {
  cls: TrafficClass;
  count: number;
  rule: string;
  severity: Severity;
  resource: string;
  formats: TrafficFormat[];
  /** Error findings besides `rule` that are allowed (they explain the same failure from the configuration). */
  alsoErrors?: string[];
  message: RegExp;
}

const EXPECT: Record<string, Expectation> = {
  'traffic-no-healthy-backend': {
    cls: 'no-healthy-backend', count: 35, rule: 'traffic-no-healthy-backend', severity: 'error', resource: 'pool-tickets',
    formats: ['storage-json-lines', 'metrics-json'], alsoErrors: ['backend-all-unhealthy', 'backend-probe-log'],
    message: /^35 requests \(100% of the classified 5xx\) got 502 with no backend status and no backend latency on backend pool pool-tickets between 2026-03-10 09:02:14–09:29:44 UTC/,
  },
  'traffic-backend-timeout': {
    cls: 'backend-timeout', count: 16, rule: 'traffic-backend-timeout', severity: 'error', resource: 'settings-hr',
    formats: ['azurediagnostics-csv'],
    message: /^16 requests \(100% of the classified 5xx\) timed out waiting for the backend through backend settings settings-hr between 2026-03-10 08:57:08–09:21:05 UTC/,
  },
  'traffic-backend-5xx': {
    cls: 'backend-5xx', count: 28, rule: 'traffic-backend-5xx', severity: 'error', resource: 'pool-checkout',
    formats: ['agwaccesslogs-csv'],
    message: /^28 requests \(100% of the classified 5xx\) got a 5xx that the backend itself returned .* on backend pool pool-checkout between 2026-03-10 09:06:20–09:29:57 UTC/,
  },
  'traffic-backend-closed': {
    cls: 'backend-closed', count: 20, rule: 'traffic-backend-closed', severity: 'error', resource: 'pool-files',
    formats: ['records-wrapper'],
    message: /^20 requests \(100% of the classified 5xx\) failed because the backend closed the connection before answering \(ERRORINFO_UPSTREAM_CLOSED_CONNECTION\) on backend pool pool-files/,
  },
  'traffic-client': {
    cls: 'client', count: 21, rule: 'traffic-client-closed', severity: 'info', resource: 'agw-mobile-prod',
    formats: ['azurediagnostics-csv'],
    message: /^21 requests ended on the client side between 2026-03-10 08:43:25–09:21:40 UTC .*: 408 × 3, 499 × 18/,
  },
  'traffic-capacity': {
    cls: 'capacity', count: 33, rule: 'traffic-capacity', severity: 'error', resource: 'agw-sale-prod',
    formats: ['agwaccesslogs-csv', 'metrics-json'],
    message: /^CapacityUnits peaked at 99\.1 \(2026-03-10 09:05:00 UTC\) .*99% of 100 units \(10 × 10 maximum instances, autoscaleConfiguration\.maxCapacity\)/,
  },
};

describe('traffic samples', () => {
  it('every traffic sample of the app is covered here, and every one here is in the app', () => {
    expect(Object.keys(SAMPLE_FILES).filter((id) => id.startsWith('traffic-')).sort()).toEqual(Object.keys(EXPECT).sort());
  });

  for (const [id, e] of Object.entries(EXPECT)) {
    it(`${id}: ${e.cls} → ${e.rule} (${e.severity}) on ${e.resource}`, async () => {
      const { report } = await analyze(sampleDocs(id), { locale: 'en', now: NOW });
      const t = report.traffic!;
      // The log shape the sample was written in, read without a problem.
      expect(t.documents.map((d) => d.format).sort()).toEqual([...e.formats].sort());
      expect(t.documents.every((d) => d.odd === 0 && d.foreign === 0)).toBe(true);
      expect(report.documents.every((d) => d.problems.length === 0)).toBe(true);
      // One gateway, joined with the configuration; one class: the sample's.
      expect(t.gateways).toHaveLength(1);
      const g = t.gateways[0];
      expect(g.gateway).toBe(report.gateways[0].name);
      expect(g.classes.map((c) => [c.class, c.count])).toEqual([[e.cls, e.count]]);
      // The finding, with counts, the window and sample rows as evidence.
      const f = report.findings.filter((x) => x.ruleId === e.rule);
      expect(f.map((x) => [x.severity, x.resource.name])).toEqual([[e.severity, e.resource]]);
      expect(f[0].message).toMatch(e.message);
      expect(f[0].evidence.filter((x) => x.path.startsWith('accessLog[')).length).toBeGreaterThanOrEqual(e.cls === 'capacity' ? 3 : 2);
      // Nothing else at error severity but what explains the same failure.
      const errors = report.findings.filter((x) => x.severity === 'error').map((x) => x.ruleId).sort();
      expect(errors).toEqual([...(e.severity === 'error' ? [e.rule] : []), ...(e.alsoErrors ?? [])].sort());
      // The Traffic view has rows to drill into besides the evidence.
      expect(g.classes[0].samples.length).toBe(3);
      expect(g.classes[0].drill?.length ?? 0).toBeGreaterThan(3);
    });
  }

  it('the time-out sample is read as v1 and compared with its settings\' 20 s', async () => {
    const { report } = await analyze(sampleDocs('traffic-backend-timeout'), { locale: 'en', now: NOW });
    expect(report.traffic!.gateways[0].timeouts).toEqual([{ settings: 'settings-hr', seconds: 20, source: 'config', rows: 16 }]);
    expect(report.gateways[0].generation).toBe('v1');
  });

  it('the capacity sample compares CapacityUnits with 10 × autoscale maxCapacity, no backend unhealthy', async () => {
    const { report } = await analyze(sampleDocs('traffic-capacity'), { locale: 'en', now: NOW });
    expect(report.traffic!.gateways[0].capacity).toMatchObject({ comparison: 'ten-times-max-instances', limitByInstances: 100, maxInstances: 10, saturated: true, unhealthyHostMax: 0 });
  });

  it('the 5xx sample points at the one backend server that fails', async () => {
    const { report } = await analyze(sampleDocs('traffic-backend-5xx'), { locale: 'en', now: NOW });
    expect(report.traffic!.gateways[0].topOffenders.filter((o) => o.dimension === 'server').map((o) => o.key)).toEqual(['10.20.1.112:8080', '10.20.1.110:8080']);
  });
});
