import { describe, expect, it } from 'vitest';
import { createLocator, createPositionLocator, skipJsonValue } from '../../../src/core/input/locate';
import { buildLineIndex, lineColumnAt } from '../../../src/core/input/positions';

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

/** Every pointer of a parsed value (object members and array elements, escaped as RFC 6901 says). */
function pointersOf(v: unknown, p = '', out: string[] = []): string[] {
  out.push(p);
  if (Array.isArray(v)) v.forEach((x, i) => pointersOf(x, `${p}/${i}`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pointersOf(x, `${p}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

describe('createPositionLocator', () => {
  // Strings hold what a bracket counter or a line counter could trip on: escaped quotes and backslashes,
  // brackets, escaped line breaks, text outside the BMP and Korean.
  const tricky = ['a\\"]}', '"', '\\', '[{', '}]', 'line\nbreak\r\n', '한글 😀 é', '', '\u2028'];
  const value = {
    list: [[1, [2, [3, ['}']]]], { s: tricky[0], n: [[], {}] }, '[', ...tricky],
    'k"]': { '{': tricky, 'é/~': [{ x: ']' }, { x: '[' }, { x: '"' }] },
    same: Array.from({ length: 30 }, (_, i) => ({ fqdn: `vm${i}.x`, s: tricky[i % tricky.length], a: [i, { b: tricky[(i * 7) % tricky.length] }] })),
    end: null,
  };
  const styles: [string, string][] = [
    ['compact', JSON.stringify(value)],
    ['indent 2', JSON.stringify(value, null, 2)],
    ['tabs + CRLF', JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n')],
    ['leading blank lines, ragged', '\r\n\n  ' + JSON.stringify(value, null, 1).replace(/\n( *)/g, (m, s: string) => (s.length % 3 === 0 ? ' ' : s.length % 3 === 1 ? `\r\n${s}  ` : m)) + '\n'],
  ];

  for (const [style, text] of styles) {
    it(`gives the offset of createLocator and the line of a full line index for every pointer, any order (${style})`, () => {
      expect(JSON.parse(text)).toEqual(value);
      const pointers = [...pointersOf(value), '/list/99', '/same/3/a/1/none', '/nope/deeper'];
      const index = buildLineIndex(text);
      const forward = createPositionLocator(text);
      const offsets = createLocator(text);
      let seed = 11;
      const shuffled = pointers.map((p) => [p, (seed = (seed * 48271) % 2147483647)] as const).sort((a, b) => a[1] - b[1]).map(([p]) => p);
      const backward = createPositionLocator(text);
      for (const p of shuffled) backward(p);
      for (const p of pointers) {
        const at = forward(p)!;
        expect(at.offset).toBe(offsets(p));
        expect(at.line).toBe(lineColumnAt(index, at.offset).line);
        expect(backward(p)).toEqual(at);
      }
      // Members at their key, elements at their value.
      expect(text.slice(forward('/k"]/é~1~0/2/x')!.offset).startsWith('"x"')).toBe(true);
      expect(text.slice(forward('/same/29')!.offset).startsWith('{')).toBe(true);
      expect(text.slice(forward('/end')!.offset).startsWith('"end"')).toBe(true);
    });
  }

  it('skips a value to just after it, whatever its strings hold', () => {
    const text = JSON.stringify(value, null, 2);
    const start = text.indexOf('[');
    expect(skipJsonValue(text, start)).toBe(start + JSON.stringify(value.list, null, 2).replace(/\n/g, '\n  ').length);
    const s = text.indexOf('"a\\\\\\"]}"');
    expect(s).toBeGreaterThan(0);
    expect(text.slice(s, skipJsonValue(text, s))).toBe(JSON.stringify(tricky[0]));
  });
});
