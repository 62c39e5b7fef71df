/** Big files read as a stream: which files, and what their progress bar shows. */

/**
 * Files above this size are offered to the streaming reader (in the worker): a log export is then read in chunks
 * and only its aggregate kept; anything else (sniffed on its first 64 KB) is read whole as before. Smaller files are
 * read whole: at a few MB that takes well under a second, and the history keeps their text for a later analysis.
 */
export const STREAM_THRESHOLD = 8 * 1024 * 1024;

/** The progress bar of a big file being read as a stream: what <progress> gets, from the worker's byte and row counts. */
export interface ProgressView {
  /** For <progress value max>: bytes read, and the total (undefined = indeterminate: the size is not known). */
  value: number | undefined;
  max: number;
  /** Whole percent read, 0–100. */
  percent: number;
}

export function progressView(p: { bytes: number; total?: number }): ProgressView {
  const total = p.total !== undefined && Number.isFinite(p.total) && p.total > 0 ? p.total : undefined;
  const bytes = Math.max(0, Number.isFinite(p.bytes) ? p.bytes : 0);
  if (total === undefined) return { value: undefined, max: 1, percent: 0 };
  const value = Math.min(bytes, total);
  return { value, max: total, percent: Math.floor((value * 100) / total) };
}
