/** The shipped samples as Node sees them: the file list comes from src/ui/samples/index.ts (one source). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { InputDocument } from '../../src/core/analyze';
import type { Category } from '../../src/core/rules/types';
import { ROOT } from './harness';

const DIR = join(ROOT, 'src/ui/samples');

function parseIndex(): Record<string, string[]> {
  const src = readFileSync(join(DIR, 'index.ts'), 'utf8');
  const out: Record<string, string[]> = {};
  for (const m of src.matchAll(/\{ id: '([\w-]+)', files: \[([\s\S]*?)\] \}/g)) out[m[1]] = [...m[2].matchAll(/name: '([^']+)'/g)].map((x) => x[1]);
  return out;
}

export const SAMPLE_FILES = parseIndex();

/** The guide's section each sample stands for (the clean one stands for none). */
export const SEED_CATEGORY: Record<string, Category | undefined> = {
  clean: undefined,
  nsg: 'nsg',
  udr: 'udr',
  dns: 'dns',
  'default-probe': 'default-probe',
  'custom-probe': 'custom-probe',
  'request-timeout': 'request-timeout',
  'empty-pool': 'empty-pool',
  'unhealthy-backend': 'unhealthy-backend',
  'backend-tls': 'backend-tls',
};

/** A sample's documents named as the app names them: the first goes to the paste box (paste.txt). */
export function sampleDocs(id: string): InputDocument[] {
  return SAMPLE_FILES[id].map((f, i) => ({ name: i === 0 ? 'paste.txt' : f, text: readFileSync(join(DIR, f), 'utf8') }));
}
