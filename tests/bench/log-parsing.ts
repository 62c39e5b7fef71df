/**
 * Log parsing speed (issue 8): the traffic reader (createTrafficAccumulator: parse + classify + aggregate) on
 * generated access-log rows (tests/bench/access-log.ts, the storage PT1H.json record), against the floor of splitting
 * the same text into lines and JSON.parse-ing each. Shapes: JSON lines fed in 4 MB chunks (as loadTrafficText does),
 * the same rows in a `{"records": [...]}` wrapper, the same rows as an AGWAccessLogs CSV export, and the JSON lines
 * as bytes through readTrafficStream (decode + read in 1 MB batches, what the Web Worker does with a dropped file).
 * Medians of `runs` after one warm-up. Used by `npm run bench` (tests/bench/run.ts) and
 * `npx tsx tests/unit/traffic/throughput.bench.ts`.
 */
import { createTrafficAccumulator } from '../../src/core/traffic/accumulate';
import { readTrafficStream } from '../../src/core/traffic/stream';
import { accessLogLine } from './access-log';
import { collectGarbage, median } from './measure';

export interface LogParsingRow {
  name: string;
  ms: number;
  rowsPerSecond: number;
  /** ms / floor ms. */
  ratio: number;
  mb: number;
}

export interface LogParsingResult {
  rows: number;
  jsonLinesMb: number;
  csvMb: number;
  floor: LogParsingRow;
  readers: LogParsingRow[];
  /** Class counts of the JSON-lines run (a check that the reader read them all). */
  classes: Record<string, number>;
  accessRows: number;
}

/** The target: the reader at most this many times the floor. */
export const LOG_RATIO_TARGET = 3;
const CHUNK = 4 * 1024 * 1024;

const CSV_COLUMNS = ['TimeGenerated [UTC]', 'HttpStatus', 'ServerStatus', 'ServerResponseLatency', 'TimeTaken', 'ServerRouted', 'BackendPoolName', 'BackendSettingName', 'ListenerName', 'RuleName', 'ClientIp', 'Host', 'RequestUri', 'HttpMethod', 'InstanceId', 'TransactionId', 'ErrorInfo', 'UserAgent', '_ResourceId'];

function csvOf(lines: string[]): string {
  const cell = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const out = [CSV_COLUMNS.join(',')];
  for (const l of lines) {
    const r = JSON.parse(l);
    const p = r.properties;
    out.push([r.timeStamp, p.httpStatus, /^\d+$/.test(p.serverStatus) ? p.serverStatus : '', p.serverResponseLatency, p.timeTaken, p.serverRouted, r.backendPoolName, r.backendSettingName, r.listenerName, r.ruleName, p.clientIP, p.host, p.requestUri, p.httpMethod, p.instanceId, p.transactionId, p.error_info, p.userAgent, r.resourceId.toLowerCase()].map(cell).join(','));
  }
  return out.join('\r\n') + '\r\n';
}

async function timeIt(fn: () => unknown, runs: number): Promise<number> {
  collectGarbage();
  await fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
}

function feed(text: string) {
  const acc = createTrafficAccumulator({ document: 'bench' });
  for (let i = 0; i < text.length; i += CHUNK) acc.push(text.slice(i, i + CHUNK));
  return acc.finish();
}

function bytesStream(bytes: Uint8Array, chunk = 64 * 1024): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (off >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(off, off + chunk));
      off += chunk;
    },
  });
}

export async function measureLogParsing(options: { rows?: number; runs?: number; progress?: (s: string) => void } = {}): Promise<LogParsingResult> {
  const rows = options.rows ?? 100_000;
  const runs = options.runs ?? 7;
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(accessLogLine(i, rows));
  const jsonl = lines.join('\n') + '\n';
  const records = `{"records":[\n${lines.join(',\n')}\n]}`;
  const csv = csvOf(lines);
  lines.length = 0;
  const bytes = new TextEncoder().encode(jsonl);
  const mb = (s: string) => s.length / 1048576;
  const row = (name: string, ms: number, size: number, floorMs: number): LogParsingRow => ({ name, ms, rowsPerSecond: rows / (ms / 1000), ratio: ms / floorMs, mb: size });

  const floorMs = await timeIt(() => {
    let n = 0;
    for (const l of jsonl.split('\n')) if (l) n += JSON.parse(l).properties.httpStatus > 0 ? 1 : 0;
    return n;
  }, runs);
  options.progress?.('floor');
  const floor = row('floor: split lines + JSON.parse each', floorMs, mb(jsonl), floorMs);
  const readers: LogParsingRow[] = [];
  readers.push(row('reader: JSON lines (PT1H.json), 4 MB chunks', await timeIt(() => feed(jsonl), runs), mb(jsonl), floorMs));
  options.progress?.('json lines');
  readers.push(row('reader: same rows in a {"records": [...]} wrapper', await timeIt(() => feed(records), runs), mb(records), floorMs));
  options.progress?.('records');
  readers.push(row('reader: same rows as AGWAccessLogs CSV', await timeIt(() => feed(csv), runs), mb(csv), floorMs));
  options.progress?.('csv');
  readers.push(row('stream: JSON lines as bytes (decode + read, 1 MB batches)', await timeIt(() => readTrafficStream(bytesStream(bytes), { name: 'bench' }), runs), bytes.length / 1048576, floorMs));
  options.progress?.('stream');

  const check = feed(jsonl).traffic!.logs[0].access!;
  const classes: Record<string, number> = {};
  for (const [c, s] of Object.entries(check.classes)) if (s) classes[c] = s.count;
  return { rows, jsonLinesMb: mb(jsonl), csvMb: mb(csv), floor, readers, classes, accessRows: check.rows };
}
