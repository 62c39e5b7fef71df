/**
 * The collector against the fake ARM (in-process fetch): what it reads for a gateway, that the engine finds
 * the same things in it as in pasted outputs (including findings that need backend health and the subnet
 * NSG), and that throttling, a long-running operation, a 403 on backend health, a 500 mid-way and a cancel
 * each keep everything already read.
 */
import { describe, expect, test } from 'vitest';
import { collectGateway, collectionBundle, permissionLines } from '../../../src/azure/collector';
import { analyze } from '../../../src/core/analyze';
import { IDS } from '../../azure/fake-tenant';
import { setup } from './helpers';

const NOW = new Date('2025-06-01T10:00:00Z');
const ruleIds = async (docs: { name: string; text: string }[]) => (await analyze(docs, { now: NOW })).report.findings.map((f) => f.ruleId);

const FULL = [
  'gateway-appgw-shop.json',
  'vnet-shop.json',
  'nsg-appgw.json',
  'nsg-web.json',
  'route-table-rt-appgw.json',
  'public-ip-pip-shop.json',
  'nic-web1.json',
  'nic-web2.json',
  'backend-health-appgw-shop.json',
  'effective-nsg-nic-web1.json',
  'effective-nsg-nic-web2.json',
  'effective-routes-nic-web1.json',
  'effective-routes-nic-web2.json',
];

