/**
 * The ARM client and collector in Node against the fake ARM served on 127.0.0.1 (real HTTP, real waits for
 * Retry-After), and the fake ARM's own contract: api-version required, bearer token checked, paging links
 * absolute on the same origin, 202 + Location + Retry-After, CORS for the app's origin. Nothing leaves
 * loopback.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ArmClient } from '../../src/azure/arm-client';
import { collectGateway } from '../../src/azure/collector';
import { listFleet } from '../../src/azure/fleet';
import { analyze } from '../../src/core/analyze';
import { createFakeArm, type FakeArm, type FakeArmOptions } from './fake-arm';
import { IDS } from './fake-tenant';

interface Served {
  arm: FakeArm;
  origin: string;
  close(): Promise<void>;
}

const servers: Served[] = [];

async function serve(options: FakeArmOptions = {}): Promise<Served> {
  const arm = createFakeArm({ retryAfter: 0, ...options, verifyToken: (t) => t === 'loopback-token' });
  const { origin, close } = await arm.listen();
  const s = { arm, origin, close };
  servers.push(s);
  return s;
}

const client = (origin: string, extra: Partial<ConstructorParameters<typeof ArmClient>[0]> = {}) =>
  new ArmClient({ endpoint: origin, getToken: async () => 'loopback-token', backoffMs: 50, ...extra });

let plain: Served;
beforeAll(async () => {
  plain = await serve();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

describe('fake ARM contract (loopback)', () => {
  test('api-version, bearer token, paging link, long-running answer, CORS', async () => {
    expect((await fetch(`${plain.origin}/subscriptions`, { headers: { authorization: 'Bearer loopback-token' } })).status).toBe(400);
    expect((await fetch(`${plain.origin}/subscriptions?api-version=2022-12-01`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    const page = await fetch(`${plain.origin}/subscriptions?api-version=2022-12-01`, { headers: { authorization: 'Bearer loopback-token' } });
    const body = (await page.json()) as { value: unknown[]; nextLink: string };
    expect(body.value.length).toBe(1);
    expect(body.nextLink.startsWith(`${plain.origin}/subscriptions?`)).toBe(true);
    const lro = await fetch(`${plain.origin}${IDS.shop}/backendhealth?api-version=2023-09-01`, { method: 'POST', headers: { authorization: 'Bearer loopback-token', origin: 'http://127.0.0.1:1' } });
    expect(lro.status).toBe(202);
    expect(lro.headers.get('location')).toMatch(new RegExp(`^${plain.origin}/subscriptions/.*/operationResults/`));
    expect(lro.headers.get('retry-after')).toBe('0');
    expect(lro.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:1');
    expect(lro.headers.get('access-control-expose-headers')).toMatch(/Location.*Retry-After.*Azure-AsyncOperation/);
    const pre = await fetch(`${plain.origin}/subscriptions`, { method: 'OPTIONS', headers: { origin: 'http://127.0.0.1:1', 'access-control-request-headers': 'authorization' } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/authorization/);
  });
});

describe('ARM client over loopback', () => {
  test('the fleet: subscriptions and gateways, every page', async () => {
    const f = await listFleet(client(plain.origin));
    expect(f.gateways.map((g) => g.name)).toEqual(['appgw-api', 'appgw-legacy', 'appgw-shop']);
    expect(f.subscriptions.length).toBe(2);
  });

  test('a gateway read whole; the engine finds what needs backend health and the subnet NSG', async () => {
    const c = await collectGateway(client(plain.origin), IDS.shop);
    expect(c.issues).toEqual([]);
    expect(c.documents.length).toBe(13);
    const rules = (await analyze(c.documents)).report.findings.map((f) => f.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['backend-all-unhealthy', 'nsg-listener-port-blocked']));
  });

  test('throttling: a real 1 s Retry-After is waited, and everything arrives', async () => {
    const s = await serve({ throttle: { match: /^GET .*\/applicationGateways\/appgw-shop$/, times: 1, retryAfter: 1 } });
    const started = Date.now();
    const c = await collectGateway(client(s.origin), IDS.shop);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(c.issues).toEqual([]);
    expect(c.documents.length).toBe(13);
    expect(s.arm.log.filter((l) => l.status === 429).length).toBe(1);
  });

  test('a long-running backend health polled over real waits', async () => {
    const s = await serve({ polls: 2, retryAfter: 1 });
    const steps: string[] = [];
    const r = await client(s.origin, { onProgress: (p) => p.phase === 'waiting' && steps.push(p.message) }).backendHealth(IDS.shop);
    expect(r.ok).toBe(true);
    expect(steps).toEqual(['reading backend health of appgw-shop… 1 s', 'reading backend health of appgw-shop… 2 s', 'reading backend health of appgw-shop… 3 s']);
  });

  test('403 on backend health and a 500 mid-way: both said, nothing else lost', async () => {
    const s = await serve({ forbid: { match: /^POST .*\/backendhealth$/ }, serverError: { match: /^GET .*\/routeTables\/rt-appgw$/ } });
    const c = await collectGateway(client(s.origin, { maxRetries: 1 }), IDS.shop);
    expect(c.issues.map((i) => [i.step, i.status])).toEqual(expect.arrayContaining([['backend health of appgw-shop', 403], ['route table rt-appgw', 500]]));
    expect(c.issues.find((i) => i.status === 403)?.permission?.roles).toContain('Network Contributor');
    expect(c.documents.length).toBe(11);
  });
});
