/**
 * The app in a real headless Chromium: both editions are built once (beforeAll), the hosted one served
 * from 127.0.0.1, the single file opened from file://. Every test watches every request: nothing may
 * leave the origin. Issue 4's "Done when" lines, one test (or more) each.
 */
import { describe, expect, test } from 'vitest';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { serve, ROOT, type Watched } from './harness';
import { appSuite, clean, loadSample, paste, shownRules, waitDone } from './suite';
import { analyze } from '../../src/core/analyze';
import { allRules } from '../../src/core/rules';
import { CATEGORY_ORDER, type Category } from '../../src/core/rules/types';
import { SAMPLE_FILES, SEED_CATEGORY, sampleDocs } from './samples';
import { englishWords } from './korean';

const LONG = 180_000;


const app = appSuite({ acceptDownloads: true });

/** A fresh context and page that records foreign requests, dialogs, page errors and CSP violations. */
const open = app.open;

const SAMPLES = Object.keys(SAMPLE_FILES);
const registered = new Set<Category>(allRules.map((r) => r.category));

describe('first screen', () => {
  test('loads under the size budget, without MSAL, and asks nothing of another origin', async () => {
    const w = await open();
    const assets: { url: string; body: Buffer }[] = [];
    w.page.on('response', async (r) => {
      if (/\.(js|css)$/.test(new URL(r.url()).pathname)) assets.push({ url: r.url(), body: await r.body().catch(() => Buffer.alloc(0)) });
    });
    await w.page.goto(app.server.origin + '/');
    await w.page.waitForSelector('[data-testid=paste]');
    await w.page.waitForLoadState('networkidle');
    const gz = assets.reduce((n, a) => n + gzipSync(a.body, { level: 9 }).length, 0);
    console.log(`first screen: ${assets.length} JS/CSS files, ${(gz / 1024).toFixed(1)} KB gzipped: ${assets.map((a) => a.url.split('/').pop()).join(', ')}`);
    expect(gz).toBeLessThan(90 * 1024);
    for (const a of assets) expect(a.body.toString('utf8')).not.toMatch(/msal/i);
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('samples and forms', () => {
  test.each(SAMPLES)('sample %s: the engine\'s findings show, grouped, with the request path and its broken hop', async (id) => {
    const expected = (await analyze(sampleDocs(id), { locale: 'en' })).report;
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, id);
    await w.page.waitForSelector('[data-testid=findings]');
    // Every document shows what it was detected as.
    const kinds = await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds.sort()).toEqual(expected.documents.map((d) => d.kind).sort());
    // The same findings as the engine gives in Node.
    expect((await shownRules(w.page)).sort()).toEqual(expected.findings.map((f) => f.ruleId).sort());
    // Grouped in the guide's order.
    const groups = await w.page.$$eval('[data-testid=findings] [data-category]', (els) => els.map((e) => (e as HTMLElement).dataset.category as string));
    const order = groups.map((g) => CATEGORY_ORDER.indexOf(g as Category));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    // The sample's own cause, once a rule of that section exists.
    const seed = SEED_CATEGORY[id];
    if (seed && registered.has(seed)) expect(groups).toContain(seed);
    // The request path is drawn for every listener; a broken hop is marked when an error finding sits on one.
    const listeners = await w.page.$$('[data-testid=listener]');
    expect(listeners.length).toBe(expected.gateways.reduce((n, g) => n + (g.counts.httpListeners ?? 0), 0));
    expect(await w.page.$$('[data-testid=path-svg] [data-hop=backend], [data-testid=path-svg] [data-hop=pool]')).not.toHaveLength(0);
    const errorOnHop = expected.findings.some((f) => f.severity === 'error' && /backendAddressPools|probes|backendHttpSettingsCollection|httpListeners|requestRoutingRules/.test(f.resource.type));
    const broken = await w.page.$$('[data-testid=path-svg] [data-state=error]');
    if (errorOnHop) expect(broken.length).toBeGreaterThan(0);
    // The hosted build runs the engine in the worker; the main-thread copy is never fetched.
    expect(w.urls.some((u) => /engine\.worker-[\w-]+\.js$/.test(u))).toBe(true);
    expect(w.urls.filter((u) => /\/assets\/analyze-[\w-]+\.js$/.test(u))).toEqual([]);
    if (id === 'clean') {
      expect(broken).toHaveLength(0);
      expect(expected.summary.error).toBe(0);
    }
    clean(w);
    await w.context.close();
  }, LONG);

  test('when the engine worker cannot start, the analysis runs on the main thread', async () => {
    const w = await open();
    await w.context.route(/engine\.worker-[\w-]+\.js$/, (r) => r.abort());
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'empty-pool');
    await w.page.waitForSelector('[data-rule=empty-pool-routed]');
    expect(w.urls.some((u) => /\/assets\/analyze-[\w-]+\.js$/.test(u))).toBe(true);
    expect(w.foreign).toEqual([]);
    expect(w.dialogs).toEqual([]);
    await w.context.close();
  }, LONG);

  test('a broken hop links to its finding (keyboard: Tab to it, Enter opens the finding)', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'empty-pool');
    const pool = w.page.locator('[data-testid=path-svg] [data-hop=pool][data-state=error]').first();
    await expect.poll(() => pool.count()).toBe(1);
    let found = false;
    for (let i = 0; i < 300 && !found; i++) {
      await w.page.keyboard.press('Tab');
      found = await w.page.evaluate(() => document.activeElement?.getAttribute('data-hop') === 'pool');
    }
    expect(found, 'the broken pool hop is reachable with Tab').toBe(true);
    await w.page.keyboard.press('Enter');
    const opened = await w.page.$eval('[data-rule=empty-pool-routed]', (d) => (d as HTMLDetailsElement).open);
    expect(opened).toBe(true);
    // Evidence with the input line it came from.
    expect(await w.page.locator('[data-rule=empty-pool-routed] table').textContent()).toMatch(/paste\.txt, line \d+/);
    clean(w);
    await w.context.close();
  }, LONG);

  test('every form: ARM REST, ConvertTo-Json, console text, az CLI, ARM template, UTF-16 files, several files at once', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    const template = resolve(ROOT, '../shared/corpus/arm-template/quickstart-application-gateway-v2-autoscale-create.json');
    const forms: [string, string][] = [
      ['clean-gateway.arm.json', 'arm-rest'],
      ['nsg-gateway.ps.json', 'ps-json'],
      ['default-probe-gateway.ps.txt', 'ps-text'],
      ['empty-pool-gateway.cli.json', 'cli-json'],
    ];
    for (const [file, kind] of forms) {
      await paste(w.page, readFileSync(join(ROOT, 'src/ui/samples', file), 'utf8'));
      await expect.poll(() => w.page.$eval('[data-testid=documents] [data-kind]', (e) => (e as HTMLElement).dataset.kind)).toBe(kind);
      expect(await w.page.locator('[data-testid=doc-gateways]').first().textContent()).toMatch(/agw-/);
    }
    if (existsSync(template)) {
      await paste(w.page, readFileSync(template, 'utf8'));
      await expect.poll(() => w.page.$eval('[data-testid=documents] [data-kind]', (e) => (e as HTMLElement).dataset.kind)).toBe('arm-template');
    }
    // Windows PowerShell 5.1 writes UTF-16 LE with a BOM: the bytes go to the engine as they are.
    await w.page.fill('[data-testid=paste]', '');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(ROOT, 'src/ui/samples/unhealthy-gateway.arm.json'), 'utf8'), 'utf16le')]);
    await w.page.setInputFiles('[data-testid=files]', [
      { name: 'gateway-utf16.json', mimeType: 'application/json', buffer: utf16 },
      { name: 'health.json', mimeType: 'application/json', buffer: readFileSync(join(ROOT, 'src/ui/samples/unhealthy-health.ps.json')) },
    ]);
    await waitDone(w.page);
    await expect.poll(async () => (await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind))).sort()).toEqual(['arm-rest', 'backend-health']);
    await expect.poll(() => shownRules(w.page)).toContain('backend-all-unhealthy');
    // A document with problems shows them with line and column.
    await w.page.fill('[data-testid=paste]', '{\n  "name": "agw",\n  "properties": { "backendAddressPools": [ }\n}');
    await waitDone(w.page);
    await expect.poll(() => w.page.locator('[data-testid=problem]').first().textContent()).toMatch(/line \d+, column \d+/);
    clean(w);
    await w.context.close();
  }, LONG);

  test('a gateway with 50 listeners stays readable: collapsed listeners, the broken one open, a search box', async () => {
    const gw = JSON.parse(readFileSync(join(ROOT, 'src/ui/samples/empty-pool-gateway.cli.json'), 'utf8'));
    const base = gw.httpListeners[0];
    const rule = gw.requestRoutingRules[0];
    for (let i = 1; i < 50; i++) {
      const name = `listener-site${i}`;
      gw.httpListeners.push({ ...base, name, id: base.id.replace(/listener-media$/, name), hostNames: [`site${i}.contoso.com`] });
      gw.requestRoutingRules.push({
        ...rule, name: `rule-site${i}`, id: rule.id.replace(/rule-media$/, `rule-site${i}`), priority: 100 + i, ruleType: 'Basic', urlPathMap: undefined,
        httpListener: { id: base.id.replace(/listener-media$/, name) }, backendAddressPool: { id: gw.backendAddressPools[0].id }, backendHttpSettings: { id: gw.backendHttpSettingsCollection[0].id },
      });
    }
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await paste(w.page, JSON.stringify(gw, null, 2));
    await expect.poll(() => w.page.$$('[data-testid=listener]').then((l) => l.length)).toBe(50);
    const open_ = () => w.page.$$eval('[data-testid=listener]', (ds) => ds.filter((d) => (d as HTMLDetailsElement).open).map((d) => (d as HTMLElement).dataset.listener));
    expect(await open_()).toEqual(['listener-media']);
    await w.page.fill('[data-testid=path-search]', 'site42.contoso');
    await expect.poll(() => w.page.$$eval('[data-testid=listener]', (ds) => ds.map((d) => (d as HTMLElement).dataset.listener))).toEqual(['listener-site42']);
    clean(w);
    await w.context.close();
  }, LONG);

  test('input text is rendered as text: <img src=x onerror=alert(1)> opens no dialog', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    const evil = '<img src=x onerror=alert(1)>';
    const text = readFileSync(join(ROOT, 'src/ui/samples/empty-pool-gateway.cli.json'), 'utf8').replaceAll('listener-media', evil).replaceAll('pool-static', evil + '-pool');
    await paste(w.page, text);
    await w.page.click('text=Expand all');
    await w.page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
    await w.page.waitForTimeout(500);
    expect(await w.page.locator('body').innerText()).toContain(evil);
    expect(await w.page.$$('img[src=x]')).toHaveLength(0);
    expect(w.dialogs).toEqual([]);
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('history', () => {
  test('every analysis is stored; reload lists it; reopening shows the same findings without running the engine; the same input is never analysed twice', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'custom-probe');
    const first = (await shownRules(w.page)).sort();
    const runs = () => w.page.evaluate(() => Number(document.documentElement.dataset.engineRuns ?? 0));
    expect(await runs()).toBe(1);
    // The same input again: from the cache, the engine does not run.
    const text = await w.page.inputValue('[data-testid=paste]');
    await paste(w.page, text + ' ');
    expect(await runs()).toBe(2);
    await paste(w.page, text);
    expect(await w.page.getAttribute('[data-testid=status]', 'data-origin')).toBe('cache');
    expect(await runs()).toBe(2);

    await w.page.reload();
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-item]');
    const titles = await w.page.$$eval('[data-testid=history-title]', (els) => els.map((e) => e.textContent));
    expect(titles).toContain('agw-cms-prod');
    expect(await runs()).toBe(0);
    await w.page.locator('[data-testid=history-item]').filter({ hasText: 'agw-cms-prod' }).last().locator('button', { hasText: 'Open' }).click();
    await waitDone(w.page);
    expect(await w.page.getAttribute('[data-testid=status]', 'data-origin')).toBe('history');
    expect((await shownRules(w.page)).sort()).toEqual(first);
    expect(await w.page.$$('[data-testid=path-svg]')).not.toHaveLength(0);
    expect(await runs()).toBe(0);

    // Rename, delete, delete all, "don't keep anything".
    await w.page.goto(app.server.origin + '/#/history');
    const item = w.page.locator('[data-testid=history-item]').first();
    await item.locator('button', { hasText: 'Rename' }).click();
    await item.locator('input[type=text]').fill('사내 게이트웨이 점검');
    await item.locator('button[type=submit]').click();
    await expect.poll(() => w.page.$$eval('[data-testid=history-title]', (els) => els.map((e) => e.textContent))).toContain('사내 게이트웨이 점검');
    const before = (await w.page.$$('[data-testid=history-item]')).length;
    await w.page.locator('[data-testid=history-item]').first().locator('button', { hasText: 'Delete' }).click();
    await expect.poll(async () => (await w.page.$$('[data-testid=history-item]')).length).toBe(before - 1);
    await w.page.click('[data-testid=delete-all]');
    await w.page.click('[data-testid=confirm-delete-all]');
    await w.page.waitForSelector('[data-testid=history-empty]');
    await w.page.check('[data-testid=keep-nothing]');
    await w.page.goto(app.server.origin + '/#/');
    await loadSample(w.page, 'empty-pool');
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-empty]');
    await w.page.uncheck('[data-testid=keep-nothing]');
    clean(w);
    await w.context.close();
  }, LONG);

  test('a database of the older layout is migrated; a corrupt record is dropped and said so', async () => {
    const w = await open();
    // Any page of the origin will do to write the old database before the app opens it.
    await w.page.goto(app.server.origin + '/icons/icon.svg');
    const report = (await analyze(sampleDocs('empty-pool'), { locale: 'en' })).report;
    await w.page.evaluate(async (report) => {
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('appgw-502-doctor', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('analyses', { keyPath: 'id' });
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('analyses', 'readwrite');
          tx.objectStore('analyses').put({ id: 'legacy-1', time: '2025-11-02T09:00:00Z', inputs: [{ name: 'old.json', text: '{}' }], report });
          tx.objectStore('analyses').put({ id: 'broken-1', time: 'not a time', inputs: 7, report: null });
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
      });
    }, JSON.parse(JSON.stringify(report)));
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-item]');
    expect(await w.page.$$eval('[data-testid=history-title]', (els) => els.map((e) => e.textContent))).toEqual(['agw-media-prod']);
    await w.page.waitForSelector('[data-notice="storage.migrated"]');
    expect(await w.page.locator('[data-notice="storage.migrated"]').textContent()).toMatch(/1 record\(s\) converted, 1 unreadable/);
    // The migrated record reopens with its report (no workspace was kept in the old layout).
    await w.page.click('[data-testid=history-title]');
    await w.page.waitForSelector('[data-rule=empty-pool-routed]');
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('storage trouble: the app keeps working and says what was not kept', () => {
  test('no IndexedDB at all', async () => {
    const w = await open();
    await w.context.addInitScript(() => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }));
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'empty-pool');
    await w.page.waitForSelector('[data-rule=empty-pool-routed]');
    await w.page.waitForSelector('[data-notice="storage.unavailable"]');
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=store-kind][data-kind=memory]');
    expect(await w.page.$$('[data-testid=history-item]')).toHaveLength(1);
    clean(w);
    await w.context.close();
  }, LONG);

  test('quota exceeded', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    const cdp = await w.context.newCDPSession(w.page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: app.server.origin, quotaSize: 2048 });
    await loadSample(w.page, 'custom-probe');
    await w.page.waitForSelector('[data-notice="storage.quota"]', { timeout: 30_000 });
    expect(await shownRules(w.page)).toContain('probe-path-invalid');
    clean(w);
    await w.context.close();
  }, LONG);

  test('an upgrade blocked by an older tab, and a corrupt record', async () => {
    const w = await open();
    // The "older tab": a page of the origin holding version 1 open and refusing to close it.
    const old = await w.context.newPage();
    await old.goto(app.server.origin + '/icons/icon.svg');
    await old.evaluate(() => new Promise<void>((resolve) => {
      const req = indexedDB.open('appgw-502-doctor', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('analyses', { keyPath: 'id' });
      req.onsuccess = () => {
        (window as unknown as { held: IDBDatabase }).held = req.result;
        resolve();
      };
    }));
    await w.page.goto(app.server.origin + '/');
    await w.page.waitForSelector('[data-notice="storage.blocked"]', { timeout: 30_000 });
    await loadSample(w.page, 'empty-pool');
    await w.page.waitForSelector('[data-rule=empty-pool-routed]');
    await old.close();
    // Now the app opens the database; a record that something else wrote badly is skipped and reported.
    await w.page.reload();
    await w.page.waitForSelector('[data-testid=paste]');
    await w.page.evaluate(() => new Promise<void>((resolve, reject) => {
      const req = indexedDB.open('appgw-502-doctor');
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const tx = req.result.transaction('analyses', 'readwrite');
        tx.objectStore('analyses').put({ id: 'bad', schema: 2, hash: 'x', createdAt: 1, inputs: [], report: { findings: null } });
        tx.oncomplete = () => {
          req.result.close();
          resolve();
        };
      };
    }));
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-notice="storage.unreadable"]');
    await w.page.click('text=Remove them');
    await expect.poll(() => w.page.locator('button', { hasText: 'Remove them' }).count()).toBe(0);
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('offline and file://', () => {
  test('after one load, the app works with the network off (service worker), including a paste', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await w.page.waitForSelector('[data-notice="notice.offlineReady"]', { timeout: 60_000 });
    await w.page.evaluate(() => navigator.serviceWorker.ready);
    await w.context.setOffline(true);
    await w.page.reload();
    await w.page.waitForSelector('[data-testid=paste]');
    await loadSample(w.page, 'unhealthy-backend');
    await w.page.waitForSelector('[data-rule=backend-all-unhealthy]');
    await w.page.waitForSelector('[data-testid=offline-ready]');
    await w.context.setOffline(false);
    clean(w);
    await w.context.close();
  }, LONG);

  test('a new deployment shows "a new version is ready"; Reload switches to it', async () => {
    // A copy of the build on its own server, so changing it does not touch the other tests.
    const dir = join(app.builds.hosted, '..', 'hosted-update');
    cpSync(app.builds.hosted, dir, { recursive: true });
    const own = await serve(dir);
    const w = await open({ origin: own.origin });
    try {
      await w.page.goto(own.origin + '/');
      await w.page.waitForSelector('[data-notice="notice.offlineReady"]', { timeout: 60_000 });
      await w.page.reload();
      await w.page.waitForFunction(() => !!navigator.serviceWorker.controller);
      // "Deploy" a new version: any byte change of sw.js is a new service worker.
      appendFileSync(join(dir, 'sw.js'), '\n// next deployment\n');
      await w.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      await w.page.waitForSelector('[data-notice="notice.updateReady"]', { timeout: 60_000 });
      await Promise.all([w.page.waitForEvent('load'), w.page.click('[data-notice="notice.updateReady"] button.primary')]);
      await w.page.waitForSelector('[data-testid=paste]');
      const script = await w.page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return { waiting: !!r?.waiting, active: r?.active?.scriptURL };
      });
      expect(script.waiting).toBe(false);
      expect(await w.page.$$('[data-notice="notice.updateReady"]')).toHaveLength(0);
      clean(w);
    } finally {
      await w.context.close();
      await own.close();
    }
  }, LONG);

  test('the single-file build analyses a paste from file://, with no service worker and no other file', async () => {
    const origin = 'file://';
    const w = await open({ origin });
    await w.page.goto('file://' + join(app.builds.single, 'index.html'));
    expect(readdirSync(app.builds.single)).toEqual(['index.html']);
    await paste(w.page, readFileSync(join(ROOT, 'src/ui/samples/empty-pool-gateway.cli.json'), 'utf8'));
    await w.page.waitForSelector('[data-rule=empty-pool-routed]');
    expect(await w.page.evaluate(() => navigator.serviceWorker?.controller ?? null)).toBeNull();
    await loadSample(w.page, 'custom-probe');
    await w.page.waitForSelector('[data-rule=probe-path-invalid]');
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('Korean', () => {
  test('switching to Korean leaves no English on the start, findings, path picture and history screens', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await w.page.selectOption('[data-testid=locale]', 'ko');
    const inputWords = new Set<string>();
    const check = async (screen: string) => {
      await w.page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await w.page.waitForTimeout(300);
      const found = englishWords(await w.page.evaluate(visibleText), inputWords);
      expect(found, `English words on the ${screen} screen`).toEqual([]);
    };
    await check('start');
    // The console-text samples are left out: the engine words what a console paste cannot show in English only (reported).
    for (const id of ['nsg', 'custom-probe', 'empty-pool', 'unhealthy-backend', 'request-timeout']) {
      for (const d of sampleDocs(id)) for (const m of (d.text ?? '').matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) inputWords.add(m[0].toLowerCase());
      await loadSample(w.page, id);
      await w.page.waitForSelector('[data-testid=path-svg]');
      await check(`findings + path picture (${id})`);
    }
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-item]');
    await check('history');
    // The choice is remembered.
    await w.page.reload();
    expect(await w.page.getAttribute('html', 'lang')).toBe('ko');
    clean(w);
    await w.context.close();
  }, LONG);
});

