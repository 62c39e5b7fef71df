/**
 * The ARM client against the fake ARM handler as an in-process fetch (no network): paging, Resource Graph
 * with its per-subscription fallback, 429 with Retry-After, long-running operations (Location and
 * Azure-AsyncOperation), 403 naming the role, 500 after retries, 401, cancel, bounded parallelism, and the
 * token never leaving the ARM origin. A fake clock makes every wait instant and measurable.
 */
import { describe, expect, test } from 'vitest';
import { ArmClient, actionOf, limiter, retryAfterMs } from '../../../src/azure/arm-client';
import { createFakeArm } from '../../azure/fake-arm';
import { ARM, setup } from './helpers';
import { IDS, SUB_A, SUB_B } from '../../azure/fake-tenant';

describe('paging', () => {
  test('subscriptions: every page through nextLink', async () => {
    const { client, arm } = setup({ pageSize: 1 });
    const subs = await client.listSubscriptions();
    expect(subs.failure).toBeUndefined();
    expect(subs.items.map((s) => s.subscriptionId)).toEqual([SUB_A, SUB_B]);
    expect(arm.log.filter((l) => l.path === '/subscriptions').length).toBe(2);
  });

  test('gateways: one Resource Graph query across subscriptions, every $skipToken page', async () => {
    const { client, arm } = setup({ graphPageSize: 2 });
    const gws = await client.listGateways([SUB_A, SUB_B]);
    expect(gws.via).toBe('resource-graph');
    expect(gws.items.map((g) => g.name)).toEqual(['appgw-api', 'appgw-legacy', 'appgw-shop']);
    expect(gws.items.find((g) => g.name === 'appgw-shop')).toMatchObject({ subscriptionId: SUB_A, resourceGroup: 'rg-shop', sku: 'Standard_v2', operationalState: 'Running' });
    expect(arm.log.filter((l) => /ResourceGraph/.test(l.path)).length).toBe(2);
  });

  test('gateways: Resource Graph denied → one paged list per subscription', async () => {
    const { client } = setup({ denyResourceGraph: true, pageSize: 1 });
    const gws = await client.listGateways([SUB_A, SUB_B]);
    expect(gws.via).toBe('per-subscription');
    expect(gws.items.map((g) => g.name)).toEqual(['appgw-api', 'appgw-legacy', 'appgw-shop']);
    expect(gws.failures[0].failure.status).toBe(403);
  });

  test('a page that fails keeps the pages already read', async () => {
    const { client } = setup({ pageSize: 1, serverError: { match: /^GET \/subscriptions$/, times: 99 } }, { maxRetries: 0 });
    // First page fails: nothing read, one failure.
    const none = await client.listSubscriptions();
    expect(none.items).toEqual([]);
    expect(none.failure?.kind).toBe('server');
    // Second page fails: the first is kept.
    const second = setup({ pageSize: 1, serverError: { match: /^GET \/subscriptions$/, after: 1 } }, { maxRetries: 0 });
    const some = await second.client.listSubscriptions();
    expect(some.items.map((s) => s.subscriptionId)).toEqual([SUB_A]);
    expect(some.failure?.status).toBe(500);
  });
});

describe('throttling and errors', () => {
  test('429 waits Retry-After and tries again', async () => {
    const { client, clock, progress } = setup({ throttle: { match: /^GET .*\/applicationGateways\/appgw-shop$/, times: 2, retryAfter: 7 } });
    const r = await client.getResource(IDS.shop);
    expect(r.ok).toBe(true);
    expect(clock.sleeps).toEqual([7000, 7000]);
    expect(progress.filter((p) => p.phase === 'retry').map((p) => p.message)[0]).toMatch(/throttled by Azure \(429\); trying again in 7 s/);
  });

  test('429 past the retries is a "throttled" failure, not a throw', async () => {
    const { client, clock } = setup({ throttle: { match: /appgw-shop$/, retryAfter: 3 } }, { maxRetries: 2 });
    const r = await client.getResource(IDS.shop);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe('throttled');
    expect(clock.sleeps).toEqual([3000, 3000]);
  });

  test('500 is retried with exponential back-off, then a "server" failure', async () => {
    const { client, clock } = setup({ serverError: { match: /nsg-appgw$/ } }, { maxRetries: 3, backoffMs: 100 });
    const r = await client.getResource(IDS.nsgAppgw);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('server');
      expect(r.status).toBe(500);
      expect(r.message).toMatch(/internal server error/i);
    }
    // random() = 0.5 → factor 0.75
    expect(clock.sleeps).toEqual([75, 150, 300]);
  });

  test('a 500 that clears is invisible to the caller', async () => {
    const { client } = setup({ serverError: { match: /nsg-appgw$/, times: 1 } });
    expect((await client.getResource(IDS.nsgAppgw)).ok).toBe(true);
  });

  test('403 on backend health names the action and the roles that grant it', async () => {
    const { client } = setup({ forbid: { match: /^POST .*\/backendhealth$/ } });
    const r = await client.backendHealth(IDS.shop);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.kind).toBe('forbidden');
    expect(r.permission?.action).toBe('Microsoft.Network/applicationGateways/backendhealth/action');
    expect(r.permission?.roles).toContain('Network Contributor');
    expect(r.permission?.roles).not.toContain('Reader');
  });

  test('401 gets one fresh token', async () => {
    let n = 0;
    const { client, tokens } = setup({ verifyToken: () => n++ > 0 });
    expect((await client.getResource(IDS.shop)).ok).toBe(true);
    expect(tokens).toEqual([false, true]);
  });

  test('no token (signed out): an "unauthorized" failure, nothing sent', async () => {
    let sent = 0;
    const c = new ArmClient({ endpoint: ARM, getToken: async () => { throw new Error('Not signed in.'); }, fetch: (async () => { sent++; return new Response('{}'); }) as typeof fetch });
    const r = await c.getResource(IDS.shop);
    expect(r).toMatchObject({ ok: false, kind: 'unauthorized', message: 'No sign-in token: Not signed in.' });
    expect(sent).toBe(0);
  });

  test('a network error is retried, then a "network" failure', async () => {
    const c = new ArmClient({ endpoint: ARM, getToken: async () => 't', maxRetries: 1, sleep: async () => {}, fetch: (async () => { throw new TypeError('Failed to fetch'); }) as typeof fetch });
    const r = await c.getResource(IDS.shop);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe('network');
  });
});

