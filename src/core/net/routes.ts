/**
 * Route selection for one destination address, as Azure does it
 * (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview): the longest prefix that
 * contains the address wins; when user, BGP and system routes have the same prefix, user beats BGP beats system.
 */
import type { EffectiveRoute, Route } from '../model/types';
import { isIp, isPrivate, parseCidr, prefixContains, prefixContainsPrefix, PRIVATE_V4_PREFIXES } from './cidr';

export type RouteOrigin = 'User' | 'BGP' | 'System';

export interface RouteTraceEntry {
  route: string;
  prefix: string;
  origin: RouteOrigin;
  matched: 'yes' | 'no' | 'uncertain';
  why: string;
}

export interface RouteSelection<R> {
  /** The winning route; absent when no route contains the address (Azure then drops the packet). */
  route?: R;
  origin?: RouteOrigin;
  prefix?: string;
  /** `VnetLocal`, `Internet`, `VirtualAppliance`, `VirtualNetworkGateway`, `None`, ... (`None` when no route). */
  nextHopType: string;
  nextHopIpAddress?: string;
  /** Uncertain when a route names a service tag that might contain the address (not expandable offline). */
  certainty: 'certain' | 'uncertain';
  summary: string;
  trace: RouteTraceEntry[];
}

const NO_SOURCE = { document: '', pointer: '' };

/**
 * Azure's default system routes for a subnet: each VNet address range → VnetLocal, 0.0.0.0/0 → Internet,
 * and 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10 → None. A reserved range inside the VNet
 * address space loses its None route: the docs say Azure changes it to "Virtual network" when the range is
 * assigned to the address space, and removes it when an address range that includes it is assigned
 * (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview). Peered address spaces,
 * when given, get the optional VNetPeering system route.
 */
export function systemRoutes(vnetPrefixes: readonly string[], peeredPrefixes: readonly string[] = []): Route[] {
  const valid = (list: readonly string[]) => list.map((p) => p.trim()).filter((p) => parseCidr(p) !== undefined);
  const space = valid(vnetPrefixes);
  const routes: Route[] = space.map((p) => ({
    name: `VnetLocal ${p}`,
    addressPrefix: p,
    nextHopType: 'VnetLocal',
    source: { ...NO_SOURCE },
  }));
  // Optional system route: peering adds one route per address range of the peered VNet (same page).
  for (const p of valid(peeredPrefixes)) {
    routes.push({ name: `VNetPeering ${p}`, addressPrefix: p, nextHopType: 'VNetPeering', source: { ...NO_SOURCE } });
  }
  routes.push({ name: 'Internet 0.0.0.0/0', addressPrefix: '0.0.0.0/0', nextHopType: 'Internet', source: { ...NO_SOURCE } });
  for (const reserved of PRIVATE_V4_PREFIXES) {
    if (space.some((p) => prefixContainsPrefix(p, reserved))) continue;
    routes.push({ name: `None ${reserved}`, addressPrefix: reserved, nextHopType: 'None', source: { ...NO_SOURCE } });
  }
  return routes;
}

interface Candidate<R> {
  route: R;
  name: string;
  prefix: string;
  origin: RouteOrigin;
  nextHopType: string;
  nextHopIpAddress?: string;
}

const ORIGIN_RANK: Record<RouteOrigin, number> = { User: 0, BGP: 1, System: 2 };

