/**
 * The engine in a module Web Worker (hosted build). The worker starts on the first analysis, not at
 * page load, so the first screen stays small. If it cannot start (old browser, a policy that forbids
 * workers) or dies, analyses continue on the main thread. Big log files are read in the worker too
 * (a File is sent, not its bytes), with progress messages and cancel.
 */
import type { AnalyzeRequest, AnalyzeResponse, EngineHost, StreamOutcome, StreamProgress, StreamRequest, WorkerMessage } from './protocol';

interface PendingStream {
  resolve: (o: StreamOutcome) => void;
  reject: (e: Error) => void;
  onProgress?: (p: StreamProgress) => void;
}

export function workerHost(fallback: () => EngineHost): EngineHost {
  let worker: Worker | undefined;
  let broken = false;
  let seq = 0;
  const pending = new Map<number, { resolve: (r: AnalyzeResponse) => void; reject: (e: Error) => void }>();
  const streams = new Map<number, PendingStream>();
  let main: EngineHost | undefined;

  const fail = (why: string) => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
    for (const s of streams.values()) s.reject(new Error(why));
    streams.clear();
  };

  const start = (): Worker | undefined => {
    if (broken) return undefined;
    if (worker) return worker;
    try {
      worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'appgw-engine' });
    } catch {
      broken = true;
      return undefined;
    }
    worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
      const m = e.data;
      if ('type' in m) {
        const s = streams.get(m.id);
        if (!s) return;
        if (m.type === 'progress') s.onProgress?.(m.progress);
        else {
          streams.delete(m.id);
          if (m.ok) s.resolve(m.outcome);
          else s.reject(new Error(m.error));
        }
        return;
      }
      const p = pending.get(m.id);
      pending.delete(m.id);
      p?.resolve(m);
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      fail(`engine worker failed: ${e.message ?? 'unknown error'}`);
    };
    worker.onmessageerror = () => fail('engine worker sent an unreadable message');
    return worker;
  };

  const host: EngineHost = {
    get where() {
      return broken ? 'main' : 'worker';
    },
    async analyze(inputs, options) {
      const w = start();
      if (!w) return (main ??= fallback()).analyze(inputs, options);
      const id = ++seq;
      const req: AnalyzeRequest = { id, inputs, locale: options.locale, now: options.now.toISOString() };
      try {
        const answer = await new Promise<AnalyzeResponse>((resolve, reject) => {
          pending.set(id, { resolve, reject });
          w.postMessage(req);
        });
        if (!answer.ok) throw new Error(answer.error);
        return { report: answer.report, workspace: answer.workspace, ms: answer.ms, where: 'worker' };
      } catch (e) {
        if (!broken) throw e;
        return (main ??= fallback()).analyze(inputs, options);
      }
    },
    async readTraffic(file, name, options = {}) {
      const w = start();
      if (!w) return (main ??= fallback()).readTraffic(file, name, options);
      if (options.signal?.aborted) return { kind: 'cancelled' };
      const id = ++seq;
      const req: StreamRequest = { type: 'stream', id, file, name };
      const cancel = () => worker?.postMessage({ type: 'cancel', id });
      try {
        return await new Promise<StreamOutcome>((resolve, reject) => {
          streams.set(id, { resolve, reject, onProgress: options.onProgress });
          options.signal?.addEventListener('abort', cancel, { once: true });
          w.postMessage(req);
        });
      } catch (e) {
        if (!broken) throw e;
        return (main ??= fallback()).readTraffic(file, name, options);
      } finally {
        options.signal?.removeEventListener('abort', cancel);
      }
    },
  };
  return host;
}
