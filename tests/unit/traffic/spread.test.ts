/**
 * Drill-down rows (ClassStats.spread → the report's `drill`) and metric series in the report: bounded, spread over
 * the whole window, never repeating the evidence samples, kept through merges and time splits.
 */
import { describe, expect, it } from 'vitest';
import { ClassAccumulator, MAX_SAMPLES, MAX_SPREAD_SAMPLES, mergeStats, splitByMinute, type RowFacts } from '../../../src/core/traffic/stats';
import { analyze } from '../../../src/core/analyze';
import type { AccessSample } from '../../../src/core/traffic/types';
import { fixture, gatewayText } from './helpers';

const T0 = Date.UTC(2026, 2, 10, 8, 0);
const facts = (t: number): RowFacts => ({ time: t, status: 502, errorInfo: '', dims: { pool: 'pool-web' }, weight: 1 });
const sampleAt = (t: number, line: number): AccessSample => ({ document: 'log.json', line, time: new Date(t).toISOString(), status: 502 });

function fill(times: number[], acc = new ClassAccumulator()) {
  times.forEach((t, i) => acc.add(facts(t), () => sampleAt(t, i + 1)));
  return acc.done();
}

describe('spread samples', () => {
  it('a short burst: one row per minute, none of them an evidence sample', () => {
    // 12 rows a minute for 10 minutes: the first three are the evidence, the fourth starts the spread.
    const s = fill(Array.from({ length: 120 }, (_, i) => T0 + i * 5_000));
    expect(s.samples).toHaveLength(MAX_SAMPLES);
    const minutes = s.spread!.map((x) => x.time!.slice(11, 19));
    expect(minutes).toEqual(['08:00:15', '08:01:00', '08:02:00', '08:03:00', '08:04:00', '08:05:00', '08:06:00', '08:07:00', '08:08:00', '08:09:00']);
    const evidence = new Set(s.samples.map((x) => x.line));
    expect(s.spread!.some((x) => evidence.has(x.line))).toBe(false);
  });

  it('a long window: at most the bound, covering it from start to end, time-ordered', () => {
    // A row every 30 s for 6 hours, in shuffled order.
    const times = Array.from({ length: 720 }, (_, i) => T0 + i * 30_000);
    const shuffled = times.map((t, i) => times[(i * 337) % times.length]);
    const s = fill(shuffled);
    expect(s.spread!.length).toBeLessThanOrEqual(MAX_SPREAD_SAMPLES);
    expect(s.spread!.length).toBeGreaterThan(MAX_SPREAD_SAMPLES / 2);
    const ts = s.spread!.map((x) => Date.parse(x.time!));
    expect(ts).toEqual([...ts].sort((a, b) => a - b));
    expect(ts[0] - T0).toBeLessThan(30 * 60_000);
    expect(T0 + 6 * 3_600_000 - ts.at(-1)!).toBeLessThan(30 * 60_000);
  });

  it('a pending group keeps fewer', () => {
    const s = fill(Array.from({ length: 600 }, (_, i) => T0 + i * 60_000), new ClassAccumulator(8));
    expect(s.spread!.length).toBeLessThanOrEqual(8);
  });

  it('merging: bounded, spread, without repeating the merged evidence samples', () => {
    const a = fill(Array.from({ length: 200 }, (_, i) => T0 + i * 60_000));
    const b = fill(Array.from({ length: 200 }, (_, i) => T0 + 200 * 60_000 + i * 60_000));
    const m = mergeStats([a, b]);
    expect(m.count).toBe(400);
    expect(m.spread!.length).toBeLessThanOrEqual(MAX_SPREAD_SAMPLES);
    const ev = new Set(m.samples.map((x) => `${x.line}:${x.time}`));
    expect(m.spread!.some((x) => ev.has(`${x.line}:${x.time}`))).toBe(false);
    expect(Date.parse(m.spread!.at(-1)!.time!)).toBeGreaterThan(T0 + 300 * 60_000);
  });

  it('a split by time sends each spread row to its side', () => {
    const s = fill(Array.from({ length: 60 }, (_, i) => T0 + i * 60_000));
    const cut = T0 + 30 * 60_000;
    const [inside, outside] = splitByMinute(s, (m) => m >= cut);
    expect(inside!.spread!.every((x) => Date.parse(x.time!) >= cut)).toBe(true);
    expect(outside!.spread!.every((x) => Date.parse(x.time!) < cut)).toBe(true);
    expect(inside!.spread!.length + outside!.spread!.length).toBe(s.spread!.length);
  });
});

describe('the report carries them', () => {
  it('classes get `drill` rows besides their samples; metrics get their points as a series', async () => {
    const { report } = await analyze([
      { name: 'gateway.json', text: gatewayText() },
      { name: 'log.csv', text: fixture('v2-agwaccesslogs.csv') },
      { name: 'metrics.json', text: fixture('metrics-saturated.json') },
    ], { now: new Date('2026-01-01T00:00:00Z') });
    const g = report.traffic!.gateways[0];
    const timeout = g.classes.find((c) => c.class === 'backend-timeout')!;
    expect(timeout.samples).toHaveLength(3);
    // Five rows: three evidence samples, and the two 09:26 rows share one minute.
    expect(timeout.drill?.map((x) => x.time)).toEqual(['2025-02-25T09:26:05.000Z']);
    const cu = g.metrics.find((m) => m.name === 'CapacityUnits')!;
    expect(cu.series!.length).toBe(cu.points);
    expect(cu.series!.map((p) => p.value)).toContain(cu.max);
    expect(cu.series!.map((p) => p.time)).toEqual([...cu.series!.map((p) => p.time)].sort());
  });
});
