/// <reference lib="webworker" />
/**
 * The engine off the main thread: analyses (answered with the report and the workspace) and big log files read as
 * streams (progress messages while reading, then the aggregate; a `cancel` message stops the read between chunks).
 */
import { analyze } from '../core/analyze';
import { readTrafficStream } from '../core/traffic/stream';
import type { AnalyzeRequest, AnalyzeResponse, StreamMessage, StreamRequest, WorkerRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reading = new Map<number, AbortController>();

async function runAnalysis({ id, inputs, locale, now }: AnalyzeRequest): Promise<void> {
  const started = performance.now();
  let answer: AnalyzeResponse;
  try {
    const { report, workspace } = await analyze(inputs, { locale, now: new Date(now) });
    answer = { id, ok: true, report, workspace, ms: performance.now() - started };
  } catch (err) {
    answer = { id, ok: false, error: String((err as Error)?.stack ?? err) };
  }
  scope.postMessage(answer);
}

async function runStream({ id, file, name }: StreamRequest): Promise<void> {
  const ac = new AbortController();
  reading.set(id, ac);
  const post = (m: StreamMessage) => scope.postMessage(m);
  try {
    const outcome = await readTrafficStream(file.stream() as ReadableStream<Uint8Array>, {
      name,
      total: file.size,
      signal: ac.signal,
      onProgress: (progress) => post({ id, type: 'progress', progress }),
      // Let a `cancel` message in between chunks.
      yieldEveryMs: 50,
    });
    post({ id, type: 'stream-done', ok: true, outcome });
  } catch (err) {
    post({ id, type: 'stream-done', ok: false, error: String((err as Error)?.message ?? err) });
  } finally {
    reading.delete(id);
  }
}

scope.onmessage = (e: MessageEvent<WorkerRequest>) => {
  const msg = e.data;
  if (msg.type === 'cancel') reading.get(msg.id)?.abort();
  else if (msg.type === 'stream') void runStream(msg);
  else void runAnalysis(msg);
};
