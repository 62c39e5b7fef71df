/** Stands in for worker-host.ts in the single-file build (vite.config.ts swaps it in): no worker, the main thread only. */
import type { EngineHost } from './protocol';

export function workerHost(fallback: () => EngineHost): EngineHost {
  return fallback();
}
