/**
 * The page's state and the one way through it: input changes → (debounced) cache key → cached result or
 * one engine run → shown, and stored in the history unless the user said not to. Components read this
 * state and call these methods; they hold no domain logic.
 */
import type { InputDocument } from '../core/analyze';
import type { Report } from '../core/report/contract';
import type { Workspace } from '../core/model/types';
import { ENGINE_VERSION } from '../core/version';
import { createEngineHost } from '../worker/host';
import { fileFingerprint, inputHash } from '../storage/hash';
import type { StreamedTraffic, StreamProgress } from '../core/traffic/stream';
import { STREAM_THRESHOLD } from './stream-progress';
import { openHistory, type HistoryStore, type StoreNotice } from '../storage/history';
import { defaultTitle, newId, type HistoryRecord, type HistorySummary } from '../storage/records';
import { readSetting, writeSetting } from '../storage/settings';
import { i18n, type MessageKey } from '../i18n/i18n.svelte';

export type InputSource = 'paste' | 'file' | 'sample' | 'history';

export interface InputItem {
  key: number;
  name: string;
  text?: string;
  bytes?: Uint8Array;
  source: InputSource;
  size: number;
  /** A big log file read as a stream: its aggregate stands for its text (never held). */
  traffic?: StreamedTraffic;
  /** Still being read as a stream (not part of the analysis until it is done). */
  reading?: boolean;
}

/** A big file being read: what the progress bar shows. */
export interface ReadingState extends StreamProgress {
  key: number;
  name: string;
}


export interface Result {
  report: Report;
  workspace?: Workspace;
  hash: string;
  /** How this result came: a fresh engine run, the cache, or a reopened history record. */
  origin: 'engine' | 'cache' | 'history';
  ms?: number;
  recordId?: string;
  createdAt: number;
}

export interface Notice {
  id: number;
  key: MessageKey;
  params?: Record<string, string | number>;
  tone: 'info' | 'warning';
  action?: { label: MessageKey; run: () => void };
}

export const PASTE_NAME = 'paste.txt';
const DEBOUNCE_MS = 350;

class Session {
  /** Documents besides the paste box: files, samples, kept pastes, reopened inputs. */
  items = $state.raw<InputItem[]>([]);
  paste = $state('');
  result = $state.raw<Result | null>(null);
  status = $state<'idle' | 'pending' | 'running' | 'done' | 'error'>('idle');
  error = $state('');
  notices = $state<Notice[]>([]);
  keepNothing = $state(readSetting('keepNothing') === '1');
  storeKind = $state<'indexeddb' | 'memory' | 'opening'>('opening');
  history = $state.raw<HistorySummary[]>([]);
  unreadable = $state.raw<{ id: string; reason: string }[]>([]);
  /** The page is served by the service worker, so it opens without the network. */
  worksOffline = $state(false);
  /** Big files being read as streams, with their progress. */
  reading = $state.raw<ReadingState[]>([]);

  private engine = createEngineHost();
  private store: Promise<HistoryStore>;
  private memCache = new Map<string, Result>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private nextKey = 1;
  private nextNotice = 1;
  private noticeKeys = new Set<string>();
  private readers = new Map<number, AbortController>();
  /** Streamed results by file fingerprint and document name: the same big file dropped again is not read again. */
  private streamedFiles = new Map<string, StreamedTraffic>();

  constructor() {
    this.store = openHistory({ onNotice: (n) => this.storeNotice(n) }).then((s) => {
      this.storeKind = s.kind;
      return s;
    });
  }

  // ------------------------------------------------------------------ notices

  notify(key: MessageKey, params?: Notice['params'], tone: Notice['tone'] = 'info', action?: Notice['action']): void {
    const sig = key + JSON.stringify(params ?? {});
    if (this.noticeKeys.has(sig)) return;
    this.noticeKeys.add(sig);
    this.notices = [...this.notices, { id: this.nextNotice++, key, params, tone, action }];
  }