function select<R>(destinationIp: string, candidates: Candidate<R>[]): RouteSelection<R> | undefined {
  if (!isIp(destinationIp)) return undefined;
  const ip = destinationIp.trim();
  const trace: RouteTraceEntry[] = [];
  let best: { c: Candidate<R>; length: number } | undefined;
  let unsure = false;
  for (const c of candidates) {
    const base = { route: c.name, prefix: c.prefix, origin: c.origin };
    const cidr = parseCidr(c.prefix);
    if (!cidr) {
      // A service tag as the route prefix (allowed in UDRs, expanded by Azure, not offline). Service tags
      // other than VirtualNetwork are Azure public ranges, so a private address cannot be in one.
      if (isPrivate(ip) && c.prefix.trim().toLowerCase() !== 'virtualnetwork') {
        trace.push({ ...base, matched: 'no', why: `${ip} is private; service tag ${c.prefix} holds public ranges` });
      } else {
        unsure = true;
        trace.push({ ...base, matched: 'uncertain', why: `${c.prefix} is not a prefix (service tag?): cannot be expanded offline` });
      }
      continue;
    }
    if (!prefixContains(c.prefix, ip)) {
      trace.push({ ...base, matched: 'no', why: `${c.prefix} does not contain ${ip}` });
      continue;
    }
    trace.push({ ...base, matched: 'yes', why: `${c.prefix} contains ${ip} (/${cidr.length})` });
    if (
      !best ||
      cidr.length > best.length ||
      (cidr.length === best.length && ORIGIN_RANK[c.origin] < ORIGIN_RANK[best.c.origin])
    ) {
      best = { c, length: cidr.length };
    }
  }
  const certainty = unsure ? 'uncertain' : 'certain';
  if (!best) {
    return {
      nextHopType: 'None',
      certainty,
      summary: `no route contains ${ip}: the packet is dropped`,
      trace,
    };
  }
  const { c } = best;
  const hop = c.nextHopIpAddress ? `${c.nextHopType} ${c.nextHopIpAddress}` : c.nextHopType;
  return {
    route: c.route,
    origin: c.origin,
    prefix: c.prefix,
    nextHopType: c.nextHopType,
    ...(c.nextHopIpAddress ? { nextHopIpAddress: c.nextHopIpAddress } : {}),
    certainty,
    summary: `${ip} → ${hop} via ${c.origin.toLowerCase()} route ${c.name} (${c.prefix}, longest match)`,
    trace,
  };
}

export interface RouteOptions {
  userRoutes?: readonly Route[];
  /** Routes learned over BGP (VPN / ExpressRoute gateway). */
  bgpRoutes?: readonly Route[];
  /** The VNet's address space, for the system routes. */
  vnetPrefixes: readonly string[];
  /** Address spaces of peered VNets, when known (each gets a VNetPeering system route). */
  peeredPrefixes?: readonly string[];
  /**
   * The route table's "propagate gateway routes" turned off: BGP routes are not added to the subnet
   * (https://learn.microsoft.com/azure/virtual-network/virtual-networks-udr-overview).
   */
  disableBgpRoutePropagation?: boolean;
}

/** Pick the route for `destinationIp`; undefined when it is not an address. */
export function selectRoute(destinationIp: string, opts: RouteOptions): RouteSelection<Route> | undefined {
  const wrap = (origin: RouteOrigin) => (r: Route): Candidate<Route> => ({
    route: r,
    name: r.name,
    prefix: r.addressPrefix,
    origin,
    nextHopType: r.nextHopType,
    ...(r.nextHopIpAddress ? { nextHopIpAddress: r.nextHopIpAddress } : {}),
  });
  const candidates = [
    ...(opts.userRoutes ?? []).map(wrap('User')),
    ...(opts.disableBgpRoutePropagation ? [] : (opts.bgpRoutes ?? []).map(wrap('BGP'))),
    ...systemRoutes(opts.vnetPrefixes, opts.peeredPrefixes).map(wrap('System')),
  ];
  return select(destinationIp, candidates);
}

/** Map Get-AzEffectiveRouteTable's `Source` to an origin: User, VirtualNetworkGateway (BGP), Default (system). */
function effectiveOrigin(source: string): RouteOrigin {
  const s = source.trim().toLowerCase();
  if (s === 'user') return 'User';
  if (s === 'virtualnetworkgateway') return 'BGP';
  return 'System';
}

/** The same over effective routes: only `Active` ones count (Azure marks overridden routes `Invalid`). */
export function selectEffectiveRoute(
  destinationIp: string,
  routes: readonly EffectiveRoute[],
): RouteSelection<EffectiveRoute> | undefined {
  const candidates: Candidate<EffectiveRoute>[] = [];
  for (const r of routes) {
    if ((r.state ?? '').trim().toLowerCase() !== 'active') continue;
    for (const prefix of r.addressPrefixes) {
      const hopIp = r.nextHopIpAddresses.find((a) => a.trim() !== '');
      candidates.push({
        route: r,
        name: r.name || `${r.source} ${prefix}`,
        prefix,
        origin: effectiveOrigin(r.source),
        nextHopType: r.nextHopType,
        ...(hopIp ? { nextHopIpAddress: hopIp.trim() } : {}),
      });
    }
  }
  return select(destinationIp, candidates);
}
