/**
 * The streaming API (createTrafficAccumulator push/finish), as the Web Worker will feed a big file: any chunking —
 * down to one character, cutting strings, escapes, CRLF and quoted CSV cells — gives the same result as one chunk.
 * Memory stays bounded: a big log keeps a fixed number of keys per dimension and a few samples.
 */
import { describe, expect, it } from 'vitest';
import { createTrafficAccumulator } from '../../../src/core/traffic/accumulate';
import { MAX_KEYS_PER_DIMENSION, MAX_SAMPLES } from '../../../src/core/traffic/stats';
import { fixture } from './helpers';

function run(text: string, chunk: number) {
  const acc = createTrafficAccumulator({ document: 'doc' });
  if (chunk <= 0) acc.push(text);
  else for (let i = 0; i < text.length; i += chunk) acc.push(text.slice(i, i + chunk));
  return acc.finish();
}

const FILES = ['v2-storage.PT1H.json', 'v2-records.json', 'v2-azurediagnostics.csv', 'v2-agwaccesslogs.csv', 'v2-cli-query.json', 'v1-records.json', 'eventhubs-mixed.json'];

describe('chunked input gives the same result as one chunk', () => {
  for (const f of FILES) {
    it(f, () => {
      const text = fixture(f);
      const whole = run(text, 0);
      expect(whole.traffic).toBeDefined();
      for (const size of [1, 3, 17, 256, 4096]) expect(run(text, size)).toEqual(whole);
    });
  }

  it('a backslash-escaped quote cut between chunks', () => {
    const rec = { timeStamp: '2025-02-25T10:00:00Z', resourceId: '/X/APPLICATIONGATEWAYS/GW', category: 'ApplicationGatewayAccessLog', properties: { httpStatus: 502, serverStatus: '-', userAgent: 'a \\"quoted\\" \\\\ agent }{', requestUri: '/x' } };
    const text = JSON.stringify({ records: [rec, rec, rec] }, null, 1);
    const whole = run(text, 0);
    expect(whole.traffic!.logs[0].access!.rows).toBe(3);
    for (let size = 1; size < 40; size++) expect(run(text, size)).toEqual(whole);
  });

  it('a quoted CSV cell with a comma and a newline cut between chunks', () => {
    const text = 'TimeGenerated [UTC],HttpStatus,ServerStatus,RequestUri,UserAgent\r\n"2/25/2025, 9:19:25.391 AM",502,,/a,"multi\nline, agent"\r\n"2/25/2025, 9:20:25.391 AM",200,200,/b,x\r\n';
    const whole = run(text, 0);
    expect(whole.traffic!.logs[0].access!.rows).toBe(2);
    expect(whole.traffic!.logs[0].access!.first).toBe('2025-02-25T09:19:25.391Z');
    for (let size = 1; size < 30; size++) expect(run(text, size)).toEqual(whole);
  });
});

describe('bounded memory', () => {
  it('100,000 rows with unique paths and servers keep at most the bounded keys and samples', () => {
    const acc = createTrafficAccumulator({ document: 'big.json' });
    const base = Date.UTC(2025, 1, 25, 9, 0, 0);
    let buf = '';
    for (let i = 0; i < 100_000; i++) {
      const status = i % 10 === 0 ? 502 : 200;
      buf += JSON.stringify({ timeStamp: new Date(base + i * 500).toISOString(), resourceId: '/X/APPLICATIONGATEWAYS/GW', category: 'ApplicationGatewayAccessLog', backendPoolName: `pool-${i % 3}`, properties: { httpStatus: status, serverStatus: status === 502 ? '-' : '200', serverResponseLatency: status === 502 ? '' : '0.01', requestUri: `/item/${i}`, serverRouted: `10.0.${(i >> 8) & 255}.${i & 255}:80`, clientIP: '1.2.3.4' } }) + '\n';
      if (buf.length > 1 << 20) {
        acc.push(buf);
        buf = '';
      }
    }
    acc.push(buf);
    const { traffic } = acc.finish();
    const a = traffic!.logs[0].access!;
    expect(a.rows).toBe(100_000);
    const nhb = a.classes['no-healthy-backend']!;
    expect(nhb.count).toBe(10_000);
    expect(nhb.samples.length).toBeLessThanOrEqual(MAX_SAMPLES);
    for (const d of Object.values(nhb.dimensions)) expect(d.length).toBeLessThanOrEqual(MAX_KEYS_PER_DIMENSION);
    // the three pools are exact; unique paths are bounded, with their error bound said
    expect(nhb.dimensions.pool.map((e) => [e.key, e.count, e.error])).toEqual([['pool-0', 3334, 0], ['pool-1', 3333, 0], ['pool-2', 3333, 0]]);
    expect(nhb.dimensions.path.length).toBe(MAX_KEYS_PER_DIMENSION);
    expect(nhb.dimensions.path.some((e) => e.error > 0)).toBe(true);
    // one entry per minute, not per row
    expect(Object.keys(a.minutes).length).toBe(Math.ceil((100_000 * 500) / 60_000));
  });

  it('a heavy hitter among many keys is never lost (Space-Saving)', () => {
    const acc = createTrafficAccumulator({ document: 'hh.json' });
    let text = '';
    for (let i = 0; i < 20_000; i++) {
      const path = i % 4 === 0 ? '/hot' : `/cold/${i}`;
      text += JSON.stringify({ time: '2025-02-25T09:00:00Z', category: 'ApplicationGatewayAccessLog', properties: { httpStatus: 502, serverStatus: '-', requestUri: path } }) + '\n';
    }
    acc.push(text);
    const nhb = acc.finish().traffic!.logs[0].access!.classes['no-healthy-backend']!;
    expect(nhb.dimensions.path[0].key).toBe('/hot');
    expect(nhb.dimensions.path[0].count - nhb.dimensions.path[0].error).toBeLessThanOrEqual(5000);
    expect(nhb.dimensions.path[0].count).toBeGreaterThanOrEqual(5000);
  });
});