describe('collectGateway', () => {
  test('reads the gateway and everything its 502s depend on; the engine sees it as pasted outputs', async () => {
    const { client } = setup();
    const c = await collectGateway(client, IDS.shop, { now: () => NOW });
    expect(c.issues).toEqual([]);
    expect(c.cancelled).toBe(false);
    expect(c.documents.map((d) => d.name)).toEqual(FULL);
    // nic-decoy holds 10.1.2.5 too, but in a VNet that is not peered with the gateway's.
    expect(c.documents.some((d) => d.text.includes('nic-decoy'))).toBe(false);
    expect(c.note).toBe('read from Azure at 2025-06-01T10:00:00.000Z');
    const rules = await ruleIds(c.documents);
    expect(rules).toContain('backend-all-unhealthy'); // needs backend health
    expect(rules).toContain('backend-probe-log'); // needs backend health
    expect(rules).toContain('nsg-listener-port-blocked'); // needs the gateway subnet's NSG
    // The documents are the REST bodies: the same text a paste of `az rest` output would be.
    const gw = JSON.parse(c.documents[0].text);
    expect(gw.id).toBe(IDS.shop);
    expect(gw.properties.backendAddressPools.length).toBe(2);
  });

  test('the collection as a bundle gives the same report', async () => {
    const { client } = setup();
    const c = await collectGateway(client, IDS.shop, { now: () => NOW });
    const a = await analyze(c.documents, { now: NOW });
    const b = await analyze([{ name: 'azure.json', text: JSON.stringify(collectionBundle(c)) }], { now: NOW });
    expect(b.report).toEqual(a.report);
  });

  test('throttling (429 + Retry-After) on every read: waits, and nothing is missing', async () => {
    const { client, clock, arm } = setup({ throttle: { match: /^(GET|POST) /, times: 2, eachRequest: true, retryAfter: 2 } });
    const c = await collectGateway(client, IDS.shop);
    expect(c.issues).toEqual([]);
    expect(c.documents.map((d) => d.name)).toEqual(FULL);
    const throttled = arm.log.filter((l) => l.status === 429).length;
    expect(throttled).toBeGreaterThan(20);
    expect(clock.sleeps.filter((s) => s === 2000).length).toBeGreaterThanOrEqual(throttled);
  });

  test('a long-running backend health (several 202 polls) arrives, with progress while waiting', async () => {
    const { client, progress } = setup({ polls: 6, retryAfter: 2 });
    const c = await collectGateway(client, IDS.shop);
    expect(c.documents.map((d) => d.name)).toContain('backend-health-appgw-shop.json');
    const waiting = progress.filter((p) => p.step === 'backend health of appgw-shop' && p.phase === 'waiting');
    expect(waiting.length).toBe(7);
    expect(waiting.at(-1)!.message).toMatch(/^reading backend health of appgw-shop… \d+ s$/);
  });

  test('403 on backend health (a Reader): a missing-permission issue naming the role; the rest is read and analysed', async () => {
    const { client } = setup({ forbid: { match: /^POST .*\/backendhealth$/ } });
    const c = await collectGateway(client, IDS.shop);
    expect(c.documents.map((d) => d.name)).toEqual(FULL.filter((n) => !n.startsWith('backend-health')));
    expect(c.issues).toHaveLength(1);
    expect(c.issues[0]).toMatchObject({ step: 'backend health of appgw-shop', status: 403, kind: 'forbidden' });
    expect(c.issues[0].permission?.action).toBe('Microsoft.Network/applicationGateways/backendhealth/action');
    expect(permissionLines(c)[0]).toMatch(/needs Microsoft\.Network\/applicationGateways\/backendhealth\/action \(Network Contributor, Contributor, Owner, or a custom role/);
    const rules = await ruleIds(c.documents);
    expect(rules).toContain('nsg-listener-port-blocked');
    expect(rules).toContain('backend-health-missing');
  });

  test('a 500 mid-way (the gateway subnet NSG fails every retry) loses nothing else', async () => {
    const { client } = setup({ serverError: { match: /^GET .*\/networkSecurityGroups\/nsg-appgw$/ } }, { maxRetries: 2 });
    const c = await collectGateway(client, IDS.shop);
    expect(c.issues.map((i) => [i.step, i.status, i.kind])).toEqual([['NSG nsg-appgw', 500, 'server']]);
    expect(c.documents.map((d) => d.name)).toEqual(FULL.filter((n) => n !== 'nsg-appgw.json'));
    const rules = await ruleIds(c.documents);
    expect(rules).toContain('backend-all-unhealthy');
  });

  test('a 500 on every poll of a long-running operation after it started: the other documents stay', async () => {
    const { client } = setup({ serverError: { match: /operationResults/, after: 1 } }, { maxRetries: 1 });
    const c = await collectGateway(client, IDS.shop);
    expect(c.issues.length).toBeGreaterThan(0);
    expect(c.issues.every((i) => i.status === 500)).toBe(true);
    for (const n of ['gateway-appgw-shop.json', 'vnet-shop.json', 'nsg-appgw.json', 'nic-web1.json']) expect(c.documents.map((d) => d.name)).toContain(n);
  });

  test('cancel mid-way keeps what was read and says it was cancelled', async () => {
    const ac = new AbortController();
    const { client } = setup({ polls: 5 }, {});
    const c = await collectGateway(client.withSignal(ac.signal, (p) => p.phase === 'waiting' && ac.abort()), IDS.shop);
    expect(c.cancelled).toBe(true);
    expect(c.documents[0].name).toBe('gateway-appgw-shop.json');
  });

  test('a gateway that cannot be read: one issue, nothing else tried', async () => {
    const { client, arm } = setup({ forbid: { match: /appgw-shop$/ } });
    const c = await collectGateway(client, IDS.shop);
    expect(c.gatewayRead).toBe(false);
    expect(c.documents).toEqual([]);
    expect(c.issues[0].permission?.action).toBe('Microsoft.Network/applicationGateways/read');
    expect(c.issues[0].permission?.roles).toContain('Reader');
    expect(arm.log.length).toBe(1);
  });

  test('NICs not attached to a VM: effective outputs fail one by one, the rest is kept', async () => {
    const { client } = setup();
    const c = await collectGateway(client, IDS.api);
    expect(c.issues).toEqual([]);
    expect(c.documents.map((d) => d.name)).toEqual(['gateway-appgw-api.json', 'vnet-api.json', 'public-ip-pip-api.json', 'backend-health-appgw-api.json']);
    expect(await ruleIds(c.documents)).toContain('empty-pool-routed');
  });
});
