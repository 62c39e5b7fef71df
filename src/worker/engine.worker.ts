/// <reference lib="webworker" />
/** The engine off the main thread: one request at a time, answered with the report and the workspace. */
import { analyze } from '../core/analyze';
import type { AnalyzeRequest, AnalyzeResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (e: MessageEvent<AnalyzeRequest>) => {
  const { id, inputs, locale, now } = e.data;
  const started = performance.now();
  let answer: AnalyzeResponse;
  try {
    const { report, workspace } = await analyze(inputs, { locale, now: new Date(now) });
    answer = { id, ok: true, report, workspace, ms: performance.now() - started };
  } catch (err) {
    answer = { id, ok: false, error: String((err as Error)?.stack ?? err) };
  }
  scope.postMessage(answer);
};
