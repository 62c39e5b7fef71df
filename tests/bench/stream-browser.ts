/**
 * A big access-log export streamed in the browser (issue 8): generates a ~500 MB storage `PT1H.json` on disk
 * (tests/bench/access-log.ts, written 1 MB at a time, deleted afterwards), builds the hosted app, serves it on
 * 127.0.0.1 (tests/e2e/harness.ts), opens it in headless Chromium, pastes the fixture gateway, sets the file on the
 * file input (by path: Chromium reads it from disk) and prints, not asserts:
 *  - time from the file input's `change` to the stream done and to the findings shown; MB/s and rows/s;
 *  - memory while reading, sampled every 200 ms: the page's JS heap (CDP Performance.getMetrics), the engine
 *    worker's JS heap (CDP Runtime.getHeapUsage through the page's auto-attached worker target) and the resident
 *    memory of Chromium's renderer process that hosts the tab and its worker (/proc/<pid>/status VmRSS, Linux),
 *    against the 500 MB limit;
 *  - the page answering input: the longest gap between animation frames on the main thread, the longest delay
 *    before a pointer event's handler runs, and the longest time Chromium took to acknowledge a mouse move sent
 *    every 100 ms;
 *  - whether the classes found match the generator's counts;
 *  - a cancel check: Cancel clicked at ~30 % of the file; time until the file leaves the list; the paste, the
 *    result shown and the other documents intact;
 *  - the same stream in the single-file build opened from file:// (no worker: the main-thread fallback).
 * `npx tsx tests/bench/stream-browser.ts` (BENCH_STREAM_MB=500), or as part of `npm run bench` (BENCH_STREAM=0 skips).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { buildApp } from '../../scripts/size-budget';
import { buildEdition, launch, serve, type StaticServer } from '../e2e/harness';
import { restGateway } from '../fixtures/forms';
import { writeAccessLog, type WrittenLog } from './access-log';
import { median } from './measure';

export interface StreamMeasure {
  name: string;
  value: string;
  note: string;
}

const MB = 1024 * 1024;
const LIMIT_MB = 500;
/** tsx (esbuild keepNames) wraps named functions in __name(); functions sent to the page need it defined. */
const NAME_SHIM = { content: 'globalThis.__name = globalThis.__name || ((f) => f);' };

// ---------------------------------------------------------------- process memory (Linux /proc)

function statusOf(pid: number): { ppid: number; rssKb: number; hwmKb: number } | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const num = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)?.[1] ?? 0);
    return { ppid: num('PPid'), rssKb: num('VmRSS'), hwmKb: num('VmHWM') };
  } catch {
    return undefined;
  }
}

/** Chromium renderer processes started by this Node process (descendants with --type=renderer). */
function rendererPids(): number[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
  const parent = new Map<number, number>();
  for (const p of pids) {
    const s = statusOf(p);
    if (s) parent.set(p, s.ppid);
  }
  const mine = (p: number) => {
    for (let q = parent.get(p), n = 0; q && n < 50; q = parent.get(q), n++) if (q === process.pid) return true;
    return false;
  };
  return pids.filter((p) => {
    if (!mine(p)) return false;
    try {
      return readFileSync(`/proc/${p}/cmdline`, 'utf8').includes('--type=renderer');
    } catch {
      return false;
    }
  });
}

// ---------------------------------------------------------------- CDP: page and worker heaps

interface Heaps {
  page(): Promise<{ used: number; total: number } | undefined>;
  worker(): Promise<{ used: number; total: number } | undefined>;
}

async function heaps(cdp: CDPSession): Promise<Heaps> {
  let workerSession: string | undefined;
  let seq = 1000;
  const waiting = new Map<number, (m: { result?: { usedSize: number; totalSize: number } }) => void>();
  const on = cdp.on.bind(cdp) as (event: string, fn: (e: any) => void) => void;
  on('Target.attachedToTarget', (e) => {
    if (e.targetInfo?.type === 'worker') workerSession = e.sessionId;
  });
  on('Target.detachedFromTarget', (e) => {
    if (e.sessionId === workerSession) workerSession = undefined;
  });
  on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message);
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  const send = cdp.send.bind(cdp) as (method: string, params?: object) => Promise<any>;
  // Non-flat auto-attach: messages to the worker go through this page session (Playwright keeps its own flat one).
  await send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await send('Performance.enable');
  return {
    async page() {
      const { metrics } = await send('Performance.getMetrics');
      const v = (n: string) => metrics.find((m: { name: string }) => m.name === n)?.value ?? 0;
      return { used: v('JSHeapUsedSize'), total: v('JSHeapTotalSize') };
    },
    async worker() {
      const session = workerSession;
      if (!session) return undefined;
      const id = ++seq;
      const answer = new Promise<{ result?: { usedSize: number; totalSize: number } }>((resolve) => {
        waiting.set(id, resolve);
        setTimeout(() => resolve({}), 2000);
      });
      await send('Target.sendMessageToTarget', { sessionId: session, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => undefined);
      const m = await answer;
      return m.result ? { used: m.result.usedSize, total: m.result.totalSize } : undefined;
    },
  };
}

