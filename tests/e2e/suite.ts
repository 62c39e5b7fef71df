/**
 * The set-up every browser suite shares: one Chromium, the app built (hosted and single-file editions) and
 * served from 127.0.0.1, all of it removed afterwards. Call once at the top of a test file; the fields are
 * there once its beforeAll has run.
 */
import { afterAll, beforeAll } from 'vitest';
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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
