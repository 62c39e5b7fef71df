/**
 * A big log file read as a byte stream (traffic/stream.ts, what the Web Worker does with `file.stream()`) gives the
 * same document, findings and report.traffic as the whole-text path (the file's bytes given to analyze()), for every
 * log shape, with bytes cut anywhere: small odd chunk sizes that split lines, CRLF pairs, UTF-8 multi-byte characters
 * and UTF-16 code units between chunks; BOMs; progress and cancel.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { analyze, type InputDocument } from '../../../src/core/analyze';
import { createStreamDecoder, decodeBytes } from '../../../src/core/input/decode';
import { readTrafficStream, type StreamOutcome, type StreamProgress } from '../../../src/core/traffic/stream';
import { restBackendNsg, restGateway, restGatewayNsg, restVnet } from '../../fixtures/forms';

const NOW = new Date('2026-11-25T00:00:00Z');
const DIR = new URL('../../fixtures/traffic/', import.meta.url);
const bytesOf = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)));

/** A stream that hands out `bytes` in chunks of the given sizes (cycled). */
function streamOf(bytes: Uint8Array, sizes: number[]): ReadableStream<Uint8Array> {
  let off = 0;
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (off >= bytes.length) {
        controller.close();
        return;
      }
      const n = sizes[i++ % sizes.length];
      // A copy, as a real stream gives fresh buffers.
      controller.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}

const ODD = [1, 7, 13, 2, 509, 3, 4093, 5];

async function streamed(name: string, bytes: Uint8Array, sizes = ODD, batchBytes = 11): Promise<StreamOutcome> {
  return readTrafficStream(streamOf(bytes, sizes), { name, total: bytes.length, batchBytes });
}

const config = (): InputDocument[] => [
  { name: 'gateway.json', text: JSON.stringify(restGateway()) },
  { name: 'vnet.json', text: JSON.stringify(restVnet()) },
  { name: 'nsg-appgw.json', text: JSON.stringify(restGatewayNsg()) },
  { name: 'nsg-backend.json', text: JSON.stringify(restBackendNsg()) },
];

async function bothPaths(name: string, bytes: Uint8Array, sizes = ODD, batchBytes = 11) {
  const whole = await analyze([...config(), { name, bytes }], { now: NOW });
  const s = await streamed(name, bytes, sizes, batchBytes);
  if (s.kind !== 'traffic') throw new Error(`${name}: streamed as ${JSON.stringify(s)}`);
  const viaStream = await analyze([...config(), { name, traffic: s.streamed }], { now: NOW });
  return { whole: whole.report, viaStream: viaStream.report, streamed: s.streamed };
}

const enc = new TextEncoder();

/** The storage fixture with Korean and emoji in user agents and paths (3- and 4-byte UTF-8), CRLF line ends. */
function multiByteCrlf(): string {
  const lines = readFileSync(new URL('v2-storage.PT1H.json', DIR), 'utf8').trimEnd().split('\n');
  return lines.map((l, i) => {
    const o = JSON.parse(l);
    o.properties.userAgent = `브라우저/${i} 😀 Ünïcödé`;
    o.properties.requestUri = `${o.properties.requestUri}${i % 3 === 0 ? '/상품' : ''}`;
    return JSON.stringify(o);
  }).join('\r\n') + '\r\n';
}

function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[o++] = 0xff;
    out[o++] = 0xfe;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o++] = c & 0xff;
    out[o++] = c >> 8;
  }
  return out;
}

function utf16be(text: string): Uint8Array {
  const le = utf16le(text, false);
  const out = new Uint8Array(2 + le.length);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < le.length; i += 2) {
    out[2 + i] = le[i + 1];
    out[3 + i] = le[i];
  }
  return out;
}

