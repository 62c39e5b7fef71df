/**
 * Rules alone, repeated, for a CPU profile (a diagnostic beside stages.ts):
 * `node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx tests/bench/rules-profile.ts [size=limits] [runs=6]`,
 * then `npx tsx tests/bench/hotspots.ts /tmp/prof/<file>.cpuprofile`. Each run gets a fresh workspace, as in analyze().
 */
import { loadText } from '../../src/core/input/load';
import { buildWorkspace } from '../../src/core/model/workspace';
import { prepareCertificates } from '../../src/core/rules/certificates';
import { runRules } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules';
import { generateGateway, SIZES } from './generate';

async function main(): Promise<void> {
  const [sizeName = 'limits', runs = '6'] = process.argv.slice(2);
  const size = SIZES.find((s) => s.name === sizeName);
  if (!size) throw new Error(`unknown size ${sizeName}`);
  const text = JSON.stringify(generateGateway(size), null, 2);
  const now = new Date('2026-11-25T00:00:00Z');
  const xs: number[] = [];
  for (let i = 0; i < Number(runs); i++) {
    const ws = buildWorkspace([loadText('d.json', text).model]);
    const certs = await prepareCertificates(ws, now);
    const t = performance.now();
    runRules(allRules, ws, certs);
    xs.push(performance.now() - t);
  }
  console.log('rules ms per run:', xs.map((x) => x.toFixed(0)).join(' '));
}
void main();
