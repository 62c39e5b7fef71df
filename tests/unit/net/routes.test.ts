import { describe, expect, it } from 'vitest';
import type { EffectiveRoute, Route } from '../../../src/core/model/types';
import { selectEffectiveRoute, selectRoute, systemRoutes } from '../../../src/core/net/routes';

const src = { document: 'test', pointer: '' };
const route = (name: string, addressPrefix: string, nextHopType: string, nextHopIpAddress?: string): Route => ({
  name,
  addressPrefix,
  nextHopType,
  ...(nextHopIpAddress ? { nextHopIpAddress } : {}),
  source: src,
});
const vnetPrefixes = ['10.0.0.0/16'];

describe('systemRoutes', () => {
  it('VNet space → VnetLocal, 0.0.0.0/0 → Internet, reserved ranges → None', () => {
    expect(systemRoutes(vnetPrefixes).map((r) => [r.addressPrefix, r.nextHopType])).toEqual([
      ['10.0.0.0/16', 'VnetLocal'],
      ['0.0.0.0/0', 'Internet'],
      ['10.0.0.0/8', 'None'],
      ['172.16.0.0/12', 'None'],
      ['192.168.0.0/16', 'None'],
      ['100.64.0.0/10', 'None'],
    ]);
  });

  it('a reserved range inside the VNet space has no None route', () => {
    const prefixes = (space: string[]) => systemRoutes(space).filter((r) => r.nextHopType === 'None').map((r) => r.addressPrefix);
    expect(prefixes(['10.0.0.0/8'])).toEqual(['172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10']);
    expect(prefixes(['192.168.0.0/15', '100.64.0.0/10'])).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
  });

  it('peered spaces get VNetPeering routes; invalid prefixes are skipped', () => {
    const r = systemRoutes(['10.0.0.0/16', 'bogus'], ['10.1.0.0/16']);
    expect(r.filter((x) => x.nextHopType !== 'None').map((x) => [x.addressPrefix, x.nextHopType])).toEqual([
      ['10.0.0.0/16', 'VnetLocal'],
      ['10.1.0.0/16', 'VNetPeering'],
      ['0.0.0.0/0', 'Internet'],
    ]);
  });
});

describe('selectRoute', () => {
  it('system routes: inside the VNet, Internet, and the None ranges', () => {
    const hop = (ip: string) => selectRoute(ip, { vnetPrefixes })?.nextHopType;
    expect(hop('10.0.3.4')).toBe('VnetLocal');
    expect(hop('52.1.2.3')).toBe('Internet');
    expect(hop('10.1.0.4')).toBe('None');
    expect(hop('172.20.1.1')).toBe('None');
    expect(hop('192.168.1.1')).toBe('None');
    expect(hop('100.64.1.1')).toBe('None');
    expect(hop('100.128.0.1')).toBe('Internet');
    expect(selectRoute('10.1.0.4', { vnetPrefixes, peeredPrefixes: ['10.1.0.0/16'] })?.nextHopType).toBe('VNetPeering');
  });

  it('longest prefix wins over origin', () => {
    const r = selectRoute('10.1.0.4', {
      vnetPrefixes,
      userRoutes: [route('to-spoke', '10.0.0.0/8', 'VirtualAppliance', '10.0.2.4')],
      bgpRoutes: [route('bgp-spoke', '10.1.0.0/16', 'VirtualNetworkGateway')],
    })!;
    expect([r.origin, r.route?.name, r.nextHopType]).toEqual(['BGP', 'bgp-spoke', 'VirtualNetworkGateway']);
    const user = selectRoute('10.0.3.4', { vnetPrefixes, userRoutes: [route('inspect', '10.0.3.0/24', 'VirtualAppliance', '10.0.2.4')] })!;
    expect([user.origin, user.nextHopType, user.nextHopIpAddress]).toEqual(['User', 'VirtualAppliance', '10.0.2.4']);
  });

  it('ties: User > BGP > System', () => {
    const userDefault = route('udr-default', '0.0.0.0/0', 'VirtualAppliance', '10.0.2.4');
    const bgpDefault = route('bgp-default', '0.0.0.0/0', 'VirtualNetworkGateway');
    const pick = (opts: Parameters<typeof selectRoute>[1]) => selectRoute('52.1.2.3', opts)!;
    expect(pick({ vnetPrefixes, bgpRoutes: [bgpDefault], userRoutes: [userDefault] }).origin).toBe('User');
    expect(pick({ vnetPrefixes, bgpRoutes: [bgpDefault] }).origin).toBe('BGP');
    expect(pick({ vnetPrefixes }).origin).toBe('System');
  });

  it('0.0.0.0/0 to a virtual appliance overrides the Internet system route', () => {
    const r = selectRoute('52.1.2.3', { vnetPrefixes, userRoutes: [route('force', '0.0.0.0/0', 'VirtualAppliance', '10.0.2.4')] })!;
    expect([r.nextHopType, r.nextHopIpAddress, r.route?.name, r.certainty]).toEqual(['VirtualAppliance', '10.0.2.4', 'force', 'certain']);
    // ...but not for addresses inside the VNet (VnetLocal is longer).
    expect(selectRoute('10.0.1.4', { vnetPrefixes, userRoutes: [route('force', '0.0.0.0/0', 'VirtualAppliance', '10.0.2.4')] })?.nextHopType).toBe('VnetLocal');
  });

  it('disabling BGP route propagation drops BGP routes', () => {
    const bgpDefault = route('bgp-default', '0.0.0.0/0', 'VirtualNetworkGateway');
    const r = selectRoute('52.1.2.3', { vnetPrefixes, bgpRoutes: [bgpDefault], disableBgpRoutePropagation: true })!;
    expect([r.origin, r.nextHopType]).toEqual(['System', 'Internet']);
    expect(r.trace.some((t) => t.route === 'bgp-default')).toBe(false);
  });

  it('a service-tag route is uncertain for a public address and ignored for a private one', () => {
    const tagRoute = route('to-storage', 'Storage', 'VirtualAppliance', '10.0.2.4');
    const pub = selectRoute('52.1.2.3', { vnetPrefixes, userRoutes: [tagRoute] })!;
    expect([pub.nextHopType, pub.certainty]).toEqual(['Internet', 'uncertain']);
    expect(pub.trace[0]).toMatchObject({ route: 'to-storage', matched: 'uncertain' });
    expect(selectRoute('10.0.1.4', { vnetPrefixes, userRoutes: [tagRoute] })?.certainty).toBe('certain');
  });

  it('no route: IPv6 without IPv6 routes is dropped; a non-address gives undefined', () => {
    const r = selectRoute('2001:db8::1', { vnetPrefixes })!;
    expect([r.route, r.nextHopType]).toEqual([undefined, 'None']);
    expect(selectRoute('2001:db8::1', { vnetPrefixes: ['10.0.0.0/16', '2001:db8::/48'] })?.nextHopType).toBe('VnetLocal');
    expect(selectRoute('not-an-ip', { vnetPrefixes })).toBeUndefined();
    expect(selectRoute('10.0.0.0/24', { vnetPrefixes })).toBeUndefined();
  });
});

