/**
 * What the history keeps, and how older records become current ones. Pure functions over plain
 * records (no IndexedDB here), so the migration is unit-tested on its own and run unchanged inside the
 * database upgrade (db.ts) and on every read (a record written by an older tab still reads).
 *
 * Record layouts:
 *  - schema 1 (database version 1): `{ id, time (ISO string), inputs: {name, text}[], report }` — the
 *    first layout: no cache key, no engine version, no workspace.
 *  - schema 2 (database version 2): `HistoryRecord` below: cache key (`hash`), engine version, the
 *    detected kinds, a title the user can change, the workspace (so the path picture reopens without
 *    analysing again), and inputs that may be bytes (dropped files) or, for a big log read as a stream, its
 *    aggregate instead of its text (`traffic`).
 */
import type { Report } from '../core/report/contract';
import type { Workspace } from '../core/model/types';
import type { StreamedTraffic } from '../core/traffic/stream';

export const RECORD_SCHEMA = 2;

export interface StoredInput {
  name: string;
  text?: string;
  bytes?: Uint8Array;
  /**
   * A big log file that was read as a stream: its aggregate (counts, buckets, samples), not its text — the history
   * never holds 500 MB. Reopening shows the stored report; analysing again uses this aggregate.
   */
  traffic?: StreamedTraffic;
}

export interface HistoryRecord {
  schema: 2;
  id: string;
  /** Cache key: SHA-256 of the inputs and the engine version ('' when unknown, e.g. migrated records). */
  hash: string;
  title: string;
  createdAt: number;
  engineVersion: string;
  inputs: StoredInput[];
  kinds: { name: string; kind: string }[];
  report: Report;
  /** Absent for records migrated from schema 1: the path picture then needs one more analysis. */
  workspace?: Workspace;
}

export interface HistorySummary {
  id: string;
  hash: string;
  title: string;
  createdAt: number;
  engineVersion: string;
  kinds: { name: string; kind: string }[];
  gateways: string[];
  counts: { error: number; warning: number; info: number };
  migrated: boolean;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function isReport(v: unknown): v is Report {
  return isObj(v) && Array.isArray(v.findings) && Array.isArray(v.documents) && Array.isArray(v.gateways) && isObj(v.summary) && isObj(v.tool);
}

function inputsOf(v: unknown): StoredInput[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: StoredInput[] = [];
  for (const i of v) {
    if (!isObj(i) || typeof i.name !== 'string') return undefined;
    if (typeof i.text === 'string') out.push({ name: i.name, text: i.text });
    else if (i.bytes instanceof Uint8Array) out.push({ name: i.name, bytes: i.bytes });
    else if (i.bytes instanceof ArrayBuffer) out.push({ name: i.name, bytes: new Uint8Array(i.bytes) });
    else if (isObj(i.traffic) && isObj(i.traffic.traffic) && Array.isArray(i.traffic.problems)) {
      const t = i.traffic as unknown as StreamedTraffic;
      out.push({ name: i.name, traffic: { ...t, decodeProblems: Array.isArray(t.decodeProblems) ? t.decodeProblems : [], bytes: typeof t.bytes === 'number' ? t.bytes : 0 } });
    }
    else return undefined;
  }
  return out;
}

export function defaultTitle(report: Report): string {
  const gws = report.gateways.map((g) => g.name).filter(Boolean);
  if (gws.length) return gws.slice(0, 3).join(', ') + (gws.length > 3 ? ` +${gws.length - 3}` : '');
  return report.documents.map((d) => d.name).slice(0, 2).join(', ') || 'analysis';
}

export type MigrationResult = { ok: true; record: HistoryRecord; migrated: boolean } | { ok: false; reason: string };

/** Any stored record (schema 1 or 2) → the current layout, or why it cannot be read. */
export function migrateRecord(raw: unknown): MigrationResult {
  if (!isObj(raw)) return { ok: false, reason: 'not an object' };
  if (typeof raw.id !== 'string' || !raw.id) return { ok: false, reason: 'no id' };
  if (!isReport(raw.report)) return { ok: false, reason: 'no readable report' };
  const inputs = inputsOf(raw.inputs);
  if (!inputs) return { ok: false, reason: 'inputs unreadable' };
  const report = raw.report;
  const kinds = report.documents.map((d) => ({ name: String(d.name), kind: String(d.kind) }));
  if (raw.schema === 2) {
    if (typeof raw.createdAt !== 'number' || !Number.isFinite(raw.createdAt)) return { ok: false, reason: 'no time' };
    return {
      ok: true,
      migrated: false,
      record: {
        schema: 2,
        id: raw.id,
        hash: typeof raw.hash === 'string' ? raw.hash : '',
        title: typeof raw.title === 'string' && raw.title.trim() ? raw.title : defaultTitle(report),
        createdAt: raw.createdAt,
        engineVersion: typeof raw.engineVersion === 'string' ? raw.engineVersion : report.tool.version,
        inputs,
        kinds: Array.isArray(raw.kinds) ? (raw.kinds as HistoryRecord['kinds']) : kinds,
        report,
        workspace: isObj(raw.workspace) ? (raw.workspace as unknown as Workspace) : undefined,
      },
    };
  }
  if (raw.schema === undefined || raw.schema === 1) {
    const time = typeof raw.time === 'string' ? Date.parse(raw.time) : typeof raw.time === 'number' ? raw.time : NaN;
    if (!Number.isFinite(time)) return { ok: false, reason: 'no time' };
    return {
      ok: true,
      migrated: true,
      record: {
        schema: 2,
        id: raw.id,
        // Schema 1 kept no cache key: '' never matches, so the same input analysed again gets a fresh record.
        hash: '',
        title: typeof raw.title === 'string' && raw.title.trim() ? raw.title : defaultTitle(report),
        createdAt: time,
        engineVersion: String(report.tool.version ?? 'unknown'),
        inputs,
        kinds,
        report,
      },
    };
  }
  return { ok: false, reason: `unknown schema ${String(raw.schema)}` };
}

export function summaryOf(r: HistoryRecord, migrated = false): HistorySummary {
  return {
    id: r.id,
    hash: r.hash,
    title: r.title,
    createdAt: r.createdAt,
    engineVersion: r.engineVersion,
    kinds: r.kinds,
    gateways: r.report.gateways.map((g) => g.name),
    counts: { error: r.report.summary.error ?? 0, warning: r.report.summary.warning ?? 0, info: r.report.summary.info ?? 0 },
    migrated,
  };
}

/** A new id that sorts by time (no crypto.randomUUID on file:// in some browsers). */
export function newId(now = Date.now()): string {
  return `${now.toString(36)}-${Math.floor(Math.random() * 0x7fffffff).toString(36)}`;
}
