/** Messages between the page and the engine worker. Everything in them is plain, cloneable data (a File clones too). */
import type { InputDocument } from '../core/analyze';
import type { Report } from '../core/report/contract';
import type { Workspace } from '../core/model/types';
import type { StreamOutcome, StreamProgress } from '../core/traffic/stream';

export type { StreamOutcome, StreamProgress } from '../core/traffic/stream';

export interface AnalyzeRequest {
  type?: 'analyze';
  id: number;
  inputs: InputDocument[];
  locale: 'en' | 'ko';
  /** ISO time the analysis treats as now. */
  now: string;
}

/** Read a big log file as a stream (traffic/stream.ts) in the worker; answered by progress messages, then `stream-done`. */
export interface StreamRequest {
  type: 'stream';
  id: number;
  file: Blob;
  name: string;
}

export interface CancelRequest {
  type: 'cancel';
  id: number;
}

export type WorkerRequest = AnalyzeRequest | StreamRequest | CancelRequest;

export type AnalyzeResponse =
  | { id: number; ok: true; report: Report; workspace: Workspace; ms: number }
  | { id: number; ok: false; error: string };

export type StreamMessage =
  | { id: number; type: 'progress'; progress: StreamProgress }
  | { id: number; type: 'stream-done'; ok: true; outcome: StreamOutcome }
  | { id: number; type: 'stream-done'; ok: false; error: string };

export type WorkerMessage = AnalyzeResponse | StreamMessage;

export interface EngineResult {
  report: Report;
  workspace: Workspace;
  ms: number;
  where: 'worker' | 'main';
}

export interface ReadTrafficOptions {
  onProgress?: (p: StreamProgress) => void;
  /** Aborting it cancels the read (the answer is then `{ kind: 'cancelled' }`). */
  signal?: AbortSignal;
}

export interface EngineHost {
  readonly where: 'worker' | 'main';
  analyze(inputs: InputDocument[], options: { locale: 'en' | 'ko'; now: Date }): Promise<EngineResult>;
  /** Reads a big file as a stream where the engine runs; a file that is no log comes back as `not-traffic`. */
  readTraffic(file: Blob, name: string, options?: ReadTrafficOptions): Promise<StreamOutcome>;
}
