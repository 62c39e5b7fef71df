/** The engine on the page's own thread: the single-file build (file://) and the fallback when a worker cannot start. */
import type { EngineHost } from './protocol';

/** On the page's thread a big file is read in smaller batches, with a turn for the page every few ms, so it keeps answering. */
const MAIN_THREAD_BATCH = 256 * 1024;
const MAIN_THREAD_TURN_MS = 12;

export function mainThreadHost(): EngineHost {
  return {
    where: 'main',
    async analyze(inputs, { locale, now }) {
      const started = performance.now();
      const { analyze } = await import('../core/analyze');
      const { report, workspace } = await analyze(inputs, { locale, now });
      return { report, workspace, ms: performance.now() - started, where: 'main' };
    },
    async readTraffic(file, name, options = {}) {
      const { readTrafficStream } = await import('../core/traffic/stream');
      if (options.signal?.aborted) return { kind: 'cancelled' };
      return readTrafficStream(file.stream() as ReadableStream<Uint8Array>, {
        name,
        total: file.size,
        signal: options.signal,
        onProgress: options.onProgress,
        batchBytes: MAIN_THREAD_BATCH,
        yieldEveryMs: MAIN_THREAD_TURN_MS,
      });
    },
  };
}