// ---------------------------------------------------------------- the page's own clocks

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = {
      change: 0,
      firstProgress: 0,
      streamed: 0,
      done: 0,
      lastBytes: 0,
      lastRecords: 0,
      maxFrameGap: 0,
      frameGaps: [] as number[],
      maxInputDelay: 0,
      inputs: 0,
      running: true,
    };
    (window as unknown as { __probe: typeof probe }).__probe = probe;
    document.addEventListener('change', () => (probe.change ||= performance.now()), true);
    let last = performance.now();
    const frame = (t: number) => {
      if (!probe.running) return;
      if (probe.change && !probe.done) {
        const gap = t - last;
        probe.frameGaps.push(gap);
        if (gap > probe.maxFrameGap) probe.maxFrameGap = gap;
      }
      last = t;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    document.addEventListener('pointermove', (e) => {
      const delay = performance.now() - e.timeStamp;
      probe.inputs++;
      if (probe.change && !probe.done && delay > probe.maxInputDelay) probe.maxInputDelay = delay;
    });
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid=stream-progress]') as HTMLElement | null;
      if (el) {
        const bytes = Number(el.dataset.bytes);
        if (bytes > 0 && !probe.firstProgress) probe.firstProgress = performance.now();
        probe.lastBytes = bytes;
        probe.lastRecords = Number(el.dataset.records);
      }
      if (!probe.streamed && document.querySelector('[data-testid=streamed]')) probe.streamed = performance.now();
      const status = (document.querySelector('[data-testid=status]') as HTMLElement | null)?.dataset.status;
      if (probe.streamed && !probe.done && status === 'done') probe.done = performance.now();
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
}

type Probe = { change: number; firstProgress: number; streamed: number; done: number; lastBytes: number; lastRecords: number; maxFrameGap: number; frameGaps: number[]; maxInputDelay: number; inputs: number };

const probeOf = (page: Page) => page.evaluate(() => {
  const p = (window as unknown as { __probe: Probe & { running: boolean } }).__probe;
  return { ...p, frameGaps: [...p.frameGaps] };
});

async function pasteGateway(page: Page): Promise<void> {
  await page.fill('[data-testid=paste]', JSON.stringify(restGateway(), null, 2));
  await page.waitForSelector('[data-testid=status][data-status=done]', { timeout: 60_000 });
}

