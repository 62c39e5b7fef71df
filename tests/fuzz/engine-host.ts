/**
 * The fuzzer's side of tests/fuzz/engine-worker.mjs: one input at a time, with a time limit; an input
 * that runs past it gets the worker terminated (and a fresh one started) and is reported as a hang.
 */
import { Worker } from 'node:worker_threads';
import type { InputDocument } from '../../src/core/analyze';
import type { Report } from '../../src/core/report/contract';

export type Outcome =
  | { kind: 'report'; ms: number; report: Report }
  | { kind: 'error'; ms: number; error: string }
  | { kind: 'timeout'; ms: number };

const WORKER = new URL('./engine-worker.mjs', import.meta.url);

export class EngineHost {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;

  private start(): Promise<void> {
    const w = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 4096 } });
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: { ready?: boolean }) => {
        if (m.ready) {
          w.off('message', onMsg);
          resolve();
        }
      };
      w.on('message', onMsg);
      w.once('error', reject);
    });
    return this.ready;
  }

  /** Analyse one document, or several as one workspace. */
  async run(input: InputDocument | InputDocument[], timeoutMs: number): Promise<Outcome> {
    const inputs = Array.isArray(input) ? input : [input];
    if (!this.worker) await this.start();
    else await this.ready;
    const w = this.worker!;
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise<Outcome>((resolve) => {
      const done = (o: Outcome) => {
        clearTimeout(timer);
        w.off('message', onMsg);
        w.off('error', onErr);
        w.off('exit', onExit);
        resolve(o);
      };
      const onMsg = (m: { id?: number; ms: number; report?: Report; error?: string }) => {
        if (m.id !== id) return;
        done(m.error !== undefined ? { kind: 'error', ms: m.ms, error: m.error } : { kind: 'report', ms: m.ms, report: m.report! });
      };
      const onErr = (e: Error) => {
        this.worker = undefined;
        done({ kind: 'error', ms: performance.now() - t0, error: `worker died: ${e?.stack ?? e}` });
      };
      const onExit = (code: number) => {
        this.worker = undefined;
        done({ kind: 'error', ms: performance.now() - t0, error: `worker exited with code ${code}` });
      };
      const timer = setTimeout(() => {
        this.worker = undefined;
        w.off('exit', onExit);
        void w.terminate();
        done({ kind: 'timeout', ms: performance.now() - t0 });
      }, timeoutMs);
      w.on('message', onMsg);
      w.on('error', onErr);
      w.on('exit', onExit);
      w.postMessage({ id, inputs });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}
