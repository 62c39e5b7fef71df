import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { allRules } from '../../../src/core/rules';
import { CATEGORY_ORDER } from '../../../src/core/rules/types';

describe('every rule', () => {
  it('there are rules', () => expect(allRules.length).toBeGreaterThan(0));
  for (const r of allRules) {
    it(`${r.id}: one file named after its id, a test file, metadata in both languages`, () => {
      expect(existsSync(new URL(`../../../src/core/rules/${r.id}.ts`, import.meta.url))).toBe(true);
      expect(existsSync(new URL(`../../../tests/rules/${r.id}.test.ts`, import.meta.url))).toBe(true);
      expect(CATEGORY_ORDER).toContain(r.category);
      expect(r.docs).toMatch(/^https:\/\/learn\.microsoft\.com\//);
      expect(r.appliesTo.length).toBeGreaterThan(0);
      for (const part of ['title', 'message', 'fix'] as const) {
        expect(r.text.en[part].trim().length).toBeGreaterThan(3);
        expect(r.text.ko[part]).toMatch(/[\uac00-\ud7a3]/);
      }
      // The same placeholders in both languages, so neither shows a raw {name}; a language's own wording of one
      // fact is a pair `{xEn}` / `{xKo}`.
      const ph = (s: string, lang: 'En' | 'Ko') => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!.replace(new RegExp(`(?<=.)${lang}$`), '·')).sort();
      for (const part of ['title', 'message'] as const) expect(ph(r.text.ko[part], 'Ko')).toEqual(ph(r.text.en[part], 'En'));
    });
  }
  it('ids are unique, one file each', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
