import { describe, it, expect } from 'vitest';
import { validityAt, daysUntilExpiry } from '../../../src/core/tls/validity';

const cert = { notBefore: '2024-01-01T00:00:00.000Z', notAfter: '2034-01-01T00:00:00.000Z' };

describe('validityAt', () => {
  it('is valid inside the period, bounds inclusive', () => {
    expect(validityAt(cert, new Date('2025-06-01T00:00:00Z'))).toBe('valid');
    expect(validityAt(cert, new Date('2024-01-01T00:00:00.000Z'))).toBe('valid');
    expect(validityAt(cert, new Date('2034-01-01T00:00:00.000Z'))).toBe('valid');
  });
  it('is not-yet-valid before notBefore', () => {
    expect(validityAt(cert, new Date('2023-12-31T23:59:59.999Z'))).toBe('not-yet-valid');
  });
  it('is expired after notAfter', () => {
    expect(validityAt(cert, new Date('2034-01-01T00:00:00.001Z'))).toBe('expired');
  });
  it('accepts ISO strings and epoch numbers, and defaults to now', () => {
    expect(validityAt(cert, '2020-01-01T00:00:00Z')).toBe('not-yet-valid');
    expect(validityAt(cert, Date.UTC(2040, 0, 1))).toBe('expired');
    expect(validityAt({ notBefore: '2000-01-01T00:00:00Z', notAfter: '2001-01-01T00:00:00Z' })).toBe('expired');
  });
  it('counts whole days until expiry', () => {
    expect(daysUntilExpiry(cert, new Date('2033-12-22T00:00:00Z'))).toBe(10);
    expect(daysUntilExpiry(cert, new Date('2034-01-03T00:00:00Z'))).toBe(-2);
  });
});
