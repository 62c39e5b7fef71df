import { describe, it, expect } from 'vitest';
import { parseJson, DUPLICATES } from '../../../src/core/input/json';

describe('parseJson', () => {
  it('parses and locates pointers (1-based line/column)', () => {
    const r = parseJson('{\n  "a": [\n    {"b": 1}\n  ]\n}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.doc.locate('/a/0')).toEqual({ line: 3, column: 5 });
    expect(r.doc.locate('/a/0/b')).toEqual({ line: 3, column: 6 }); // a member: at its key
    expect(r.doc.locate('/nope')).toEqual({ line: 1, column: 1 });
  });
  it('keeps every value of a duplicated key', () => {
    const r = parseJson('{"ipAddress": "10.0.0.10", "ipAddress": "10.0.0.11"}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.doc.value as any)[DUPLICATES]).toEqual({ ipAddress: ['10.0.0.10', '10.0.0.11'] });
    expect(r.doc.duplicates).toEqual(['']);
  });
  it('keeps __proto__ as data, not as a prototype', () => {
    const r = parseJson('{"__proto__": {"polluted": true}}');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(({} as any).polluted).toBeUndefined();
    expect(Object.keys(r.doc.value as object)).toEqual(['__proto__']);
  });
  it('invalid JSON: line, column, excerpt and a hint', () => {
    const r = parseJson('{\n  "a": 1,\n  "b" 2\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0]).toMatchObject({ line: 3, column: 7, severity: 'error' });
    expect(r.problems[0].message).toMatch(/colon/);
    expect(r.problems[0].excerpt).toContain('"b" 2');
    expect(r.problems[0].hint).toBeTruthy();
  });
  it('truncated JSON says it looks cut off', () => {
    const r = parseJson('{\n  "a": [1, 2');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].message).toMatch(/cut off/);
    expect(r.problems[0].line).toBe(2);
  });
  it('100 000 levels of nesting is refused with a position, without recursion', () => {
    const r = parseJson('['.repeat(100_000) + ']'.repeat(100_000));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems[0].message).toMatch(/deeper than/);
    expect(r.problems[0].column).toBe(257);
  });
  it('large documents take the JSON.parse path and still locate lazily', () => {
    const big = JSON.stringify({ items: Array.from({ length: 40_000 }, (_, i) => ({ name: `n${i}`, v: 'x'.repeat(10) })) }, null, 1);
    expect(big.length).toBeGreaterThan(512 * 1024);
    const r = parseJson(big);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect((r.doc.value as any).items[39_999].name).toBe('n39999');
    expect(r.doc.locate('/items/2')!.line).toBe(big.slice(0, big.indexOf('"n2"')).split('\n').length - 1);
  });
});
