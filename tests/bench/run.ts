/**
 * `npm run bench`: how long the whole engine takes, against the floor (plain JSON.parse of the same text).
 *
 * For each generated gateway size (tests/bench/generate.ts: typical → the documented v2 limits) and each form
 * (ARM REST, `ConvertTo-Json -Depth 100`, exported template), one table row: the text's size, the median of
 * JSON.parse(text), the median of the whole `analyze()` on the text as bytes (decode + detect + parse +
 * normalize + all rules + report), their ratio, and how the engine's time splits (loadWorkspace = decode …
 * correlate; the rest = certificates + rules + report). Then the cost-vs-size curve and, in headless
 * Chromium, paste-to-findings and offline cold start (tests/bench/browser.ts).
 *
 * Environment: BENCH_RUNS (default 15), BENCH_WARMUP (default 10 below 1 MB, else 2), BENCH_SIZES (comma list of size names),
 * BENCH_FORMS (comma list: rest,ps-json,template,cli-json), BENCH_BROWSER=0 to skip the browser part.
 * Logs (issue 8): BENCH_LOGS=0 skips log parsing (BENCH_LOG_ROWS, default 100,000); BENCH_STREAM=0 skips the big log
 * streamed in the browser (BENCH_STREAM_MB, default 500; ≈ 30 s with the build; needs ~0.5 GB free in the temp dir).
 * Not a test: it prints figures; targets are checked by reading them (docs/performance.md).
 */
import { cpus } from 'node:os';
import { analyze, loadWorkspace } from '../../src/core/analyze';
import { toCliJson, toPsJson, toTemplate } from '../fixtures/forms';
import { generateGateway, SIZES } from './generate';
import { collectGarbage, fmt, linearFit, table, time } from './measure';

/** Timed runs: 15 for every size (at the limits a run now takes a fraction of a second, and 7 let a few garbage-collection-heavy runs move the median); BENCH_RUNS sets it. */
const runsFor = (_mb: number) => Number(process.env.BENCH_RUNS ?? 15);
/** Warm-up runs: more for small inputs (JIT), fewer for the big ones (each run already warms). */
const warmupFor = (mb: number) => Number(process.env.BENCH_WARMUP ?? (mb < 1 ? 10 : 2));
const SIZE_FILTER = process.env.BENCH_SIZES?.split(',').map((s) => s.trim());
const FORM_FILTER = process.env.BENCH_FORMS?.split(',').map((s) => s.trim());
const NOW = new Date('2026-11-25T00:00:00Z');
/** Target (issue 6): the whole analysis at most 3× JSON.parse for the largest gateway. */
const RATIO_TARGET = 3;

type Form = 'rest' | 'ps-json' | 'template' | 'cli-json';
const FORMS: { form: Form; render: (rest: unknown) => string }[] = [
  { form: 'rest', render: (g) => JSON.stringify(g, null, 2) },
  { form: 'ps-json', render: (g) => toPsJson(g, 100) },
  { form: 'template', render: (g) => toTemplate(g) },
  { form: 'cli-json', render: (g) => toCliJson(g) },
];
const DEFAULT_FORMS: Form[] = ['rest', 'ps-json', 'template'];

interface Row {
  size: string;
  form: Form;
  mb: number;
  parse: number;
  analyze: number;
  load: number;
  findings: number;
  kind: string;
}