/** Text a person sees, minus what comes from the input or is code: [translate=no], [lang=en], [data-input], code, pre, textarea. */
function visibleText(): string {
  const out: string[] = [];
  const skip = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) {
      if (e.matches('[translate=no], [lang=en], [data-input], code, pre, textarea, script, style, title')) return true;
    }
    return false;
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('.visually-hidden') === null && (el as HTMLElement).offsetParent === null && !(el instanceof SVGElement)) continue;
    out.push(n.textContent ?? '');
  }
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
  }
  for (const o of document.querySelectorAll('option')) if (!skip(o)) out.push(o.textContent ?? '');
  return out.join('\n');
}

describe('accessibility and layout', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no serious or critical violation (${scheme})`, async () => {
      const w = await open({ bypassCSP: true, colorScheme: scheme });
      const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      const scan = async (where: string) => {
        await w.page.addScriptTag({ content: axe });
        const result = await w.page.evaluate(async () => {
          const r = await (window as any).axe.run(document, { resultTypes: ['violations'] });
          return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
        });
        expect(result, `axe on ${where}`).toEqual([]);
      };
      await w.page.goto(app.server.origin + '/');
      await w.page.waitForSelector('[data-testid=paste]');
      await scan('start');
      await loadSample(w.page, 'nsg');
      await w.page.$$eval('details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await w.page.waitForTimeout(500);
      await scan('results');
      await w.page.goto(app.server.origin + '/#/history');
      await w.page.waitForSelector('[data-testid=history]');
      await scan('history');
      expect(w.foreign).toEqual([]);
      await w.context.close();
    }, LONG);
  }

  test('works at 360 px wide: nothing but the drawing scrolls sideways', async () => {
    const w = await open({ width: 360, height: 740 });
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'empty-pool');
    const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-item]');
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('exports', () => {
  test('Markdown, JSON and SARIF download; redaction replaces IPs, subscription ids and host names consistently', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'nsg');
    const save = async (testid: string) => {
      const [d] = await Promise.all([w.page.waitForEvent('download'), w.page.click(`[data-testid=${testid}]`)]);
      return readFileSync((await d.path())!, 'utf8');
    };
    const md = await save('export-md');
    expect(md).toMatch(/^# Application Gateway 502/);
    expect(md).toContain('10.20.1.20');
    const sarif = JSON.parse(await save('export-sarif'));
    expect(sarif.version).toBe('2.1.0');
    await w.page.check('[data-testid=redact]');
    const json = await save('export-json');
    expect(json).not.toMatch(/10\.20\.1\.20|3f2a6b1c-8d4e-4f7a-9b2c-1e5d7a9c0b34|orders\.contoso\.com/);
    const report = JSON.parse(json);
    const ip = /IP-\d+/.exec(JSON.stringify(report.findings))?.[0];
    expect(ip).toBeTruthy();
    expect(JSON.stringify(report)).toContain('SUBSCRIPTION-1');
    const redactedMd = await save('export-md');
    expect(redactedMd).not.toContain('10.20.1.20');
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('screenshot', () => {
  test('writes docs/screenshot.png: the findings and the request path picture', async () => {
    const w = await open({ width: 1280, height: 900 });
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'nsg');
    await w.page.locator('[data-testid=finding]').first().locator('summary').click();
    await w.page.waitForTimeout(300);
    mkdirSync(join(ROOT, 'docs'), { recursive: true });
    await w.page.evaluate(() => window.scrollTo(0, 0));
    const top = (await w.page.locator('[data-testid=summary]').boundingBox())!;
    const bottom = (await w.page.locator('[data-testid=exports]').boundingBox())!;
    const scrollY = await w.page.evaluate(() => window.scrollY);
    await w.page.screenshot({ path: join(ROOT, 'docs/screenshot.png'), fullPage: true, clip: { x: 0, y: top.y + scrollY - 8, width: 1280, height: bottom.y - top.y } });
    expect(readFileSync(join(ROOT, 'docs/screenshot.png')).length).toBeGreaterThan(10_000);
    clean(w);
    await w.context.close();
  }, LONG);
});
