/**
 * A big traffic file read as a stream of bytes (the Web Worker's `file.stream()`, or the page's when there is no
 * worker): decoded chunk by chunk with the same encoding rules as decodeBytes (input/decode.ts), sniffed on its first
 * 64 KB with the same test as the whole-text path (sniffTraffic), fed to createTrafficAccumulator as it arrives, and
 * ended with the same TrafficDocument and problems loadTrafficText gives for the whole text. Nothing but the
 * accumulator's aggregates and samples (and one batch of bytes) is held while reading.
 *
 * A file that is not a traffic input (sniffTraffic says no), or turns out to be only a control-plane error text
 * (which the whole-text loader compares with a PowerShell console paste), comes back as `not-traffic`: the caller
 * reads it whole, as any other document.
 */
import { binaryEvidence, createStreamDecoder, type Decoded } from '../input/decode';
import type { Problem } from '../model/types';
import { createTrafficAccumulator, type TrafficAccumulator } from './accumulate';
import { sniffTraffic } from './load';
import type { TrafficDocument } from './types';

/** What a streamed file leaves: the aggregated traffic (small: counts, buckets, samples), never its text. */
export interface StreamedTraffic {
  traffic: TrafficDocument;
  /** The traffic reader's problems (odd rows, no rows, ...). */
  problems: Problem[];
  /** The decoder's problems (a UTF-16 file cut in a character), as decodeBytes would give them. */
  decodeProblems: Problem[];
  encoding: Decoded['encoding'];
  /** Bytes read (the file's size). */
  bytes: number;
}

export interface StreamProgress {
  bytes: number;
  total?: number;
  /** Records (rows) read so far. */
  records: number;
}

export type StreamOutcome =
  | { kind: 'traffic'; streamed: StreamedTraffic }
  | { kind: 'not-traffic'; reason: 'not-traffic' | 'binary' | 'control-plane-text' }
  | { kind: 'cancelled' };

export interface StreamOptions {
  /** Document name (samples and evidence name it). */
  name: string;
  /** Size in bytes when known (for the progress). */
  total?: number;
  signal?: AbortSignal;
  onProgress?: (p: StreamProgress) => void;
  /** Least time between two progress calls (ms). Default 100. */
  progressEveryMs?: number;
  /** Bytes gathered before one decode + push (a bigger batch: fewer joins of records cut between chunks). Default 1 MiB. */
  batchBytes?: number;
  /**
   * Give the event loop a turn after this much work (ms): the page keeps answering (main-thread fallback), the worker
   * sees a `cancel` message (a file's chunks may arrive faster than they are read, and then no task runs between them).
   */
  yieldEveryMs?: number;
}

/** Characters sniffTraffic may look at (its control-plane test reads the first 64 KB). */
const HEAD_CHARS = 65536;
const DEFAULT_BATCH = 1024 * 1024;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
/**
 * One turn of the event loop: a message to itself (not setTimeout, which browsers clamp to 4 ms when nested). In the
 * worker this lets a `cancel` message in; on the page, input and rendering.
 */
const turn = (): Promise<void> =>
  new Promise<void>((resolve) => {
    if (typeof MessageChannel === 'undefined') {
      setTimeout(resolve, 0);
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(0);
  });

export async function readTrafficStream(source: ReadableStream<Uint8Array>, options: StreamOptions): Promise<StreamOutcome> {
  const reader = source.getReader();
  const decoder = createStreamDecoder();
  const batchBytes = Math.max(1, options.batchBytes ?? DEFAULT_BATCH);
  const progressEvery = options.progressEveryMs ?? 100;
  let acc: TrafficAccumulator | undefined;
  let head = '';
  let bytes = 0;
  let batch: Uint8Array[] = [];
  let batchLength = 0;
  let lastProgress = -Infinity;
  let lastTurn = now();

  const progress = (force = false) => {
    if (!options.onProgress) return;
    const t = now();
    if (!force && t - lastProgress < progressEvery) return;
    lastProgress = t;
    options.onProgress({ bytes, ...(options.total !== undefined ? { total: options.total } : {}), records: acc?.records ?? 0 });
  };

  /** Decides on the first 64 KB (or the whole text when shorter): undefined = go on, else why not. */
  const decide = (): Extract<StreamOutcome, { kind: 'not-traffic' }>['reason'] | undefined => {
    // loadText's own steps before the traffic reader: one BOM off, binary files out, then the sniff.
    if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
    if (binaryEvidence(head) !== undefined) return 'binary';
    if (!sniffTraffic(head)) return 'not-traffic';
    acc = createTrafficAccumulator({ document: options.name });
    acc.push(head);
    head = '';
    return undefined;
  };

  const feed = (text: string): ReturnType<typeof decide> => {
    if (!text) return undefined;
    if (acc) {
      acc.push(text);
      return undefined;
    }
    head += text;
    return head.length >= HEAD_CHARS ? decide() : undefined;
  };

  const flush = (): ReturnType<typeof decide> => {
    if (!batchLength) return undefined;
    let joined: Uint8Array;
    if (batch.length === 1) joined = batch[0];
    else {
      joined = new Uint8Array(batchLength);
      let off = 0;
      for (const b of batch) {
        joined.set(b, off);
        off += b.length;
      }
    }
    batch = [];
    batchLength = 0;
    return feed(decoder.push(joined));
  };

  const stop = async (outcome: StreamOutcome): Promise<StreamOutcome> => {
    await reader.cancel().catch(() => undefined);
    return outcome;
  };

  try {
    for (;;) {
      if (options.signal?.aborted) return await stop({ kind: 'cancelled' });
      const { done, value } = await reader.read();
      if (options.signal?.aborted) return await stop({ kind: 'cancelled' });
      if (done) break;
      if (!value?.length) continue;
      bytes += value.length;
      batch.push(value);
      batchLength += value.length;
      if (batchLength >= batchBytes) {
        const no = flush();
        if (no) return await stop({ kind: 'not-traffic', reason: no });
      }
      progress();
      if (options.yieldEveryMs !== undefined && now() - lastTurn >= options.yieldEveryMs) {
        await turn();
        lastTurn = now();
      }
    }
    const no = flush();
    if (no) return { kind: 'not-traffic', reason: no };
    const end = decoder.end();
    const last = feed(end.text);
    if (last) return { kind: 'not-traffic', reason: last };
    if (!acc) {
      const why = decide();
      if (why) return { kind: 'not-traffic', reason: why };
    }
    const result = acc!.finish();
    progress(true);
    if (!result.traffic) return { kind: 'not-traffic', reason: 'not-traffic' };
    if (result.traffic.format === 'control-plane-text') return { kind: 'not-traffic', reason: 'control-plane-text' };
    return { kind: 'traffic', streamed: { traffic: result.traffic, problems: result.problems, decodeProblems: end.problems, encoding: end.encoding, bytes } };
  } finally {
    reader.releaseLock?.();
  }
}
