/**
 * Where the engine's time goes, stage by stage, for one size/form (a diagnostic beside `npm run bench`,
 * which only times the public entry): `npx tsx tests/bench/stages.ts [size=limits] [form=rest] [runs=7]`.
 * It calls the engine's internal stages in analyze()'s order, so it follows src/ when src/ changes.
 */
import { decodeBytes } from '../../src/core/input/decode';
import { parseJson } from '../../src/core/input/json';
import { buildLineIndex } from '../../src/core/input/positions';
import { loadText } from '../../src/core/input/load';
import { buildWorkspace } from '../../src/core/model/workspace';
import { prepareCertificates } from '../../src/core/rules/certificates';
import { inputFindings } from '../../src/core/rules/input';
import { runRules } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules';
import { buildReport } from '../../src/core/report/build';
import { toCliJson, toPsJson, toTemplate } from '../fixtures/forms';
import { generateGateway, SIZES } from './generate';
import { fmt, median, table } from './measure';

const [sizeName = 'limits', form = 'rest', runsArg = '7'] = process.argv.slice(2);
const size = SIZES.find((s) => s.name === sizeName);
if (!size) throw new Error(`unknown size ${sizeName}`);
const rest = generateGateway(size);
const text = form === 'ps-json' ? toPsJson(rest, 100) : form === 'template' ? toTemplate(rest) : form === 'cli-json' ? toCliJson(rest) : JSON.stringify(rest, null, 2);
const bytes = new TextEncoder().encode(text);
const now = new Date('2026-11-25T00:00:00Z');

const samples = new Map<string, number[]>();
const lap = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const v = await fn();
  (samples.get(name) ?? samples.set(name, []).get(name)!).push(performance.now() - t0);
  return v;
};

const runs = Number(runsArg);
for (let i = 0; i < runs + 2; i++) {
  if (i === 2) samples.clear(); // two warm-up rounds
  await lap('JSON.parse (floor)', () => JSON.parse(text));
  const decoded = await lap('decode (TextDecoder)', () => decodeBytes(bytes));
  await lap('  parseJson alone', () => parseJson(decoded.text));
  await lap('  buildLineIndex alone', () => buildLineIndex(decoded.text));
  const loaded = await lap('load (detect+parse+normalize)', () => loadText('doc.json', decoded.text));
  const ws = await lap('correlate (buildWorkspace)', () => buildWorkspace([loaded.model]));
  const certs = await lap('certificates', () => prepareCertificates(ws, now));
  const findings = await lap('rules', () => [...inputFindings(ws), ...runRules(allRules, ws, certs)]);
  await lap('report (incl. locate)', () => buildReport(ws, findings, (d, p) => loaded.locate(p), 'en', now));
}

const floor = median(samples.get('JSON.parse (floor)')!);
const rows = [...samples].map(([name, xs]) => [name, fmt(median(xs)), (median(xs) / floor).toFixed(2) + '×']);
console.log(`${sizeName}/${form}: ${(bytes.length / 1048576).toFixed(2)} MB, ${runs} runs, medians (indented rows are inside the next stage)\n`);
console.log(table(['stage', 'ms', '× JSON.parse'], rows));
const total = ['decode (TextDecoder)', 'load (detect+parse+normalize)', 'correlate (buildWorkspace)', 'certificates', 'rules', 'report (incl. locate)']
  .reduce((s, k) => s + median(samples.get(k)!), 0);
console.log(`\nsum of stages ${fmt(total)} ms = ${(total / floor).toFixed(2)}× JSON.parse`);

// Rule by rule (one run each, after the stages above warmed everything): the ten slowest.
{
  const decoded = decodeBytes(bytes);
  const loaded = loadText('doc.json', decoded.text);
  const ws = buildWorkspace([loaded.model]);
  const certs = await prepareCertificates(ws, now);
  const perRule = allRules.map((rule) => {
    const t0 = performance.now();
    runRules([rule], ws, certs);
    return [rule.id, performance.now() - t0] as const;
  }).sort((a, b) => b[1] - a[1]);
  const sum = perRule.reduce((s, [, ms]) => s + ms, 0);
  console.log(`\nrules one by one (one run each; sum ${fmt(sum)} ms, ${allRules.length} rules; runRules also builds its indexes per call):\n`);
  console.log(table(['rule', 'ms', 'share'], perRule.slice(0, 10).map(([id, ms]) => [id, fmt(ms), `${((100 * ms) / sum).toFixed(0)} %`])));
}