const fmtMb = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`;
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : 0;
};

// ---------------------------------------------------------------- the run

async function streamRun(browser: Browser, url: string, log: WrittenLog, where: 'worker' | 'main'): Promise<StreamMeasure[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  const out: StreamMeasure[] = [];
  try {
    const cdp = await context.newCDPSession(page);
    const h = await heaps(cdp);
    await page.goto(url);
    await page.waitForSelector('[data-testid=paste]');
    await pasteGateway(page);
    await installProbes(page);
    const renderers = rendererPids();
    const base = { page: (await h.page())?.used ?? 0, worker: (await h.worker())?.used ?? 0, rss: Math.max(0, ...renderers.map((p) => statusOf(p)?.rssKb ?? 0)) * 1024 };

    // Samplers: heaps and RSS every 200 ms; a mouse move every 100 ms (time until Chromium acknowledges it).
    let sampling = true;
    const peak = { page: 0, worker: 0, rss: 0, rssSum: 0, workerSamples: 0 };
    const sampler = (async () => {
      while (sampling) {
        const [p, w] = await Promise.all([h.page().catch(() => undefined), h.worker().catch(() => undefined)]);
        if (p) peak.page = Math.max(peak.page, p.used);
        if (w) {
          peak.worker = Math.max(peak.worker, w.used);
          peak.workerSamples++;
        }
        let sum = 0;
        for (const pid of rendererPids()) {
          const s = statusOf(pid);
          if (!s) continue;
          peak.rss = Math.max(peak.rss, s.rssKb * 1024);
          sum += s.rssKb * 1024;
        }
        peak.rssSum = Math.max(peak.rssSum, sum);
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const acks: number[] = [];
    const mover = (async () => {
      let x = 0;
      while (sampling) {
        const t0 = performance.now();
        await page.mouse.move(200 + (x++ % 2) * 40, 700).catch(() => undefined);
        acks.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const t0 = performance.now();
    await page.setInputFiles('[data-testid=files]', log.path);
    await page.waitForSelector('[data-testid=streamed]', { timeout: 30 * 60_000 });
    await page.waitForSelector('[data-testid=status][data-status=done]', { timeout: 10 * 60_000 });
    const wall = performance.now() - t0;
    sampling = false;
    await Promise.all([sampler, mover]);
    const p = await probeOf(page);
    const streamMs = p.streamed - p.change;
    const totalMs = (p.done || p.streamed) - p.change;
    // The classes the app shows, against the generator's counts.
    await page.click('[data-testid=tab-traffic]');
    await page.waitForSelector('[data-testid=traffic-classes] > li', { timeout: 60_000 });
    const shown = await page.$$eval('[data-testid=traffic-classes] > li', (ls) => ls.map((l) => [(l as HTMLElement).dataset.class, Number((l as HTMLElement).dataset.count)] as const));
    const match = JSON.stringify(Object.fromEntries(shown)) === JSON.stringify(Object.fromEntries(Object.entries(log.expected).filter(([, n]) => n > 0)));
    const hwm = Math.max(0, ...rendererPids().map((pid) => statusOf(pid)?.hwmKb ?? 0)) * 1024;

    const tag = (name: string) => (where === 'main' ? `  ${name.replace('(tab + worker)', '(tab)')}` : name);
    if (where === 'worker') out.push({ name: 'file', value: `${fmtMb(log.bytes)}, ${log.rows.toLocaleString('en-US')} rows`, note: 'storage PT1H.json lines (tests/bench/access-log.ts), set on the file input by path' });
    else out.push({ name: 'no worker: single-file build, file://', value: '', note: 'the main-thread fallback (256 KB batches, a turn for the page every 12 ms)' });
    out.push({ name: tag('change → stream done'), value: `${(streamMs / 1000).toFixed(1)} s`, note: `${(log.bytes / MB / (streamMs / 1000)).toFixed(0)} MB/s, ${Math.round(log.rows / (streamMs / 1000)).toLocaleString('en-US')} rows/s (read ${where === 'worker' ? 'in the Web Worker' : 'on the page\'s thread'}; first progress after ${(p.firstProgress - p.change).toFixed(0)} ms)` });
    out.push({ name: tag('change → findings shown'), value: `${(totalMs / 1000).toFixed(1)} s`, note: `the analysis with the gateway after the stream: ${(totalMs - streamMs).toFixed(0)} ms; Node-side wall ${(wall / 1000).toFixed(1)} s` });
    out.push({ name: tag('classes match the generator'), value: match ? 'yes' : 'NO', note: shown.map(([c, n]) => `${c} ${n}`).join(', ') });
    out.push({ name: tag('peak JS heap, page (main thread)'), value: fmtMb(peak.page), note: `before the file ${fmtMb(base.page)} (CDP Performance.getMetrics JSHeapUsedSize)` });
    if (where === 'worker') out.push({ name: 'peak JS heap, engine worker', value: peak.workerSamples ? fmtMb(peak.worker) : 'not measured', note: peak.workerSamples ? `before the file ${fmtMb(base.worker)}; ${peak.workerSamples} samples (CDP Runtime.getHeapUsage)` : 'no worker target answered' });
    out.push({ name: tag('peak renderer RSS (tab + worker)'), value: peak.rss ? fmtMb(peak.rss) : 'not measured', note: peak.rss ? `${peak.rss / MB <= LIMIT_MB ? 'within' : 'OVER'} the ${LIMIT_MB} MB limit; before the file ${fmtMb(base.rss)}; VmHWM ${fmtMb(hwm)}; all renderers together ${fmtMb(peak.rssSum)} (/proc, Linux)` : 'no /proc (not Linux?)' });
    const gaps = p.frameGaps;
    out.push({ name: tag('main thread: longest frame gap'), value: `${p.maxFrameGap.toFixed(0)} ms`, note: `p99 ${pct(gaps, 0.99).toFixed(0)} ms, median ${median(gaps.length ? gaps : [0]).toFixed(0)} ms over ${gaps.length} frames while reading` });
    out.push({ name: tag('main thread: longest input delay'), value: `${p.maxInputDelay.toFixed(0)} ms`, note: `pointermove event → its handler, ${p.inputs} events` });
    out.push({ name: tag('mouse move acknowledged'), value: `max ${Math.max(0, ...acks).toFixed(0)} ms`, note: `median ${median(acks.length ? acks : [0]).toFixed(0)} ms over ${acks.length} moves (Playwright → Chromium → page → ack)` });
  } finally {
    await context.close();
  }
  return out;
}

async function cancelRun(browser: Browser, origin: string, log: WrittenLog): Promise<StreamMeasure[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  await context.addInitScript(NAME_SHIM);
  const page = await context.newPage();
  try {
    await page.goto(origin + '/');
    await page.waitForSelector('[data-testid=paste]');
    await pasteGateway(page);
    const before = { findings: await page.locator('[data-testid=finding]').count(), docs: await page.locator('[data-testid=documents] li').count(), runs: await page.evaluate(() => document.documentElement.dataset.engineRuns) };
    await page.setInputFiles('[data-testid=files]', log.path);
    await page.waitForFunction((total) => Number((document.querySelector('[data-testid=stream-progress]') as HTMLElement | null)?.dataset.bytes ?? 0) >= total * 0.3, log.bytes, { timeout: 10 * 60_000, polling: 50 });
    const at = Number(await page.getAttribute('[data-testid=stream-progress]', 'data-bytes'));
    const t0 = performance.now();
    await page.click('[data-testid=stream-cancel]');
    await page.waitForSelector('[data-testid=stream-progress]', { state: 'detached', timeout: 60_000 });
    const gone = performance.now() - t0;
    await page.waitForSelector('[data-notice="stream.cancelled"]', { timeout: 10_000 });
    await page.waitForSelector('[data-testid=status][data-status=done]', { timeout: 60_000 });
    const after = { findings: await page.locator('[data-testid=finding]').count(), docs: await page.locator('[data-testid=documents] li').count(), runs: await page.evaluate(() => document.documentElement.dataset.engineRuns) };
    const pasteKept = (await page.inputValue('[data-testid=paste]')).includes('agw-shop');
    const intact = pasteKept && after.findings === before.findings && after.docs === before.docs && after.runs === before.runs;
    return [
      { name: 'cancel at ~30 %', value: `${gone.toFixed(0)} ms`, note: `click at ${fmtMb(at)} of ${fmtMb(log.bytes)} → the file left the list` },
      { name: 'after cancel: everything else kept', value: intact ? 'yes' : 'NO', note: `paste kept ${pasteKept}, findings ${before.findings} → ${after.findings}, documents ${before.docs} → ${after.docs}, engine runs ${before.runs} → ${after.runs}` },
    ];
  } finally {
    await context.close();
  }
}

export async function measureStreamInBrowser(options: { mb?: number; cancel?: boolean; mainThread?: boolean; progress?: (s: string) => void } = {}): Promise<StreamMeasure[]> {
  const mb = options.mb ?? 500;
  const dir = mkdtempSync(join(tmpdir(), 'appgw-bench-stream-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    const t0 = performance.now();
    const log = await writeAccessLog(join(dir, 'PT1H.json'), mb * MB);
    options.progress?.(`generated ${fmtMb(log.bytes)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const out = join(dir, 'app');
    buildApp(out);
    server = await serve(out);
    browser = await launch();
    const results = await streamRun(browser, server.origin + '/', log, 'worker');
    options.progress?.('stream measured');
    if (options.cancel !== false) results.push(...(await cancelRun(browser, server.origin, log)));
    if (options.mainThread !== false) {
      const single = join(dir, 'single');
      buildEdition(single, { single: true });
      results.push(...(await streamRun(browser, 'file://' + join(single, 'index.html'), log, 'main')));
      options.progress?.('main-thread fallback measured');
    }
    return results;
  } catch (e) {
    return [{ name: 'streaming a big log', value: 'not measured', note: (e as Error).message.split('\n').slice(0, 3).join(' ').slice(0, 300) }];
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

// `npx tsx tests/bench/stream-browser.ts`: this part alone.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  const started = performance.now();
  const rs = await measureStreamInBrowser({ mb: Number(process.env.BENCH_STREAM_MB ?? 500), progress: (s) => process.stderr.write(`  ${s}\n`) });
  for (const r of rs) console.log(`${r.name.padEnd(38)} ${r.value.padStart(22)}  ${r.note}`);
  console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
}