async function main(): Promise<void> {
  const sizes = SIZES.filter((s) => !SIZE_FILTER || SIZE_FILTER.includes(s.name));
  const forms = FORMS.filter((f) => (FORM_FILTER ? FORM_FILTER.includes(f.form) : DEFAULT_FORMS.includes(f.form)));
  console.log(`AppGW 502 Doctor benchmark — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), ` +
    `medians of ${process.env.BENCH_RUNS ?? '15'} runs after warm-up (10 below 1 MB, else 2), in ms\n`);

  const rows: Row[] = [];
  for (const size of sizes) {
    const rest = generateGateway(size);
    for (const { form, render } of forms) {
      const text = render(rest);
      const bytes = new TextEncoder().encode(text);
      const inputs = [{ name: `${size.name}.${form}.json`, bytes }];
      // One checked run first: the bench must measure a real analysis, not an early "cannot read this".
      const { report } = await analyze(inputs, { now: NOW });
      const doc = report.documents[0];
      if (report.gateways.length !== 1 || doc.problems.some((p) => p.severity === 'error')) {
        throw new Error(`${size.name}/${form}: expected one gateway and no input errors, got ${report.gateways.length} gateway(s), ` +
          `problems ${JSON.stringify(doc.problems.map((p) => p.message))}`);
      }
      const warmup = warmupFor(bytes.length / 1048576);
      const runs = runsFor(bytes.length / 1048576);
      const parse = await time(() => JSON.parse(text), runs, warmup);
      const whole = await time(() => analyze(inputs, { now: NOW }), runs, warmup);
      const load = await time(() => loadWorkspace(inputs), runs, warmup);
      rows.push({ size: size.name, form, mb: bytes.length / 1048576, parse: parse.median, analyze: whole.median, load: load.median, findings: report.findings.length, kind: doc.kind });
      collectGarbage();
      process.stderr.write(`  measured ${size.name}/${form}\n`);
    }
  }

  console.log('Whole analyze() on the bytes vs JSON.parse of the same text (the floor)\n');
  console.log(table(
    ['size', 'form', 'MB', 'JSON.parse ms', 'analyze ms', 'ratio', 'load ms', 'rules+report ms', 'findings'],
    rows.map((r) => [r.size, r.form, r.mb.toFixed(2), fmt(r.parse), fmt(r.analyze), (r.analyze / r.parse).toFixed(2) + '×', fmt(r.load), fmt(Math.max(0, r.analyze - r.load)), r.findings]),
  ));
  console.log('\n(load = loadWorkspace(): decode + detect + parse + normalize + correlate; rules+report = analyze − load.)');

  // Cost vs size, per form: ms and ms per MB; linear when ms/MB of the larger sizes stays within ±35 %.
  console.log('\nEngine cost vs size\n');
  const curveRows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const { form } of forms) {
    const rs = rows.filter((r) => r.form === form);
    if (!rs.length) continue;
    for (const r of rs) curveRows.push([form, r.size, r.mb.toFixed(2), fmt(r.analyze), fmt(r.analyze / r.mb), fmt(r.parse / r.mb)]);
    const big = rs.filter((r) => r.mb >= 1);
    if (big.length >= 2) {
      const perMb = big.map((r) => r.analyze / r.mb);
      const spread = Math.max(...perMb) / Math.min(...perMb);
      const fit = linearFit(rs.map((r) => r.mb), rs.map((r) => r.analyze));
      verdicts.push(`${form}: ms ≈ ${fit.a.toFixed(0)} + ${fit.b.toFixed(1)}·MB (R² ${fit.r2.toFixed(3)}); ms/MB over sizes ≥ 1 MB varies ${spread.toFixed(2)}× → ` +
        (spread <= 1.35 ? 'linear' : spread <= 2 ? 'roughly linear' : 'NOT linear'));
    }
  }
  console.log(table(['form', 'size', 'MB', 'analyze ms', 'analyze ms/MB', 'JSON.parse ms/MB'], curveRows));
  if (verdicts.length) console.log('\n' + verdicts.join('\n'));

  const largest = rows.filter((r) => r.size === sizes[sizes.length - 1]?.name);
  if (largest.length) {
    console.log(`\nTarget: the whole analysis ≤ ${RATIO_TARGET}× JSON.parse for the largest gateway (${largest[0].size}):`);
    for (const r of largest) {
      const ratio = r.analyze / r.parse;
      console.log(`  ${r.form.padEnd(9)} ${ratio.toFixed(2)}× ${ratio <= RATIO_TARGET ? 'met' : 'NOT met'}`);
    }
  }

  // ---- Log parsing (issue 8): tests/bench/log-parsing.ts. BENCH_LOGS=0 skips it, BENCH_LOG_ROWS sets the rows.
  if (process.env.BENCH_LOGS !== '0') await logParsingSection();

  if (process.env.BENCH_BROWSER !== '0') {
    console.log('\nHeadless Chromium\n');
    const { measureBrowser } = await import('./browser');
    const b = await measureBrowser({ runs: Math.min(runsFor(0), 10) });
    console.log(table(['measure', 'median ms', 'target', 'note'], b.map((m) => [m.name, m.ms === undefined ? '—' : fmt(m.ms), m.target ?? '', m.note])));
    // ---- A big log streamed in the browser (issue 8): tests/bench/stream-browser.ts. BENCH_STREAM=0 skips, BENCH_STREAM_MB sets the size.
    if (process.env.BENCH_STREAM !== '0') await streamSection();
  }
}

async function logParsingSection(): Promise<void> {
  const { measureLogParsing, LOG_RATIO_TARGET } = await import('./log-parsing');
  const r = await measureLogParsing({ rows: Number(process.env.BENCH_LOG_ROWS ?? 100_000), runs: Number(process.env.BENCH_RUNS ?? 7), progress: (s) => process.stderr.write(`  measured logs/${s}\n`) });
  console.log(`\nLog parsing: ${r.rows.toLocaleString('en-US')} generated access-log rows (JSON lines ${r.jsonLinesMb.toFixed(1)} MB, CSV ${r.csvMb.toFixed(1)} MB), medians\n`);
  console.log(table(['reader', 'MB', 'ms', 'rows/s', '× floor'], [r.floor, ...r.readers].map((x) => [x.name, x.mb.toFixed(1), fmt(x.ms), Math.round(x.rowsPerSecond).toLocaleString('en-US'), x.ratio.toFixed(2) + '×'])));
  const worst = Math.max(...r.readers.map((x) => x.ratio));
  console.log(`\nTarget: the reader ≤ ${LOG_RATIO_TARGET}× splitting lines + JSON.parse: worst ${worst.toFixed(2)}× → ${worst <= LOG_RATIO_TARGET ? 'met' : 'NOT met'} (classes read: ${JSON.stringify(r.classes)})`);
}

async function streamSection(): Promise<void> {
  const { measureStreamInBrowser } = await import('./stream-browser');
  const mb = Number(process.env.BENCH_STREAM_MB ?? 500);
  console.log(`\nA ${mb} MB access-log export streamed in headless Chromium (printed, not asserted)\n`);
  const rs = await measureStreamInBrowser({ mb, progress: (s) => process.stderr.write(`  stream: ${s}\n`) });
  console.log(table(['measure', 'value', 'note'], rs.map((x) => [x.name, x.value, x.note])));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
