/**
 * Self and total time per function from a V8 .cpuprofile (node --cpu-prof): the hot spots table.
 * `npx tsx tests/bench/hotspots.ts <file.cpuprofile> [top=25]`
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

const [file, topArg = '25'] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const sampleTime = new Map<number, number>();
prof.samples.forEach((id, i) => sampleTime.set(id, (sampleTime.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000));
const total = (prof.endTime - prof.startTime) / 1000;

const key = (n: Node) => {
  const url = n.callFrame.url.replace(/^file:\/\/.*?\/(src|node_modules|tests)\//, '$1/');
  return `${n.callFrame.functionName || '(anonymous)'} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map<string, number>();
const incl = new Map<string, number>();
for (const [id, ms] of sampleTime) {
  const n = byId.get(id)!;
  self.set(key(n), (self.get(key(n)) ?? 0) + ms);
  // Inclusive: every distinct function on the stack gets the sample once.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const k = key(byId.get(cur)!);
    if (seen.has(k)) continue;
    seen.add(k);
    incl.set(k, (incl.get(k) ?? 0) + ms);
  }
}
const top = Number(topArg);
console.log(`profile ${total.toFixed(0)} ms\n\nself time:`);
for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
console.log('\ntotal (inclusive) time, src/ only:');
for (const [k, ms] of [...incl].filter(([k]) => k.includes(' src/')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${ms.toFixed(0).padStart(7)} ms ${(100 * ms / total).toFixed(1).padStart(5)} %  ${k}`);
