import { describe, expect, it } from 'vitest';
import { covers, fromPrefix, intersect, regionIsEmpty, regionSubtract, subtract, union } from '../../../src/core/net/addrset';

const set = (p: string) => fromPrefix(p)!;

describe('address sets', () => {
  it('union merges adjacent halves into the whole', () => {
    expect(union(set('10.0.0.128/25'), set('10.0.0.0/25'))).toEqual(set('10.0.0.0/24'));
  });
  it('subtract and intersect', () => {
    expect(subtract(set('10.0.0.0/24'), set('10.0.0.0/25'))).toEqual(set('10.0.0.128/25'));
    expect(intersect(set('10.0.0.0/24'), set('10.0.0.128/25'))).toEqual(set('10.0.0.128/25'));
    expect(intersect(set('10.0.0.0/24'), set('::/0'))).toEqual([]);
    expect(covers(set('10.0.0.0/16'), set('10.0.3.0/24'))).toBe(true);
    expect(covers(set('10.0.3.0/24'), set('10.0.0.0/16'))).toBe(false);
  });
  it('regions: removing two rectangles that tile the region empties it', () => {
    const region = [{ src: set('10.0.0.0/24'), dst: set('10.0.1.0/24') }];
    const left = regionSubtract(region, set('10.0.0.0/25'), set('10.0.1.0/24'));
    expect(regionIsEmpty(left)).toBe(false);
    expect(regionIsEmpty(regionSubtract(left, set('10.0.0.128/25'), set('10.0.0.0/16')))).toBe(true);
    expect(regionIsEmpty(regionSubtract(left, set('10.0.0.128/25'), set('10.0.1.0/25')))).toBe(false);
  });
});
