/**
 * CLI on the same engine as the app: npm run -s analyze -- [--json|--sarif|--markdown] [--lang en|ko] FILE...
 * stdout carries only the report. Exit 0: no error finding; 1: at least one; 2: usage error or no readable input.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { readTrafficStream } from '../core/traffic/stream';

/** Files above this size are tried as a log stream first (the app's threshold, src/ui/stream-progress.ts). */
const STREAM_BYTES = 8 * 1024 * 1024;
import { basename } from 'node:path';
import { analyze, type InputDocument } from '../core/analyze';
import { toMarkdown } from '../core/report/markdown';
import { toSarif } from '../core/report/sarif';
import { toText, routeText } from './text';
import { routeRequest, findingsOnRoute, type RouteResult } from '../core/route';

const USAGE = `Usage: npm run -s analyze -- [--json | --sarif | --markdown | --text] [--lang en|ko] [--route URL [--frontend public|private] [--gateway NAME]] FILE...

Reads the files as one workspace (a gateway, its VNet/NSG/route table, backend health, ...) and prints the report.
Exit codes: 0 no error finding, 1 at least one error finding, 2 usage error or no readable input.`;

async function main(argv: string[]): Promise<number> {
  let format: 'json' | 'sarif' | 'markdown' | 'text' = 'text';
  let locale: 'en' | 'ko' = 'en';
  const files: string[] = [];
  let route: string | undefined;
  let frontend: 'public' | 'private' | undefined;
  let gatewayName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') format = 'json';
    else if (a === '--sarif') format = 'sarif';
    else if (a === '--markdown' || a === '--md') format = 'markdown';
    else if (a === '--text') format = 'text';
    else if (a === '--lang' || a === '--locale') {
      const v = argv[++i];
      if (v !== 'en' && v !== 'ko') {
        process.stderr.write(`--lang takes en or ko\n${USAGE}\n`);
        return 2;
      }
      locale = v;
    } else if (a === '--route') {
      route = argv[++i];
      if (!route) {
        process.stderr.write(`--route takes a URL\n${USAGE}\n`);
        return 2;
      }
    } else if (a === '--frontend') {
      const v = argv[++i];
      if (v !== 'public' && v !== 'private') {
        process.stderr.write(`--frontend takes public or private\n${USAGE}\n`);
        return 2;
      }
      frontend = v;
    } else if (a === '--gateway') {
      gatewayName = argv[++i];
    } else if (a === '-h' || a === '--help') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (a.startsWith('--')) {
      process.stderr.write(`Unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (!files.length) {
    process.stderr.write(USAGE + '\n');
    return 2;
  }
  const inputs: InputDocument[] = [];
  for (const f of files) {
    try {
      const st = statSync(f);
      if (!st.isFile()) throw new Error('not a file');
      // A big access-log export is read as a stream, as the app's worker does (src/core/traffic/stream.ts): only its
      // aggregate is kept, so a multi-GB export needs no more memory than a small one. Anything else is read whole.
      if (st.size > STREAM_BYTES) {
        const outcome = await readTrafficStream(Readable.toWeb(createReadStream(f)) as ReadableStream<Uint8Array>, { name: f, total: st.size });
        if (outcome.kind === 'traffic') {
          process.stderr.write(`${f}: read as a log stream (${(st.size / 1048576).toFixed(1)} MB); only its counts, time buckets and sample rows are kept.\n`);
          inputs.push({ name: f, traffic: outcome.streamed });
          continue;
        }
      }
      inputs.push({ name: f, bytes: new Uint8Array(readFileSync(f)) });
    } catch (e) {
      process.stderr.write(`Cannot read ${f}: ${(e as Error).message}\n`);
    }
  }
  if (!inputs.length) return 2;
  const { report, workspace } = await analyze(inputs, { locale });
  let routed: RouteResult | undefined;
  if (route !== undefined) {
    const gw = gatewayName ? workspace.gateways.find((g) => g.name.toLowerCase() === gatewayName!.toLowerCase()) : workspace.gateways[0];
    if (!gw) {
      process.stderr.write(gatewayName ? `No gateway named ${gatewayName} in the input.\n` : 'No gateway in the input to route through.\n');
      return 2;
    }
    routed = routeRequest(workspace, gw, route, { frontend });
    // With a route, the report keeps only the findings on that path (the contract is unchanged; `route` is added).
    report.findings = findingsOnRoute(report.findings.filter((f) => f.gateway === gw.name), routed, gw);
    report.summary = { error: 0, warning: 0, info: 0 };
    for (const f of report.findings) report.summary[f.severity]++;
    (report as typeof report & { route?: RouteResult }).route = routed;
  }
  const out =
    format === 'json'
      ? JSON.stringify(report, null, 2)
      : format === 'sarif'
        ? JSON.stringify(toSarif(report), null, 2)
        : format === 'markdown'
          ? toMarkdown(report)
          : (routed ? routeText(routed, locale) + '\n\n' : '') + toText(report);
  process.stdout.write(out + '\n');
  const readable = report.documents.some((d) => d.kind !== 'unknown');
  if (!readable) {
    process.stderr.write(`No readable input among: ${inputs.map((i) => basename(i.name)).join(', ')}\n`);
    return 2;
  }
  return report.summary.error > 0 ? 1 : 0;
}

// exitCode, not exit(): exit() would cut a long report written to a pipe.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`Internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
