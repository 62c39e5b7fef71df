/**
 * End-to-end harness: finds a Chromium, builds both editions once into a temp dir, serves the hosted
 * build from a tiny static server on 127.0.0.1 (random port, loopback only) and watches every request.
 * No browser at all is a failure with a clear message, never a silent skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir, homedir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');

export const LAUNCH_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** $CHROME_PATH, Playwright's cache, /usr/bin/chromium, then @sparticuz/chromium. */
export async function findBrowser(): Promise<{ path: string; tried: string[] }> {
  const tried: string[] = [];
  const env = process.env.CHROME_PATH;
  if (env) {
    tried.push(`$CHROME_PATH=${env}`);
    if (existsSync(env)) return { path: env, tried };
  }
  const cache = join(homedir(), '.cache/ms-playwright');
  if (existsSync(cache)) {
    for (const d of readdirSync(cache).filter((d) => d.startsWith('chromium-')).sort().reverse()) {
      const p = join(cache, d, 'chrome-linux/chrome');
      tried.push(p);
      if (existsSync(p)) return { path: p, tried };
    }
  } else tried.push(`${cache}/chromium-*/chrome-linux/chrome`);
  tried.push('/usr/bin/chromium');
  if (existsSync('/usr/bin/chromium')) return { path: '/usr/bin/chromium', tried };
  tried.push('@sparticuz/chromium');
  try {
    const mod = (await import('@sparticuz/chromium')).default;
    const p = await mod.executablePath();
    if (p && existsSync(p)) return { path: p, tried };
  } catch (e) {
    tried.push(`(@sparticuz/chromium failed: ${(e as Error).message})`);
  }
  throw new Error(`No Chromium found for the end-to-end tests. Tried: ${tried.join(', ')}. Set CHROME_PATH to a Chromium/Chrome binary.`);
}

/** Launches the Chromium findBrowser finds, with LAUNCH_ARGS and any `extraArgs` after them. */
export async function launch(extraArgs: readonly string[] = []): Promise<Browser> {
  const { path } = await findBrowser();
  return chromium.launch({ executablePath: path, args: [...LAUNCH_ARGS, ...extraArgs] });
}

export interface Builds {
  /** The temp dir holding both (removed after the run). */
  root: string;
  hosted: string;
  single: string;
}

export interface BuildOptions {
  /** The single-file edition (`--mode single`) instead of the hosted one. */
  single?: boolean;
  /** Also write .vite/manifest.json (`--manifest`). */
  manifest?: boolean;
  /** More environment variables for the build (VITE_...). */
  env?: Record<string, string>;
}

/** One edition, built for production into `outDir` (emptied first). */
export function buildEdition(outDir: string, options: BuildOptions = {}): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const args = [vite, 'build', ...(options.single ? ['--mode', 'single'] : []), '--outDir', outDir, '--emptyOutDir', ...(options.manifest ? ['--manifest'] : []), '--logLevel', 'warn'];
  // Vitest sets NODE_ENV=test, which would make a development build (Svelte dev mode, no service worker).
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'pipe', timeout: 300_000, env: { ...process.env, NODE_ENV: 'production', ...options.env } });
}

/** Both editions, built once per test run into a temp dir (vite build, then the single-file build). */
export function buildAll(): Builds {
  const out = mkdtempSync(join(tmpdir(), 'appgw502-e2e-'));
  const hosted = join(out, 'hosted');
  const single = join(out, 'single');
  buildEdition(hosted);
  buildEdition(single, { single: true });
  return { root: out, hosted, single };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  origin: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves a folder on 127.0.0.1 with no rewrite rules (like any plain static host). */
export async function serve(dir: string): Promise<StaticServer> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let path = normalize(join(dir, decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
    if (!existsSync(path)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    server,
    close: () => new Promise<void>((r) => {
      server.closeAllConnections?.();
      server.close(() => r());
    }),
  };
}

let axeSource: string | undefined;

/**
 * The serious and critical axe-core violations on the page (in `selector`, else the whole document), each as
 * `rule-id: target | target | target` (the first three nodes). Injects axe-core into the page first.
 */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  axeSource ??= readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (sel) => {
    type Violation = { id: string; impact?: string | null; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(context: Element | Document, options: object): Promise<{ violations: Violation[] }> } }).axe;
    const { violations } = await axe.run(sel ? document.querySelector(sel)! : document, { resultTypes: ['violations'] });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }, selector);
}

/** A page under watch: requests that leave the origin, every URL asked for, dialogs, page errors, CSP violations. */
export interface Watched {
  context: BrowserContext;
  page: Page;
  /** Requests to anything but the origin (data:, blob: and file: are local). */
  foreign: string[];
  /** Every URL the context asked for. */
  urls: string[];
  /** Dialog messages (each dismissed). */
  dialogs: string[];
  /** Page errors and CSP violations (and dialogs, when `dialogsAreErrors`). */
  errors: string[];
  /** Watches one more page of the same context. */
  watch(p: Page): void;
}

export interface OpenOptions {
  width?: number;
  height?: number;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Only where axe-core is injected (an inline script the app's CSP rightly refuses). */
  bypassCSP?: boolean;
  acceptDownloads?: boolean;
  /** Count a dialog as an error too (the app never opens one). */
  dialogsAreErrors?: boolean;
}

/** A fresh context and page of `browser` that records what a test must check (see Watched). */
export async function openWatched(browser: Browser, origin: string, options: OpenOptions = {}): Promise<Watched> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    bypassCSP: options.bypassCSP ?? false,
    locale: options.locale ?? 'en-US',
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: options.acceptDownloads ?? false,
  });
  const page = await context.newPage();
  const w: Watched = { context, page, foreign: [], urls: [], dialogs: [], errors: [], watch: () => {} };
  context.on('request', (r) => {
    const u = r.url();
    w.urls.push(u);
    if (!(u.startsWith(origin + '/') || u === origin || u.startsWith('data:') || u.startsWith('blob:') || u.startsWith('file://'))) w.foreign.push(u);
  });
  w.watch = (p: Page) => {
    p.on('dialog', (d) => {
      w.dialogs.push(d.message());
      if (options.dialogsAreErrors) w.errors.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    p.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
    p.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) w.errors.push(`csp: ${m.text()}`);
    });
  };
  w.watch(page);
  return w;
}
