/**
 * Big log files read as a stream, in a real headless Chromium (issue 8, item 5): a generated access-log export above
 * the streaming threshold (tests/bench/access-log.ts, ~12 MB, storage PT1H.json lines) is set on the file input next
 * to a pasted gateway. The progress bar (<progress>, role progressbar) appears with bytes and rows, the result
 * arrives with the class counts Node's whole-text analysis of the same bytes gives, the history keeps the aggregate
 * and not the text, reopening gives the same report, and Cancel (on a 160 MB file, mid-stream, after axe checked the progress bar) removes only that
 * file: the paste, the result shown and the engine-run count stay. Then the single-file build (file://, no worker:
 * the main-thread fallback) reads the same file. Every request is watched: nothing may leave the origin.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, type Watched } from './harness';
import { appSuite, clean, waitDone as waitFor } from './suite';
import { writeAccessLog, type WrittenLog } from '../bench/access-log';
import { analyze } from '../../src/core/analyze';
import { restGateway } from '../fixtures/forms';
import { englishWords } from './korean';
import { STREAM_THRESHOLD } from '../../src/ui/stream-progress';

const LONG = 240_000;

const app = appSuite();
let dir: string;
let log: WrittenLog;
let bigLog: WrittenLog;
let expectedClasses: string[];
const gatewayText = JSON.stringify(restGateway(), null, 2);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'appgw-stream-e2e-'));
  log = await writeAccessLog(join(dir, 'PT1H.json'), 12 * 1024 * 1024);
  bigLog = await writeAccessLog(join(dir, 'big-PT1H.json'), 160 * 1024 * 1024);
  expect(log.bytes).toBeGreaterThan(STREAM_THRESHOLD);
  // What the whole-text path (Node, the same engine) makes of the same bytes: the browser's streamed result must match.
  const { report } = await analyze([{ name: 'paste.txt', text: gatewayText }, { name: 'PT1H.json', bytes: new Uint8Array(readFileSync(log.path)) }], { now: new Date() });
  const classes = report.traffic?.gateways[0]?.classes ?? [];
  expectedClasses = classes.map((c) => `${c.class}:${c.count}`);
  // The generator's own counts, so a wrong engine cannot make the expectation wrong too.
  expect(Object.fromEntries(classes.map((c) => [c.class, c.count]))).toEqual(log.expected);
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(url: string, origin: string, locale = 'en-US', bypassCSP = false): Promise<Watched> {
  const w = await app.open({ origin, locale, bypassCSP });
  await w.page.goto(url);
  await w.page.waitForSelector('[data-testid=paste]');
  return w;
}

const waitDone = (page: Page) => waitFor(page, 120_000);

/** Records, in the page, every state of the progress bar it shows (a MutationObserver: nothing is missed between polls). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: { bytes: number; total: number; records: number; role: string | null; value: number; max: number; text: string }[] = [];
    (window as unknown as { __progress: typeof seen }).__progress = seen;
    const look = () => {
      const el = document.querySelector('[data-testid=stream-progress]') as HTMLElement | null;
      if (!el) return;
      const bar = el.querySelector('progress') as HTMLProgressElement | null;
      const entry = {
        bytes: Number(el.dataset.bytes),
        total: Number(el.dataset.total),
        records: Number(el.dataset.records),
        role: bar ? (bar.getAttribute('role') ?? (bar.tagName === 'PROGRESS' ? 'progressbar' : null)) : null,
        value: bar?.value ?? -1,
        max: bar?.max ?? -1,
        text: el.querySelector('[data-testid=stream-text]')?.textContent ?? '',
      };
      const last = seen[seen.length - 1];
      if (!last || last.bytes !== entry.bytes || last.records !== entry.records) seen.push(entry);
    };
    new MutationObserver(look).observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
  });
}

const progressSeen = (page: Page) => page.evaluate(() => (window as unknown as { __progress: { bytes: number; total: number; records: number; role: string | null; value: number; max: number; text: string }[] }).__progress);

async function pasteGateway(page: Page) {
  await page.fill('[data-testid=paste]', gatewayText);
  await waitDone(page);
  await page.waitForSelector('[data-testid=findings], [data-testid=no-findings]');
}

async function trafficClasses(page: Page): Promise<string[]> {
  await page.click('[data-testid=tab-traffic]');
  await page.waitForSelector('[data-testid=traffic-classes] > li');
  return page.$$eval('[data-testid=traffic-classes] > li', (ls) => ls.map((l) => `${(l as HTMLElement).dataset.class}:${(l as HTMLElement).dataset.count}`));
}

async function streamAndCheck(w: Watched) {
  await pasteGateway(w.page);
  await watchProgress(w.page);
  await w.page.setInputFiles('[data-testid=files]', log.path);
  await w.page.waitForSelector('[data-testid=streamed]', { timeout: 120_000 });
  await waitDone(w.page);
  const seen = await progressSeen(w.page);
  // The bar appeared, as a progressbar measured in bytes of the file, and moved with bytes and rows before the end.
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((s) => s.role === 'progressbar' && s.total === log.bytes && s.max === log.bytes)).toBe(true);
  expect(seen.some((s) => s.bytes > 0 && s.records > 0 && s.value === s.bytes)).toBe(true);
  expect(seen.some((s) => /rows so far/.test(s.text))).toBe(true);
  // Gone when done; the document is listed as an access log read as a stream.
  expect(await w.page.locator('[data-testid=stream-progress]').count()).toBe(0);
  const kinds = await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind));
  expect(kinds).toEqual(['arm-rest', 'access-log']);
  expect(await trafficClasses(w.page)).toEqual(expectedClasses);
}

describe('a big access-log export read as a stream', () => {
  test('hosted build (Web Worker): progress, the same classes as the whole-text analysis, history keeps the aggregate', async () => {
    const w = await open(app.server.origin + '/', app.server.origin);
    await streamAndCheck(w);
    // Read in the engine worker, not on the page.
    expect(w.page.workers().length).toBeGreaterThan(0);
    // The history record holds the aggregate, not the 12 MB of text.
    const stored = await w.page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('appgw-502-doctor');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise<any[]>((resolve, reject) => {
        const r = db.transaction('analyses').objectStore('analyses').getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      db.close();
      const withLog = all.find((rec) => rec.inputs.some((i: any) => i.name === 'PT1H.json'));
      const input = withLog?.inputs.find((i: any) => i.name === 'PT1H.json');
      return withLog && { id: withLog.id as string, keys: Object.keys(input).sort(), size: JSON.stringify(withLog.inputs).length, fileBytes: input.traffic?.bytes };
    });
    expect(stored).toBeTruthy();
    expect(stored!.keys).toEqual(['name', 'traffic']);
    expect(stored!.fileBytes).toBe(log.bytes);
    expect(stored!.size).toBeLessThan(log.bytes / 10);
    // A fresh page reopens it from the history: the same report, no engine run, no file.
    await w.page.reload();
    await w.page.goto(app.server.origin + '/#/history');
    await w.page.waitForSelector('[data-testid=history-item]');
    await w.page.locator(`[data-testid=history-item][data-id="${stored!.id}"]`).locator('button', { hasText: 'Open' }).click();
    await waitDone(w.page);
    expect(await w.page.getAttribute('[data-testid=status]', 'data-origin')).toBe('history');
    expect(await trafficClasses(w.page)).toEqual(expectedClasses);
    expect(await w.page.evaluate(() => document.documentElement.dataset.engineRuns ?? '0')).toBe('0');
    expect(await w.page.locator('[data-testid=streamed]').count()).toBe(1);
    clean(w);
    await w.context.close();
  }, LONG);

  test('Cancel mid-stream removes only that file: the paste, the result and the engine runs stay (in Korean)', async () => {
    const w = await open(app.server.origin + '/', app.server.origin, 'ko-KR', true);
    await pasteGateway(w.page);
    const before = {
      findings: await w.page.locator('[data-testid=finding]').count(),
      runs: await w.page.evaluate(() => document.documentElement.dataset.engineRuns),
      kinds: await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind)),
    };
    // While the worker reads (160 MB take a second or more): the progress bar passes axe; then Cancel, mid-file.
    await w.page.setInputFiles('[data-testid=files]', bigLog.path);
    await w.page.waitForFunction(() => Number((document.querySelector('[data-testid=stream-progress]') as HTMLElement | null)?.dataset.bytes ?? 0) > 0, null, { polling: 'raf', timeout: 60_000 });
    expect(await axeViolations(w.page, '[data-testid=documents]')).toEqual([]);
    const at = await w.page.evaluate(() => {
      const el = document.querySelector('[data-testid=stream-progress]') as HTMLElement | null;
      if (!el) return undefined;
      const seen = { bytes: Number(el.dataset.bytes), total: Number(el.dataset.total), text: `${el.innerText} ${el.querySelector('button')?.getAttribute('aria-label')} ${el.querySelector('progress')?.getAttribute('aria-valuetext')}` };
      (el.querySelector('[data-testid=stream-cancel]') as HTMLButtonElement).click();
      return seen;
    });
    expect(at, 'the file was still being read after axe ran').toBeDefined();
    expect(at!.bytes > 0 && at!.bytes < at!.total).toBe(true);
    await w.page.waitForSelector('[data-notice="stream.cancelled"]', { timeout: 60_000 });
    // The progress bar, its label, its Cancel button and the notice speak Korean (the file name is the user's).
    const words = new Set(['big-pt1h.json', 'big-pt1h', 'pt1h', 'json']);
    expect(at!.text).toMatch(/읽음/);
    expect(englishWords(at!.text, words)).toEqual([]);
    expect(englishWords((await w.page.locator('[data-notice="stream.cancelled"]').innerText()), words)).toEqual([]);
    expect(await w.page.locator('[data-testid=stream-progress]').count()).toBe(0);
    await waitDone(w.page);
    expect(await w.page.inputValue('[data-testid=paste]')).toBe(gatewayText);
    expect(await w.page.$$eval('[data-testid=documents] [data-kind]', (els) => els.map((e) => (e as HTMLElement).dataset.kind))).toEqual(before.kinds);
    expect(await w.page.locator('[data-testid=finding]').count()).toBe(before.findings);
    expect(await w.page.evaluate(() => document.documentElement.dataset.engineRuns)).toBe(before.runs);
    expect(await w.page.locator('[data-testid=documents] li').count()).toBe(1);
    // The page still works: the small file is streamed next and joins the analysis.
    await w.page.setInputFiles('[data-testid=files]', log.path);
    await w.page.waitForSelector('[data-testid=streamed]', { timeout: 120_000 });
    await waitDone(w.page);
    expect(await trafficClasses(w.page)).toEqual(expectedClasses);
    clean(w);
    await w.context.close();
  }, LONG);

  test('single-file build from file:// (no worker: the main-thread reader) gives the same result', async () => {
    const w = await open('file://' + join(app.builds.single, 'index.html'), 'file://');
    await streamAndCheck(w);
    expect(w.page.workers()).toHaveLength(0);
    clean(w);
    await w.context.close();
  }, LONG);
});
