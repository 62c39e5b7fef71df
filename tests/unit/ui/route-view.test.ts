/**
 * The "Why does this URL fail?" view-model: real samples through the whole engine (so the findings are the
 * report's), and small gateways built in code for frontends, protocols, wildcards, redirects and traps.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import { buildReport } from '../../../src/core/report/build';
import { runRules } from '../../../src/core/rules/engine';
import { allRules } from '../../../src/core/rules';
import type { Gateway, Workspace } from '../../../src/core/model/types';
import { frontendKinds, hostChoices, noMatchOf, pickGateway, stepReason, traceRequest } from '../../../src/ui/route-view';
import {
  certificates, frontendPort, gatewayOfSites, gatewayWith, pool, privateFrontend, redirectConfig, ref, rule, site, workspace, listener, health,
} from '../../rules/helpers';

const DIR = join(import.meta.dirname, '../../../src/ui/samples');
const load = (...files: string[]) => analyze(files.map((f) => ({ name: f, text: readFileSync(join(DIR, f), 'utf8') })), { locale: 'en', now: new Date('2026-06-01T00:00:00Z') });
const reportOf = (ws: Workspace) => buildReport(ws, runRules(allRules, ws, certificates()), () => undefined, 'en', new Date('2026-06-01T00:00:00Z'));

describe('a sample whose cause is on one path (empty pool behind /static/*)', async () => {
  const { report, workspace: ws } = await load('empty-pool-gateway.cli.json');
  const gw = ws.gateways[0];

  test('the URL on the broken path: listener → rule → path rule → settings → probe → empty pool, the pool is the broken hop', () => {
    const v = traceRequest(ws, gw, report.findings, 'http://media.contoso.com/static/app.js');
    expect(v.verdict).toBe('broken');
    expect({ listener: v.route.listener, rule: v.route.rule, pathRule: v.route.pathRule, pool: v.route.pool }).toEqual({ listener: 'listener-media', rule: 'rule-media', pathRule: 'static', pool: 'pool-static' });
    expect(v.poolState).toBe('empty');
    // The picture is exactly this request: one listener, one rule, one route.
    expect(v.picture?.name).toBe('listener-media');
    expect(v.picture?.rules).toHaveLength(1);
    expect(v.picture?.rules[0].routes).toHaveLength(1);
    expect(v.picture?.rules[0].pathMap?.label).toBe('pathmap-media');
    expect(v.picture?.rules[0].routes[0].hops.map((h) => `${h.kind}:${h.label}`)).toEqual(['pathRule:static', 'settings:settings-media', 'probe:probe-media', 'pool:pool-static']);
    expect(v.broken).toMatchObject({ kind: 'pool', label: 'pool-static', state: 'error' });
    expect(report.findings[v.broken!.finding!].ruleId).toBe('empty-pool-routed');
    expect(v.findings.map((i) => report.findings[i].ruleId)).toEqual(['empty-pool-routed']);
    // Every candidate with why; the path rule that matched.
    expect(v.steps.find((s) => s.step === 'path-rule')).toMatchObject({ candidate: 'static', matched: true });
    expect(v.steps.at(-1)).toMatchObject({ step: 'backends', matched: false });
    expect(v.steps.at(-1)!.why).toMatch(/502/);
    // Each reason in the app's language: the engine's English or Korean sentence.
    expect(stepReason(v.steps.at(-1)!, 'en')).toBe(v.steps.at(-1)!.why);
    expect(stepReason(v.steps.at(-1)!, 'ko')).toMatch(/^풀이 비어 있습니다.*502 Bad Gateway/);
    for (const s of v.steps) expect(stepReason(s, 'ko'), s.step).toMatch(/[\uac00-\ud7a3]/);
  });

  test('the same host on another path goes to the default pool: nothing broken, no finding on it', () => {
    const v = traceRequest(ws, gw, report.findings, 'http://media.contoso.com/index.html');
    expect(v.verdict).toBe('ok');
    expect(v.route.pathRule).toBeNull();
    expect(v.route.pool).toBe('pool-media');
    expect(v.picture?.rules[0].routes).toHaveLength(1);
    expect(v.picture?.rules[0].routes[0].isDefaultPath).toBe(true);
    expect(v.broken).toBeUndefined();
    expect(v.findings).toEqual([]);
    expect(v.healthUnknown).toBe(true);
  });

  test('a URL no listener takes says why: host, port, protocol, unusable URL', () => {
    const host = traceRequest(ws, gw, report.findings, 'http://shop.contoso.com/');
    expect(host.verdict).toBe('no-listener');
    expect(host.picture).toBeUndefined();
    expect(host.noMatch).toEqual({ reason: 'host', port: 80, host: 'shop.contoso.com', hosts: ['media.contoso.com'] });
    expect(host.steps.at(-1)).toMatchObject({ step: 'listener', candidate: '(none)', matched: false });
    expect(traceRequest(ws, gw, report.findings, 'https://media.contoso.com/').noMatch).toEqual({ reason: 'port', port: 443, served: ['80/Http'] });
    const bad = traceRequest(ws, gw, report.findings, 'ftp://media.contoso.com/');
    expect(bad.verdict).toBe('bad-url');
    expect(bad.noMatch).toMatchObject({ reason: 'url' });
    for (const junk of ['', '   ', 'media.contoso.com/static', 'http://', 'http://exa mple/', '%%%', 'http://[::1/']) {
      expect(() => traceRequest(ws, gw, report.findings, junk)).not.toThrow();
      expect(['bad-url', 'no-listener']).toContain(traceRequest(ws, gw, report.findings, junk).verdict);
    }
  });

  test('host choices come from the listeners, with their scheme and port', () => {
    expect(hostChoices(ws, gw)).toEqual([{ url: 'http://media.contoso.com/', listener: 'listener-media', pattern: 'media.contoso.com', example: false, frontend: 'public' }]);
  });
});

describe('other samples', () => {
  test('all backends unhealthy: the pool is broken, with its health; the findings on it are linked', async () => {
    const { report, workspace: ws } = await load('unhealthy-gateway.arm.json', 'unhealthy-health.ps.json');
    const v = traceRequest(ws, ws.gateways[0], report.findings, 'http://booking.contoso.com/');
    expect(v.verdict).toBe('broken');
    expect(v.poolState).toBe('all-unhealthy');
    expect(v.picture?.rules[0].routes[0].backends.map((b) => [b.label, b.health, b.state])).toEqual([
      ['10.20.1.70', 'Unhealthy', 'error'], ['10.20.1.71', 'Unhealthy', 'error'], ['10.20.1.72', 'Unhealthy', 'error'],
    ]);
    expect(v.broken?.kind).toBe('pool');
    expect(v.findings.map((i) => report.findings[i].ruleId)).toContain('backend-all-unhealthy');
    expect(v.findings.every((i) => report.findings[i].severity === 'error')).toBe(true);
  });

  test('a clean gateway: each host reaches its own pool, nothing broken', async () => {
    const { report, workspace: ws } = await load('clean-gateway.arm.json', 'clean-health.ps.json');
    const api = traceRequest(ws, ws.gateways[0], report.findings, 'http://API.contoso.com/api/orders?id=7');
    expect([api.verdict, api.route.listener, api.route.pathRule, api.route.pool, api.broken]).toEqual(['ok', 'listener-api', 'api', 'pool-api', undefined]);
    const www = traceRequest(ws, ws.gateways[0], report.findings, 'http://www.contoso.com/');
    expect([www.verdict, www.route.listener, www.route.pool]).toEqual(['ok', 'listener-www', 'pool-web']);
    expect(www.healthUnknown).toBe(false);
  });
});

describe('gateways built in code', () => {
  const POOLS = [pool('pool1'), pool('shop-pool', [{ ipAddress: '10.0.2.4' }]), pool('api-pool', [{ ipAddress: '10.0.3.4' }]), pool('old-pool', [])];

  test('public vs private frontend: offered only when the gateway has both, and each reaches its own listener', () => {
    const gw = gatewayOfSites([site('pub', [], { priority: 10, pool: 'shop-pool' }), site('priv', [], { priority: 20, frontend: 'fe-private', pool: 'api-pool' })], {
      frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()],
      backendAddressPools: POOLS,
    });
    const ws = workspace({ gateways: [gw] });
    expect(frontendKinds(gw)).toEqual({ public: true, private: true });
    expect(frontendKinds(gatewayWith())).toEqual({ public: true, private: false });
    expect(traceRequest(ws, gw, [], 'http://app.internal/', 'private').route.listener).toBe('priv');
    expect(traceRequest(ws, gw, [], 'http://app.internal/', 'public').route.listener).toBe('pub');
    // A basic listener's choice is its frontend IP (the public IP's address is not in this input: left out).
    expect(hostChoices(ws, gw)).toEqual([{ url: 'http://10.0.0.10/', listener: 'priv', pattern: '', example: false, frontend: 'private' }]);
    // No private frontend at all: said so.
    const pubOnly = gatewayWith();
    expect(traceRequest(workspace({ gateways: [pubOnly] }), pubOnly, [], 'http://a/', 'private').noMatch).toEqual({ reason: 'no-frontend', frontend: 'private' });
  });

  test('wrong protocol on the port; ports and schemes in host choices; a wildcard gets a labelled example host', () => {
    const gw = gatewayOfSites([site('tls', ['shop.contoso.com'], { priority: 10, port: 'port8443', protocol: 'Https' }), site('wild', ['*.contoso.com'], { priority: 20 })], {
      frontendPorts: [frontendPort('port80', 80), frontendPort('port8443', 8443)],
      backendAddressPools: POOLS,
    });
    const ws = workspace({ gateways: [gw] });
    expect(noMatchOf(gw, 'http://shop.contoso.com:8443/')).toEqual({ reason: 'protocol', port: 8443, scheme: 'http', served: ['8443/Https'] });
    expect(hostChoices(ws, gw)).toEqual([
      { url: 'https://shop.contoso.com:8443/', listener: 'tls', pattern: 'shop.contoso.com', example: false, frontend: 'public' },
      { url: 'http://www.contoso.com/', listener: 'wild', pattern: '*.contoso.com', example: true, frontend: 'public' },
    ]);
    // The example host really is taken by the wildcard listener.
    expect(traceRequest(ws, gw, [], 'http://www.contoso.com/').route.listener).toBe('wild');
  });

  test('a redirect ends the route: no pool, verdict redirect', () => {
    const gw = gatewayWith({
      requestRoutingRules: [rule('rule1', { backendAddressPool: undefined, backendHttpSettings: undefined, redirectConfiguration: ref('redirectConfigurations', 'to-https') })],
      redirectConfigurations: [redirectConfig('to-https', { targetUrl: 'https://contoso.com/' })],
    });
    const ws = workspace({ gateways: [gw] });
    const v = traceRequest(ws, gw, [], 'http://contoso.com/');
    expect([v.verdict, v.route.redirect, v.route.pool]).toEqual(['redirect', 'to-https', null]);
    expect(v.picture?.rules[0].routes[0].hops.map((h) => h.kind)).toEqual(['redirect']);
  });

  test('a v1 ordering trap: the shadowed host lands on the basic rule\'s empty pool; the trap finding is on the route and marked shadowed', () => {
    const gw = gatewayOfSites(
      [site('catchall', [], { pool: 'old-pool' }), site('shop', ['shop.contoso.com'], { pool: 'shop-pool' })],
      { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1', backendAddressPools: POOLS },
    );
    const ws = workspace({ gateways: [gw], backendHealth: [health([{ pool: 'shop-pool', address: '10.0.2.4', health: 'Healthy' }])] });
    const report = reportOf(ws);
    const v = traceRequest(ws, gw, report.findings, 'http://shop.contoso.com/');
    expect([v.verdict, v.route.listener, v.route.pool, v.poolState]).toEqual(['broken', 'catchall', 'old-pool', 'empty']);
    expect(v.broken).toMatchObject({ kind: 'pool', label: 'old-pool', state: 'error' });
    expect(v.steps.filter((s) => s.shadowed).map((s) => s.candidate)).toEqual(['shop']);
    expect(v.findings.map((i) => report.findings[i].ruleId)).toContain('route-v1-basic-before-multisite');
  });

  test('several gateways: the one whose listener takes the URL is chosen', () => {
    const a = gatewayWith({ name: 'gw-a', id: gatewayWith().id.replace(/gw1$/, 'gw-a'), httpListeners: [listener('listener1', { hostNames: ['a.contoso.com'] })] });
    const b = gatewayWith({ name: 'gw-b', httpListeners: [listener('listener1', { hostNames: ['b.contoso.com'] })] });
    const ws = workspace({ gateways: [a, b] as Gateway[] });
    expect(pickGateway(ws, 'http://b.contoso.com/')).toBe(1);
    expect(pickGateway(ws, 'http://a.contoso.com/')).toBe(0);
    expect(pickGateway(ws, 'http://c.contoso.com/')).toBe(0);
    expect(pickGateway(ws, '')).toBe(0);
    expect(pickGateway(undefined, 'http://b.contoso.com/')).toBe(0);
  });
});

describe('stepBadge', () => {
  test('candidates read matched / not matched, checks along the path read OK / problem, shadowed wins', async () => {
    const { stepBadge } = await import('../../../src/ui/route-view');
    expect(stepBadge({ step: 'listener', matched: false })).toBe('notMatched');
    expect(stepBadge({ step: 'path-rule', matched: true })).toBe('matched');
    expect(stepBadge({ step: 'pool', matched: false })).toBe('problem');
    expect(stepBadge({ step: 'backends', matched: true })).toBe('ok');
    expect(stepBadge({ step: 'url', matched: false })).toBe('problem');
    expect(stepBadge({ step: 'listener', matched: false, shadowed: true })).toBe('shadowed');
  });
});