describe('selectEffectiveRoute', () => {
  const routes: EffectiveRoute[] = [
    { source: 'Default', state: 'Active', addressPrefixes: ['10.0.0.0/16'], nextHopType: 'VnetLocal', nextHopIpAddresses: [] },
    { source: 'Default', state: 'Invalid', addressPrefixes: ['0.0.0.0/0'], nextHopType: 'Internet', nextHopIpAddresses: [] },
    { name: 'force', source: 'User', state: 'Active', addressPrefixes: ['0.0.0.0/0'], nextHopType: 'VirtualAppliance', nextHopIpAddresses: ['10.0.2.4'] },
    { source: 'VirtualNetworkGateway', state: 'Active', addressPrefixes: ['192.168.0.0/16', '172.16.0.0/12'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddresses: ['10.0.255.4'] },
    { source: 'Default', state: 'Active', addressPrefixes: ['10.0.0.0/8', '100.64.0.0/10'], nextHopType: 'None', nextHopIpAddresses: [] },
  ];

  it('only Active routes count; longest prefix wins', () => {
    const r = selectEffectiveRoute('52.1.2.3', routes)!;
    expect([r.origin, r.nextHopType, r.nextHopIpAddress, r.route?.name]).toEqual(['User', 'VirtualAppliance', '10.0.2.4', 'force']);
    expect(selectEffectiveRoute('52.1.2.3', routes.filter((x) => x.source !== 'User'))?.nextHopType).toBe('None');
    expect(selectEffectiveRoute('10.0.1.4', routes)?.nextHopType).toBe('VnetLocal');
    expect(selectEffectiveRoute('10.9.1.4', routes)?.nextHopType).toBe('None');
  });

  it('every prefix of a route counts; VirtualNetworkGateway is the BGP origin', () => {
    const r = selectEffectiveRoute('172.16.5.5', routes)!;
    expect([r.origin, r.prefix, r.nextHopIpAddress]).toEqual(['BGP', '172.16.0.0/12', '10.0.255.4']);
    expect(selectEffectiveRoute('100.64.0.9', routes)?.prefix).toBe('100.64.0.0/10');
  });

  it('ties between Active routes: User > VirtualNetworkGateway > Default', () => {
    const tie: EffectiveRoute[] = [
      { source: 'Default', state: 'Active', addressPrefixes: ['10.5.0.0/16'], nextHopType: 'VNetPeering', nextHopIpAddresses: [] },
      { source: 'VirtualNetworkGateway', state: 'Active', addressPrefixes: ['10.5.0.0/16'], nextHopType: 'VirtualNetworkGateway', nextHopIpAddresses: [] },
    ];
    expect(selectEffectiveRoute('10.5.0.1', tie)?.origin).toBe('BGP');
    const withUser = [...tie, { source: 'User', state: 'Active', addressPrefixes: ['10.5.0.0/16'], nextHopType: 'VirtualAppliance', nextHopIpAddresses: ['10.0.2.4'] }];
    expect(selectEffectiveRoute('10.5.0.1', withUser)?.origin).toBe('User');
  });
});
