import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { field, get, innerOf } from '../../../src/core/model/access';

// field(o, innerOf(o), key) is a shortcut for get(o, key) on ARM items: it must give the same value for every item.
const KEYS = ['name', 'id', 'etag', 'type', 'properties', 'Properties', 'paths', 'Paths', 'PATHS', 'backendAddressPool', 'BackendAddressPool', 'rewriteRuleSet', 'other'];
const value = fc.oneof(fc.constant(null), fc.constant(undefined), fc.string({ maxLength: 3 }), fc.integer(), fc.constant({ id: 'x' }));
const item = fc.letrec((tie) => ({
  obj: fc.dictionary(fc.constantFrom(...KEYS), fc.oneof(value, tie('inner')), { maxKeys: 6 }),
  inner: fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 6 }),
})).obj;

describe('field = get for keys outside the envelope', () => {
  it('holds for random items', () => {
    fc.assert(fc.property(item, fc.constantFrom('paths', 'backendAddressPool', 'rewriteRuleSet', 'redirectConfiguration'), (o, key) => {
      expect(field(o, innerOf(o), key)).toEqual(get(o, key));
    }), { seed: 20261125, numRuns: 2000 });
  });
  it('reads properties directly only when every outer key is an envelope key', () => {
    expect(innerOf({ name: 'a', properties: { paths: ['/x'] } })).toEqual({ paths: ['/x'] });
    expect(innerOf({ name: 'a', Paths: ['/y'], properties: { paths: ['/x'] } })).toBeUndefined();
    expect(innerOf({ name: 'a', properties: null })).toBeUndefined();
  });
});
