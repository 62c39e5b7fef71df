import { describe, expect, it } from 'vitest';
import type { SecurityRule } from '../../../src/core/model/types';
import { evaluateNsgPortRange, evaluatePieces, portPieces, portRangeText } from '../../../src/core/net/nsg-ports';

function rule(p: Partial<SecurityRule> & Pick<SecurityRule, 'name' | 'priority' | 'access'>): SecurityRule {
  return {
    direction: 'Inbound', protocol: '*', sourcePrefixes: ['*'], destinationPrefixes: ['*'], sourcePorts: ['*'], destinationPorts: ['*'],
    sourceApplicationSecurityGroups: [], destinationApplicationSecurityGroups: [], isDefault: false, source: { document: 't', pointer: '' }, ...p,
  };
}
const ctx = { virtualNetworkPrefixes: ['10.0.0.0/16'] };
const gwm = { direction: 'Inbound' as const, protocol: 'Tcp', source: { tag: 'GatewayManager' }, destination: { prefix: '10.0.0.0/24' } };

describe('portPieces', () => {
  it('cuts the range where rules start and end, per direction', () => {
    const rules = [
      rule({ name: 'a', priority: 100, access: 'Allow', destinationPorts: ['65503-65534'] }),
      rule({ name: 'b', priority: 110, access: 'Deny', destinationPorts: ['65300', '70000'] }),
      rule({ name: 'out', priority: 100, access: 'Deny', direction: 'Outbound', destinationPorts: ['65400'] }),
    ];
    expect(portPieces([rules], 'Inbound', 65200, 65535)).toEqual([
      { lo: 65200, hi: 65299 }, { lo: 65300, hi: 65300 }, { lo: 65301, hi: 65502 }, { lo: 65503, hi: 65534 }, { lo: 65535, hi: 65535 },
    ]);
  });
  it('is one piece without boundaries, and empty for an empty range', () => {
    expect(portPieces([[rule({ name: 'a', priority: 100, access: 'Allow' })]], 'Inbound', 0, 65535)).toEqual([{ lo: 0, hi: 65535 }]);
    expect(portPieces([], 'Inbound', 10, 9)).toEqual([]);
  });
  it('merges ranges from several rule lists (subnet + NIC)', () => {
    const a = [rule({ name: 'a', priority: 100, access: 'Allow', destinationPorts: ['80'] })];
    const b = [rule({ name: 'b', priority: 100, access: 'Allow', destinationPorts: ['81-90'] })];
    expect(portPieces([a, b], 'Inbound', 79, 91).map(portRangeText)).toEqual(['79', '80', '81-90', '91']);
  });
});

describe('evaluateNsgPortRange', () => {
  it('finds the part of the GatewayManager range an allow misses', () => {
    const rules = [rule({ name: 'AllowV1Range', priority: 100, access: 'Allow', protocol: 'Tcp', sourcePrefixes: ['GatewayManager'], destinationPorts: ['65503-65534'] })];
    const v = evaluateNsgPortRange(rules, gwm, 65200, 65535, ctx);
    expect(v.map((x) => [portRangeText(x), x.result.access, x.result.rule.name])).toEqual([
      ['65200-65502', 'Deny', 'DenyAllInBound'],
      ['65503-65534', 'Allow', 'AllowV1Range'],
      ['65535', 'Deny', 'DenyAllInBound'],
    ]);
  });
  it('merges neighbours with the same verdict', () => {
    const rules = [
      rule({ name: 'Allow1', priority: 100, access: 'Allow', sourcePrefixes: ['GatewayManager'], destinationPorts: ['65200-65300'] }),
      rule({ name: 'Allow1b', priority: 100, access: 'Allow', sourcePrefixes: ['GatewayManager'], destinationPorts: ['65301-65535'] }),
    ];
    const v = evaluateNsgPortRange(rules, gwm, 65200, 65535, ctx);
    expect(v.map((x) => [portRangeText(x), x.result.rule.name])).toEqual([['65200-65300', 'Allow1'], ['65301-65535', 'Allow1b']]);
    const same = evaluateNsgPortRange([rule({ name: 'AllowAll', priority: 100, access: 'Allow', destinationPorts: ['65200-65300', '65301-65535'] })], gwm, 65200, 65535, ctx);
    expect(same.map(portRangeText)).toEqual(['65200-65535']);
  });
  it('evaluatePieces keys merging on the caller key', () => {
    const out = evaluatePieces([{ lo: 1, hi: 2 }, { lo: 3, hi: 3 }, { lo: 4, hi: 9 }], (p) => (p < 4 ? 'x' : 'y'), (r) => r);
    expect(out).toEqual([{ lo: 1, hi: 3, result: 'x' }, { lo: 4, hi: 9, result: 'y' }]);
  });
});
