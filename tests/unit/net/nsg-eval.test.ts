import { describe, expect, it } from 'vitest';
import type { EffectiveSecurityRule, SecurityRule } from '../../../src/core/model/types';
import {
  defaultSecurityRules,
  evaluateEffective,
  evaluateEffectivePath,
  evaluateNsg,
  evaluatePath,
  type Flow,
} from '../../../src/core/net/nsg-eval';

const ctx = { virtualNetworkPrefixes: ['10.0.0.0/16'] };
const GW_SUBNET = '10.0.0.0/24';

function rule(p: Partial<SecurityRule> & Pick<SecurityRule, 'name' | 'priority' | 'access'>): SecurityRule {
  return {
    direction: 'Inbound',
    protocol: '*',
    sourcePrefixes: ['*'],
    destinationPrefixes: ['*'],
    sourcePorts: ['*'],
    destinationPorts: ['*'],
    sourceApplicationSecurityGroups: [],
    destinationApplicationSecurityGroups: [],
    isDefault: false,
    source: { document: 'test', pointer: '' },
    ...p,
  };
}

function inbound(source: Flow['source'], destination: Flow['destination'], destinationPort: number, protocol = 'Tcp'): Flow {
  return { direction: 'Inbound', protocol, source, destination, destinationPort };
}
function outbound(source: Flow['source'], destination: Flow['destination'], destinationPort: number): Flow {
  return { direction: 'Outbound', protocol: 'Tcp', source, destination, destinationPort };
}

const gatewayManager = (port: number) => inbound({ tag: 'GatewayManager' }, { prefix: GW_SUBNET }, port);
const allowGwm = rule({ name: 'AllowGwm', priority: 100, access: 'Allow', protocol: 'Tcp', sourcePrefixes: ['GatewayManager'], destinationPorts: ['65200-65535'] });

