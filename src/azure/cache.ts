/**
 * What was read from Azure, kept in IndexedDB (through idb) so a gateway read once can be analysed again
 * offline: each gateway's last collection (its documents, issues, and when it was read) with its last
 * analysis counts, and the last gateway list. A database of its own (`appgw-502-doctor-azure`), apart from the
 * history's (src/storage/history.ts), so neither's upgrades touch the other. Memory when IndexedDB is missing
 * or refuses; never throws at the caller.
 */
import { openDB, type IDBPDatabase } from 'idb';
import type { Collection } from './collector';
import type { GatewaySummary, Subscription } from './arm-client';

export const AZURE_DB = 'appgw-502-doctor-azure';
const VERSION = 1;
const COLLECTIONS = 'collections';
const FLEETS = 'fleets';

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export interface CachedCollection {
  /** Lower-case gateway id. */
  key: string;
  collection: Collection;
  counts?: Counts;
  analysedAt?: string;
  engineVersion?: string;
}

export interface CachedFleet {
  /** Who listed it: cloud + account, so another account's list is not shown. */
  key: string;
  listedAt: string;
  subscriptions: Subscription[];
  gateways: GatewaySummary[];
}

export interface AzureCache {
  readonly kind: 'indexeddb' | 'memory';
  putCollection(c: Collection): Promise<void>;
  getCollection(gatewayId: string): Promise<CachedCollection | undefined>;
  listCollections(): Promise<CachedCollection[]>;
  setCounts(gatewayId: string, counts: Counts, engineVersion: string, at?: string): Promise<void>;
  putFleet(f: CachedFleet): Promise<void>;
  getFleet(key: string): Promise<CachedFleet | undefined>;
  clear(): Promise<void>;
}

const k = (id: string) => id.toLowerCase();

export function memoryAzureCache(): AzureCache {
  const collections = new Map<string, CachedCollection>();
  const fleets = new Map<string, CachedFleet>();
  const clone = <T>(v: T): T => structuredClone(v);
  return {
    kind: 'memory',
    async putCollection(c) {
      // A new read replaces the old one, and its counts (they were for other documents).
      collections.set(k(c.gatewayId), { key: k(c.gatewayId), collection: clone(c) });
    },
    async getCollection(id) {
      const v = collections.get(k(id));
      return v && clone(v);
    },
    async listCollections() {
      return [...collections.values()].map(clone);
    },
    async setCounts(id, counts, engineVersion, at = new Date().toISOString()) {
      const v = collections.get(k(id));
      if (v) collections.set(k(id), { ...v, counts, engineVersion, analysedAt: at });
    },
    async putFleet(f) {
      fleets.set(f.key, clone(f));
    },
    async getFleet(key) {
      const v = fleets.get(key);
      return v && clone(v);
    },
    async clear() {
      collections.clear();
      fleets.clear();
    },
  };
}

type DB = IDBPDatabase<unknown>;

function idbCache(db: DB): AzureCache {
  const fallback = memoryAzureCache();
  let broken = false;
  const guard = async <T>(run: () => Promise<T>, otherwise: () => Promise<T>): Promise<T> => {
    if (broken) return otherwise();
    try {
      return await run();
    } catch {
      // Quota, a closed database, another tab upgrading: keep working from memory for this visit.
      broken = true;
      return otherwise();
    }
  };
  db.addEventListener('versionchange', () => {
    db.close();
    broken = true;
  });
  return {
    kind: 'indexeddb',
    putCollection: (c) =>
      guard(
        async () => {
          await db.put(COLLECTIONS, { key: k(c.gatewayId), collection: c } satisfies CachedCollection);
        },
        () => fallback.putCollection(c),
      ),
    getCollection: (id) => guard(async () => (await db.get(COLLECTIONS, k(id))) as CachedCollection | undefined, () => fallback.getCollection(id)),
    listCollections: () => guard(async () => (await db.getAll(COLLECTIONS)) as CachedCollection[], () => fallback.listCollections()),
    setCounts: (id, counts, engineVersion, at = new Date().toISOString()) =>
      guard(
        async () => {
          const tx = db.transaction(COLLECTIONS, 'readwrite');
          const v = (await tx.store.get(k(id))) as CachedCollection | undefined;
          if (v) await tx.store.put({ ...v, counts, engineVersion, analysedAt: at });
          await tx.done;
        },
        () => fallback.setCounts(id, counts, engineVersion, at),
      ),
    putFleet: (f) =>
      guard(
        async () => {
          await db.put(FLEETS, f);
        },
        () => fallback.putFleet(f),
      ),
    getFleet: (key) => guard(async () => (await db.get(FLEETS, key)) as CachedFleet | undefined, () => fallback.getFleet(key)),
    clear: () =>
      guard(
        async () => {
          await db.clear(COLLECTIONS);
          await db.clear(FLEETS);
        },
        () => fallback.clear(),
      ),
  };
}

/** The cache: IndexedDB when it opens (within a few seconds), memory otherwise (`factory` only says whether IndexedDB exists). */
export async function openAzureCache(factory: IDBFactory | undefined = typeof indexedDB !== 'undefined' ? indexedDB : undefined): Promise<AzureCache> {
  if (!factory) return memoryAzureCache();
  try {
    const opening = openDB(AZURE_DB, VERSION, {
      upgrade(db) {
        if (!db.objectStoreNames.contains(COLLECTIONS)) db.createObjectStore(COLLECTIONS, { keyPath: 'key' });
        if (!db.objectStoreNames.contains(FLEETS)) db.createObjectStore(FLEETS, { keyPath: 'key' });
      },
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('IndexedDB did not open')), 4000);
    });
    try {
      return idbCache(await Promise.race([opening, timeout]));
    } finally {
      clearTimeout(timer);
    }
  } catch {
    return memoryAzureCache();
  }
}
