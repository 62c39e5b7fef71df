/**
 * The Traffic view in a real headless Chromium (issue 8, item 5): a traffic sample fills the timeline (stacked bars
 * by class, metrics beside it), the classes with the findings that explain them, the top offenders and the failing
 * URLs; clicking a class, a bar or an offender shows sample rows; the findings view keeps the configuration's
 * findings; a gateway and a log export dropped together fill both views. Korean, 360 px, dark theme, axe, keyboard,
 * and the single-file build. Every request is watched: nothing may leave the origin.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, type Watched } from './harness';
import { appSuite, clean, loadSample, shownRules, waitDone } from './suite';
import { analyze } from '../../src/core/analyze';
import { sampleDocs, SAMPLE_FILES } from './samples';
import { englishWords } from './korean';

const LONG = 180_000;
const SAMPLES_DIR = join(ROOT, 'src/ui/samples');


const app = appSuite({ dialogsAreErrors: true });

const open = app.open;

async function openTraffic(page: Page) {
  await page.click('[data-testid=tab-traffic]');
  await page.waitForSelector('[data-testid=traffic-timeline] [data-testid=timeline-bar]', { timeout: 30_000 });
}

const drillRowCount = (page: Page) => page.locator('[data-testid=drill-row]').count();

describe('a traffic sample', () => {
  test('fills the Traffic view: stacked bars, metrics, classes with their findings, offenders, URLs; the findings view keeps the configuration findings', async () => {
    const expected = (await analyze(sampleDocs('traffic-no-healthy-backend'), { locale: 'en' })).report;
    const g = expected.traffic!.gateways[0];
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'traffic-no-healthy-backend');

    // Findings first, as before: the configuration's findings (backend health) and the log's, as the engine gives them.
    expect(await w.page.getAttribute('[data-testid=tab-findings]', 'aria-selected')).toBe('true');
    expect((await shownRules(w.page)).sort()).toEqual(expected.findings.map((f) => f.ruleId).sort());
    expect(await shownRules(w.page)).toEqual(expect.arrayContaining(['backend-all-unhealthy', 'traffic-no-healthy-backend']));
    expect(await w.page.textContent('[data-testid=tab-traffic]')).toContain(String(g.totals.classified));

    await openTraffic(w.page);
    expect(await w.page.isVisible('[data-testid=findings]')).toBe(false);
    // Timeline: one bar per busy bucket at the default size, stacked segments of the class, all rows drawn.
    const minutes = Number(await w.page.getAttribute('[data-testid=traffic-timeline]', 'data-minutes'));
    const buckets = g.buckets[minutes as 1 | 5 | 15]!.filter((b) => (b.classes['no-healthy-backend'] ?? 0) > 0);
    expect(await w.page.locator('[data-testid=timeline-bar]').count()).toBe(buckets.length);
    const segs = await w.page.$$eval('[data-testid=timeline-bar] rect.seg', (rs) => rs.map((r) => ({ cls: r.getAttribute('data-class'), n: Number(r.getAttribute('data-count')), h: Number(r.getAttribute('height')) })));
    expect(new Set(segs.map((s) => s.cls))).toEqual(new Set(['no-healthy-backend']));
    expect(segs.reduce((n, s) => n + s.n, 0)).toBe(35);
    expect(segs.every((s) => s.h > 0)).toBe(true);
    // Accessible: a title and a description, and each bar named.
    expect(await w.page.textContent('[data-testid=traffic-timeline] title')).toMatch(/Classified rows per \d+-minute bucket/);
    expect(await w.page.textContent('[data-testid=traffic-timeline] desc')).toMatch(/busiest starts at/);
    expect(await w.page.getAttribute('[data-testid=timeline-bar] >> nth=0', 'aria-label')).toMatch(/^2026-03-10 \d\d:\d\d–\d\d:\d\d UTC: \d+ rows \(No healthy backend \d+\)$/);
    // Metrics on the same axis.
    expect(await w.page.$$eval('[data-testid=metric-panel]', (ps) => ps.map((p) => (p as HTMLElement).dataset.metric))).toEqual(['CapacityUnits', 'UnhealthyHostCount', 'HealthyHostCount', 'FailedRequests']);
    expect(await w.page.locator('[data-testid=metric-panel] path.line').count()).toBe(4);
    // Bucket size switch.
    await w.page.check('[data-testid=bucket-15]', { force: true });
    await expect.poll(() => w.page.getAttribute('[data-testid=traffic-timeline]', 'data-minutes')).toBe('15');
    expect(await w.page.locator('[data-testid=timeline-bar]').count()).toBe(g.buckets[15].filter((b) => (b.classes['no-healthy-backend'] ?? 0) > 0).length);

    // Classes, with the findings that explain them.
    const cls = w.page.locator('[data-testid=traffic-classes] > li[data-class=no-healthy-backend]');
    expect(await cls.getAttribute('data-count')).toBe('35');
    expect(await cls.locator('[data-testid=class-finding]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.rule))).toEqual(['traffic-no-healthy-backend', 'backend-all-unhealthy', 'backend-probe-log']);
    // Offenders and URLs.
    const offenders = await w.page.$$eval('[data-testid=traffic-offenders] li', (ls) => ls.map((l) => `${(l as HTMLElement).dataset.dimension}:${(l as HTMLElement).dataset.key}`));
    expect(offenders).toEqual(expect.arrayContaining(['pool:pool-tickets', 'listener:listener-tickets', 'host:tickets.contoso.com']));
    const trace = await w.page.getAttribute('[data-testid=trace-url] >> nth=0', 'href');
    expect(decodeURIComponent(trace!)).toMatch(/\?url=http:\/\/tickets\.contoso\.com\/events/);

    // Drill-down: a class, a bar, an offender.
    await cls.locator('[data-testid=class-rows]').click();
    await expect.poll(() => drillRowCount(w.page)).toBeGreaterThan(3);
    expect(await w.page.textContent('[data-testid=traffic-samples] h3')).toContain('No healthy backend');
    expect(await w.page.locator('[data-testid=drill-row] >> nth=0').textContent()).toMatch(/2026-03-10 09:0\d:\d\d UTC.*502.*ERRORINFO_UPSTREAM_NO_LIVE.*tickets\.contoso\.com/);
    await w.page.locator('[data-testid=timeline-bar]').last().click();
    await expect.poll(() => w.page.textContent('[data-testid=traffic-samples] h3')).toMatch(/09:15–09:30 UTC/);
    expect(await drillRowCount(w.page)).toBeGreaterThan(0);
    await w.page.click('[data-testid=traffic-offenders] li[data-dimension=path][data-key="/events/2026-spring-concert"] [data-testid=offender]');
    await expect.poll(() => w.page.textContent('[data-testid=traffic-samples] h3')).toContain('/events/2026-spring-concert');
    const paths = await w.page.$$eval('[data-testid=drill-row]', (rs) => rs.map((r) => r.textContent ?? ''));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => p.includes('/events/2026-spring-concert'))).toBe(true);

    // A failing URL's link fills "Why does this URL fail?" (above both views) and traces it.
    await w.page.click('[data-testid=trace-url] >> nth=0');
    await expect.poll(() => w.page.inputValue('[data-testid=route-url]')).toBe('http://tickets.contoso.com/events/2026-spring-concert');
    await w.page.waitForSelector('[data-testid=route-result]');
    expect(await w.page.getAttribute('[data-testid=tab-traffic]', 'aria-selected')).toBe('true');

    // A finding link goes back to the findings view and opens the card.
    await cls.locator('[data-testid=class-finding][data-rule=backend-all-unhealthy]').click();
    await expect.poll(() => w.page.getAttribute('[data-testid=tab-findings]', 'aria-selected')).toBe('true');
    expect(await w.page.$eval('[data-testid=finding][data-rule=backend-all-unhealthy]', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    clean(w);
    await w.context.close();
  }, LONG);

  test('keyboard: Tab reaches the chart, arrows move between bars, Enter shows the rows; the tabs move with the arrows', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await loadSample(w.page, 'traffic-backend-5xx');
    await w.page.focus('[data-testid=tab-findings]');
    await w.page.keyboard.press('ArrowRight');
    expect(await w.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('tab-traffic');
    await w.page.waitForSelector('[data-testid=timeline-bar]');
    let onBar = false;
    for (let i = 0; i < 40 && !onBar; i++) {
      await w.page.keyboard.press('Tab');
      onBar = await w.page.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'timeline-bar');
    }
    expect(onBar, 'a bar is reachable with Tab').toBe(true);
    const first = await w.page.evaluate(() => document.activeElement?.getAttribute('data-bucket'));
    await w.page.keyboard.press('ArrowRight');
    const second = await w.page.evaluate(() => document.activeElement?.getAttribute('data-bucket'));
    expect(second && first && second > first).toBe(true);
    // Only one bar is in the Tab order.
    expect(await w.page.locator('[data-testid=timeline-bar][tabindex="0"]').count()).toBe(1);
    await w.page.keyboard.press('Enter');
    await expect.poll(() => w.page.getAttribute(`[data-testid=timeline-bar][data-bucket="${second}"]`, 'aria-pressed')).toBe('true');
    await expect.poll(() => drillRowCount(w.page)).toBeGreaterThan(0);
    expect(await w.page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    clean(w);
    await w.context.close();
  }, LONG);

  test('every traffic sample opens in the Traffic view with its own class first', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    const ids = Object.keys(SAMPLE_FILES).filter((id) => id.startsWith('traffic-'));
    expect(ids.length).toBe(6);
    for (const id of ids) {
      const expected = (await analyze(sampleDocs(id), { locale: 'en' })).report.traffic!.gateways[0];
      await loadSample(w.page, id);
      await openTraffic(w.page);
      const classes = await w.page.$$eval('[data-testid=traffic-classes] > li', (ls) => ls.map((l) => `${(l as HTMLElement).dataset.class}:${(l as HTMLElement).dataset.count}`));
      expect(classes, id).toEqual(expected.classes.map((c) => `${c.class}:${c.count}`));
      const drawn = await w.page.$$eval('[data-testid=timeline-bar] rect.seg', (rs) => rs.reduce((n, r) => n + Number(r.getAttribute('data-count')), 0));
      expect(drawn, id).toBe(expected.totals.classified);
      await w.page.click('[data-testid=tab-findings]');
    }
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('input', () => {
  test('a gateway and a log export dropped together fill both views; without logs the Traffic tab says how to add them', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await w.page.setInputFiles('[data-testid=files]', [
      { name: 'gateway.json', mimeType: 'application/json', buffer: readFileSync(join(SAMPLES_DIR, 'traffic-closed-gateway.arm.json')) },
      { name: 'PT1H.json', mimeType: 'application/json', buffer: readFileSync(join(SAMPLES_DIR, 'traffic-closed-PT1H.json')) },
    ]);
    await waitDone(w.page);
    await expect.poll(async () => (await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind))).sort()).toEqual(['access-log', 'arm-rest']);
    await expect.poll(() => shownRules(w.page)).toContain('traffic-backend-closed');
    await openTraffic(w.page);
    expect(await w.page.getAttribute('[data-testid=traffic-classes] > li', 'data-class')).toBe('backend-closed');
    expect(await w.page.textContent('[data-testid=traffic-summary]')).toMatch(/\d+ log rows in 2026-03-10 08:\d\d:\d\d–09:\d\d:\d\d UTC: 20 answered 5xx/);

    // A configuration alone: the tab explains what to add.
    await w.page.click('[data-testid=tab-findings]');
    await loadSample(w.page, 'empty-pool');
    await w.page.click('[data-testid=tab-traffic]');
    await w.page.waitForSelector('[data-testid=traffic-none]');
    expect(await w.page.textContent('[data-testid=traffic-none]')).toContain('AGWAccessLogs');
    clean(w);
    await w.context.close();
  }, LONG);
});

describe('Korean, narrow, dark, accessible', () => {
  test('in Korean the Traffic view has no English left (input values, codes and identifiers aside)', async () => {
    const w = await open();
    await w.page.goto(app.server.origin + '/');
    await w.page.selectOption('[data-testid=locale]', 'ko');
    const inputWords = new Set<string>();
    for (const id of ['traffic-capacity', 'traffic-backend-timeout']) {
      for (const d of sampleDocs(id)) for (const m of (d.text ?? '').matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) inputWords.add(m[0].toLowerCase());
      await loadSample(w.page, id);
      await openTraffic(w.page);
      expect(await w.page.textContent('[data-testid=tab-traffic]')).toContain('트래픽');
      expect(await w.page.textContent('[data-testid=traffic-view] h2')).toContain('트래픽');
      await w.page.locator('[data-testid=class-rows]').first().click();
      await expect.poll(() => drillRowCount(w.page)).toBeGreaterThan(0);
      await w.page.$$eval('[data-testid=traffic-view] details', (ds) => ds.forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await w.page.waitForTimeout(200);
      const text = await w.page.$eval('[data-testid=panel-traffic]', visibleText);
      expect(text).toMatch(/분류/);
      expect(englishWords(text, inputWords), `English words in the Traffic view (${id})`).toEqual([]);
      await w.page.click('[data-testid=tab-findings]');
    }
    clean(w);
    await w.context.close();
  }, LONG);

  test('360 px wide in the dark theme: nothing scrolls sideways, the chart fits, axe finds nothing serious', async () => {
    for (const scheme of ['dark', 'light'] as const) {
      const w = await open({ width: 360, colorScheme: scheme, bypassCSP: true });
      await w.page.goto(app.server.origin + '/');
      await loadSample(w.page, 'traffic-capacity');
      await openTraffic(w.page);
      await w.page.locator('[data-testid=timeline-bar]').first().click();
      await expect.poll(() => drillRowCount(w.page)).toBeGreaterThan(0);
      expect(await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(1);
      const svg = await w.page.locator('[data-testid=traffic-timeline]').boundingBox();
      expect(svg!.x + svg!.width).toBeLessThanOrEqual(360);
      expect(await w.page.locator('[data-testid=capacity-window]').count()).toBeGreaterThan(0);
      // Segments and text differ from the background in both themes.
      const colours = await w.page.evaluate(() => {
        const seg = document.querySelector('[data-testid=timeline-bar] rect.seg')!;
        const axis = document.querySelector('[data-testid=traffic-timeline] text')!;
        return { seg: getComputedStyle(seg).fill, axis: getComputedStyle(axis).fill, bg: getComputedStyle(document.body).backgroundColor };
      });
      expect(colours.seg).not.toBe(colours.bg);
      expect(colours.axis).not.toBe(colours.bg);
      const axe = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
      await w.page.addScriptTag({ content: axe });
      const violations = await w.page.evaluate(async () => {
        const r = await (window as any).axe.run(document.querySelector('[data-testid=results]'), { resultTypes: ['violations'] });
        return r.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
      });
      expect(violations, `axe (${scheme})`).toEqual([]);
      expect(w.foreign).toEqual([]);
      await w.context.close();
    }
  }, LONG);

  test('the single-file build from file:// shows the Traffic view too', async () => {
    const w = await open({ origin: 'file://' });
    await w.page.goto('file://' + join(app.builds.single, 'index.html'));
    await loadSample(w.page, 'traffic-backend-timeout');
    await openTraffic(w.page);
    expect(await w.page.getAttribute('[data-testid=traffic-classes] > li', 'data-class')).toBe('backend-timeout');
    clean(w);
    await w.context.close();
  }, LONG);
});

/** Text a person sees inside `root`, minus what comes from the input or is code (as tests/e2e/app.test.ts reads it). */
function visibleText(root: Element): string {
  const out: string[] = [];
  const skip = (el: Element | null): boolean => {
    for (let e = el; e; e = e.parentElement) if (e.matches('[translate=no], [lang=en], [data-input], code, pre, textarea, script, style')) return true;
    return false;
  };
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || skip(el)) continue;
    const style = getComputedStyle(el);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    if (el.closest('.visually-hidden') === null && (el as HTMLElement).offsetParent === null && !(el instanceof SVGElement)) continue;
    out.push(n.textContent ?? '');
  }
  for (const el of root.querySelectorAll('[aria-label], [title]')) {
    if (skip(el)) continue;
    for (const a of ['aria-label', 'title']) if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
  }
  return out.join('\n');
}
