/**
 * Issue 5 end to end, in headless Chromium, with no Azure and nothing off loopback:
 *  - the hosted app built with --manifest (connect-src widened to https://127.0.0.1:* for the test servers),
 *    served on http://127.0.0.1;
 *  - a local OpenID Connect authority (oidc-provider, https, self-signed) that the real MSAL library signs in
 *    to through the real authorization-code + PKCE redirect (and pop-up) flow;
 *  - the fake ARM (https, self-signed) that accepts only that authority's access tokens for its own
 *    `/user_impersonation` scope.
 * Then: the first bundle holds no MSAL (the manifest says so) and MSAL's chunk loads only on sign-in; the
 * user signs in, lists the fake tenant's gateways, reads one and sees its findings (some need backend health
 * and the subnet NSG), goes offline, reloads, and reopens it from the history; a 403 on backend health shows
 * the missing permission while the rest is read; throttling and a 500 mid-way lose nothing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, buildEdition, launch, serve, type StaticServer } from '../e2e/harness';
import { FORBIDDEN, measureBuild, type ManifestChunk } from '../../scripts/size-budget';
import { createFakeArm, type FakeArm } from './fake-arm';
import { englishWords } from '../e2e/korean';
import { loopbackCertificate, startAuthority, type Authority } from './oidc-authority';

const LONG = 180_000;

let outDir: string;
let manifest: Record<string, ManifestChunk>;
let app: StaticServer;
let arm: FakeArm;
let armServer: { origin: string; close(): Promise<void> };
let authority: Authority;
let browser: Browser;
/** The file of MSAL's main chunk (from the manifest). */
let msalChunk: string;

beforeAll(async () => {
  // Fails loudly, before the build, when no browser exists (the harness says what it tried).
  browser = await launch(['--ignore-certificate-errors']);
  const tls = await loopbackCertificate();
  arm = createFakeArm({ polls: 2, retryAfter: 1, verifyToken: (t) => !!authority && authority.verifyAccessToken(t) });
  armServer = await arm.listen(tls);
  outDir = mkdtempSync(join(tmpdir(), 'appgw502-azure-e2e-'));
  buildEdition(outDir, { manifest: true, env: { VITE_AZURE_CONNECT_SRC: 'https://127.0.0.1:*' } });
  manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
  msalChunk = manifest['node_modules/@azure/msal-browser/dist/index.mjs']?.file ?? '';
  app = await serve(outDir);
  authority = await startAuthority({ tls, appOrigin: app.origin, armOrigin: armServer.origin });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await armServer?.close();
  await authority?.close();
});

interface Watched {
  context: BrowserContext;
  page: Page;
  /** Requests of pages (not the service worker's precache downloads). */
  requests: string[];
  foreign: string[];
  errors: string[];
}

async function open(options: { bypassCSP?: boolean } = {}): Promise<Watched> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 }, locale: 'en-US', bypassCSP: options.bypassCSP ?? false });
  // Nothing may leave loopback: anything else is refused (and listed as foreign below).
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (r) => r.abort());
  const page = await context.newPage();
  const w: Watched = { context, page, requests: [], foreign: [], errors: [] };
  const allowed = [app.origin, armServer.origin, authority.issuer];
  context.on('request', (r) => {
    const u = r.url();
    if (!r.serviceWorker()) w.requests.push(u);
    if (!allowed.some((o) => u === o || u.startsWith(o + '/')) && !/^(data|blob|about):/.test(u)) w.foreign.push(u);
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) w.errors.push(`csp: ${m.text()}`);
  });
  return w;
}

const msalLoaded = (w: Watched) => w.requests.some((u) => u.endsWith('/' + msalChunk));

async function configure(page: Page, interaction: 'redirect' | 'popup' = 'redirect') {
  await page.click('[data-testid=azure-tab-settings]');
  await page.fill('[data-testid=settings-client-id]', authority.clientId);
  await page.selectOption('[data-testid=settings-cloud]', 'custom');
  await page.fill('[data-testid=settings-authority]', authority.issuer);
  await page.fill('[data-testid=settings-arm]', armServer.origin);
  await page.check(`input[type=radio][value=${interaction}]`);
  await page.click('[data-testid=settings-save]');
  await page.click('[data-testid=azure-tab-fleet]');
}

