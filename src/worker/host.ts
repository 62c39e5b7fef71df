/**
 * The one way the UI runs the engine. Counts real engine runs on <html data-engine-runs> so tests (and
 * curious users) can see that reopening a stored analysis or pasting the same input again runs nothing.
 */
import { mainThreadHost } from './main-host';
import { workerHost } from './worker-host';
import type { EngineHost, EngineResult } from './protocol';
import type { InputDocument } from '../core/analyze';

export type { EngineResult } from './protocol';

let runs = 0;

export function engineRuns(): number {
  return runs;
}

export function createEngineHost(): EngineHost {
  const inner = workerHost(mainThreadHost);
  return {
    get where() {
      return inner.where;
    },
    async analyze(inputs: InputDocument[], options): Promise<EngineResult> {
      runs++;
      if (typeof document !== 'undefined') document.documentElement.dataset.engineRuns = String(runs);
      return inner.analyze(inputs, options);
    },
    readTraffic(file, name, options) {
      return inner.readTraffic(file, name, options);
    },
  };
}