describe('the streaming decoder gives decodeBytes\' text, encoding and problems', () => {
  const text = multiByteCrlf();
  const cases: [string, Uint8Array][] = [
    ['UTF-8', enc.encode(text)],
    ['UTF-8 with BOM', new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)])],
    ['UTF-16 LE with BOM', utf16le(text)],
    ['UTF-16 LE without BOM', utf16le(text, false)],
    ['UTF-16 BE with BOM', utf16be(text)],
    ['UTF-16 LE cut in a code unit (odd length)', utf16le(text).subarray(0, 20001)],
    ['shorter than the sniffing window', enc.encode('{"a":"한"}')],
    ['empty', new Uint8Array(0)],
  ];
  for (const [label, bytes] of cases) {
    it(label, () => {
      const whole = decodeBytes(bytes);
      for (const sizes of [[1], [3, 1, 2], ODD, [65536]]) {
        const d = createStreamDecoder();
        let out = '';
        let off = 0;
        for (let i = 0; off < bytes.length; i++) {
          const n = sizes[i % sizes.length];
          out += d.push(bytes.subarray(off, off + n));
          off += n;
        }
        const end = d.end();
        expect(out + end.text).toBe(whole.text);
        expect(end.encoding).toBe(whole.encoding);
        expect(end.problems).toEqual(whole.problems);
      }
    });
  }
});

describe('streamed file → the same report as the whole text', () => {
  const files = readdirSync(DIR).filter((f) => /\.(json|csv)$/.test(f));
  it('covers every log shape of the fixtures', () => {
    for (const f of ['v2-storage.PT1H.json', 'v2-records.json', 'v2-azurediagnostics.csv', 'v2-agwaccesslogs.csv', 'v2-cli-query.json', 'v2-rest-query.json', 'v1-records.json', 'v1-performance.PT1H.json', 'eventhubs-mixed.json', 'v2-firewall.PT1H.json', 'metrics-saturated.json']) {
      expect(files).toContain(f);
    }
  });
  for (const f of files) {
    it(f, async () => {
      const { whole, viaStream, streamed } = await bothPaths(f, bytesOf(f));
      expect(streamed.bytes).toBe(bytesOf(f).length);
      expect(viaStream.findings).toEqual(whole.findings);
      expect(viaStream.traffic).toEqual(whole.traffic);
      expect(viaStream).toEqual(whole);
      // The document is a traffic input and the analysis read it.
      expect(whole.documents.find((d) => d.name === f)?.kind).not.toBe('unknown');
    });
  }

  it('the access log of a 502 window gives traffic findings (the comparison is not of empty reports)', async () => {
    const { whole, viaStream } = await bothPaths('v2-storage.PT1H.json', bytesOf('v2-storage.PT1H.json'));
    expect(whole.traffic?.gateways.length).toBeGreaterThan(0);
    expect(whole.findings.some((x) => x.category === 'unhealthy-backend' || x.category === 'request-timeout' || x.category === 'backend-app')).toBe(true);
    expect(viaStream.findings.map((x) => x.ruleId)).toEqual(whole.findings.map((x) => x.ruleId));
  });

  it('multi-byte characters and CRLF cut between chunks, in UTF-8, UTF-8 with BOM, UTF-16 LE and BE', async () => {
    const text = multiByteCrlf();
    for (const bytes of [enc.encode(text), new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]), utf16le(text), utf16le(text, false), utf16be(text)]) {
      for (const [sizes, batch] of [[ODD, 11], [[1], 1], [[2, 1], 3], [[65536], 1 << 20]] as [number[], number][]) {
        const { whole, viaStream } = await bothPaths('korean.PT1H.json', bytes, sizes, batch);
        expect(viaStream).toEqual(whole);
        const samples = JSON.stringify(whole.traffic);
        expect(samples).toContain('/상품');
      }
    }
  });

  it('a UTF-16 file with an odd byte count: the same warning on both paths', async () => {
    const bytes = utf16le(multiByteCrlf()).subarray(0, 30001);
    const { whole, viaStream } = await bothPaths('cut.json', bytes);
    expect(whole.documents[whole.documents.length - 1].problems.some((p) => /odd number of bytes/.test(p.message))).toBe(true);
    expect(viaStream).toEqual(whole);
  });

  it('a file bigger than the sniffing window (64 KB) with odd rows', async () => {
    const lines = readFileSync(new URL('v2-storage.PT1H.json', DIR), 'utf8').trimEnd().split('\n');
    const many: string[] = [];
    for (let i = 0; i < 40; i++) for (const l of lines) many.push(many.length % 97 === 3 ? l.slice(0, 40) : l);
    const bytes = enc.encode(many.join('\n') + '\n');
    expect(bytes.length).toBeGreaterThan(1 << 20);
    const { whole, viaStream, streamed } = await bothPaths('big.PT1H.json', bytes, [65536, 1, 333], 1 << 18);
    expect(streamed.traffic.odd.count).toBeGreaterThan(0);
    expect(viaStream).toEqual(whole);
  });
});

