/**
 * The fleet against the fake ARM (in-process): list across subscriptions, analyse all with progress and
 * counts, a failure of one gateway not stopping the others, cancel, and the cache keeping what was read.
 */
import { describe, expect, test } from 'vitest';
import { analyseAll, listFleet, readGateway, rowsFor, type FleetRow } from '../../../src/azure/fleet';
import { memoryAzureCache } from '../../../src/azure/cache';
import { analyze } from '../../../src/core/analyze';
import { IDS, SUB_A, SUB_B } from '../../azure/fake-tenant';
import { setup } from './helpers';

const counts = async (docs: { name: string; text: string }[]) => {
  const s = (await analyze(docs)).report.summary;
  return { error: s.error ?? 0, warning: s.warning ?? 0, info: s.info ?? 0 };
};

function rowsTracker() {
  const rows = new Map<string, Partial<FleetRow>>();
  return { rows, onUpdate: (id: string, patch: Partial<FleetRow>) => rows.set(id, { ...rows.get(id), ...patch }) };
}

describe('fleet', () => {
  test('every gateway across subscriptions', async () => {
    const { client } = setup();
    const f = await listFleet(client);
    expect(f.subscriptions.map((s) => s.subscriptionId)).toEqual([SUB_A, SUB_B]);
    expect(f.gateways.map((g) => g.name)).toEqual(['appgw-api', 'appgw-legacy', 'appgw-shop']);
    expect(f.via).toBe('resource-graph');
    expect(f.failures).toEqual([]);
  });

  test('analyse all: progress, counts per gateway, a gateway that fails does not stop the others; the cache keeps it all', async () => {
    const { client } = setup({ forbid: { match: /appgw-legacy$/ } });
    const cache = memoryAzureCache();
    const { gateways } = await listFleet(client);
    const t = rowsTracker();
    const progress: [number, number][] = [];
    const tally = await analyseAll(gateways, { client, cache, analyze: counts, engineVersion: 'test', onUpdate: t.onUpdate, onProgress: (d, n) => progress.push([d, n]) });
    expect(tally).toEqual({ done: 2, failed: 1, cancelled: 0 });
    expect(progress).toEqual([[0, 3], [1, 3], [2, 3], [3, 3]]);
    expect(t.rows.get(IDS.shop)).toMatchObject({ status: 'done', counts: { error: 2, warning: 1 } });
    expect(t.rows.get(IDS.api)).toMatchObject({ status: 'done', counts: { error: 1 } });
    expect(t.rows.get(IDS.legacy)?.status).toBe('failed');
    expect(t.rows.get(IDS.legacy)?.message).toMatch(/does not have authorization/);
    // Offline later: the rows come back from the cache with their counts, and the documents are there to analyse again.
    const rows = await rowsFor(gateways, cache);
    expect(rows.find((r) => r.gateway.id === IDS.shop)).toMatchObject({ status: 'done', counts: { error: 2, warning: 1 } });
    expect(rows.find((r) => r.gateway.id === IDS.legacy)?.status).toBe('idle');
    const again = await cache.getCollection(IDS.shop.toUpperCase());
    expect(await counts(again!.collection.documents)).toEqual({ error: 2, warning: 1, info: 0 });
  });

  test('cancel: the running reads stop, keep what they read, the queued ones do not start', async () => {
    const ac = new AbortController();
    const { client } = setup({ polls: 3 });
    const cache = memoryAzureCache();
    const { gateways } = await listFleet(client);
    const t = rowsTracker();
    const tally = await analyseAll(gateways, {
      client, cache, analyze: counts, engineVersion: 'test', concurrency: 1, signal: ac.signal,
      onUpdate: (id, p) => {
        t.onUpdate(id, p);
        if (p.message?.startsWith('reading backend health')) ac.abort();
      },
    });
    expect(tally.cancelled).toBe(3);
    expect((await cache.listCollections()).map((c) => c.collection.gatewayName)).toEqual(['appgw-api']);
  });

  test('read one gateway again replaces its cached read', async () => {
    const { client } = setup();
    const cache = memoryAzureCache();
    const g = (await listFleet(client)).gateways.find((x) => x.name === 'appgw-api')!;
    const t = rowsTracker();
    const first = await readGateway(g, { client, cache, analyze: counts, engineVersion: 'test', onUpdate: t.onUpdate });
    const second = await readGateway(g, { client, cache, analyze: counts, engineVersion: 'test', onUpdate: t.onUpdate });
    expect((await cache.listCollections()).length).toBe(1);
    expect((await cache.getCollection(g.id))?.collection.readAt).toBe(second!.readAt);
    expect(first!.documents).toEqual(second!.documents);
  });
});