  dismiss(id: number): void {
    const n = this.notices.find((x) => x.id === id);
    if (n) this.noticeKeys.delete(n.key + JSON.stringify(n.params ?? {}));
    this.notices = this.notices.filter((x) => x.id !== id);
  }

  private storeNotice(n: StoreNotice): void {
    switch (n.kind) {
      case 'unavailable':
        return this.notify('storage.unavailable', undefined, 'warning');
      case 'blocked':
        return this.notify('storage.blocked', undefined, 'warning');
      case 'versionchange':
        return this.notify('storage.versionchange', undefined, 'warning', { label: 'notice.reload', run: () => location.reload() });
      case 'quota':
        return this.notify('storage.quota', undefined, 'warning');
      case 'write-failed':
        return this.notify('storage.writeFailed', undefined, 'warning');
      case 'migrated':
        return this.notify('storage.migrated', { count: n.count, dropped: n.dropped });
      case 'unreadable':
        return this.notify('storage.unreadable', { count: n.count }, 'warning');
      case 'pruned':
        return this.notify('storage.pruned', { count: n.count });
    }
  }

  // ------------------------------------------------------------------ input

  /** The documents the engine sees, in order: the paste box first, then the other items. */
  documents(): InputDocument[] {
    const docs: InputDocument[] = [];
    if (this.paste.trim()) docs.push({ name: PASTE_NAME, text: this.paste });
    for (const i of this.items) {
      if (i.reading) continue;
      docs.push(i.text !== undefined ? { name: i.name, text: i.text } : i.traffic ? { name: i.name, traffic: i.traffic } : { name: i.name, bytes: i.bytes });
    }
    return docs;
  }

  private uniqueName(name: string, items: InputItem[] = this.items): string {
    const taken = new Set([PASTE_NAME, ...items.map((i) => i.name)]);
    if (!taken.has(name)) return name;
    const m = /^(.*?)(\.[^.]*)?$/.exec(name)!;
    for (let n = 2; ; n++) {
      const candidate = `${m[1]}-${n}${m[2] ?? ''}`;
      if (!taken.has(candidate)) return candidate;
    }
  }

  /**
   * Typing waits for a pause (DEBOUNCE_MS); a paste or a drop into the box is a whole input at once, so it is
   * analysed at once (paste → findings is measured by `npm run bench`).
   */
  setPaste(text: string, whole = false): void {
    this.paste = text;
    this.schedule(whole ? 0 : DEBOUNCE_MS);
  }

  /** Moves the paste box's text into the list so another output can be pasted. */
  keepPaste(): void {
    if (!this.paste.trim()) return;
    const text = this.paste;
    this.items = [...this.items, { key: this.nextKey++, name: this.uniqueName('paste.txt'), text, source: 'paste', size: text.length }];
    this.paste = '';
    this.schedule();
  }

  async addFiles(files: FileList | File[]): Promise<void> {
    const added: InputItem[] = [];
    const big = new Map<number, File>();
    for (const f of Array.from(files)) {
      if (f.size > STREAM_THRESHOLD) {
        const key = this.nextKey++;
        big.set(key, f);
        added.push({ key, name: f.name, source: 'file', size: f.size, reading: true });
        continue;
      }
      try {
        const bytes = new Uint8Array(await f.arrayBuffer());
        added.push({ key: this.nextKey++, name: f.name, bytes, source: 'file', size: bytes.length });
      } catch (e) {
        this.notify('input.readError', { name: f.name, error: String((e as Error)?.message ?? e) }, 'warning');
      }
    }
    // Names are made unique in order so two "gateway.json" files both stay.
    const items = [...this.items];
    for (const a of added) items.push({ ...a, name: this.uniqueName(a.name, items) });
    this.items = items;
    for (const [key, file] of big) void this.streamFile(key, file);
    this.schedule();
  }

  // ------------------------------------------------------------------ big files

  readingOf(key: number): ReadingState | undefined {
    return this.reading.find((r) => r.key === key);
  }

  /** Stops reading a big file: it leaves the list; every other input and the result shown stay as they were. */
  cancelRead(key: number): void {
    this.readers.get(key)?.abort();
  }

