/**
 * `npm run size`: the first screen's weight. Builds the hosted app (`vite build --manifest`) into a temp
 * folder, takes index.html's entry script and everything it imports statically — never the dynamically
 * imported chunks (sign-in, certificates, …) — plus their CSS, gzips each file (node:zlib, level 9) and
 * checks the sum against the budget (90 KB). It also checks that no first-screen chunk carries MSAL
 * (@azure/msal-browser) or the certificate library (pkijs): both must load only when needed.
 *
 * Also run by tests/budget/size-budget.test.ts, so `npx vitest run` checks it.
 * Options: `--keep` keeps the build folder; `--out <dir>` builds there (emptied first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 90 * 1024;

/**
 * Strings that survive minification and show the library's own code is in a chunk (not a mere mention:
 * the bare package names are left out, as the app's own text may name them).
 */
export const FORBIDDEN: { library: string; markers: string[] }[] = [
  // MSAL's class name, and the client SKU it sends with every token request (BrowserConstants).
  { library: 'MSAL (@azure/msal-browser)', markers: ['PublicClientApplication', 'msal.js.browser'] },
  // pkijs's schema-mismatch error text and its chain validation class.
  { library: 'pkijs (certificate library)', markers: ['was not verified against input data', 'CertificateChainValidationEngine'] },
];

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
  assets?: string[];
}

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface SizeReport {
  outDir: string;
  firstScreen: FileSize[];
  firstScreenGzip: number;
  budget: number;
  /** Every other JS/CSS file of the build (lazy chunks, the engine worker, the service worker). */
  others: FileSize[];
  /** Library markers found in first-screen files. */
  forbidden: { file: string; library: string; marker: string }[];
  /** Files the built index.html loads that the manifest walk did not give (should be none). */
  htmlOnly: string[];
  ok: boolean;
}

/** Run `vite build` (hosted mode) with a manifest into outDir. Throws with vite's output when it fails. */
export function buildApp(outDir: string): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}\n${r.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
    throw new Error(`vite build failed (exit ${r.status}):\n${out.split('\n').slice(0, 40).join('\n')}`);
  }
}

/** index.html's entry chunk and its static imports (recursively), with their CSS: the first screen's files. */
export function firstScreenFiles(manifest: Record<string, ManifestChunk>): string[] {
  const entry = Object.entries(manifest).find(([key, c]) => c.isEntry && (key === 'index.html' || c.src === 'index.html'));
  if (!entry) throw new Error(`no index.html entry in the manifest (keys: ${Object.keys(manifest).join(', ')})`);
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const c = manifest[key];
    if (!c) return;
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
    for (const i of c.imports ?? []) visit(i); // static imports only: dynamicImports load later
  };
  visit(entry[0]);
  return [...files].filter((f) => /\.(m?js|css)$/.test(f));
}

/** JS and CSS the built index.html itself loads: module scripts, stylesheets, modulepreloads. */
export function htmlLoadedFiles(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"[^>]*>/g)) out.push(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*\brel="(?:stylesheet|modulepreload)"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0]);
    if (href) out.push(href[1]);
  }
  return out.map((f) => f.replace(/^\.?\//, '')).filter((f) => /\.(m?js|css)$/.test(f) && !/^https?:/.test(f));
}

function allFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { recursive: true }) as string[]) {
    const p = join(dir, e);
    if (statSync(p).isFile()) out.push(relative(dir, p).split('\\').join('/'));
  }
  return out;
}

function sizeOf(outDir: string, file: string): FileSize {
  const buf = readFileSync(join(outDir, file));
  return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

/** Measure an existing build (built with --manifest). */
export function measureBuild(outDir: string, budget = BUDGET_BYTES): SizeReport {
  const manifestPath = join(outDir, '.vite/manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} is missing: build with --manifest`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
  const fromManifest = firstScreenFiles(manifest);
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const htmlOnly = htmlLoadedFiles(html).filter((f) => !fromManifest.includes(f));
  const first = [...fromManifest, ...htmlOnly.filter((f) => existsSync(join(outDir, f)))];
  const firstScreen = first.map((f) => sizeOf(outDir, f));
  const others = allFiles(outDir)
    .filter((f) => /\.(m?js|css)$/.test(f) && !first.includes(f))
    .map((f) => sizeOf(outDir, f))
    .sort((a, b) => b.gzip - a.gzip);
  const forbidden: SizeReport['forbidden'] = [];
  for (const f of first) {
    const text = readFileSync(join(outDir, f), 'utf8');
    for (const { library, markers } of FORBIDDEN) {
      const marker = markers.find((m) => text.includes(m));
      if (marker) forbidden.push({ file: f, library, marker });
    }
  }
  const firstScreenGzip = firstScreen.reduce((s, f) => s + f.gzip, 0);
  return { outDir, firstScreen, firstScreenGzip, budget, others, forbidden, htmlOnly, ok: firstScreenGzip <= budget && forbidden.length === 0 };
}

/** Build into a temp folder (or `outDir`), measure, and remove the folder unless `keep`. */
export function checkSizeBudget(options: { outDir?: string; keep?: boolean } = {}): SizeReport {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), 'appgw-size-'));
  try {
    buildApp(outDir);
    return measureBuild(outDir);
  } finally {
    if (!options.keep && !options.outDir) rmSync(outDir, { recursive: true, force: true });
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function formatReport(r: SizeReport): string {
  const lines: string[] = [];
  lines.push('First screen (index.html entry + static imports + CSS), gzip level 9:');
  for (const f of r.firstScreen) lines.push(`  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} → ${kb(f.gzip).padStart(9)} gz`);
  lines.push(`  ${'total'.padEnd(48)} ${kb(r.firstScreen.reduce((s, f) => s + f.bytes, 0)).padStart(10)} → ${kb(r.firstScreenGzip).padStart(9)} gz` +
    `   budget ${kb(r.budget)}: ${r.firstScreenGzip <= r.budget ? 'within' : 'OVER'}`);
  if (r.htmlOnly.length) lines.push(`  (loaded by index.html but not reached through the manifest: ${r.htmlOnly.join(', ')})`);
  lines.push(r.forbidden.length
    ? `Forbidden on the first screen:\n${r.forbidden.map((f) => `  ${f.library} in ${f.file} (found "${f.marker}")`).join('\n')}`
    : `Neither ${FORBIDDEN.map((f) => f.library).join(' nor ')} is on the first screen.`);
  if (r.others.length) {
    lines.push('Loaded later (lazy chunks, workers), not counted:');
    for (const f of r.others.slice(0, 12)) lines.push(`  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)} → ${kb(f.gzip).padStart(9)} gz`);
    if (r.others.length > 12) lines.push(`  … and ${r.others.length - 12} more`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const outIdx = args.indexOf('--out');
  try {
    const r = checkSizeBudget({ keep: args.includes('--keep'), outDir: outIdx >= 0 ? args[outIdx + 1] : undefined });
    console.log(formatReport(r));
    process.exit(r.ok ? 0 : 1);
  } catch (e) {
    console.error(String((e as Error)?.message ?? e));
    process.exit(2);
  }
}
