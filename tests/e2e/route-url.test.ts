/**
 * "Why does this URL fail?" in a real headless Chromium (issue 9, UI part): type a URL, see exactly that
 * request's path, its broken hop, the trace and the findings on it; the URL lives in the hash, and the link
 * reopens the same trace in a fresh page offline (service worker) from the history, without running the
 * engine. Every request is watched: nothing may leave the origin.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, type OpenOptions, type Watched } from './harness';
import { appSuite, clean, loadSample, paste, waitDone } from './suite';
import { analyze } from '../../src/core/analyze';
import { sampleDocs } from './samples';
import { englishWords } from './korean';

const LONG = 180_000;
const BROKEN_URL = 'http://media.contoso.com/static/app.js?v=3';
const SAMPLE_GATEWAY = join(ROOT, 'src/ui/samples/empty-pool-gateway.cli.json');


const app = appSuite({ dialogsAreErrors: true });

const open = (origin?: string, options: OpenOptions = {}) => app.open({ ...options, origin });

const engineRuns = (page: Page) => page.evaluate(() => Number(document.documentElement.dataset.engineRuns ?? 0));

/** What the trace shows, as plain data (to compare two pages). */
async function shown(page: Page) {
  return page.evaluate(() => {
    const q = (s: string) => document.querySelector(s);
    const field = (f: string) => q(`[data-testid=route-summary] [data-field=${f}] dd`)?.textContent?.trim() ?? null;
    const broken = q('[data-testid=route-broken]') as HTMLElement | null;
    return {
      verdict: (q('[data-testid=route-verdict]') as HTMLElement | null)?.dataset.verdict ?? null,
      listener: field('listener'),
      rule: field('rule'),
      pathRule: field('pathRule'),
      settings: field('settings'),
      pool: field('pool'),
      broken: broken ? { hop: broken.dataset.hop, name: broken.dataset.name, state: broken.dataset.state } : null,
      pictureHops: [...document.querySelectorAll('[data-testid=route-picture] [data-hop]')].map((e) => `${(e as HTMLElement).dataset.hop}:${(e as HTMLElement).dataset.name}:${(e as HTMLElement).dataset.state}`),
      steps: [...document.querySelectorAll('[data-testid=route-step]')].map((e) => {
        const d = (e as HTMLElement).dataset;
        return `${d.step}|${d.candidate}|${d.matched}|${d.shadowed}|${e.querySelector('.why')?.textContent}`;
      }),
      findings: [...document.querySelectorAll('[data-testid=route-findings] li')].map((e) => (e as HTMLElement).dataset.rule),
    };
  });
}

async function typeUrl(page: Page, url: string) {
  await page.fill('[data-testid=route-url]', url);
  await page.waitForSelector('[data-testid=route-verdict]');
}

/** The empty-pool sample plus a private frontend whose basic listener sends everything to the healthy default pool. */
function twoFrontends(): string {
  const gw = JSON.parse(readFileSync(SAMPLE_GATEWAY, 'utf8'));
  const base = gw.id as string;
  gw.frontendIPConfigurations.push({ name: 'appGwPrivateFrontendIp', id: `${base}/frontendIPConfigurations/appGwPrivateFrontendIp`, privateIPAddress: '10.20.0.10', privateIPAllocationMethod: 'Static', subnet: gw.gatewayIPConfigurations[0].subnet });
  gw.httpListeners.push({ name: 'listener-internal', id: `${base}/httpListeners/listener-internal`, frontendIPConfiguration: { id: `${base}/frontendIPConfigurations/appGwPrivateFrontendIp` }, frontendPort: { id: `${base}/frontendPorts/port_80` }, protocol: 'Http', hostNames: [] });
  gw.requestRoutingRules.push({ name: 'rule-internal', id: `${base}/requestRoutingRules/rule-internal`, ruleType: 'Basic', priority: 200, httpListener: { id: `${base}/httpListeners/listener-internal` }, backendAddressPool: { id: `${base}/backendAddressPools/pool-media` }, backendHttpSettings: { id: gw.backendHttpSettingsCollection[0].id } });
  return JSON.stringify(gw, null, 2);
}

