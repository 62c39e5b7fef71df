/**
 * The history of analyses: IndexedDB (through idb) when the browser lets us, memory otherwise. Never
 * throws at the caller: whatever cannot be kept is said in `StoreNotice`s the view shows, and the app
 * keeps working (the analysis is there, only not remembered).
 *
 * Database `appgw-502-doctor`, version 2, store `analyses` (keyPath `id`, indexes `hash` and
 * `createdAt`). Version 1 had the store without indexes and schema-1 records; the upgrade migrates each
 * record with `migrateRecord` (records.ts) and drops the ones that cannot be read.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { migrateRecord, summaryOf, type HistoryRecord, type HistorySummary } from './records';

export const DB_NAME = 'appgw-502-doctor';
export const DB_VERSION = 2;
const STORE = 'analyses';
/** Oldest records go first beyond this many. */
export const MAX_RECORDS = 100;

export type StoreNotice =
  | { kind: 'unavailable'; detail?: string }
  | { kind: 'blocked' }
  | { kind: 'versionchange' }
  | { kind: 'quota' }
  | { kind: 'write-failed'; detail?: string }
  | { kind: 'migrated'; count: number; dropped: number }
  | { kind: 'unreadable'; count: number }
  | { kind: 'pruned'; count: number };

export type PutResult = { kept: true; pruned: number } | { kept: false; reason: 'quota' | 'error' | 'memory-only'; detail?: string };

export interface HistoryStore {
  readonly kind: 'indexeddb' | 'memory';
  list(): Promise<{ items: HistorySummary[]; unreadable: { id: string; reason: string }[] }>;
  get(id: string): Promise<HistoryRecord | undefined>;
  findByHash(hash: string): Promise<HistoryRecord | undefined>;
  put(record: HistoryRecord): Promise<PutResult>;
  rename(id: string, title: string): Promise<void>;
  delete(id: string): Promise<void>;
  clear(): Promise<void>;
}

export function memoryStore(): HistoryStore {
  const records = new Map<string, HistoryRecord>();
  return {
    kind: 'memory',
    async list() {
      const items = [...records.values()].sort((a, b) => b.createdAt - a.createdAt).map((r) => summaryOf(r));
      return { items, unreadable: [] };
    },
    async get(id) {
      return records.get(id);
    },
    async findByHash(hash) {
      if (!hash) return undefined;
      return [...records.values()].find((r) => r.hash === hash);
    },
    async put(record) {
      records.set(record.id, record);
      let pruned = 0;
      const byAge = [...records.values()].sort((a, b) => a.createdAt - b.createdAt);
      while (records.size > MAX_RECORDS) {
        records.delete(byAge.shift()!.id);
        pruned++;
      }
      return { kept: true, pruned };
    },
    async rename(id, title) {
      const r = records.get(id);
      if (r) r.title = title;
    },
    async delete(id) {
      records.delete(id);
    },
    async clear() {
      records.clear();
    },
  };
}

const isQuota = (e: unknown) => {
  const name = (e as { name?: string })?.name ?? '';
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || /quota/i.test(String((e as Error)?.message ?? ''));
};

interface OpenOptions {
  /** How long to wait for another tab to let go of an older version before working from memory. */
  blockedTimeoutMs?: number;
  onNotice(n: StoreNotice): void;
  /** Test hook: the IndexedDB factory (defaults to the global one). */
  factory?: IDBFactory;
}

type DB = IDBPDatabase<unknown>;

async function openIdb(opts: OpenOptions): Promise<DB> {
  let migrated = 0;
  let dropped = 0;
  let blockedTimer: ReturnType<typeof setTimeout> | undefined;
  const opening = openDB(DB_NAME, DB_VERSION, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'id' });
      if (oldVersion < 2) {
        const store = tx.objectStore(STORE);
        store.createIndex('hash', 'hash');
        store.createIndex('createdAt', 'createdAt');
        let cursor = await store.openCursor();
        while (cursor) {
          const m = migrateRecord(cursor.value);
          if (m.ok) {
            if (m.migrated) migrated++;
            await cursor.update(m.record);
          } else {
            dropped++;
            await cursor.delete();
          }
          cursor = await cursor.continue();
        }
      }
    },
    blocked() {
      opts.onNotice({ kind: 'blocked' });
    },
  });
  const timeout = new Promise<never>((_, reject) => {
    blockedTimer = setTimeout(() => reject(Object.assign(new Error('blocked by another tab'), { name: 'BlockedError' })), opts.blockedTimeoutMs ?? 4000);
  });
  try {
    const db = await Promise.race([opening, timeout]);
    if (migrated || dropped) opts.onNotice({ kind: 'migrated', count: migrated, dropped });
    return db;
  } catch (e) {
    // If it opens later after all, let go of it so the other tab is not blocked by us.
    opening.then((db) => db.close(), () => undefined);
    throw e;
  } finally {
    clearTimeout(blockedTimer);
  }
}