/** The authority's own pages: the dev login form (any user) and the consent prompt. */
async function signInAtAuthority(page: Page, user: string) {
  await page.waitForURL((u) => u.toString().startsWith(authority.issuer), { timeout: 30_000 });
  await page.fill('input[name=login]', user);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]:has-text("Sign-in")');
  await page.waitForSelector('button[type=submit]:has-text("Continue")', { timeout: 30_000 });
  await page.click('button[type=submit]:has-text("Continue")');
}

const rulesShown = (page: Page) => page.$$eval('[data-testid=finding]', (els) => els.map((e) => (e as HTMLElement).dataset.rule!));

describe('build', () => {
  test('the first bundle does not contain MSAL; MSAL is a chunk of its own, reached only by dynamic import', () => {
    expect(msalChunk, 'MSAL chunk in the manifest').toMatch(/^assets\/.+\.js$/);
    const report = measureBuild(outDir);
    expect(report.forbidden.filter((f) => /MSAL/.test(f.library))).toEqual([]);
    expect(report.firstScreen.map((f) => f.file)).not.toContain(msalChunk);
    // Every chunk that imports MSAL statically is itself MSAL's, or lazy (never index.html's closure).
    const first = new Set(report.firstScreen.map((f) => f.file));
    for (const [key, c] of Object.entries(manifest)) {
      if (/@azure\/msal-browser/.test(key)) expect(first.has(c.file), key).toBe(false);
    }
    const markers = FORBIDDEN.find((f) => /MSAL/.test(f.library))!.markers;
    expect(markers.some((m) => readFileSync(join(outDir, msalChunk), 'utf8').includes(m))).toBe(true);
    // The page may talk to the sign-in hosts and ARM (and here the test servers), nothing else.
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(html).toMatch(/connect-src 'self' https:\/\/login\.microsoftonline\.com https:\/\/management\.azure\.com .* https:\/\/127\.0\.0\.1:\*;/);
  });

  test('the single-file edition (no sign-in there) carries no MSAL either', () => {
    const dir = mkdtempSync(join(tmpdir(), 'appgw502-azure-single-'));
    buildEdition(dir, { single: true });
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // MSAL's own library id and its redirect bridge: absent (the Azure screen itself is there, for the collect script).
    expect(html).not.toContain('msal.js.browser');
    expect(html).not.toContain('broadcastResponseToMainFrame');
    expect(html).toContain('appgw502doctorBundle');
  }, LONG);
});

