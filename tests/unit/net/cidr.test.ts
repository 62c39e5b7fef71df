import { describe, expect, it } from 'vitest';
import { isIp, isPrivate, overlaps, parseCidr, prefixContains, prefixContainsPrefix, prefixLength } from '../../../src/core/net/cidr';

describe('parseCidr', () => {
  it('parses IPv4 prefixes and addresses', () => {
    expect(parseCidr('10.0.0.0/24')).toEqual({ family: 4, length: 24, first: 0x0a000000n, last: 0x0a0000ffn });
    expect(parseCidr('10.0.0.5')).toEqual({ family: 4, length: 32, first: 0x0a000005n, last: 0x0a000005n });
    expect(parseCidr(' 10.0.0.0/24\t')?.length).toBe(24);
  });
  it('handles /0 and /32 edges', () => {
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, length: 0, first: 0n, last: 0xffffffffn });
    expect(parseCidr('255.255.255.255/32')).toEqual({ family: 4, length: 32, first: 0xffffffffn, last: 0xffffffffn });
  });
  it('masks host bits', () => {
    expect(parseCidr('10.0.0.5/24')).toEqual(parseCidr('10.0.0.0/24'));
  });
  it('parses IPv6', () => {
    const c = parseCidr('2001:db8::/32')!;
    expect(c.family).toBe(6);
    expect(c.first).toBe(0x20010db8n << 96n);
    expect(c.last).toBe((0x20010db8n << 96n) | ((1n << 96n) - 1n));
    expect(parseCidr('::/0')).toEqual({ family: 6, length: 0, first: 0n, last: (1n << 128n) - 1n });
    expect(parseCidr('::1')).toEqual({ family: 6, length: 128, first: 1n, last: 1n });
  });
  it('rejects bad input without throwing', () => {
    for (const bad of ['', ' ', '10', '1.2.3.256', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/a', '010.0.0.1', '::/129', 'fe80::1%eth0', 'VirtualNetwork', '*', '10.0.0.0/24/1']) {
      expect(parseCidr(bad), bad).toBeUndefined();
    }
    expect(parseCidr(undefined)).toBeUndefined();
    expect(parseCidr(42)).toBeUndefined();
  });
});

describe('predicates', () => {
  it('isIp accepts bare addresses only', () => {
    expect(isIp('10.0.0.4')).toBe(true);
    expect(isIp(' 2001:db8::1 ')).toBe(true);
    expect(isIp('10.0.0.4/32')).toBe(false);
    expect(isIp('10.0.0')).toBe(false);
    expect(isIp(null)).toBe(false);
  });
  it('prefixLength', () => {
    expect(prefixLength('10.0.0.0/8')).toBe(8);
    expect(prefixLength('10.0.0.1')).toBe(32);
    expect(prefixLength('2001:db8::1')).toBe(128);
    expect(prefixLength('nope')).toBeUndefined();
  });
  it('prefixContains', () => {
    expect(prefixContains('10.0.0.0/24', '10.0.0.255')).toBe(true);
    expect(prefixContains('10.0.0.0/24', '10.0.1.0')).toBe(false);
    expect(prefixContains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(prefixContains('10.0.0.7/32', '10.0.0.7')).toBe(true);
    expect(prefixContains('10.0.0.7/32', '10.0.0.6')).toBe(false);
    expect(prefixContains('0.0.0.0/0', '::1')).toBe(false); // family mismatch
    expect(prefixContains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
    expect(prefixContains('2001:db8::/32', '2001:db9::1')).toBe(false);
    expect(prefixContains('10.0.0.0/24', '10.0.0.0/25')).toBe(false); // ip must be an address
    expect(prefixContains('garbage', '10.0.0.1')).toBe(false);
  });
  it('prefixContainsPrefix', () => {
    expect(prefixContainsPrefix('10.0.0.0/16', '10.0.3.0/24')).toBe(true);
    expect(prefixContainsPrefix('10.0.3.0/24', '10.0.0.0/16')).toBe(false);
    expect(prefixContainsPrefix('10.0.0.0/16', '10.0.0.0/16')).toBe(true);
    expect(prefixContainsPrefix('10.0.0.0/16', '10.0.0.9')).toBe(true);
    expect(prefixContainsPrefix('::/0', '10.0.0.0/8')).toBe(false);
  });
  it('overlaps', () => {
    expect(overlaps('10.0.0.0/16', '10.0.128.0/17')).toBe(true);
    expect(overlaps('10.0.128.0/17', '10.0.0.0/16')).toBe(true);
    expect(overlaps('10.0.0.0/25', '10.0.0.128/25')).toBe(false);
    expect(overlaps('10.0.0.0/8', '10.0.0.0/8')).toBe(true);
    expect(overlaps('0.0.0.0/0', '::/0')).toBe(false);
    expect(overlaps('x', '10.0.0.0/8')).toBe(false);
  });
  it('isPrivate: RFC 1918 and 100.64.0.0/10 only', () => {
    for (const p of ['10.1.2.3', '172.16.0.0', '172.31.255.255', '192.168.1.1', '100.64.0.0', '100.127.255.255', '10.0.0.0/8']) {
      expect(isPrivate(p), p).toBe(true);
    }
    for (const p of ['172.32.0.0', '172.15.255.255', '100.128.0.0', '8.8.8.8', '168.63.129.16', 'fd00::1', '0.0.0.0/0', '10.0.0.0/7', 'x']) {
      expect(isPrivate(p), p).toBe(false);
    }
  });
});