describe('Why does this URL fail?', () => {
  test('a URL on the broken path shows its listener, rule, path rule, pool, the broken hop, the trace and the findings on it; the hash link reopens the same trace offline without running the engine', async () => {
    const expected = (await analyze(sampleDocs('empty-pool'), { locale: 'en' })).report;
    expect(expected.findings.map((f) => f.ruleId)).toContain('empty-pool-routed');

    const w = await open();
    await w.page.goto(app.server.origin + '/');
    // The service worker is in place before going offline later.
    await w.page.waitForSelector('[data-notice="notice.offlineReady"]', { timeout: 60_000 });
    await loadSample(w.page, 'empty-pool');
    expect(await engineRuns(w.page)).toBe(1);

    await typeUrl(w.page, BROKEN_URL);
    const first = await shown(w.page);
    expect(first).toMatchObject({ verdict: 'broken', listener: 'listener-media', rule: 'rule-media', pathRule: 'static', settings: 'settings-media', pool: 'pool-static' });
    expect(first.broken).toEqual({ hop: 'pool', name: 'pool-static', state: 'error' });
    // The picture is exactly this request: the static path's pool, not the default one.
    expect(first.pictureHops).toContain('pool:pool-static:error');
    expect(first.pictureHops.filter((h) => h.startsWith('pool:'))).toEqual(['pool:pool-static:error']);
    expect(first.pictureHops.filter((h) => h.startsWith('pathRule:'))).toEqual(['pathRule:static:ok']);
    // The trace: each candidate, matched or not, and why.
    expect(first.steps.some((s) => s.startsWith('listener|listener-media|true|false|'))).toBe(true);
    expect(first.steps.some((s) => s.startsWith('path-rule|static|true|'))).toBe(true);
    expect(first.steps.at(-1)).toMatch(/^backends\|pool-static\|false\|false\|.*502/);
    // The findings on this path, linked to their cards.
    expect(first.findings).toEqual(['empty-pool-routed']);
    await w.page.click('[data-testid=route-findings] li[data-rule=empty-pool-routed] button');
    expect(await w.page.$eval('details[data-rule=empty-pool-routed]', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    // No engine run for tracing.
    expect(await engineRuns(w.page)).toBe(1);

    // The URL lives in the hash.
    const hash = await w.page.evaluate(() => location.hash);
    expect(hash.startsWith('#/?url=')).toBe(true);
    expect(decodeURIComponent(hash)).toContain(BROKEN_URL);

    // Another path of the same host goes to the default pool: nothing broken.
    await typeUrl(w.page, 'http://media.contoso.com/index.html');
    await expect.poll(() => shown(w.page).then((s) => [s.verdict, s.pool, s.pathRule, s.broken])).toEqual(['ok', 'pool-media', null, null]);
    // Picking a listener host fills the field with the listener's scheme and port.
    await w.page.selectOption('[data-testid=route-pick]', '0');
    expect(await w.page.inputValue('[data-testid=route-url]')).toBe('http://media.contoso.com/');
    await expect.poll(() => shown(w.page).then((s) => s.listener)).toBe('listener-media');

    // Back to the broken URL; once the analysis is stored the link names its history record.
    await typeUrl(w.page, BROKEN_URL);
    await expect.poll(() => w.page.getAttribute('[data-testid=route-link]', 'href'), { timeout: 30_000 }).toMatch(/^#\/report\/[\w-]+\?url=/);
    const link = (await w.page.getAttribute('[data-testid=route-link]', 'href'))!;
    expect(decodeURIComponent(link)).toContain(BROKEN_URL);
    const before = await shown(w.page);

    // Following the link on this page changes only the trace: the shown analysis is not reopened.
    await w.page.click('[data-testid=route-link]');
    await expect.poll(() => w.page.evaluate(() => location.hash)).toBe(link);
    // (a reopen would be asynchronous: give it time to happen, it must not)
    await w.page.waitForTimeout(1500);
    expect(await w.page.getAttribute('[data-testid=status]', 'data-origin')).toBe('engine');
    expect(await shown(w.page)).toEqual(before);

    // Offline, a fresh page opens the link: the same trace, from the history, without the engine.
    await w.context.setOffline(true);
    const fresh = await w.context.newPage();
    w.watch(fresh);
    await fresh.goto(app.server.origin + '/' + link);
    await waitDone(fresh);
    await fresh.waitForSelector('[data-testid=route-verdict]');
    expect(await fresh.getAttribute('[data-testid=status]', 'data-origin')).toBe('history');
    expect(await fresh.inputValue('[data-testid=route-url]')).toBe(BROKEN_URL);
    expect(await shown(fresh)).toEqual(before);
    expect(await engineRuns(fresh)).toBe(0);
    expect(await fresh.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await w.context.setOffline(false);
    clean(w);
    await w.context.close();
  }, LONG);

  test('a URL that no listener takes says why (host, port, unusable URL), in English and Korean', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'empty-pool');

    await typeUrl(w.page, 'http://shop.contoso.com/cart');
    await expect.poll(() => w.page.getAttribute('[data-testid=route-verdict]', 'data-verdict')).toBe('no-listener');
    expect(await w.page.getAttribute('[data-testid=route-nomatch]', 'data-reason')).toBe('host');
    expect(await w.page.textContent('[data-testid=route-nomatch]')).toMatch(/port 80.*shop\.contoso\.com.*media\.contoso\.com/);
    expect(await w.page.$$('[data-testid=route-picture]')).toHaveLength(0);
    const steps = await shown(w.page);
    expect(steps.steps.at(-1)).toMatch(/^listener\|\(none\)\|false\|false\|.*never reaches a backend/);

    await typeUrl(w.page, 'https://media.contoso.com/static/app.js');
    await expect.poll(() => w.page.getAttribute('[data-testid=route-nomatch]', 'data-reason')).toBe('port');
    expect(await w.page.textContent('[data-testid=route-nomatch]')).toMatch(/port 443.*80\/Http/);

    await typeUrl(w.page, 'media.contoso.com/static');
    await expect.poll(() => w.page.getAttribute('[data-testid=route-verdict]', 'data-verdict')).toBe('bad-url');
    expect(await w.page.getAttribute('[data-testid=route-nomatch]', 'data-reason')).toBe('url');

    await typeUrl(w.page, 'http://shop.contoso.com/cart');
    await w.page.selectOption('[data-testid=locale]', 'ko');
    await expect.poll(() => w.page.textContent('[data-testid=route-nomatch]')).toMatch(/포트 80.*shop\.contoso\.com/);
    expect(await w.page.textContent('[data-testid=route-verdict]')).toMatch(/[\uac00-\ud7a3]/);
    expect(await w.page.textContent('#route-title')).toMatch(/[\uac00-\ud7a3]/);
    // No English in the section besides the input's words — the engine's reasons included: they are shown in Korean.
    const inputWords = new Set<string>();
    for (const d of sampleDocs('empty-pool')) for (const m of (d.text ?? '').matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) inputWords.add(m[0].toLowerCase());
    for (const url of ['http://shop.contoso.com/cart', BROKEN_URL, 'http://media.contoso.com/']) {
      // The URL typed is input too: the reasons quote its host and path verbatim.
      for (const m of url.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) inputWords.add(m[0].toLowerCase());
      await typeUrl(w.page, url);
      await w.page.waitForTimeout(200);
      const reasons = await w.page.$$eval('[data-testid=route-step] .why', (es) => es.map((e) => ({ text: e.textContent ?? '', exempt: !!e.closest('[lang=en], [translate=no], code') })));
      expect(reasons.length, `trace steps for ${url}`).toBeGreaterThan(2);
      for (const r of reasons) {
        expect(r.exempt, `reason left out of the check: ${r.text}`).toBe(false);
        expect(r.text, 'a reason in Korean').toMatch(/[\uac00-\ud7a3]/);
      }
      expect(englishWords(await w.page.evaluate(sectionText), inputWords), `English words in the route section for ${url}`).toEqual([]);
    }
    await w.page.selectOption('[data-testid=locale]', 'en');
    clean(w);
    await w.context.close();
  }, LONG);

  test('public or private frontend: offered when the gateway has both; picking the private listener\'s host picks its frontend; the choice is in the hash', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await paste(w.page, twoFrontends());
    await typeUrl(w.page, 'http://media.contoso.com/static/x');
    await expect.poll(() => shown(w.page).then((s) => [s.verdict, s.listener, s.pool])).toEqual(['broken', 'listener-media', 'pool-static']);
    await w.page.selectOption('[data-testid=route-frontend]', 'private');
    await expect.poll(() => shown(w.page).then((s) => [s.verdict, s.listener, s.pool])).toEqual(['ok', 'listener-internal', 'pool-media']);
    expect(await w.page.evaluate(() => location.hash)).toMatch(/&frontend=private$/);
    await w.page.selectOption('[data-testid=route-frontend]', 'public');
    await expect.poll(() => shown(w.page).then((s) => s.listener)).toBe('listener-media');
    // The basic private listener's host is its frontend IP.
    const options = await w.page.$$eval('[data-testid=route-pick] option', (os) => os.map((o) => o.textContent));
    expect(options.some((o) => /^http:\/\/10\.20\.0\.10\/ — listener listener-internal/.test(o ?? ''))).toBe(true);
    const index = options.findIndex((o) => /10\.20\.0\.10/.test(o ?? '')) - 1;
    await w.page.selectOption('[data-testid=route-pick]', String(index));
    await expect.poll(() => w.page.inputValue('[data-testid=route-frontend]')).toBe('private');
    await expect.poll(() => shown(w.page).then((s) => s.listener)).toBe('listener-internal');
    expect(decodeURIComponent(await w.page.evaluate(() => location.hash))).toBe('#/?url=http://10.20.0.10/&frontend=private');
    clean(w);
    await w.context.close();
  }, LONG);

  test('a stored analysis without a gateway model (older history layout) says so instead of tracing, and offers to analyse again', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/icons/icon.svg');
    const report = (await analyze(sampleDocs('empty-pool'), { locale: 'en' })).report;
    await w.page.evaluate(async ({ report, text }) => {
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('appgw-502-doctor', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('analyses', { keyPath: 'id' });
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('analyses', 'readwrite');
          tx.objectStore('analyses').put({ id: 'legacy-1', time: '2025-11-02T09:00:00Z', inputs: [{ name: 'paste.txt', text }], report });
          tx.oncomplete = () => {
            req.result.close();
            resolve();
          };
        };
      });
    }, { report: JSON.parse(JSON.stringify(report)), text: readFileSync(SAMPLE_GATEWAY, 'utf8') });
    await w.page.goto(app.server.origin + '/#/report/legacy-1?url=' + encodeURIComponent(BROKEN_URL));
    await w.page.waitForSelector('[data-testid=route-needs-analysis]');
    expect(await w.page.$$('[data-testid=route-verdict]')).toHaveLength(0);
    expect(await engineRuns(w.page)).toBe(0);
    clean(w);
    await w.context.close();
  }, LONG);

  for (const scheme of ['light', 'dark'] as const) {
    test(`with a trace shown, axe finds no serious or critical violation (${scheme}); at 360 px only the drawing scrolls sideways`, async () => {
      const w = await open(app.server.origin, { bypassCSP: true, colorScheme: scheme });
      await w.page.goto(app.server.origin + '/');
      await loadSample(w.page, 'empty-pool');
      await typeUrl(w.page, BROKEN_URL);
      await w.page.addScriptTag({ content: readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8') });
      const violations = await w.page.evaluate(async () => {
        const r = await (window as any).axe.run(document.querySelector('[data-testid=route]'), { resultTypes: ['violations'] });
        return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
      });
      expect(violations).toEqual([]);
      await w.page.setViewportSize({ width: 360, height: 740 });
      await w.page.waitForTimeout(300);
      expect(await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      expect(w.foreign).toEqual([]);
      await w.context.close();
    }, LONG);
  }

  test('the single-file edition traces a URL from file:// (the lazy part is inlined, the CSP holds)', async () => {
    const w = await open('file://');
    await w.page.goto('file://' + join(app.builds.single, 'index.html'));
    await paste(w.page, readFileSync(SAMPLE_GATEWAY, 'utf8'));
    await typeUrl(w.page, BROKEN_URL);
    await expect.poll(() => shown(w.page).then((s) => [s.verdict, s.pool, s.broken?.hop])).toEqual(['broken', 'pool-static', 'pool']);
    expect(decodeURIComponent(await w.page.evaluate(() => location.hash))).toContain(BROKEN_URL);
    clean(w);
    await w.context.close();
  }, LONG);
});

/** Text a person sees in the route section, minus input and code ([translate=no], [lang=en], code), with labels and options. */
function sectionText(): string {
  const root = document.querySelector('[data-testid=route]')!;
  const skip = (el: Element | null): boolean => {
    for (let e = el; e && e !== root.parentElement; e = e.parentElement) if (e.matches('[translate=no], [lang=en], [data-input], code, pre, textarea, script, style')) return true;
    return false;
  };
  const out: string[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement && !skip(n.parentElement)) out.push(n.textContent ?? '');
  for (const el of root.querySelectorAll('[aria-label], [placeholder], [title]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'placeholder', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
  }
  return out.join('\n');
}