describe('long-running operations', () => {
  test('backend health: 202 + Location, polled after each Retry-After until 200', async () => {
    const { client, clock, progress, arm } = setup({ polls: 3, retryAfter: 4 });
    const r = await client.backendHealth(IDS.shop);
    expect(r.ok).toBe(true);
    if (r.ok) expect(JSON.stringify(r.body)).toContain('Cannot connect to backend server');
    expect(clock.sleeps).toEqual([4000, 4000, 4000, 4000]);
    expect(arm.log.filter((l) => /operationResults/.test(l.path)).map((l) => l.status)).toEqual([202, 202, 202, 200]);
    const waiting = progress.filter((p) => p.phase === 'waiting').map((p) => p.message);
    expect(waiting).toEqual([
      'reading backend health of appgw-shop… 4 s',
      'reading backend health of appgw-shop… 8 s',
      'reading backend health of appgw-shop… 12 s',
      'reading backend health of appgw-shop… 16 s',
    ]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', message: 'read backend health of appgw-shop (16 s)' });
  });

  test('effective NSG: Azure-AsyncOperation + Location, result from the Location', async () => {
    const { client, arm } = setup({ polls: 1 });
    const r = await client.effectiveNsg(IDS.nicWeb1);
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.body as { value: unknown[] }).value.length).toBe(1);
    expect(arm.log.some((l) => /operationResults/.test(l.path))).toBe(true);
  });

  test('a throttled poll is retried inside the operation', async () => {
    const { client } = setup({ polls: 1, throttle: { match: /operationResults/, times: 1 } });
    expect((await client.effectiveRoutes(IDS.nicWeb1)).ok).toBe(true);
  });

  test('gives up after the operation time-out', async () => {
    const { client } = setup({ polls: 1000, retryAfter: 10 }, { operationTimeoutMs: 60_000 });
    const r = await client.backendHealth(IDS.shop);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.kind).toBe('timeout');
  });

  test('cancel (AbortSignal) while waiting throws an AbortError', async () => {
    const ac = new AbortController();
    const { client } = setup({ polls: 5 }, { signal: ac.signal, onProgress: (p) => p.phase === 'waiting' && ac.abort() });
    await expect(client.backendHealth(IDS.shop)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('safety and limits', () => {
  test('the token is never sent to another origin (a foreign nextLink is refused)', async () => {
    const sent: string[] = [];
    const c = new ArmClient({
      endpoint: ARM,
      getToken: async () => 'secret',
      fetch: (async (u: RequestInfo | URL) => {
        sent.push(String(u));
        return new Response(JSON.stringify({ value: [{ subscriptionId: 'x' }], nextLink: 'https://evil.example/next' }), { status: 200 });
      }) as typeof fetch,
    });
    const r = await c.listSubscriptions();
    expect(r.items.length).toBe(1);
    expect(r.failure?.message).toMatch(/Refused/);
    expect(sent.every((u) => u.startsWith(ARM))).toBe(true);
  });

  test('bounded parallelism: never more requests in flight than the limit', async () => {
    let active = 0;
    let peak = 0;
    const arm = createFakeArm();
    const c = new ArmClient({
      endpoint: ARM,
      getToken: async () => 't',
      concurrency: 2,
      fetch: (async (u: RequestInfo | URL, i?: RequestInit) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, 5));
        active--;
        return arm.fetch(u, i);
      }) as typeof fetch,
    });
    const ids = [IDS.shop, IDS.api, IDS.legacy, IDS.vnetShop, IDS.nsgAppgw, IDS.nsgWeb, IDS.rtAppgw, IDS.nicWeb1];
    const rs = await Promise.all(ids.map((id) => c.getResource(id)));
    expect(rs.every((r) => r.ok)).toBe(true);
    expect(peak).toBe(2);
  });

  test('limiter, Retry-After forms, actions', async () => {
    const run = limiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => run(async () => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(retryAfterMs('5')).toBe(5000);
    expect(retryAfterMs('Sun, 01 Jun 2025 10:00:30 GMT', Date.parse('2025-06-01T10:00:00Z'))).toBe(30_000);
    expect(retryAfterMs('soon')).toBeUndefined();
    expect(actionOf('POST', `${ARM}${IDS.nicWeb1}/effectiveRouteTable?api-version=1`)).toBe('Microsoft.Network/networkInterfaces/effectiveRouteTable/action');
    expect(actionOf('GET', `${IDS.vnetShop}/subnets/x`)).toBe('Microsoft.Network/virtualNetworks/subnets/read');
  });
});
