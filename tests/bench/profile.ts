/**
 * Profile one size/form: `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tests/bench/profile.ts [size] [form] [runs]`
 * then `npx tsx tests/bench/hotspots.ts /tmp/prof/<file>.cpuprofile` for the self-time table.
 */
import { analyze } from '../../src/core/analyze';
import { toCliJson, toPsJson, toTemplate } from '../fixtures/forms';
import { generateGateway, SIZES } from './generate';

const [sizeName = 'limits', form = 'rest', runsArg = '5'] = process.argv.slice(2);
const size = SIZES.find((s) => s.name === sizeName);
if (!size) throw new Error(`unknown size ${sizeName}: ${SIZES.map((s) => s.name).join(', ')}`);
const rest = generateGateway(size);
const text = form === 'ps-json' ? toPsJson(rest, 100) : form === 'template' ? toTemplate(rest) : form === 'cli-json' ? toCliJson(rest) : JSON.stringify(rest, null, 2);
const bytes = new TextEncoder().encode(text);
const now = new Date('2026-11-25T00:00:00Z');
for (let i = 0; i < Number(runsArg); i++) {
  const t0 = performance.now();
  const { report } = await analyze([{ name: `${sizeName}.${form}.json`, bytes }], { now });
  console.log(`run ${i}: ${(performance.now() - t0).toFixed(0)} ms, ${report.findings.length} findings`);
}
