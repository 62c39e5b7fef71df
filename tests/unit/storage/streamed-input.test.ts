/**
 * A big log read as a stream in storage terms: its cache key is over the aggregate (exact, small), the file
 * fingerprint names a file by name, size, time and its two ends without reading it all, and the history keeps the
 * aggregate (never the text) and reads it back. Also the progress bar's view-model.
 */
import { describe, expect, test } from 'vitest';
import { cacheKeyBytes, fileFingerprint, FINGERPRINT_EDGE, inputHash } from '../../../src/storage/hash';
import { migrateRecord } from '../../../src/storage/records';
import { readTrafficStream, type StreamedTraffic } from '../../../src/core/traffic/stream';
import { progressView, STREAM_THRESHOLD } from '../../../src/ui/stream-progress';
import type { Report } from '../../../src/core/report/contract';

async function streamedOf(text: string, name = 'PT1H.json'): Promise<StreamedTraffic> {
  const bytes = new TextEncoder().encode(text);
  const out = await readTrafficStream(new Blob([bytes]).stream(), { name, total: bytes.length });
  if (out.kind !== 'traffic') throw new Error(out.kind);
  return out.streamed;
}

const row = (status: number, t = '2025-02-25T09:00:00Z') =>
  JSON.stringify({ timeStamp: t, resourceId: '/X/APPLICATIONGATEWAYS/GW', category: 'ApplicationGatewayAccessLog', properties: { httpStatus: status, serverStatus: status === 502 ? '-' : String(status), requestUri: '/a' } }) + '\n';

describe('the cache key of a streamed log', () => {
  test('is over the aggregate: the same file gives the same key, a different one another', async () => {
    const a = await streamedOf(row(200) + row(502));
    const a2 = await streamedOf(row(200) + row(502));
    const b = await streamedOf(row(200) + row(503));
    const key = (t: StreamedTraffic) => inputHash([{ name: 'gw.json', text: '{}' }, { name: 'PT1H.json', traffic: t }], 'v1');
    expect(await key(a)).toBe(await key(a2));
    expect(await key(a)).not.toBe(await key(b));
    // A structured clone (worker → page → IndexedDB → page) keeps the key.
    expect(await key(structuredClone(a))).toBe(await key(a));
  });

  test('is tagged apart from text and bytes, and leaves their keys as they were', async () => {
    const t = await streamedOf(row(502));
    const enc = new TextDecoder();
    expect(enc.decode(cacheKeyBytes([{ name: 'x', traffic: t }], 'v1'))).toMatch(/^appgw-502-doctor\u0000v1\u00001\u0000x\u0000r\d+\u0000\{"traffic":\{"kind":"access-log"/);
    expect(enc.decode(cacheKeyBytes([{ name: 'x', text: 'abc' }], 'v1'))).toBe('appgw-502-doctor\u0000v1\u00001\u0000x\u0000t3\u0000abc');
    expect(enc.decode(cacheKeyBytes([{ name: 'x', bytes: new Uint8Array([65]) }], 'v1'))).toBe('appgw-502-doctor\u0000v1\u00001\u0000x\u0000b1\u0000A');
  });
});

describe('fileFingerprint', () => {
  const big = (fill: (i: number) => number, n = FINGERPRINT_EDGE * 3) => new Uint8Array(n).map((_, i) => fill(i));
  test('name, size, time and the first and last 64 KB', async () => {
    const bytes = big((i) => i & 0xff);
    const f = new File([bytes], 'PT1H.json', { lastModified: 1000 });
    const fp = await fileFingerprint(f);
    expect(fp.split('\u0000').slice(0, 3)).toEqual(['PT1H.json', String(bytes.length), '1000']);
    expect(await fileFingerprint(new File([bytes], 'PT1H.json', { lastModified: 1000 }))).toBe(fp);
    expect(await fileFingerprint(new File([bytes], 'PT1H.json', { lastModified: 2000 }))).not.toBe(fp);
    expect(await fileFingerprint(new File([bytes], 'other.json', { lastModified: 1000 }))).not.toBe(fp);
    const lastChanged = bytes.slice();
    lastChanged[lastChanged.length - 1] ^= 1;
    expect(await fileFingerprint(new File([lastChanged], 'PT1H.json', { lastModified: 1000 }))).not.toBe(fp);
    const firstChanged = bytes.slice();
    firstChanged[0] ^= 1;
    expect(await fileFingerprint(new File([firstChanged], 'PT1H.json', { lastModified: 1000 }))).not.toBe(fp);
  });
  test('a small file (shorter than both ends)', async () => {
    const fp = await fileFingerprint(new File(['{}'], 'a.json', { lastModified: 5 }));
    expect(fp.split('\u0000')).toHaveLength(5);
  });
});

describe('the history keeps the aggregate of a streamed log, not its text', () => {
  const report = {
    tool: { name: 'appgw-502-doctor', version: '0.1.0' },
    documents: [{ name: 'PT1H.json', kind: 'access-log' }],
    gateways: [],
    findings: [],
    summary: { error: 0, warning: 0, info: 0 },
  } as unknown as Report;

  test('a record with a streamed input reads back with it', async () => {
    const t = await streamedOf(row(502));
    const m = migrateRecord({ schema: 2, id: 'r1', hash: 'h', title: 'x', createdAt: 1, engineVersion: '0.1.0', inputs: [{ name: 'gw.json', text: '{}' }, { name: 'PT1H.json', traffic: structuredClone(t) }], kinds: [], report });
    expect(m.ok).toBe(true);
    if (!m.ok) return;
    expect(m.record.inputs[1]).toEqual({ name: 'PT1H.json', traffic: t });
    expect(m.record.inputs[1].text).toBeUndefined();
  });

  test('a streamed input that is not an aggregate makes the record unreadable, not a crash', () => {
    for (const traffic of [null, 'text', { traffic: 'x', problems: [] }, { traffic: {} }]) {
      const m = migrateRecord({ schema: 2, id: 'r2', hash: 'h', title: 'x', createdAt: 1, engineVersion: '0.1.0', inputs: [{ name: 'PT1H.json', traffic }], kinds: [], report });
      expect(m).toEqual({ ok: false, reason: 'inputs unreadable' });
    }
  });
});

describe('progressView', () => {
  test('bytes of the total, clamped, whole percent', () => {
    expect(progressView({ bytes: 0, total: 1000 })).toEqual({ value: 0, max: 1000, percent: 0 });
    expect(progressView({ bytes: 333, total: 1000 })).toEqual({ value: 333, max: 1000, percent: 33 });
    expect(progressView({ bytes: 1000, total: 1000 })).toEqual({ value: 1000, max: 1000, percent: 100 });
    expect(progressView({ bytes: 1200, total: 1000 })).toEqual({ value: 1000, max: 1000, percent: 100 });
    expect(progressView({ bytes: -5, total: 1000 })).toEqual({ value: 0, max: 1000, percent: 0 });
  });
  test('an unknown size gives an indeterminate bar', () => {
    expect(progressView({ bytes: 10 })).toEqual({ value: undefined, max: 1, percent: 0 });
    expect(progressView({ bytes: 10, total: 0 })).toEqual({ value: undefined, max: 1, percent: 0 });
  });
  test('the threshold is a size in bytes above which files stream (8 MB)', () => {
    expect(STREAM_THRESHOLD).toBe(8 * 1024 * 1024);
  });
});
