import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { rulesMarkdown } from '../../../scripts/rules-doc';
import { allRules } from '../../../src/core/rules';

describe('docs/rules.md', () => {
  it('is current with the rules\' metadata (run npm run docs:rules)', () => {
    const onDisk = readFileSync(new URL('../../../docs/rules.md', import.meta.url), 'utf8');
    expect(onDisk).toBe(rulesMarkdown());
  });
  it('lists every rule id once', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const md = rulesMarkdown();
    for (const id of ids) expect(md).toContain(`\`${id}\``);
  });
});
