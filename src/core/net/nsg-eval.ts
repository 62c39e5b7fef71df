/**
 * Offline "IP flow verify": which NSG rule decides a flow, and how sure we can be without Azure.
 *
 * Semantics (https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview and
 * https://learn.microsoft.com/azure/virtual-network/network-security-group-how-it-works): rules of the flow's
 * direction are processed in ascending priority and the first match wins; subnet and NIC NSGs both apply
 * (inbound: subnet then NIC; outbound: NIC then subnet).
 *
 * An endpoint may be a whole prefix (the gateway subnet) or a service tag, so a rule can match all of it, part of
 * it, or none; the evaluator tracks the not-yet-decided part as a set of (source, destination) address pairs.
 * Where a match cannot be decided offline (an application security group, a service tag against an address)
 * the rule is "uncertain" and the answer becomes uncertain if such a rule could have decided differently.
 */
import type {
  Access,
  Direction,
  EffectiveNsgAssociation,
  EffectiveSecurityRule,
  NetworkSecurityGroup,
  Ref,
  SecurityRule,
} from '../model/types';
import {
  ALL_ADDRESSES,
  EMPTY,
  EVERYTHING,
  OPAQUE_SET,
  covers,
  fromPrefix,
  intersect,
  isEmpty,
  regionIntersect,
  regionIsEmpty,
  regionSubtract,
  subtract,
  union,
  type AddrSet,
  type Region,
} from './addrset';
import { isIp, isPrivate, parseCidr } from './cidr';
import { parsePorts, portInRanges, rangeCovers } from './ports';

export interface Endpoint {
  ip?: string;
  prefix?: string;
  tag?: string;
}

export interface Flow {
  direction: Direction;
  /** `Tcp`, `Udp`, `Icmp`, ... (case-insensitive). */
  protocol: string;
  source: Endpoint;
  /** Usually unknown (ephemeral); rules restricting source ports are then uncertain. */
  sourcePort?: number;
  destination: Endpoint;
  destinationPort: number;
}

export interface NsgContext {
  /** What the `VirtualNetwork` tag means here: the VNet's address space plus peered spaces when known. */
  virtualNetworkPrefixes: string[];
}

export type Certainty = 'certain' | 'uncertain';
export type MatchResult = 'yes' | 'no' | 'partial' | 'uncertain';

export interface TraceEntry {
  rule: string;
  priority: number;
  matched: MatchResult;
  why: string;
}

/** The fields the matcher reads; `SecurityRule` and `EffectiveSecurityRule` both have them. */
export interface MatchableRule {
  name: string;
  priority: number;
  direction: Direction;
  access: Access;
  protocol: string;
  sourcePrefixes: string[];
  destinationPrefixes: string[];
  sourcePorts: string[];
  destinationPorts: string[];
  sourceApplicationSecurityGroups?: Ref[];
  destinationApplicationSecurityGroups?: Ref[];
}

export interface NsgEvaluation<R extends MatchableRule = SecurityRule> {
  access: Access;
  /** The deciding rule: the first Deny that hits the flow, or the Allow that admits its last undecided part. */
  rule: R;
  certainty: Certainty;
  /** The Deny holds for only part of an endpoint given as a prefix or tag (the rest is allowed or undecided). */
  partial: boolean;
  /** Names of rules that could not be matched offline and could have changed the answer. */
  uncertainRules: string[];
  summary: string;
  trace: TraceEntry[];
}

// ------------------------------------------------------------------ defaults

const NO_SOURCE = { document: '', pointer: '' };

function defaultRule(
  name: string,
  priority: number,
  direction: Direction,
  access: Access,
  src: string,
  dst: string,
): SecurityRule {
  return {
    name,
    priority,
    direction,
    access,
    protocol: '*',
    sourcePrefixes: [src],
    destinationPrefixes: [dst],
    sourcePorts: ['*'],
    destinationPorts: ['*'],
    sourceApplicationSecurityGroups: [],
    destinationApplicationSecurityGroups: [],
    isDefault: true,
    source: { ...NO_SOURCE },
  };
}

/**
 * Azure's six default rules, as listed under "Default security rules" in
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
 */