  private cancelAllReads(): void {
    for (const ac of this.readers.values()) ac.abort();
  }

  /** Reads a big file as a stream where the engine runs (the worker), then joins it to the analysis. */
  private async streamFile(key: number, file: File): Promise<void> {
    const item = this.items.find((i) => i.key === key);
    if (!item) return;
    const name = item.name;
    const ac = new AbortController();
    this.readers.set(key, ac);
    this.reading = [...this.reading, { key, name, bytes: 0, total: file.size, records: 0 }];
    let changed = false;
    const update = (patch: Partial<InputItem> | undefined) => {
      changed = true;
      this.items = patch ? this.items.map((i) => (i.key === key ? { ...i, ...patch, reading: false } : i)) : this.items.filter((i) => i.key !== key);
    };
    const present = () => this.items.some((i) => i.key === key);
    try {
      const fingerprint = await fileFingerprint(file).then((f) => `${f}\u0000${name}`, () => undefined);
      const known = fingerprint ? this.streamedFiles.get(fingerprint) : undefined;
      const outcome = known
        ? ({ kind: 'traffic', streamed: known } as const)
        : await this.engine.readTraffic(file, name, {
            signal: ac.signal,
            onProgress: (p) => (this.reading = this.reading.map((r) => (r.key === key ? { ...r, ...p } : r))),
          });
      // Removed, cleared or replaced (history reopened) meanwhile: nothing to join.
      if (!present()) return;
      if (outcome.kind === 'cancelled' || ac.signal.aborted) {
        update(undefined);
        this.notify('stream.cancelled', { name });
      } else if (outcome.kind === 'traffic') {
        if (fingerprint) this.streamedFiles.set(fingerprint, outcome.streamed);
        update({ traffic: outcome.streamed });
      } else {
        // Not a log: read whole, as any other file.
        update({ bytes: new Uint8Array(await file.arrayBuffer()) });
      }
    } catch (e) {
      if (present()) update(undefined);
      this.notify('input.readError', { name, error: String((e as Error)?.message ?? e) }, 'warning');
    } finally {
      this.readers.delete(key);
      this.reading = this.reading.filter((r) => r.key !== key);
      if (changed) this.schedule(0);
    }
  }

  /** A sample replaces the input: its first document goes to the paste box, the others to the list. */
  loadSample(files: { name: string; text: string }[]): void {
    this.cancelAllReads();
    const [first, ...rest] = files;
    this.paste = first?.text ?? '';
    this.items = rest.map((f) => ({ key: this.nextKey++, name: f.name, text: f.text, source: 'sample' as const, size: f.text.length }));
    this.schedule(0);
  }

  remove(key: number): void {
    this.readers.get(key)?.abort();
    this.items = this.items.filter((i) => i.key !== key);
    this.schedule();
  }

  clearAll(): void {
    this.cancelAllReads();
    this.items = [];
    this.paste = '';
    this.schedule(0);
  }

  // ------------------------------------------------------------------ analysis

  schedule(delay = DEBOUNCE_MS): void {
    clearTimeout(this.timer);
    if (!this.documents().length) {
      this.seq++;
      this.result = null;
      this.status = 'idle';
      return;
    }
    this.status = 'pending';
    this.timer = setTimeout(() => void this.run(), delay);
  }

  /** Runs now (used by "analyse again" and by tests through the debounce). */
  async run(force = false): Promise<void> {
    clearTimeout(this.timer);
    const docs = this.documents();
    if (!docs.length) return;
    const seq = ++this.seq;
    const hash = await inputHash(docs);
    if (seq !== this.seq) return;
    if (!force && this.result?.hash === hash && this.result.workspace) {
      this.status = 'done';
      return;
    }
    if (!force) {
      const hit = this.memCache.get(hash) ?? (await this.fromStore(hash));
      if (seq !== this.seq) return;
      if (hit?.workspace) {
        this.result = { ...hit, origin: 'cache' };
        this.status = 'done';
        return;
      }
    }
    this.status = 'running';
    try {
      const r = await this.engine.analyze(docs, { locale: i18n.locale, now: new Date() });
      if (seq !== this.seq) return;
      const result: Result = { report: r.report, workspace: r.workspace, hash, origin: 'engine', ms: r.ms, createdAt: Date.now() };
      this.memCache.set(hash, result);
      this.result = result;
      this.status = 'done';
      this.error = '';
      if (!this.keepNothing) void this.save(result, docs);
    } catch (e) {
      if (seq !== this.seq) return;
      this.status = 'error';
      this.error = String((e as Error)?.message ?? e);
    }
  }

