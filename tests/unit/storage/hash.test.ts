import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { cacheKeyBytes, inputHash, sha256, sha256Js } from '../../../src/storage/hash';

const node = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('sha256 (pure-JS fallback for file:// pages without crypto.subtle)', () => {
  test('known vectors', () => {
    expect(sha256Js(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Js(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  test('agrees with node:crypto on any input, including block-boundary lengths', () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 70_000]) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + 7) & 0xff);
      expect(sha256Js(b)).toBe(node(b));
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => sha256Js(b) === node(b)), { numRuns: 200 });
  });

  test('crypto.subtle and the fallback give the same digest', async () => {
    const b = new TextEncoder().encode('Get-AzApplicationGateway 게이트웨이');
    expect(await sha256(b)).toBe(sha256Js(b));
  });
});

describe('inputHash: the analysis cache key', () => {
  const a = { name: 'paste.txt', text: '{"a":1}' };
  const b = { name: 'health.json', bytes: new Uint8Array([0xff, 0xfe, 0x7b, 0x00]) };

  test('same inputs and engine → same key; anything else → another key', async () => {
    const k = await inputHash([a, b], '1.0.0');
    expect(await inputHash([{ ...a }, { ...b, bytes: new Uint8Array(b.bytes) }], '1.0.0')).toBe(k);
    expect(await inputHash([a, b], '1.0.1')).not.toBe(k); // a new engine analyses again
    expect(await inputHash([b, a], '1.0.0')).not.toBe(k); // order matters (later documents win merges)
    expect(await inputHash([{ ...a, name: 'other.txt' }, b], '1.0.0')).not.toBe(k);
    expect(await inputHash([{ ...a, text: '{"a":2}' }, b], '1.0.0')).not.toBe(k);
  });

  test('text and bytes of the same content are different documents (the engine decodes bytes itself)', () => {
    const t = cacheKeyBytes([{ name: 'x', text: 'ab' }], 'v');
    const y = cacheKeyBytes([{ name: 'x', bytes: new TextEncoder().encode('ab') }], 'v');
    expect(sha256Js(t)).not.toBe(sha256Js(y));
  });

  test('document boundaries cannot be shifted to collide', () => {
    expect(sha256Js(cacheKeyBytes([{ name: 'a', text: 'bc' }], 'v'))).not.toBe(sha256Js(cacheKeyBytes([{ name: 'ab', text: 'c' }], 'v')));
  });
});
