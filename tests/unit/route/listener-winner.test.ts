import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listenerWinner, routeDetail } from '../../../src/core/route/route';
import { ordering } from '../../../src/core/route/order';
import { isWildcardHost, sampleHost } from '../../../src/core/route/match';
import { loadText } from '../../../src/core/input/load';
import { buildWorkspace } from '../../../src/core/model/workspace';
import { generateGateway, SIZES } from '../../bench/generate';
import type { Workspace } from '../../../src/core/model/types';

// listenerTraps asks listenerWinner instead of routeDetail(… stopAtListener): both must name the same listener and pattern.
const samples = join(__dirname, '../../../src/ui/samples');
const workspaces: [string, Workspace][] = [
  ...readdirSync(samples).filter((f) => f.endsWith('.json') && /gateway/.test(f)).map((f) => [f, buildWorkspace([loadText(f, readFileSync(join(samples, f), 'utf8')).model])] as [string, Workspace]),
  // The public corpus (REST examples, AGIC bodies, exported templates): basic listeners, several frontends.
  ...corpusFiles().map((f) => [f, buildWorkspace([loadText(f, readFileSync(f, 'utf8')).model])] as [string, Workspace]).filter(([, ws]) => ws.gateways.length > 0),
  ['generated medium', buildWorkspace([loadText('medium.json', JSON.stringify(generateGateway(SIZES.find((s) => s.name === 'medium')!))).model])],
];

function corpusFiles(): string[] {
  const root = join(__dirname, '../../../../shared/corpus');
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.json') && out.push(join(d, e.name)); };
  walk(root);
  return out.sort();
}

describe('listenerWinner = routeDetail(…, stopAtListener).winner', () => {
  it.each(workspaces)('%s', (_name, ws) => {
    let asked = 0;
    for (const gateway of ws.gateways) {
      for (const generation of [undefined, 'v1', 'v2'] as const) {
        const ord = ordering(gateway, generation);
        const hosts = new Set<string>(['unknown.example', '10.0.0.1', 'UPPER.Example.COM']);
        for (const c of ord.candidates) for (const h of c.hosts) for (const s of isWildcardHost(h) ? [sampleHost(h, 'sample'), sampleHost(h, 'q7z')] : [h]) hosts.add(s);
        const ports = new Set<number>([80, 443, 8080]);
        for (const c of ord.candidates) if (c.port !== undefined) ports.add(c.port);
        for (const frontend of [undefined, 'public', 'private'] as const) {
          for (const scheme of ['http', 'https']) for (const port of ports) for (const host of hosts) {
            const url = `${scheme}://${host}:${port}/x`;
            const full = routeDetail(ws, gateway, url, { frontend, generation, trace: false, stopAtListener: true });
            const fast = listenerWinner(gateway, url, { frontend, generation });
            expect([fast.winner?.index, fast.pattern], url).toEqual([full.winner?.index, full.winnerPattern]);
            asked++;
          }
        }
      }
    }
    expect(asked).toBeGreaterThan(0);
  });
});