export function defaultSecurityRules(): SecurityRule[] {
  return [
    defaultRule('AllowVnetInBound', 65000, 'Inbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    defaultRule('AllowAzureLoadBalancerInBound', 65001, 'Inbound', 'Allow', 'AzureLoadBalancer', '*'),
    defaultRule('DenyAllInBound', 65500, 'Inbound', 'Deny', '*', '*'),
    defaultRule('AllowVnetOutBound', 65000, 'Outbound', 'Allow', 'VirtualNetwork', 'VirtualNetwork'),
    defaultRule('AllowInternetOutBound', 65001, 'Outbound', 'Allow', '*', 'Internet'),
    defaultRule('DenyAllOutBound', 65500, 'Outbound', 'Deny', '*', '*'),
  ];
}

function denyAllDefault(direction: Direction): SecurityRule {
  const name = sameText(direction, 'Outbound') ? 'DenyAllOutBound' : 'DenyAllInBound';
  return defaultSecurityRules().find((r) => r.name === name)!;
}

// ------------------------------------------------------------------ address environment

/**
 * 168.63.129.16 is the host's virtual IP: it is what the AzureLoadBalancer tag translates to, and the
 * VirtualNetwork tag includes it ("the virtual IP address of the host"):
 * https://learn.microsoft.com/azure/virtual-network/service-tags-overview and
 * https://learn.microsoft.com/azure/virtual-network/network-security-groups-overview
 */
export const AZURE_HOST_IP = '168.63.129.16';

/**
 * IPv4 ranges that are not publicly routable (RFC 6890 special-purpose, not globally reachable), used to say
 * what the Internet tag ("outside the virtual network address and publicly reachable",
 * https://learn.microsoft.com/azure/virtual-network/service-tags-overview) cannot contain.
 */
const NON_PUBLIC_V4 = [
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.0.0.0/24',
  '192.0.2.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24', '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
];
const PUBLIC_V4: AddrSet = subtract(fromPrefix('0.0.0.0/0')!, union(...NON_PUBLIC_V4.map((p) => fromPrefix(p)!)));
/** IPv6 global unicast (2000::/3) without the documentation range. */
const PUBLIC_V6: AddrSet = subtract(fromPrefix('2000::/3')!, fromPrefix('2001:db8::/32')!);
const HOST_SET: AddrSet = fromPrefix(AZURE_HOST_IP)!;

interface Env {
  vnet: AddrSet;
  /** Public addresses outside VirtualNetwork: the Internet tag. */
  internet: AddrSet;
  hasVnetPrefixes: boolean;
}

function makeEnv(ctx: NsgContext): Env {
  const prefixes = (ctx.virtualNetworkPrefixes ?? []).map((p) => fromPrefix(p)).filter((s): s is AddrSet => !!s);
  const vnet = union(HOST_SET, ...prefixes);
  return { vnet, internet: subtract(union(PUBLIC_V4, PUBLIC_V6), vnet), hasVnetPrefixes: prefixes.length > 0 };
}

function sameText(a: string | undefined, b: string): boolean {
  return (a ?? '').trim().toLowerCase() === b.toLowerCase();
}

// ------------------------------------------------------------------ endpoints

interface EndpointModel {
  label: string;
  set: AddrSet;
  /** Lower-cased tag, when the endpoint names one. */
  tag?: string;
  /** Given only as a tag (no usable ip/prefix). */
  tagOnly: boolean;
  /** Addresses unknown offline: the set is the single opaque point. */
  opaque: boolean;
}

function modelEndpoint(e: Endpoint, env: Env): EndpointModel {
  const tag = e.tag?.trim() ? e.tag.trim().toLowerCase() : undefined;
  if (e.ip !== undefined && isIp(e.ip)) {
    return { label: e.ip.trim(), set: fromPrefix(e.ip)!, tag, tagOnly: false, opaque: false };
  }
  const prefix = e.prefix !== undefined ? fromPrefix(e.prefix) : undefined;
  if (prefix) return { label: e.prefix!.trim(), set: prefix, tag, tagOnly: false, opaque: false };
  if (tag) {
    const label = e.tag!.trim();
    const known = (set: AddrSet): EndpointModel => ({ label, set, tag, tagOnly: true, opaque: false });
    if (tag === '*' || tag === 'any') return known(ALL_ADDRESSES);
    if (tag === 'azureloadbalancer') return known(HOST_SET);
    // The Internet tag as a source: any public IPv4 address outside the VNet (IPv6 clients: pass an ip).
    if (tag === 'internet') return known(intersect(env.internet, PUBLIC_V4));
    if (tag === 'virtualnetwork' && env.hasVnetPrefixes) return known(env.vnet);
    return { label, set: OPAQUE_SET, tag, tagOnly: true, opaque: true };
  }
  const label = e.ip ?? e.prefix ?? '(unspecified endpoint)';
  return { label: `${label} (not an address)`, set: OPAQUE_SET, tagOnly: false, opaque: true };
}

// ------------------------------------------------------------------ matching one side of a rule

interface SideMatch {
  /** The part of the endpoint the side certainly matches. */
  certain: AddrSet;
  /** Something the side names might match more of the endpoint, which cannot be decided offline. */
  maybe: boolean;
  why: string;
}

/** A rule tag covers an endpoint tag when equal, or when the endpoint's tag is a regional part (`Storage.WestUS`). */
function tagCovers(ruleTag: string, endpointTag: string): boolean {
  return ruleTag === endpointTag || endpointTag.startsWith(`${ruleTag}.`);
}

function matchElement(raw: string, ep: EndpointModel, env: Env): { certain: AddrSet; maybe?: string } {
  const el = raw.trim();
  const lc = el.toLowerCase();
  if (lc === '*' || lc === 'any') return { certain: ep.set };
  if (ep.tag && tagCovers(lc, ep.tag)) return { certain: ep.set };
  if (ep.opaque) {
    if (lc === '0.0.0.0/0') return { certain: ep.set };
    // No tag, or VirtualNetwork without context prefixes: nothing is known about the addresses.
    if (!ep.tag || ep.tag === 'virtualnetwork') return { certain: EMPTY, maybe: `the addresses of ${ep.label} are unknown` };
    // A service tag other than VirtualNetwork stands for Azure public ranges outside the VNet
    // (https://learn.microsoft.com/azure/virtual-network/service-tags-overview): no private prefix, no VNet,
    // no host IP; whether the Internet tag or another tag includes them cannot be told offline.
    if (parseCidr(el)) {
      return isPrivate(el)
        ? { certain: EMPTY }
        : { certain: EMPTY, maybe: `whether ${el} holds ${ep.label} addresses is unknown offline` };
    }
    if (lc === 'virtualnetwork' || lc === 'azureloadbalancer') return { certain: EMPTY };
    return { certain: EMPTY, maybe: `whether ${el} includes ${ep.label} is unknown offline` };
  }
  const set = fromPrefix(el);
  if (set) return { certain: intersect(ep.set, set) };
  if (lc === 'virtualnetwork') return { certain: intersect(ep.set, env.vnet) };
  if (lc === 'azureloadbalancer') return { certain: intersect(ep.set, HOST_SET) };
  if (lc === 'internet') return { certain: intersect(ep.set, env.internet) };
  return { certain: EMPTY, maybe: `service tag ${el} cannot be expanded offline` };
}

function listText(items: readonly string[]): string {
  const shown = items.slice(0, 3).join(', ');
  return items.length > 3 ? `${shown}, … (${items.length - 3} more)` : shown;
}

function matchSide(
  side: 'source' | 'destination',
  prefixes: readonly string[],
  asgs: readonly Ref[] | undefined,
  ep: EndpointModel,
  env: Env,
): SideMatch {
  const elements = prefixes.flatMap((p) => p.split(',')).filter((p) => p.trim() !== '');
  let certain: AddrSet = EMPTY;
  const hits: string[] = [];
  const maybes: string[] = [];
  for (const el of elements) {
    const m = matchElement(el, ep, env);
    if (!isEmpty(m.certain)) {
      certain = union(certain, m.certain);
      hits.push(el.trim());
    }
    if (m.maybe) maybes.push(m.maybe);
  }
  if (asgs && asgs.length > 0) {
    const names = asgs.map((a) => a.name || a.id).join(', ');
    // ASG members are NIC IP configurations in the VNet, so a service-tag endpoint is never one.
    if (ep.tagOnly && ep.tag !== 'virtualnetwork' && ep.tag !== '*' && ep.tag !== 'any') {
      // no match; fall through
    } else maybes.push(`application security group ${names}: membership is not known offline`);
  }
  let why: string;
  if (!isEmpty(certain) && covers(certain, ep.set)) why = `${side} ${listText(hits)} matches ${ep.label}`;
  else if (!isEmpty(certain)) why = `${side} ${listText(hits)} covers only part of ${ep.label}`;
  else if (maybes.length) why = `${side}: ${maybes[0]}`;
  else if (elements.length === 0 && !(asgs && asgs.length)) why = `${side}: the rule names no prefix`;
  else why = `${side} ${listText(elements.length ? elements.map((e) => e.trim()) : ['(ASG)'])} does not match ${ep.label}`;
  if (!isEmpty(certain) && maybes.length) why += `; ${maybes[0]}`;
  return { certain, maybe: maybes.length > 0 && !covers(certain, ep.set), why };
}

type Tri = { result: 'yes' | 'no' | 'maybe'; why: string };

function matchProtocol(rule: MatchableRule, flow: Flow): Tri {
  const rp = rule.protocol.trim().toLowerCase();
  const fp = flow.protocol.trim().toLowerCase();
  if (rp === '*' || rp === 'all' || rp === 'any' || rp === fp) return { result: 'yes', why: `protocol ${rule.protocol}` };
  if (fp === '*' || fp === 'all' || fp === 'any') return { result: 'maybe', why: `protocol ${rule.protocol} is only part of ${flow.protocol}` };
  return { result: 'no', why: `protocol ${rule.protocol} is not ${flow.protocol}` };
}

function matchPorts(specs: readonly string[], port: number | undefined, what: string): Tri {
  const { invalid } = parsePorts(specs);
  const shown = listText(specs.map((s) => s.trim()));
  if (port === undefined) {
    return rangeCovers(specs, 0, 65535)
      ? { result: 'yes', why: `${what} any` }
      : { result: 'maybe', why: `${what} not given; the rule allows only ${shown}` };
  }
  if (portInRanges(port, specs)) return { result: 'yes', why: `${what} ${port} in ${shown}` };
  if (invalid.length) return { result: 'maybe', why: `${what} spec ${invalid.join(', ')} is not understood` };
  return { result: 'no', why: `${what} ${port} not in ${shown || '(none)'}` };
}

// ------------------------------------------------------------------ evaluation

function regionMinusRegion(a: Region, b: Region): Region {
  return b.reduce((acc, rect) => regionSubtract(acc, rect.src, rect.dst), a);
}

function ruleLabel(r: MatchableRule): string {
  return `${r.name} (${r.priority})`;
}

function evaluateRules<R extends MatchableRule>(rules: readonly R[], flow: Flow, ctx: NsgContext, fallback: R): NsgEvaluation<R> {
  const env = makeEnv(ctx);
  const src = modelEndpoint(flow.source, env);
  const dst = modelEndpoint(flow.destination, env);
  const ordered = rules
    .map((r, i) => ({ r, i }))
    .filter(({ r }) => sameText(r.direction, flow.direction))
    .sort((a, b) => a.r.priority - b.r.priority || a.i - b.i)
    .map(({ r }) => r);

  let region: Region = [{ src: src.set, dst: dst.set }];
  const trace: TraceEntry[] = [];
  const uncertain: { rule: R; area: Region }[] = [];
  let allowedSome = false;

  const finish = (access: Access, rule: R, certainty: Certainty, partial: boolean, note: string): NsgEvaluation<R> => {
    const against = uncertain.filter((u) => u.rule.access !== access).map((u) => u.rule.name);
    const uncertainRules = certainty === 'uncertain' ? against : [];
    let summary = `${access === 'Allow' ? 'Allowed' : 'Denied'} by ${ruleLabel(rule)}${note}`;
    if (uncertainRules.length) summary += `; uncertain: ${listText(uncertainRules)} could not be matched offline and would decide otherwise if it matched`;
    return { access, rule, certainty, partial, uncertainRules, summary, trace };
  };

  for (const rule of ordered) {
    const base = { rule: rule.name, priority: rule.priority };
    const proto = matchProtocol(rule, flow);
    const dport = matchPorts(rule.destinationPorts, flow.destinationPort, 'destination port');
    const sport = matchPorts(rule.sourcePorts, flow.sourcePort, 'source port');
    const scalarNo = [proto, dport, sport].find((t) => t.result === 'no');
    if (scalarNo) {
      trace.push({ ...base, matched: 'no', why: scalarNo.why });
      continue;
    }
    const scalarsCertain = proto.result === 'yes' && dport.result === 'yes' && sport.result === 'yes';
    const ms = matchSide('source', rule.sourcePrefixes, rule.sourceApplicationSecurityGroups, src, env);
    const md = matchSide('destination', rule.destinationPrefixes, rule.destinationApplicationSecurityGroups, dst, env);

    const hit = scalarsCertain ? regionIntersect(region, ms.certain, md.certain) : [];
    const possible = regionIntersect(region, ms.maybe ? EVERYTHING : ms.certain, md.maybe ? EVERYTHING : md.certain);
    const unsure = scalarsCertain ? regionSubtract(possible, ms.certain, md.certain) : possible;
    const rest = regionIsEmpty(hit) ? region : regionSubtract(region, ms.certain, md.certain);

    const matched: MatchResult = !regionIsEmpty(hit)
      ? regionIsEmpty(rest) ? 'yes' : 'partial'
      : !regionIsEmpty(unsure) ? 'uncertain' : 'no';
    // For a miss, name only the side(s) that miss; both sides matching yet missing means earlier rules took it.
    const missing = [ms, md].filter((m) => isEmpty(m.certain) && !m.maybe).map((m) => m.why);
    const whyParts =
      matched !== 'no' ? [ms.why, md.why] : missing.length ? missing : ['what it matches was decided by earlier rules'];
    for (const t of [proto, dport, sport]) if (t.result === 'maybe') whyParts.push(t.why);
    if (matched === 'yes' && allowedSome) whyParts.push('covers what earlier rules left undecided');
    if (matched === 'partial' && rule.access === 'Deny') {
      whyParts.push('a Deny that covers part of the endpoint still blocks the addresses (instances) in that part');
    }
    trace.push({ ...base, matched, why: whyParts.join('; ') });
    if (!regionIsEmpty(unsure)) uncertain.push({ rule, area: unsure });
    if (regionIsEmpty(hit)) continue;

    if (sameText(rule.access, 'Deny')) {
      // Certain if some denied pair lies outside every area an earlier uncertain Allow might have taken.
      const allowMaybe = uncertain.filter((u) => sameText(u.rule.access, 'Allow')).flatMap((u) => u.area);
      const surelyDenied = regionMinusRegion(hit, allowMaybe);
      const partial = matched === 'partial' || allowedSome;
      const note = partial
        ? ` for part of the flow (source ${src.label}, destination ${dst.label}): a Deny covering part of a subnet still blocks the instances there`
        : '';
      return finish('Deny', rule, regionIsEmpty(surelyDenied) ? 'uncertain' : 'certain', partial, note);
    }
    allowedSome = true;
    region = rest;
    if (regionIsEmpty(region)) {
      const denyMaybe = uncertain.some((u) => sameText(u.rule.access, 'Deny'));
      return finish('Allow', rule, denyMaybe ? 'uncertain' : 'certain', false, '');
    }
  }
  // No rule decided what is left: Azure's DenyAll default would (it is always present in a real NSG).
  const allowMaybe = uncertain.filter((u) => sameText(u.rule.access, 'Allow')).flatMap((u) => u.area);
  trace.push({ rule: fallback.name, priority: fallback.priority, matched: allowedSome ? 'partial' : 'yes', why: 'no listed rule matched: implicit deny' });
  return finish(
    'Deny',
    fallback,
    regionIsEmpty(regionMinusRegion(region, allowMaybe)) ? 'uncertain' : 'certain',
    allowedSome,
    ' (no listed rule matched)',
  );
}

/**
 * Evaluate one NSG's rules (custom and default). When none of the rules is a default rule, Azure's six defaults
 * are added, as every NSG has them.
 */
export function evaluateNsg(rules: readonly SecurityRule[], flow: Flow, ctx: NsgContext): NsgEvaluation<SecurityRule> {
  const all = rules.some((r) => r.isDefault) ? rules : [...rules, ...defaultSecurityRules()];
  return evaluateRules(all, flow, ctx, denyAllDefault(flow.direction));
}

/**
 * Evaluate effective rules (Get-AzEffectiveNetworkSecurityGroup): they already list the defaults, prefixes are
 * expanded, ports look like `0-65535`, protocol may be `All`. Nothing is added.
 */
export function evaluateEffective(
  rules: readonly EffectiveSecurityRule[],
  flow: Flow,
  ctx: NsgContext,
): NsgEvaluation<EffectiveSecurityRule> {
  return evaluateRules(rules, flow, ctx, denyAllDefault(flow.direction));
}

// ------------------------------------------------------------------ subnet + NIC

export type NsgLevel = 'subnet' | 'nic';
export type NsgInput = NetworkSecurityGroup | { name: string; rules: SecurityRule[] };

export interface PathStep<R extends MatchableRule> {
  level: NsgLevel;
  nsg: string;
  result: NsgEvaluation<R>;
}

export interface PathEvaluation<R extends MatchableRule> {
  access: Access;
  certainty: Certainty;
  /** The first NSG on the path (in processing order) that denies. */
  deniedBy?: PathStep<R>;
  /** Every NSG that denies holds for only part of the endpoint. */
  partial: boolean;
  /** In processing order: inbound subnet then NIC; outbound NIC then subnet. */
  steps: PathStep<R>[];
  summary: string;
}

function combine<R extends MatchableRule>(steps: PathStep<R>[], direction: Direction): PathEvaluation<R> {
  const order: NsgLevel[] = sameText(direction, 'Outbound') ? ['nic', 'subnet'] : ['subnet', 'nic'];
  const sorted = [...steps].sort((a, b) => order.indexOf(a.level) - order.indexOf(b.level));
  const denies = sorted.filter((s) => s.result.access === 'Deny');
  if (denies.length) {
    const certain = denies.some((s) => s.result.certainty === 'certain');
    const first = denies[0]!;
    return {
      access: 'Deny',
      certainty: certain ? 'certain' : 'uncertain',
      deniedBy: first,
      partial: denies.every((s) => s.result.partial),
      steps: sorted,
      summary: `${first.level} NSG ${first.nsg}: ${first.result.summary}`,
    };
  }
  const certain = sorted.every((s) => s.result.certainty === 'certain');
  return {
    access: 'Allow',
    certainty: certain ? 'certain' : 'uncertain',
    partial: false,
    steps: sorted,
    summary: sorted.length
      ? sorted.map((s) => `${s.level} NSG ${s.nsg}: ${s.result.summary}`).join('; ')
      : 'no NSG on the path: nothing filters the flow',
  };
}

function rulesOf(nsg: NsgInput): SecurityRule[] {
  if ('rules' in nsg) return nsg.rules;
  return [...nsg.securityRules, ...(nsg.defaultRules.length ? nsg.defaultRules : defaultSecurityRules())];
}

/** Both the subnet's and the NIC's NSG apply; the flow is denied if either denies. Absent NSG = no filtering. */
export function evaluatePath(
  nsgs: { subnet?: NsgInput; nic?: NsgInput },
  flow: Flow,
  ctx: NsgContext,
): PathEvaluation<SecurityRule> {
  const steps: PathStep<SecurityRule>[] = [];
  for (const level of ['subnet', 'nic'] as const) {
    const nsg = nsgs[level];
    if (nsg) steps.push({ level, nsg: nsg.name, result: evaluateNsg(rulesOf(nsg), flow, ctx) });
  }
  return combine(steps, flow.direction);
}

/** The same over Get-AzEffectiveNetworkSecurityGroup associations (each is a subnet's or a NIC's NSG). */
export function evaluateEffectivePath(
  associations: readonly EffectiveNsgAssociation[],
  flow: Flow,
  ctx: NsgContext,
): PathEvaluation<EffectiveSecurityRule> {
  const steps = associations.map((a): PathStep<EffectiveSecurityRule> => {
    const level: NsgLevel = a.subnet ? 'subnet' : 'nic';
    return { level, nsg: a.networkSecurityGroup?.name ?? level, result: evaluateEffective(a.rules, flow, ctx) };
  });
  return combine(steps, flow.direction);
}
