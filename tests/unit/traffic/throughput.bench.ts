/**
 * Throughput of the traffic reader on generated access-log rows against the floor of splitting lines and
 * JSON.parse-ing each (JSON lines, a `records` wrapper, AGWAccessLogs CSV, and bytes through the streaming reader).
 * The measuring lives in tests/bench/log-parsing.ts, shared with `npm run bench`.
 * Not a test (no .test.ts): run with `npx tsx tests/unit/traffic/throughput.bench.ts` (BENCH_LOG_ROWS, BENCH_RUNS).
 */
import { LOG_RATIO_TARGET, measureLogParsing } from '../../bench/log-parsing';

const r = await measureLogParsing({ rows: Number(process.env.BENCH_LOG_ROWS ?? 100_000), runs: Number(process.env.BENCH_RUNS ?? 7) });
console.log(`${r.rows.toLocaleString('en-US')} rows: JSON lines ${r.jsonLinesMb.toFixed(1)} MB, CSV ${r.csvMb.toFixed(1)} MB; node ${process.version}; medians`);
for (const x of [r.floor, ...r.readers]) {
  console.log(`${x.name.padEnd(60)} ${x.ms.toFixed(0).padStart(6)} ms  ${Math.round(x.rowsPerSecond).toLocaleString('en-US').padStart(10)} rows/s  ${x.ratio.toFixed(2)}× (target ≤ ${LOG_RATIO_TARGET}×)`);
}
console.log(`result: ${r.accessRows} rows, classes ${JSON.stringify(r.classes)}`);
