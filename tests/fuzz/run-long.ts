/**
 * `npm run fuzz`: the fuzz test with a random seed (printed first) and many more runs. Environment:
 * FUZZ_SEED (repeat a run), FUZZ_RUNS (runs per property, default 3000), FUZZ_IGNORE (a regular expression
 * of failures already reported). Runs vitest on tests/fuzz/fuzz.test.ts with FUZZ_LONG=1.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
console.log(`npm run fuzz: seed ${seed}, ${process.env.FUZZ_RUNS ?? 3000} runs per property (repeat with FUZZ_SEED=${seed})`);
const vitest = fileURLToPath(new URL('../../node_modules/vitest/vitest.mjs', import.meta.url));
const r = spawnSync(process.execPath, [vitest, 'run', 'tests/fuzz/fuzz.test.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_LONG: '1', FUZZ_SEED: seed },
});
process.exit(r.status ?? 1);
