/**
 * The fleet: every gateway the signed-in user can see across subscriptions, and "analyse all" — each gateway
 * read (collector.ts), kept (cache.ts), analysed (the engine, passed in) and counted, a few at a time, with
 * progress, cancel, and a failure of one gateway never stopping the others.
 */
import type { ArmClient, ArmFailure, GatewaySummary, Subscription } from './arm-client';
import { limiter } from './arm-client';
import type { AzureCache, Counts } from './cache';
import { collectGateway, type CollectIssue, type Collection, type CollectOptions, type CollectedDocument } from './collector';

export type RowStatus = 'idle' | 'queued' | 'reading' | 'analysing' | 'done' | 'failed' | 'cancelled';

export interface FleetRow {
  gateway: GatewaySummary;
  status: RowStatus;
  readAt?: string;
  counts?: Counts;
  issues: CollectIssue[];
  /** The latest progress line ("reading backend health of appgw… 12 s") or why it failed. */
  message?: string;
}

export interface Fleet {
  subscriptions: Subscription[];
  gateways: GatewaySummary[];
  via: 'resource-graph' | 'per-subscription';
  /** What could not be listed (a subscription, Resource Graph); the list holds the rest. */
  failures: { subscriptionId?: string; failure: ArmFailure }[];
}

export async function listFleet(client: ArmClient): Promise<Fleet> {
  const subs = await client.listSubscriptions();
  const failures: Fleet['failures'] = subs.failure ? [{ failure: subs.failure }] : [];
  const enabled = subs.items.filter((s) => !s.state || /^(enabled|pastdue|warned)$/i.test(s.state));
  const gws = await client.listGateways(enabled.map((s) => s.subscriptionId));
  // Resource Graph being denied is only worth a word when the per-subscription fallback failed too.
  const listFailures = gws.via === 'per-subscription' && gws.failures.length > 1 ? gws.failures : gws.failures.filter((f) => f.subscriptionId);
  return { subscriptions: subs.items, gateways: gws.items, via: gws.via, failures: [...failures, ...listFailures] };
}

export interface ReadOptions {
  client: ArmClient;
  cache: AzureCache;
  /** Runs the engine over the documents and gives the finding counts. */
  analyze: (docs: CollectedDocument[]) => Promise<Counts>;
  engineVersion: string;
  signal?: AbortSignal;
  collect?: CollectOptions;
  onUpdate: (gatewayId: string, patch: Partial<FleetRow>) => void;
}

/** Read one gateway, keep it, analyse it. Never throws (a cancel ends as status "cancelled"). */
export async function readGateway(gateway: GatewaySummary, o: ReadOptions): Promise<Collection | undefined> {
  const id = gateway.id;
  if (o.signal?.aborted) {
    o.onUpdate(id, { status: 'cancelled', message: 'cancelled' });
    return undefined;
  }
  o.onUpdate(id, { status: 'reading', message: `reading ${gateway.name}…` });
  const client = o.client.withSignal(o.signal, (p) => o.onUpdate(id, { message: p.message }));
  const c = await collectGateway(client, id, o.collect);
  // Whatever was read is kept, even from a failed or cancelled read.
  if (c.documents.length) await o.cache.putCollection(c);
  if (c.cancelled) {
    o.onUpdate(id, { status: 'cancelled', readAt: c.readAt, issues: c.issues, message: `cancelled after ${c.documents.length} documents` });
    return c;
  }
  if (!c.gatewayRead) {
    o.onUpdate(id, { status: 'failed', issues: c.issues, message: c.issues[0]?.message ?? 'The gateway could not be read.' });
    return c;
  }
  o.onUpdate(id, { status: 'analysing', readAt: c.readAt, issues: c.issues, message: `analysing ${gateway.name}…` });
  try {
    const counts = await o.analyze(c.documents);
    await o.cache.setCounts(id, counts, o.engineVersion);
    o.onUpdate(id, { status: 'done', counts, message: c.note });
  } catch (e) {
    o.onUpdate(id, { status: 'failed', message: `The analysis failed: ${String((e as Error)?.message ?? e)}` });
  }
  return c;
}

/** Analyse every gateway given, `concurrency` at a time (default 2). */
export async function analyseAll(
  gateways: GatewaySummary[],
  o: ReadOptions & { concurrency?: number; onProgress?: (done: number, total: number) => void },
): Promise<{ done: number; failed: number; cancelled: number }> {
  const run = limiter(o.concurrency ?? 2);
  let finished = 0;
  const tally = { done: 0, failed: 0, cancelled: 0 };
  for (const g of gateways) o.onUpdate(g.id, { status: 'queued', message: 'waiting…' });
  o.onProgress?.(0, gateways.length);
  await Promise.all(
    gateways.map((g) =>
      run(async () => {
        const last: { status: RowStatus } = { status: 'idle' };
        await readGateway(g, {
          ...o,
          onUpdate: (id, patch) => {
            if (patch.status) last.status = patch.status;
            o.onUpdate(id, patch);
          },
        });
        const status = last.status;
        if (status === 'done') tally.done++;
        else if (status === 'cancelled') tally.cancelled++;
        else tally.failed++;
        o.onProgress?.(++finished, gateways.length);
      }),
    ),
  );
  return tally;
}

/** Rows for a gateway list, filled from what the cache remembers (counts and read time of an earlier read). */
export async function rowsFor(gateways: GatewaySummary[], cache: AzureCache): Promise<FleetRow[]> {
  const cached = new Map((await cache.listCollections()).map((c) => [c.key, c]));
  return gateways.map((g) => {
    const c = cached.get(g.id.toLowerCase());
    return { gateway: g, status: c?.counts ? 'done' : 'idle', readAt: c?.collection.readAt, counts: c?.counts, issues: c?.collection.issues ?? [] };
  });
}