  private async fromStore(hash: string): Promise<Result | undefined> {
    if (this.keepNothing) return undefined;
    const store = await this.store;
    const r = await store.findByHash(hash).catch(() => undefined);
    if (!r || r.engineVersion !== ENGINE_VERSION) return undefined;
    return { report: r.report, workspace: r.workspace, hash: r.hash, origin: 'cache', recordId: r.id, createdAt: r.createdAt };
  }

  private async save(result: Result, docs: InputDocument[]): Promise<void> {
    const store = await this.store;
    const record: HistoryRecord = {
      schema: 2,
      id: newId(),
      hash: result.hash,
      title: defaultTitle(result.report),
      createdAt: result.createdAt,
      engineVersion: ENGINE_VERSION,
      // A streamed log is kept as its aggregate, never as its text.
      inputs: docs.map((d) => (d.text !== undefined ? { name: d.name, text: d.text } : d.traffic && !d.bytes ? { name: d.name, traffic: d.traffic } : { name: d.name, bytes: d.bytes })),
      kinds: result.report.documents.map((d) => ({ name: d.name, kind: d.kind })),
      report: result.report,
      workspace: result.workspace,
    };
    await store.put(record);
    result.recordId = record.id;
    // A new object so views that link to this record (routeHash) see its id.
    if (this.result === result) this.result = { ...result };
    await this.refreshHistory();
  }

  // ------------------------------------------------------------------ history

  async refreshHistory(): Promise<void> {
    const store = await this.store;
    const { items, unreadable } = await store.list();
    this.history = items;
    this.unreadable = unreadable;
  }

  /** Shows a stored analysis as it was: its inputs back in place, its report and picture, no engine run. */
  async reopen(id: string): Promise<boolean> {
    const store = await this.store;
    const r = await store.get(id);
    if (!r) return false;
    clearTimeout(this.timer);
    this.cancelAllReads();
    this.seq++;
    this.paste = '';
    this.items = r.inputs.map((i) => ({
      key: this.nextKey++,
      name: i.name,
      text: i.text,
      bytes: i.bytes,
      traffic: i.traffic,
      source: i.name === PASTE_NAME ? ('paste' as const) : ('history' as const),
      size: i.text?.length ?? i.bytes?.length ?? i.traffic?.bytes ?? 0,
    }));
    const first = this.items[0];
    if (first && first.name === PASTE_NAME && first.text !== undefined) {
      this.paste = first.text;
      this.items = this.items.slice(1);
    }
    this.result = { report: r.report, workspace: r.workspace, hash: r.hash, origin: 'history', recordId: r.id, createdAt: r.createdAt };
    if (r.hash && r.workspace) this.memCache.set(r.hash, this.result);
    this.status = 'done';
    return true;
  }

  async rename(id: string, title: string): Promise<void> {
    await (await this.store).rename(id, title);
    await this.refreshHistory();
  }

  async delete(id: string): Promise<void> {
    await (await this.store).delete(id);
    await this.refreshHistory();
  }

  async deleteAll(): Promise<void> {
    await (await this.store).clear();
    await this.refreshHistory();
  }

  async removeUnreadable(): Promise<void> {
    const store = await this.store;
    for (const u of this.unreadable) await store.delete(u.id);
    await this.refreshHistory();
  }

  async setKeepNothing(on: boolean): Promise<void> {
    this.keepNothing = on;
    writeSetting('keepNothing', on ? '1' : null);
    if (on) await this.deleteAll();
  }
}

export const session = new Session();
