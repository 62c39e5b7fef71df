/** The traffic group's rules meet the same metadata bar as every rule (tests/unit/docs/rules-meta.test.ts) before they are wired into index.ts. */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { trafficRules } from '../../../src/core/rules/groups/traffic';
import { CATEGORY_ORDER } from '../../../src/core/rules/types';

describe('traffic rules', () => {
  it('ids are unique and none is taken by another rule file', () => {
    const ids = trafficRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = readdirSync(new URL('../../../src/core/rules/', import.meta.url));
    for (const id of ids) expect(files.filter((f) => f === `${id}.ts`)).toHaveLength(1);
  });
  for (const r of trafficRules) {
    it(`${r.id}: file, test, metadata in both languages, the same placeholders`, () => {
      expect(existsSync(new URL(`../../../src/core/rules/${r.id}.ts`, import.meta.url))).toBe(true);
      expect(existsSync(new URL(`../../../tests/rules/${r.id}.test.ts`, import.meta.url))).toBe(true);
      expect(CATEGORY_ORDER).toContain(r.category);
      expect(r.docs).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      for (const part of ['title', 'message', 'fix'] as const) {
        expect(r.text.en[part].trim().length).toBeGreaterThan(3);
        expect(r.text.ko[part]).toMatch(/[\uac00-\ud7a3]/);
      }
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(ph(r.text.ko.message)).toEqual(ph(r.text.en.message));
      expect(ph(r.text.ko.title)).toEqual(ph(r.text.en.title));
    });
  }
});