describe('default rules', () => {
  it('are the six Azure defaults', () => {
    const d = defaultSecurityRules();
    expect(d.map((r) => [r.name, r.priority, r.direction, r.access, r.sourcePrefixes[0], r.destinationPrefixes[0]])).toEqual([
      ['AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
      ['AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'],
      ['DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'],
      ['AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'],
      ['AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'],
      ['DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'],
    ]);
    for (const r of d) {
      expect(r.isDefault).toBe(true);
      expect(r.source).toEqual({ document: '', pointer: '' });
      expect(r.protocol).toBe('*');
      expect([r.sourcePorts, r.destinationPorts]).toEqual([['*'], ['*']]);
    }
  });

  const cases: [string, Flow][] = [
    ['AllowVnetInBound', inbound({ ip: '10.0.1.4' }, { ip: '10.0.0.4' }, 80)],
    // 168.63.129.16 is also in VirtualNetwork, so use a destination outside the VNet to reach 65001.
    ['AllowAzureLoadBalancerInBound', inbound({ tag: 'AzureLoadBalancer' }, { ip: '20.30.40.50' }, 80)],
    ['DenyAllInBound', inbound({ ip: '52.1.2.3' }, { ip: '10.0.0.4' }, 443)],
    ['AllowVnetOutBound', outbound({ ip: '10.0.0.4' }, { ip: '10.0.1.4' }, 443)],
    ['AllowInternetOutBound', outbound({ ip: '10.0.0.4' }, { ip: '52.1.2.3' }, 443)],
    ['DenyAllOutBound', outbound({ ip: '10.0.0.4' }, { ip: '192.168.5.5' }, 443)],
  ];
  for (const [name, flow] of cases) {
    it(`${name} decides its flow when no custom rule does`, () => {
      const r = evaluateNsg([], flow, ctx);
      expect(r.rule.name).toBe(name);
      expect(r.access).toBe(name.startsWith('Deny') ? 'Deny' : 'Allow');
      expect(r.certainty).toBe('certain');
    });
  }

  it('are not added when the rules already hold defaults', () => {
    const only = [rule({ name: 'DenyAll', priority: 65500, access: 'Deny', isDefault: true })];
    const r = evaluateNsg(only, inbound({ ip: '10.0.1.4' }, { ip: '10.0.0.4' }, 80), ctx);
    expect(r.rule.name).toBe('DenyAll');
  });
});

describe('order', () => {
  const allow = rule({ name: 'Allow443', priority: 100, access: 'Allow', destinationPorts: ['443'] });
  const deny = rule({ name: 'Deny443', priority: 200, access: 'Deny', destinationPorts: ['443'] });
  const flow = inbound({ ip: '52.1.2.3' }, { ip: '10.0.0.4' }, 443);

  it('a lower priority number wins, whatever the array order', () => {
    expect(evaluateNsg([deny, allow], flow, ctx).rule.name).toBe('Allow443');
    const swapped = [{ ...allow, priority: 300 }, deny];
    const r = evaluateNsg(swapped, flow, ctx);
    expect(r.access).toBe('Deny');
    expect(r.rule.name).toBe('Deny443');
  });

  it('first match wins; non-matching rules are traced as no', () => {
    const other = rule({ name: 'Deny80', priority: 50, access: 'Deny', destinationPorts: ['80'] });
    const r = evaluateNsg([other, allow, deny], flow, ctx);
    expect(r.rule.name).toBe('Allow443');
    expect(r.trace.map((t) => [t.rule, t.matched])).toEqual([
      ['Deny80', 'no'],
      ['Allow443', 'yes'],
    ]);
    expect(r.trace[0]!.why).toContain('443 not in 80');
  });

  it('only rules of the flow direction count', () => {
    const out = rule({ name: 'DenyOut', priority: 100, access: 'Deny', direction: 'Outbound' });
    expect(evaluateNsg([out, allow], flow, ctx).rule.name).toBe('Allow443');
  });

  it('protocol * matches all, a specific protocol only itself', () => {
    const udp = rule({ name: 'DenyUdp', priority: 100, access: 'Deny', protocol: 'Udp' });
    expect(evaluateNsg([udp, { ...allow, priority: 200 }], flow, ctx).rule.name).toBe('Allow443');
    expect(evaluateNsg([udp, { ...allow, priority: 200 }], { ...flow, protocol: 'Udp' }, ctx).rule.name).toBe('DenyUdp');
  });
});

describe('service tags', () => {
  it('GatewayManager: allowed on the v2 range, denied below it', () => {
    const ok = evaluateNsg([allowGwm], gatewayManager(65200), ctx);
    expect([ok.access, ok.rule.name, ok.certainty, ok.partial]).toEqual(['Allow', 'AllowGwm', 'certain', false]);
    const low = evaluateNsg([allowGwm], gatewayManager(65199), ctx);
    expect([low.access, low.rule.name, low.certainty]).toEqual(['Deny', 'DenyAllInBound', 'certain']);
  });

  it('GatewayManager: a v1 range with stray whitespace does not cover v2 ports', () => {
    const v1 = { ...allowGwm, destinationPorts: ['65503-65534 '] };
    expect(evaluateNsg([v1], gatewayManager(65503), ctx).access).toBe('Allow');
    expect(evaluateNsg([v1], gatewayManager(65200), ctx).access).toBe('Deny');
  });

  it('GatewayManager: a rule on another tag does not match it; VirtualNetwork and private prefixes certainly not', () => {
    const denyPrivate = rule({ name: 'DenyPrivate', priority: 90, access: 'Deny', sourcePrefixes: ['10.0.0.0/8', 'VirtualNetwork'] });
    const r = evaluateNsg([denyPrivate, allowGwm], gatewayManager(65300), ctx);
    expect([r.access, r.certainty]).toEqual(['Allow', 'certain']);
    expect(r.trace[0]!.matched).toBe('no');
  });

  it('GatewayManager: a Deny on Internet above the allow makes the answer uncertain', () => {
    const denyInternet = rule({ name: 'DenyInternet', priority: 90, access: 'Deny', sourcePrefixes: ['Internet'] });
    const r = evaluateNsg([denyInternet, allowGwm], gatewayManager(65300), ctx);
    expect([r.access, r.rule.name, r.certainty]).toEqual(['Allow', 'AllowGwm', 'uncertain']);
    expect(r.uncertainRules).toEqual(['DenyInternet']);
    expect(r.trace[0]!.matched).toBe('uncertain');
  });

  it('GatewayManager as a rule cannot be matched against an address offline', () => {
    const r = evaluateNsg([allowGwm], inbound({ ip: '52.1.2.3' }, { prefix: GW_SUBNET }, 65200), ctx);
    expect([r.access, r.certainty]).toEqual(['Deny', 'uncertain']);
    expect(r.trace[0]!.matched).toBe('uncertain');
  });

  it('AzureLoadBalancer: a custom Deny overrides the default; the tag and 168.63.129.16 both match', () => {
    const deny = rule({ name: 'DenyLb', priority: 100, access: 'Deny', sourcePrefixes: ['AzureLoadBalancer'] });
    for (const source of [{ tag: 'AzureLoadBalancer' }, { ip: '168.63.129.16' }]) {
      const r = evaluateNsg([deny], inbound(source, { prefix: GW_SUBNET }, 80), ctx);
      expect([r.access, r.rule.name, r.certainty]).toEqual(['Deny', 'DenyLb', 'certain']);
    }
    const other = evaluateNsg([deny], inbound({ ip: '10.0.1.4' }, { prefix: GW_SUBNET }, 80), ctx);
    expect(other.rule.name).toBe('AllowVnetInBound');
  });

  it('VirtualNetwork means the context prefixes (peered spaces included when given)', () => {
    const flow = inbound({ ip: '10.1.0.4' }, { ip: '10.0.0.4' }, 80);
    expect(evaluateNsg([], flow, ctx).rule.name).toBe('DenyAllInBound');
    const peered = { virtualNetworkPrefixes: ['10.0.0.0/16', '10.1.0.0/16'] };
    expect(evaluateNsg([], flow, peered).rule.name).toBe('AllowVnetInBound');
  });

  it('VirtualNetwork as an endpoint without context prefixes is unknown, not public', () => {
    const deny = rule({ name: 'DenyTen', priority: 100, access: 'Deny', sourcePrefixes: ['10.0.0.0/8'] });
    const r = evaluateNsg([deny], inbound({ tag: 'VirtualNetwork' }, { ip: '10.0.0.4' }, 80), { virtualNetworkPrefixes: [] });
    expect(r.trace[0]!.matched).toBe('uncertain');
  });

  it('Internet: public addresses outside the VNet only', () => {
    const deny = rule({ name: 'DenyInternet', priority: 100, access: 'Deny', sourcePrefixes: ['Internet'] });
    const from = (source: Flow['source']) => evaluateNsg([deny], inbound(source, { ip: '10.0.0.4' }, 80), ctx).rule.name;
    expect(from({ ip: '52.1.2.3' })).toBe('DenyInternet');
    expect(from({ tag: 'Internet' })).toBe('DenyInternet');
    expect(from({ ip: '10.0.1.4' })).toBe('AllowVnetInBound');
    expect(from({ ip: '192.168.1.1' })).toBe('DenyAllInBound');
    expect(from({ ip: '168.63.129.16' })).toBe('AllowVnetInBound');
  });

  it('other tags: same tag (or its regional part) matches, an address is uncertain', () => {
    const allow = rule({ name: 'AllowStorage', priority: 100, access: 'Allow', direction: 'Outbound', destinationPrefixes: ['Storage'] });
    const deny = rule({ name: 'DenyAll', priority: 200, access: 'Deny', direction: 'Outbound' });
    const tagged = evaluateNsg([allow, deny], outbound({ ip: '10.0.0.4' }, { tag: 'Storage.WestUS' }, 443), ctx);
    expect([tagged.access, tagged.certainty]).toEqual(['Allow', 'certain']);
    const ip = evaluateNsg([allow, deny], outbound({ ip: '10.0.0.4' }, { ip: '52.1.2.3' }, 443), ctx);
    expect([ip.access, ip.rule.name, ip.certainty]).toEqual(['Deny', 'DenyAll', 'uncertain']);
    expect(ip.uncertainRules).toEqual(['AllowStorage']);
  });
});

describe('endpoints given as a whole prefix', () => {
  const toBackend = (source: Flow['source']) => inbound(source, { ip: '10.0.1.4' }, 80);

  it('a Deny covering part of the gateway subnet still blocks (partial)', () => {
    const deny = rule({ name: 'DenyHalf', priority: 100, access: 'Deny', sourcePrefixes: ['10.0.0.0/25'] });
    const r = evaluateNsg([deny], toBackend({ prefix: GW_SUBNET }), ctx);
    expect([r.access, r.rule.name, r.partial, r.certainty]).toEqual(['Deny', 'DenyHalf', true, 'certain']);
    expect(r.trace[0]!.matched).toBe('partial');
    expect(r.summary).toContain('part');
  });

  it('a Deny covering the whole subnet is a plain match', () => {
    const deny = rule({ name: 'DenyWide', priority: 100, access: 'Deny', sourcePrefixes: ['10.0.0.0/16'] });
    const r = evaluateNsg([deny], toBackend({ prefix: GW_SUBNET }), ctx);
    expect([r.partial, r.trace[0]!.matched]).toEqual([false, 'yes']);
  });

  it('a Deny covering none of it does not match', () => {
    const deny = rule({ name: 'DenyOther', priority: 100, access: 'Deny', sourcePrefixes: ['10.0.5.0/24'] });
    expect(evaluateNsg([deny], toBackend({ prefix: GW_SUBNET }), ctx).rule.name).toBe('AllowVnetInBound');
  });

  it('two partial Allows that together cover the subnet allow it', () => {
    const a = rule({ name: 'AllowLow', priority: 100, access: 'Allow', sourcePrefixes: ['10.0.0.0/25'] });
    const b = rule({ name: 'AllowHigh', priority: 110, access: 'Allow', sourcePrefixes: ['10.0.0.128/25'] });
    const deny = rule({ name: 'DenyRest', priority: 120, access: 'Deny' });
    const r = evaluateNsg([a, b, deny], toBackend({ prefix: GW_SUBNET }), ctx);
    expect([r.access, r.rule.name, r.certainty]).toEqual(['Allow', 'AllowHigh', 'certain']);
    expect(r.trace.map((t) => t.matched)).toEqual(['partial', 'yes']);
  });

  it('a partial Allow followed by a Deny is a partial Deny', () => {
    const a = rule({ name: 'AllowLow', priority: 100, access: 'Allow', sourcePrefixes: ['10.0.0.0/25'] });
    const deny = rule({ name: 'DenyRest', priority: 120, access: 'Deny' });
    const r = evaluateNsg([a, deny], toBackend({ prefix: GW_SUBNET }), ctx);
    expect([r.access, r.rule.name, r.partial]).toEqual(['Deny', 'DenyRest', true]);
  });
});

describe('uncertainty', () => {
  const asg = [{ id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.Network/applicationSecurityGroups/web', name: 'web' }];
  const flow = inbound({ prefix: GW_SUBNET }, { ip: '10.0.1.4' }, 80);

  it('an ASG Deny above the deciding Allow makes the Allow uncertain', () => {
    const deny = rule({ name: 'DenyWeb', priority: 100, access: 'Deny', destinationPrefixes: [], destinationApplicationSecurityGroups: asg });
    const r = evaluateNsg([deny], flow, ctx);
    expect([r.access, r.rule.name, r.certainty]).toEqual(['Allow', 'AllowVnetInBound', 'uncertain']);
    expect(r.trace[0]!.matched).toBe('uncertain');
    expect(r.trace[0]!.why).toContain('application security group web');
  });

  it('an ASG Allow above DenyAll makes the Deny uncertain', () => {
    const allow = rule({ name: 'AllowWeb', priority: 100, access: 'Allow', sourcePrefixes: [], sourceApplicationSecurityGroups: asg });
    const r = evaluateNsg([allow], inbound({ ip: '52.1.2.3' }, { ip: '10.0.1.4' }, 80), ctx);
    expect([r.access, r.rule.name, r.certainty, r.uncertainRules]).toEqual(['Deny', 'DenyAllInBound', 'uncertain', ['AllowWeb']]);
  });

  it('an uncertain rule with the same access as the answer does not make it uncertain', () => {
    const allow = rule({ name: 'AllowWeb', priority: 100, access: 'Allow', destinationPrefixes: [], destinationApplicationSecurityGroups: asg });
    expect(evaluateNsg([allow], flow, ctx).certainty).toBe('certain');
  });

  it('an ASG rule never matches a service-tag source', () => {
    const deny = rule({ name: 'DenyWeb', priority: 90, access: 'Deny', sourcePrefixes: [], sourceApplicationSecurityGroups: asg });
    const r = evaluateNsg([deny, allowGwm], gatewayManager(65200), ctx);
    expect([r.access, r.certainty]).toEqual(['Allow', 'certain']);
  });

  it('an unknown source port makes a source-port rule uncertain; a known one decides', () => {
    const deny = rule({ name: 'DenyHighSrc', priority: 100, access: 'Deny', sourcePorts: ['1024-65535'] });
    const unknown = evaluateNsg([deny], flow, ctx);
    expect([unknown.access, unknown.certainty]).toEqual(['Allow', 'uncertain']);
    const known = evaluateNsg([deny], { ...flow, sourcePort: 50000 }, ctx);
    expect([known.access, known.rule.name, known.certainty]).toEqual(['Deny', 'DenyHighSrc', 'certain']);
  });
});

describe('subnet + NIC', () => {
  const subnetNsg = { name: 'nsg-subnet', rules: [rule({ name: 'AllowAll', priority: 100, access: 'Allow', direction: 'Inbound' }), rule({ name: 'AllowAllOut', priority: 100, access: 'Allow', direction: 'Outbound' })] };
  const nicNsg = { name: 'nsg-nic', rules: [rule({ name: 'DenyAll80', priority: 100, access: 'Deny', destinationPorts: ['80'] }), rule({ name: 'DenyOut', priority: 100, access: 'Deny', direction: 'Outbound' })] };
  const flow = inbound({ prefix: GW_SUBNET }, { ip: '10.0.1.4' }, 80);

  it('denied if either denies; inbound is subnet then NIC', () => {
    const r = evaluatePath({ subnet: subnetNsg, nic: nicNsg }, flow, ctx);
    expect([r.access, r.deniedBy?.level, r.deniedBy?.nsg, r.certainty]).toEqual(['Deny', 'nic', 'nsg-nic', 'certain']);
    expect(r.steps.map((s) => s.level)).toEqual(['subnet', 'nic']);
  });

  it('outbound is NIC then subnet', () => {
    const out = evaluatePath({ subnet: subnetNsg, nic: nicNsg }, outbound({ ip: '10.0.1.4' }, { prefix: GW_SUBNET }, 80), ctx);
    expect(out.steps.map((s) => s.level)).toEqual(['nic', 'subnet']);
    expect(out.deniedBy?.level).toBe('nic');
  });

  it('both allow → allow; no NSG → allow', () => {
    expect(evaluatePath({ subnet: subnetNsg }, flow, ctx).access).toBe('Allow');
    const none = evaluatePath({}, flow, ctx);
    expect([none.access, none.steps.length]).toEqual(['Allow', 0]);
  });

  it('a model NetworkSecurityGroup gets the defaults when its defaultRules are empty', () => {
    const nsg = { id: 'x', name: 'nsg-model', source: { document: '', pointer: '' }, securityRules: [], defaultRules: [], subnets: [], networkInterfaces: [] };
    const r = evaluatePath({ subnet: nsg }, inbound({ ip: '52.1.2.3' }, { ip: '10.0.1.4' }, 80), ctx);
    expect([r.access, r.deniedBy?.result.rule.name]).toEqual(['Deny', 'DenyAllInBound']);
  });
});

describe('effective rules', () => {
  const eff = (p: Partial<EffectiveSecurityRule> & Pick<EffectiveSecurityRule, 'name' | 'priority' | 'access'>): EffectiveSecurityRule => ({
    direction: 'Inbound',
    protocol: 'All',
    sourcePrefixes: ['0.0.0.0/0'],
    destinationPrefixes: ['0.0.0.0/0'],
    sourcePorts: ['0-65535'],
    destinationPorts: ['0-65535'],
    ...p,
  });
  const rules = [
    eff({ name: 'securityRules/DenyRedis', priority: 100, access: 'Deny', protocol: 'Tcp', destinationPorts: ['6579-6579'] }),
    eff({ name: 'defaultSecurityRules/AllowVnetInBound', priority: 65000, access: 'Allow', sourcePrefixes: ['10.0.0.0/25', '10.0.0.128/25', '168.63.129.16/32'], destinationPrefixes: ['10.0.0.0/16'] }),
    eff({ name: 'defaultSecurityRules/DenyAllInBound', priority: 65500, access: 'Deny' }),
  ];

  it('protocol All, 0-65535 and expanded prefixes (union covers the subnet)', () => {
    const r = evaluateEffective(rules, inbound({ prefix: GW_SUBNET }, { ip: '10.0.1.4' }, 80), ctx);
    expect([r.access, r.rule.name, r.certainty, r.partial]).toEqual(['Allow', 'defaultSecurityRules/AllowVnetInBound', 'certain', false]);
  });

  it('single-port ranges like 6579-6579 match exactly', () => {
    expect(evaluateEffective(rules, inbound({ ip: '10.0.0.4' }, { ip: '10.0.1.4' }, 6579), ctx).rule.name).toBe('securityRules/DenyRedis');
    expect(evaluateEffective(rules, inbound({ ip: '10.0.0.4' }, { ip: '10.0.1.4' }, 6580), ctx).rule.name).toBe('defaultSecurityRules/AllowVnetInBound');
    expect(evaluateEffective(rules, inbound({ ip: '10.0.0.4' }, { ip: '10.0.1.4' }, 6579, 'Udp'), ctx).rule.name).toBe('defaultSecurityRules/AllowVnetInBound');
  });

  it('defaults are not added: with no matching rule the result is the implicit deny', () => {
    const r = evaluateEffective([rules[1]!], inbound({ ip: '52.1.2.3' }, { ip: '10.0.1.4' }, 80), ctx);
    expect([r.access, r.rule.name, r.summary]).toEqual(['Deny', 'DenyAllInBound', 'Denied by DenyAllInBound (65500) (no listed rule matched)']);
  });

  it('evaluateEffectivePath combines the subnet and NIC associations', () => {
    const subnet = { id: '/x/subnets/backend', name: 'backend' };
    const nic = { id: '/x/networkInterfaces/nic1', name: 'nic1' };
    const r = evaluateEffectivePath(
      [
        { networkInterface: nic, networkSecurityGroup: { id: 'n', name: 'nsg-nic' }, rules: [eff({ name: 'DenyAll', priority: 100, access: 'Deny' })] },
        { subnet, networkSecurityGroup: { id: 's', name: 'nsg-subnet' }, rules },
      ],
      inbound({ ip: '10.0.0.4' }, { ip: '10.0.1.4' }, 80),
      ctx,
    );
    expect(r.steps.map((s) => [s.level, s.nsg, s.result.access])).toEqual([
      ['subnet', 'nsg-subnet', 'Allow'],
      ['nic', 'nsg-nic', 'Deny'],
    ]);
    expect([r.access, r.deniedBy?.nsg]).toEqual(['Deny', 'nsg-nic']);
  });
});
