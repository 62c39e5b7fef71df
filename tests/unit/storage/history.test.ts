/**
 * The history without IndexedDB (Node has none): the memory store, and openHistory falling back to it
 * — no IndexedDB at all, an IndexedDB that refuses to open, and one blocked by another tab. The real
 * IndexedDB paths (upgrade, migration, corrupt records) run in Chromium: tests/e2e/app.test.ts.
 */
import { describe, expect, test } from 'vitest';
import { MAX_RECORDS, memoryStore, openHistory, type StoreNotice } from '../../../src/storage/history';
import type { HistoryRecord } from '../../../src/storage/records';
import type { Report } from '../../../src/core/report/contract';

const report = { tool: { version: '0.1.0' }, documents: [], gateways: [{ name: 'gw' }], findings: [], summary: { error: 0, warning: 0, info: 0 }, notes: [] } as unknown as Report;
const rec = (id: string, createdAt: number, hash = id): HistoryRecord => ({ schema: 2, id, hash, title: id, createdAt, engineVersion: '0.1.0', inputs: [], kinds: [], report });

describe('memoryStore', () => {
  test('put, list newest first, find by hash, rename, delete, clear', async () => {
    const s = memoryStore();
    await s.put(rec('a', 1));
    await s.put(rec('b', 2));
    expect((await s.list()).items.map((i) => i.id)).toEqual(['b', 'a']);
    expect((await s.findByHash('a'))?.id).toBe('a');
    expect(await s.findByHash('')).toBeUndefined();
    await s.rename('a', 'renamed');
    expect((await s.get('a'))?.title).toBe('renamed');
    await s.delete('b');
    expect((await s.list()).items.map((i) => i.id)).toEqual(['a']);
    await s.clear();
    expect((await s.list()).items).toEqual([]);
  });

  test('keeps at most MAX_RECORDS, dropping the oldest', async () => {
    const s = memoryStore();
    for (let i = 0; i < MAX_RECORDS + 3; i++) await s.put(rec(`r${i}`, i));
    const ids = (await s.list()).items.map((i) => i.id);
    expect(ids.length).toBe(MAX_RECORDS);
    expect(ids).not.toContain('r0');
    expect(ids).toContain(`r${MAX_RECORDS + 2}`);
  });
});

describe('openHistory falls back to memory and says so', () => {
  test('no IndexedDB in this browser', async () => {
    const notices: StoreNotice[] = [];
    const g = globalThis as { indexedDB?: unknown };
    const saved = g.indexedDB;
    delete g.indexedDB;
    const s = await openHistory({ onNotice: (n) => notices.push(n) });
    g.indexedDB = saved;
    expect(s.kind).toBe('memory');
    expect(notices).toEqual([{ kind: 'unavailable' }]);
  });

  test('IndexedDB that throws on open (privacy modes, file:// in some browsers)', async () => {
    const notices: StoreNotice[] = [];
    const factory = { open: () => { throw new DOMException('denied', 'SecurityError'); } } as unknown as IDBFactory;
    const g = globalThis as { indexedDB?: unknown };
    g.indexedDB = factory;
    try {
      const s = await openHistory({ onNotice: (n) => notices.push(n), factory });
      expect(s.kind).toBe('memory');
      expect(notices[0].kind).toBe('unavailable');
    } finally {
      delete g.indexedDB;
    }
  });

  test('an upgrade blocked by another tab: memory after the wait, with a notice', async () => {
    const notices: StoreNotice[] = [];
    // A request that only ever reports "blocked", as when another tab keeps version 1 open.
    const factory = {
      open: () => {
        const request = new EventTarget();
        setTimeout(() => request.dispatchEvent(new Event('blocked')), 5);
        return request;
      },
    } as unknown as IDBFactory;
    const g = globalThis as { indexedDB?: unknown; IDBRequest?: unknown };
    g.indexedDB = factory;
    g.IDBRequest = EventTarget; // idb recognises requests by class; Node has none
    try {
      const s = await openHistory({ onNotice: (n) => notices.push(n), factory, blockedTimeoutMs: 50 });
      expect(s.kind).toBe('memory');
      expect(notices).toEqual([{ kind: 'blocked' }]);
    } finally {
      delete g.indexedDB;
      delete g.IDBRequest;
    }
  });
});
