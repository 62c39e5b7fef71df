import { describe, it, expect } from 'vitest';
import { armGuid, base64Decode, base64Encode, murmurHash64, sha1, uniqueString, utf8Encode, uuidV5 } from '../../../src/core/template/hash';

describe('uniqueString', () => {
  // Values returned by real ARM/Bicep deployments.
  it.each([
    [['aaa'], 'zavj67f3en4hc'],
    [['bbb'], 'w5eragfxe33cy'],
    [['zzz'], 'cryksdzzzawae'],
    [['xxx', 'yyy', 'zzz'], 'lghi7k5js7itq'],
    [['test'], 'rbgf3xv4ufgzg'],
    [['hello', 'world'], 'a7wkljktk6wne'],
    [['abc'], 'cgtzqvhu4i23s'],
    [['foo', 'bar', 'baz'], 'xzi4ioaxtmth4'],
    [['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/my-rg'], 'bmg7c6xu4tw46'],
  ])('%j → %s', (parts, expected) => {
    expect(uniqueString(parts)).toBe(expected);
  });

  it('hashes every tail length', () => {
    for (let n = 0; n <= 17; n++) expect(uniqueString(['x'.repeat(n)])).toMatch(/^[a-z2-7]{13}$/);
    expect(murmurHash64(new Uint8Array())).toEqual([0, 0]);
  });
});

describe('guid', () => {
  it('is a UUIDv5 of the dash-joined arguments in the ARM namespace', () => {
    expect(armGuid(['a', 'b', 'c'])).toBe('a98fa280-e03f-5afa-8d8e-92d0a9c201e8');
    expect(armGuid(['/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/resourceGroup'])).toBe('09dcb921-d1bf-5488-87aa-119aa49bacfa');
  });

  it('matches the RFC 4122 example namespace vector', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidV5('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'python.org')).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });
});

describe('sha1 and base64', () => {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  it('computes SHA-1', () => {
    expect(hex(sha1(utf8Encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(utf8Encode('')))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    expect(hex(sha1(utf8Encode('a'.repeat(1000))))).toBe('291e9a6c66994949b57ba5e650361e98fc36b1ba');
  });

  it('round-trips base64', () => {
    for (const s of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar', 'héllo ✓']) {
      expect(new TextDecoder().decode(base64Decode(base64Encode(utf8Encode(s))))).toBe(s);
    }
    expect(base64Encode(utf8Encode('foobar'))).toBe('Zm9vYmFy');
    expect(base64Decode('not base64!')).toBeUndefined();
  });
});