/** The history store: IndexedDB if it opens, memory (with a notice saying so) if not. */
export async function openHistory(opts: OpenOptions): Promise<HistoryStore> {
  const factory = opts.factory ?? (typeof indexedDB !== 'undefined' ? indexedDB : undefined);
  if (!factory) {
    opts.onNotice({ kind: 'unavailable' });
    return memoryStore();
  }
  let db: DB;
  try {
    db = await openIdb(opts);
  } catch (e) {
    if ((e as Error)?.name !== 'BlockedError') opts.onNotice({ kind: 'unavailable', detail: String((e as Error)?.message ?? e) });
    return memoryStore();
  }
  return idbStore(db, opts);
}

function idbStore(initial: DB, opts: OpenOptions): HistoryStore {
  let db: DB | undefined = initial;
  const fallback = memoryStore();
  const watch = (d: DB) => {
    // Another tab wants a newer version: let go, keep working from memory, and say so.
    d.addEventListener('versionchange', () => {
      d.close();
      db = undefined;
      opts.onNotice({ kind: 'versionchange' });
    });
  };
  watch(initial);

  const readRecord = (raw: unknown): HistoryRecord | undefined => {
    const m = migrateRecord(raw);
    return m.ok ? m.record : undefined;
  };

  const prune = async (d: DB, keep: number): Promise<number> => {
    const tx = d.transaction(STORE, 'readwrite');
    const total = await tx.store.count();
    let excess = total - keep;
    let pruned = 0;
    let cursor = await tx.store.index('createdAt').openCursor();
    while (cursor && excess > 0) {
      await cursor.delete();
      pruned++;
      excess--;
      cursor = await cursor.continue();
    }
    await tx.done;
    return pruned;
  };

  const store: HistoryStore = {
    kind: 'indexeddb',
    async list() {
      if (!db) return fallback.list();
      const items: HistorySummary[] = [];
      const unreadable: { id: string; reason: string }[] = [];
      try {
        const tx = db.transaction(STORE, 'readonly');
        let cursor = await tx.store.openCursor();
        while (cursor) {
          const m = migrateRecord(cursor.value);
          if (m.ok) items.push(summaryOf(m.record, m.migrated || m.record.hash === ''));
          else unreadable.push({ id: String((cursor.value as { id?: unknown })?.id ?? cursor.key), reason: m.reason });
          cursor = await cursor.continue();
        }
        await tx.done;
      } catch (e) {
        opts.onNotice({ kind: 'write-failed', detail: String((e as Error)?.message ?? e) });
      }
      const mem = await fallback.list();
      items.push(...mem.items);
      items.sort((a, b) => b.createdAt - a.createdAt);
      if (unreadable.length) opts.onNotice({ kind: 'unreadable', count: unreadable.length });
      return { items, unreadable };
    },
    async get(id) {
      if (db) {
        try {
          const r = readRecord(await db.get(STORE, id));
          if (r) return r;
        } catch {
          /* fall back to memory */
        }
      }
      return fallback.get(id);
    },
    async findByHash(hash) {
      if (!hash) return undefined;
      if (db) {
        try {
          const all = await db.getAllFromIndex(STORE, 'hash', hash);
          for (const raw of all) {
            const r = readRecord(raw);
            if (r) return r;
          }
        } catch {
          /* fall back to memory */
        }
      }
      return fallback.findByHash(hash);
    },
    async put(record) {
      if (!db) {
        await fallback.put(record);
        return { kept: false, reason: 'memory-only' };
      }
      const attempt = async () => {
        await db!.put(STORE, record);
        return prune(db!, MAX_RECORDS);
      };
      try {
        const pruned = await attempt();
        if (pruned) opts.onNotice({ kind: 'pruned', count: pruned });
        return { kept: true, pruned };
      } catch (e) {
        if (isQuota(e) && db) {
          // Make room: drop the older half of the history once, then try again.
          try {
            const count = await db.count(STORE);
            const pruned = await prune(db, Math.floor(count / 2));
            await db.put(STORE, record);
            opts.onNotice({ kind: 'pruned', count: pruned });
            return { kept: true, pruned };
          } catch (e2) {
            await fallback.put(record);
            opts.onNotice({ kind: 'quota' });
            return { kept: false, reason: isQuota(e2) ? 'quota' : 'error', detail: String((e2 as Error)?.message ?? e2) };
          }
        }
        await fallback.put(record);
        opts.onNotice({ kind: isQuota(e) ? 'quota' : 'write-failed', detail: String((e as Error)?.message ?? e) });
        return { kept: false, reason: isQuota(e) ? 'quota' : 'error', detail: String((e as Error)?.message ?? e) };
      }
    },
    async rename(id, title) {
      await fallback.rename(id, title);
      if (!db) return;
      try {
        const tx = db.transaction(STORE, 'readwrite');
        const r = readRecord(await tx.store.get(id));
        if (r) await tx.store.put({ ...r, title });
        await tx.done;
      } catch (e) {
        opts.onNotice({ kind: 'write-failed', detail: String((e as Error)?.message ?? e) });
      }
    },
    async delete(id) {
      await fallback.delete(id);
      if (!db) return;
      try {
        await db.delete(STORE, id);
      } catch (e) {
        opts.onNotice({ kind: 'write-failed', detail: String((e as Error)?.message ?? e) });
      }
    },
    async clear() {
      await fallback.clear();
      if (!db) return;
      try {
        await db.clear(STORE);
      } catch (e) {
        opts.onNotice({ kind: 'write-failed', detail: String((e as Error)?.message ?? e) });
      }
    },
  };
  return store;
}
