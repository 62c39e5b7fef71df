// Runs the engine in a worker thread so the fuzzer can stop an input that hangs (a synchronous loop
// cannot be interrupted in the test's own thread). Loads the TypeScript sources through tsx.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { analyze } = await import('../../src/core/analyze.ts');
const NOW = new Date('2026-11-25T00:00:00Z');

parentPort.on('message', async ({ id, inputs }) => {
  const t0 = performance.now();
  try {
    const { report } = await analyze(inputs, { now: NOW });
    parentPort.postMessage({ id, ms: performance.now() - t0, report });
  } catch (e) {
    parentPort.postMessage({ id, ms: performance.now() - t0, error: String(e?.stack ?? e) });
  }
});
parentPort.postMessage({ ready: true });
