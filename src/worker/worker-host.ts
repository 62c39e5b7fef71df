/**
 * The engine in a module Web Worker (hosted build). The worker starts on the first analysis, not at
 * page load, so the first screen stays small. If it cannot start (old browser, a policy that forbids
 * workers) or dies, analyses continue on the main thread.
 */
import type { AnalyzeRequest, AnalyzeResponse, EngineHost } from './protocol';

export function workerHost(fallback: () => EngineHost): EngineHost {
  let worker: Worker | undefined;
  let broken = false;
  let seq = 0;
  const pending = new Map<number, { resolve: (r: AnalyzeResponse) => void; reject: (e: Error) => void }>();
  let main: EngineHost | undefined;

  const fail = (why: string) => {
    broken = true;
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(why));
    pending.clear();
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
    worker.onmessage = (e: MessageEvent<AnalyzeResponse>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      p?.resolve(e.data);
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
  };
  return host;
}
