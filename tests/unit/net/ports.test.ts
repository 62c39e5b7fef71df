import { describe, expect, it } from 'vitest';
import { parsePorts, parsePortSpec, portInRanges, rangeCovers, rangeIntersects } from '../../../src/core/net/ports';

describe('parsePortSpec', () => {
  it('parses the NSG forms', () => {
    expect(parsePortSpec('*')).toEqual({ lo: 0, hi: 65535 });
    expect(parsePortSpec('80')).toEqual({ lo: 80, hi: 80 });
    expect(parsePortSpec('65200-65535')).toEqual({ lo: 65200, hi: 65535 });
    expect(parsePortSpec('0-65535')).toEqual({ lo: 0, hi: 65535 });
    expect(parsePortSpec('6579-6579')).toEqual({ lo: 6579, hi: 6579 });
  });
  it('tolerates stray whitespace', () => {
    expect(parsePortSpec('65503-65534 ')).toEqual({ lo: 65503, hi: 65534 });
    expect(parsePortSpec(' 80 - 90 ')).toEqual({ lo: 80, hi: 90 });
  });
  it('rejects bad specs without throwing', () => {
    for (const bad of ['', '65536', '80-70', 'abc', '-1', '1-', '1-2-3', '8 0']) expect(parsePortSpec(bad), bad).toBeUndefined();
    expect(parsePortSpec(undefined)).toBeUndefined();
  });
  it('parsePorts splits comma lists and reports invalid parts', () => {
    expect(parsePorts(['80,443', 'x'])).toEqual({ ranges: [{ lo: 80, hi: 80 }, { lo: 443, hi: 443 }], invalid: ['x'] });
  });
});

describe('port matching', () => {
  it('portInRanges', () => {
    expect(portInRanges(65200, ['65200-65535'])).toBe(true);
    expect(portInRanges(65199, ['65200-65535'])).toBe(false);
    expect(portInRanges(1, ['*'])).toBe(true);
    expect(portInRanges(443, '80, 443')).toBe(true);
    expect(portInRanges(8080, ['80', '443'])).toBe(false);
    expect(portInRanges(80, [])).toBe(false);
  });
  it('rangeCovers needs the whole range', () => {
    expect(rangeCovers(['65200-65535'], 65200, 65535)).toBe(true);
    expect(rangeCovers(['65300-65535', '65200-65299'], 65200, 65535)).toBe(true);
    expect(rangeCovers(['65200-65300', '65302-65535'], 65200, 65535)).toBe(false);
    expect(rangeCovers(['65503-65534'], 65200, 65535)).toBe(false);
    expect(rangeCovers(['*'], 0, 65535)).toBe(true);
    expect(rangeCovers([], 80, 80)).toBe(false);
  });
  it('rangeIntersects needs one common port', () => {
    expect(rangeIntersects(['65503-65534'], 65200, 65535)).toBe(true);
    expect(rangeIntersects(['80'], 81, 90)).toBe(false);
    expect(rangeIntersects(['90'], 81, 90)).toBe(true);
    expect(rangeIntersects(['80'], 90, 81)).toBe(false);
  });
});
