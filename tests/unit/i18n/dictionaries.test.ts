import { describe, expect, test } from 'vitest';
import { en } from '../../../src/i18n/en';
import { ko } from '../../../src/i18n/ko';
import { fill, pickLocale, placeholders } from '../../../src/i18n/format';

// Strings that are the same in both languages: product names, formats and pure placeholders.
const SAME_IN_BOTH = new Set(['howto.powershell', 'howto.azcli', 'export.sarif', 'input.size', 'severity.count', 'contents.networkSecurityGroups', 'contents.networkInterfaces']);

describe('dictionaries', () => {
  test('Korean has exactly the English keys (the type check enforces it too)', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
  });

  test.each(Object.keys(en))('%s: same placeholders, non-empty, Korean where it should be', (key) => {
    const k = key as keyof typeof en;
    expect(placeholders(ko[k])).toEqual(placeholders(en[k]));
    expect(ko[k].trim()).not.toBe('');
    if (!SAME_IN_BOTH.has(key)) expect(ko[k], `${key} should be translated`).toMatch(/[\uac00-\ud7a3]/);
  });
});

describe('format', () => {
  test('fill puts values in and leaves unknown placeholders', () => {
    expect(fill('{n} of {total}', { n: 2, total: 5 })).toBe('2 of 5');
    expect(fill('{a} {b}', { a: 'x' })).toBe('x {b}');
  });

  test('pickLocale: the saved choice, else the first ko*/en* browser language, else English', () => {
    expect(pickLocale('ko', ['en-US'])).toBe('ko');
    expect(pickLocale(null, ['ko-KR', 'en-US'])).toBe('ko');
    expect(pickLocale(null, ['de-DE', 'en-GB', 'ko'])).toBe('en');
    expect(pickLocale(null, ['fr'])).toBe('en');
    expect(pickLocale('xx', ['ko'])).toBe('ko');
  });
});