describe('what is not a log goes back to the whole-text path', () => {
  it('a gateway export', async () => {
    const out = await streamed('gateway.json', enc.encode(JSON.stringify(restGateway(), null, 2)));
    expect(out).toEqual({ kind: 'not-traffic', reason: 'not-traffic' });
  });
  it('a control-plane error as console text (the whole-text loader weighs it against a PowerShell paste)', async () => {
    expect(await streamed('ps-error.txt', bytesOf('ps-error.txt'))).toEqual({ kind: 'not-traffic', reason: 'control-plane-text' });
  });
  it('binary bytes', async () => {
    const bin = new Uint8Array(100_000).map((_, i) => (i * 7919) & 0xff);
    expect((await streamed('x.png', bin)).kind).toBe('not-traffic');
  });
  it('an empty file', async () => {
    expect(await streamed('empty.json', new Uint8Array(0))).toEqual({ kind: 'not-traffic', reason: 'not-traffic' });
  });
  it('decides on the first 64 KB without reading the rest', async () => {
    let pulled = 0;
    const big = enc.encode('x'.repeat(10 << 20));
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (pulled >= big.length) return c.close();
        c.enqueue(big.slice(pulled, pulled + 65536));
        pulled += 65536;
      },
    });
    expect((await readTrafficStream(stream, { name: 'x.txt', batchBytes: 65536 })).kind).toBe('not-traffic');
    expect(pulled).toBeLessThan(1 << 20);
  });
});

describe('progress and cancel', () => {
  const lines = readFileSync(new URL('v2-storage.PT1H.json', DIR), 'utf8');
  const bytes = enc.encode(lines.repeat(30));

  it('reports bytes read out of the total and the rows so far, ending at the total', async () => {
    const seen: StreamProgress[] = [];
    const out = await readTrafficStream(streamOf(bytes, [4096]), { name: 'p.json', total: bytes.length, batchBytes: 8192, progressEveryMs: 0, onProgress: (p) => seen.push(p) });
    expect(out.kind).toBe('traffic');
    expect(seen.length).toBeGreaterThan(10);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i].bytes).toBeGreaterThanOrEqual(seen[i - 1].bytes);
      expect(seen[i].records).toBeGreaterThanOrEqual(seen[i - 1].records);
    }
    const last = seen[seen.length - 1];
    expect(last).toEqual({ bytes: bytes.length, total: bytes.length, records: out.kind === 'traffic' ? out.streamed.traffic.records : -1 });
    expect(seen.some((p) => p.records > 0 && p.bytes < bytes.length)).toBe(true);
  });

  it('stops when the signal aborts, and cancels the source', async () => {
    const ac = new AbortController();
    let cancelled = false;
    let off = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (off >= bytes.length) return c.close();
        c.enqueue(bytes.slice(off, off + 1000));
        off += 1000;
      },
      cancel() {
        cancelled = true;
      },
    });
    const out = await readTrafficStream(stream, { name: 'c.json', batchBytes: 2000, progressEveryMs: 0, onProgress: (p) => p.bytes >= 20_000 && ac.abort(), signal: ac.signal });
    expect(out).toEqual({ kind: 'cancelled' });
    expect(cancelled).toBe(true);
    expect(off).toBeLessThan(bytes.length);
  });

  it('gives the event loop a turn while reading when asked (the main-thread fallback)', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const slow = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 1000) c.enqueue(bytes.slice(i, i + 1000));
        c.close();
      },
    });
    try {
      const out = await readTrafficStream(slow, { name: 'y.json', batchBytes: 1000, yieldEveryMs: 0 });
      expect(out.kind).toBe('traffic');
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(3);
  });
});
