import { describe, expect, it } from 'vitest';
import { createLocator } from '../../../src/core/input/locate';

/** The offset a reader expects: members at their key, elements at their value. */
describe('createLocator', () => {
  const text = JSON.stringify({
    'a/b': { 'x~y': 1 },
    'q"uote': 'br{ack[et"s\\',
    list: [[1, 2, { deep: ['}', ']', { k: true }] }], 'x', null, { last: -1.5e3 }],
    'esc\u00e9': { v: 0 },
    tail: 'end',
  }, null, 2);
  const loc = createLocator(text);

  it('finds members at their key and elements at their value, through strings holding brackets and escaped quotes', () => {
    expect(text.slice(loc('/a~1b/x~0y')!, loc('/a~1b/x~0y')! + 5)).toBe('"x~y"');
    expect(text.slice(loc('/tail')!, loc('/tail')! + 6)).toBe('"tail"');
    expect(text.slice(loc('/list/3/last')!).startsWith('"last"')).toBe(true);
    expect(text.slice(loc('/list/0/2/deep/2/k')!).startsWith('"k"')).toBe(true);
    expect(text.slice(loc('/list/1')!).startsWith('"x"')).toBe(true);
    expect(text.slice(loc('/list/2')!).startsWith('null')).toBe(true);
    expect(text.slice(loc('/q"uote')!).startsWith('"q\\"uote"')).toBe(true);
    expect(text.slice(loc('/escé/v')!).startsWith('"v"')).toBe(true);
  });

  it('resolves a missing pointer to its nearest existing ancestor, and the root to the first value', () => {
    expect(loc('')).toBe(0);
    expect(loc('/list/9')).toBe(loc('/list'));
    expect(loc('/list/3/none/deeper')).toBe(loc('/list/3'));
    expect(loc('/nope')).toBe(0);
    expect(loc('/tail/0')).toBe(loc('/tail'));
  });

  it('answers the same in any order (what it learned on the way is reused, not wrong)', () => {
    const fresh = createLocator(text);
    const pointers = ['/tail', '/list/3/last', '/list/0/2/deep/2/k', '/a~1b/x~0y', '/list/1', '/escé/v'];
    const forward = pointers.map((p) => loc(p));
    const backward = [...pointers].reverse().map((p) => fresh(p)).reverse();
    expect(backward).toEqual(forward);
    expect(new Set(forward).size).toBe(pointers.length);
  });

  it('many pointers into one large array stay exact', () => {
    const big = JSON.stringify({ items: Array.from({ length: 5000 }, (_, i) => ({ name: `n${i}`, s: i % 7 ? 'a' : '"]}\\' })) }, null, 2);
    const l = createLocator(big);
    for (const i of [4999, 0, 2500, 1, 4998, 17]) {
      expect(big.slice(l(`/items/${i}/name`)!, l(`/items/${i}/name`)! + 30)).toContain(`"n${i}"`);
      expect(big.slice(0, l(`/items/${i}`)).split('\n').length).toBe(big.slice(0, big.indexOf(`"n${i}"`)).split('\n').length - 1);
    }
  });

  it('empty and blank text locate nothing', () => {
    expect(createLocator('')('/a')).toBeUndefined();
    expect(createLocator('   ')('')).toBeUndefined();
  });
});

describe('createLineCounter', () => {
  it('gives the same line and column as the full index, in any order of offsets', async () => {
    const { buildLineIndex, createLineCounter, lineColumnAt } = await import('../../../src/core/input/positions');
    const text = Array.from({ length: 30_000 }, (_, i) => 'x'.repeat(i % 37) + (i % 5 ? '\r' : '')).join('\n');
    const full = buildLineIndex(text);
    const count = createLineCounter(text);
    let seed = 7;
    const offsets = [0, text.length - 1, text.length, 1, 65_535, 65_536, 65_537, ...Array.from({ length: 300 }, () => (seed = (seed * 48271) % 2147483647) % text.length)];
    for (const o of offsets) expect(count(o)).toEqual(lineColumnAt(full, o));
  });
});
