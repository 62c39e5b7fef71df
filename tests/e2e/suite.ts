/**
 * The set-up every browser suite shares: one Chromium, the app built (hosted and single-file editions) and
 * served from 127.0.0.1, all of it removed afterwards. Call once at the top of a test file; the fields are
 * there once its beforeAll has run.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildAll, launch, openWatched, serve, type Builds, type OpenOptions, type StaticServer, type Watched } from './harness';

export interface AppSuite {
  browser: Browser;
  builds: Builds;
  server: StaticServer;
  /** A watched page of this suite's browser; requests count as foreign unless they go to `origin` (the server's by default). */
  open(options?: OpenOptions & { origin?: string }): Promise<Watched>;
}

export function appSuite(defaults: OpenOptions = {}): AppSuite {
  const s = {
    open: (options: OpenOptions & { origin?: string } = {}) => openWatched(s.browser, options.origin ?? s.server.origin, { ...defaults, ...options }),
  } as AppSuite;
  beforeAll(async () => {
    // Fails loudly when no browser exists (harness.findBrowser throws with what it tried).
    s.browser = await launch();
    s.builds = buildAll();
    s.server = await serve(s.builds.hosted);
  }, 600_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.server?.close();
    if (s.builds) rmSync(s.builds.root, { recursive: true, force: true });
  });
  return s;
}

/** The analysis shown is done (status line says so). */
export function waitDone(page: Page, timeout = 60_000): Promise<unknown> {
  return page.waitForSelector('[data-testid=status][data-status=done]', { timeout });
}

/** Puts text in the paste box as a paste does: the value changes and one input event fires (page.fill types large text slowly). */
export async function paste(page: Page, text: string): Promise<void> {
  await page.$eval('[data-testid=paste]', (ta, v) => {
    (ta as HTMLTextAreaElement).value = v;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await waitDone(page);
}

/** Picks a sample from the list and waits for its analysis. */
export async function loadSample(page: Page, id: string): Promise<void> {
  await page.selectOption('[data-testid=samples]', id);
  await page.waitForFunction(() => (document.querySelector('[data-testid=paste]') as HTMLTextAreaElement)?.value.length > 0, null, { timeout: 30_000 });
  await waitDone(page);
}

/** The rule ids of the finding cards shown. */
export const shownRules = (page: Page): Promise<string[]> =>
  page.$$eval('[data-testid=finding]', (els) => els.map((e) => (e as HTMLElement).dataset.rule!));

/** Nothing left the origin, no dialog opened, no page error or CSP violation. */
export function clean(w: Watched): void {
  expect(w.foreign, 'requests to another origin').toEqual([]);
  expect(w.dialogs, 'dialogs').toEqual([]);
  expect(w.errors, 'page errors / CSP violations').toEqual([]);
}