describe('signed in through the local authority (redirect flow)', () => {
  let w: Watched;

  test('MSAL loads on sign-in, not before; the redirect flow signs in; the fake tenant\'s gateways are listed', async () => {
    w = await open();
    await w.page.goto(app.origin + '/');
    await w.page.waitForSelector('[data-notice="notice.offlineReady"]', { timeout: 60_000 });
    await w.page.click('[data-testid=nav-azure]');
    await w.page.waitForSelector('[data-testid=azure]');
    await configure(w.page);
    expect(msalLoaded(w)).toBe(false);
    await w.page.click('[data-testid=azure-sign-in]');
    await signInAtAuthority(w.page, 'reader');
    await w.page.waitForSelector('[data-testid=azure-account]', { timeout: 60_000 });
    expect(await w.page.textContent('[data-testid=azure-account]')).toContain('reader');
    expect(msalLoaded(w)).toBe(true);
    expect(authority.tokensIssued()).toBeGreaterThan(0);
    await w.page.waitForSelector('[data-testid=azure-gateway][data-name=appgw-shop]', { timeout: 60_000 });
    const names = await w.page.$$eval('[data-testid=azure-gateway]', (els) => els.map((e) => (e as HTMLElement).dataset.name));
    expect(names).toEqual(['appgw-api', 'appgw-legacy', 'appgw-shop']);
    // The token went to the fake ARM only, as a bearer the fake ARM verified (else the list would be empty).
    expect(arm.log.filter((l) => l.status === 401)).toEqual([]);
    expect(w.foreign).toEqual([]);
    expect(w.errors).toEqual([]);
  }, LONG);

  test('read one gateway: its findings show, including ones that need backend health and the subnet NSG', async () => {
    await w.page.click('[data-testid=azure-gateway][data-name=appgw-shop] [data-testid=azure-read]');
    await w.page.waitForSelector('[data-testid=findings]', { timeout: 90_000 });
    await w.page.waitForSelector('[data-rule=backend-all-unhealthy]');
    const rules = await rulesShown(w.page);
    expect(rules).toEqual(expect.arrayContaining(['backend-all-unhealthy', 'backend-probe-log', 'nsg-listener-port-blocked']));
    expect(arm.log.some((l) => /backendhealth$/.test(l.path) && l.status === 202)).toBe(true);
    expect(arm.log.some((l) => /operationResults/.test(l.path) && l.status === 200)).toBe(true);
    expect(w.errors).toEqual([]);
  }, LONG);

  test('offline: reload, reopen it from the history; the Azure screen lists what was read, with its counts', async () => {
    await w.page.click('a[href="#/history"]');
    await w.page.waitForSelector('[data-testid=history-item]');
    await w.page.evaluate(() => navigator.serviceWorker.ready);
    await w.context.setOffline(true);
    try {
      await w.page.reload();
      await w.page.waitForSelector('[data-testid=history-item]', { timeout: 60_000 });
      await w.page.locator('[data-testid=history-item]').filter({ hasText: 'appgw-shop' }).first().locator('button', { hasText: 'Open' }).click();
      await w.page.waitForSelector('[data-rule=backend-all-unhealthy]', { timeout: 60_000 });
      expect(await rulesShown(w.page)).toEqual(expect.arrayContaining(['backend-all-unhealthy', 'nsg-listener-port-blocked']));

      await w.page.click('[data-testid=nav-azure]');
      const shop = w.page.locator('[data-testid=azure-gateway][data-name=appgw-shop]');
      await shop.waitFor({ timeout: 60_000 });
      await shop.locator('[data-testid=azure-errors]').waitFor();
      expect(await shop.locator('[data-testid=azure-errors]').getAttribute('data-n')).toBe('2');
      await shop.locator('[data-testid=azure-open]').click();
      await w.page.waitForSelector('[data-rule=nsg-listener-port-blocked]', { timeout: 60_000 });
    } finally {
      await w.context.setOffline(false);
    }
    expect(w.errors).toEqual([]);
  }, LONG);

  test('a Reader on backend health (403), throttling and a 500 mid-way: the permission is named, the rest is read and analysed', async () => {
    arm.options.forbid = { match: /^POST .*\/backendhealth$/ };
    arm.options.throttle = { match: /^GET .*\/virtualNetworks\//, times: 2, retryAfter: 1 };
    arm.options.serverError = { match: /^GET .*\/routeTables\/rt-appgw$/ };
    try {
      await w.page.click('[data-testid=nav-azure]');
      await w.page.waitForSelector('[data-testid=azure-analyse-all]:not([disabled])', { timeout: 60_000 });
      await w.page.click('[data-testid=azure-analyse-all]');
      await w.page.waitForSelector('[data-testid=azure-progress][data-done="3"]', { timeout: 150_000 });
      const shop = w.page.locator('[data-testid=azure-gateway][data-name=appgw-shop]');
      expect(await shop.getAttribute('data-status')).toBe('done');
      const missing = await shop.locator('[data-testid=azure-missing-permission]').textContent();
      expect(missing).toContain('Microsoft.Network/applicationGateways/backendhealth/action');
      expect(missing).toContain('Network Contributor');
      expect(await shop.textContent()).toMatch(/route table rt-appgw: Encountered internal server error/);
      // Without backend health and the route table, what was read is still analysed.
      expect(Number(await shop.locator('[data-testid=azure-warnings]').getAttribute('data-n'))).toBeGreaterThan(0);
      for (const name of ['appgw-api', 'appgw-legacy']) {
        expect(await w.page.locator(`[data-testid=azure-gateway][data-name=${name}]`).getAttribute('data-status')).toBe('done');
      }
      expect(arm.log.filter((l) => l.status === 429).length).toBeGreaterThan(0);
      expect(w.errors).toEqual([]);
    } finally {
      arm.options.forbid = undefined;
      arm.options.throttle = undefined;
      arm.options.serverError = undefined;
    }
    await w.context.close();
  }, LONG);
});

describe('signed in through the local authority (pop-up flow)', () => {
  test('the pop-up signs in and closes; the app lists the gateways without leaving the page', async () => {
    const w = await open();
    await w.page.goto(app.origin + '/#/azure');
    await w.page.waitForSelector('[data-testid=azure]');
    await configure(w.page, 'popup');
    const popupPromise = w.context.waitForEvent('page');
    await w.page.click('[data-testid=azure-sign-in]');
    const popup = await popupPromise;
    await signInAtAuthority(popup, 'popup-user');
    await popup.waitForEvent('close', { timeout: 60_000 });
    await w.page.waitForSelector('[data-testid=azure-account]', { timeout: 60_000 });
    expect(await w.page.textContent('[data-testid=azure-account]')).toContain('popup-user');
    await w.page.waitForSelector('[data-testid=azure-gateway][data-name=appgw-api]', { timeout: 60_000 });
    expect(w.foreign).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, LONG);
});

describe('the Azure screens', () => {
  test('axe finds no serious or critical violation; in Korean no English is left', async () => {
    const w = await open({ bypassCSP: true });
    const scan = async (where: string) => expect(await axeViolations(w.page), `axe on ${where}`).toEqual([]);
    // Words of the fake tenant (its names, regions, states) are input, not the app's English; Azure Resource
    // Manager, Azure Resource Graph, Azure US Government and 21Vianet are names, and the addresses are URLs.
    const input = new Set(['shop', 'fake', 'api', 'westeurope', 'eastus', 'popup', 'user', 'reader', 'resource', 'manager', 'graph', 'government', 'vianet', 'https', 'http']);
    const korean = async (where: string) => {
      const text = await w.page.locator('[data-testid=azure]').innerText();
      expect(englishWords(text, input), `English on ${where}`).toEqual([]);
    };
    await w.page.goto(app.origin + '/#/azure');
    await w.page.waitForSelector('[data-testid=azure]');
    await configure(w.page, 'popup');
    await w.page.click('[data-testid=azure-tab-settings]');
    await scan('settings');
    await w.page.click('[data-testid=azure-tab-script]');
    await w.page.fill('[data-testid=script-gateway]', 'appgw-shop');
    await w.page.fill('[data-testid=script-group]', 'rg-shop');
    await w.page.waitForSelector('[data-testid=script-bash]');
    await scan('collect script');
    await w.page.click('[data-testid=azure-tab-fleet]');
    const popupPromise = w.context.waitForEvent('page');
    await w.page.click('[data-testid=azure-sign-in]');
    const popup = await popupPromise;
    await signInAtAuthority(popup, 'user');
    await w.page.waitForSelector('[data-testid=azure-gateway][data-name=appgw-api]', { timeout: 60_000 });
    await w.page.click('[data-testid=azure-analyse-all]');
    await w.page.waitForSelector('[data-testid=azure-progress][data-done="3"]', { timeout: 120_000 });
    await scan('gateway list');

    await w.page.selectOption('[data-testid=locale]', 'ko');
    await w.page.click('[data-testid=nav-azure]');
    await w.page.waitForSelector('[data-testid=azure-gateway][data-name=appgw-api]');
    await korean('gateway list');
    await w.page.click('[data-testid=azure-tab-settings]');
    await korean('settings');
    await w.page.click('[data-testid=azure-tab-script]');
    await korean('collect script');
    expect(w.foreign).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  }, LONG);
});
