/**
 * The network around one gateway, as the nsg / udr / dns rules read it (not a rule: shared by them).
 *
 * Gateway subnet: gatewayIpConfigurations[].subnet → the subnet (its prefixes, NSG and route table refs) → the NSG /
 * route table; when the subnet itself is not in the input, an NSG or route table that lists the subnet in its
 * `subnets` still tells. Backends: pool addresses (IPs; FQDNs are left to the dns rules) and NIC IP configurations;
 * a backend's subnet is its NIC's subnet, else the known subnet whose prefix holds its address.
 *
 * Which NSG/UDR rule set applies (standard v1, standard v2 or private-only v2) follows azure-facts.md section 4
 * (https://learn.microsoft.com/azure/application-gateway/application-gateway-private-deployment).
 */
import { memberSource } from '../model/members';
import { isMultiTenantFqdn } from './fqdn-suffixes';
import { idKey, parseResourceId } from '../model/ids';
import type {
  BackendAddress, BackendAddressPool, EffectiveNsg, EffectiveRoutes, Gateway, GatewayIpConfiguration, NetworkInterface, NetworkSecurityGroup, Ref,
  Route, RouteTable, SecurityRule, SourceRef, Subnet, VirtualNetwork, Workspace,
} from '../model/types';
import { selectRoute, systemRoutes, type RouteOptions, type RouteSelection } from '../net/routes';
import { isIp, parseCidr, PRIVATE_V4_PREFIXES, type Cidr } from '../net/cidr';
import type { MatchableRule } from '../net/nsg-eval';
import { requestPaths } from '../model/topology';
import { q, rgOf } from './commands';
import type { Evidence, RuleContext } from './types';
import type { Endpoint } from '../net/nsg-eval';
import { affectedListeners } from '../model/topology';

/** `v2-private`: the private-only deployment (no GatewayManager / outbound Internet requirement, any 0.0.0.0/0 route). */
export type RuleSet = 'v1' | 'v2-standard' | 'v2-private' | 'unknown';

/**
 * What the input says about the gateway subnet's NSG or route table: `known` (in the input), `none` (the subnet is
 * known and has none), `missing` (the subnet names one the input does not hold), `unknown` (the subnet is not in the
 * input and nothing else tells).
 */
export type Knowledge = 'known' | 'none' | 'missing' | 'unknown';

export interface GatewayNetwork {
  ipConfig?: GatewayIpConfiguration;
  subnetRef?: Ref;
  subnet?: Subnet;
  vnet?: VirtualNetwork;
  /** Valid prefixes of the gateway subnet (empty when unknown). */
  prefixes: string[];
  /** Valid prefixes of the gateway's VNet (empty when unknown). */
  vnetPrefixes: string[];
  nsgRef?: Ref;
  nsg?: NetworkSecurityGroup;
  nsgState: Knowledge;
  routeTableRef?: Ref;
  routeTable?: RouteTable;
  routeTableState: Knowledge;
  ruleSet: RuleSet;
  /** Why that rule set was assumed, for evidence. */
  ruleSetWhy: string;
  /** VNet and resource group names from the subnet id, for commands. */
  vnetName: string;
  subnetName: string;
  vnetResourceGroup: string;
}

const networkCache = new WeakMap<Workspace, WeakMap<Gateway, GatewayNetwork>>();

function cached<T>(cache: WeakMap<Workspace, WeakMap<Gateway, T>>, ctx: RuleContext, make: () => T): T {
  let inner = cache.get(ctx.workspace);
  if (!inner) cache.set(ctx.workspace, (inner = new WeakMap()));
  let v = inner.get(ctx.gateway);
  if (v === undefined) inner.set(ctx.gateway, (v = make()));
  return v;
}

const validPrefixes = (list: readonly string[] | undefined) => (list ?? []).map((p) => p.trim()).filter((p) => parseCidr(p) !== undefined);

export const APPGW_DELEGATION = 'microsoft.network/applicationgateways';

function ruleSetOf(gateway: Gateway, subnet: Subnet | undefined): { ruleSet: RuleSet; why: string } {
  if (gateway.generation === 'v1') return { ruleSet: 'v1', why: `v1 SKU (${gateway.sku.name ?? gateway.sku.tier ?? 'v1'}): standard rules` };
  const tag = Object.entries(gateway.tags).find(([k]) => k.trim().toLowerCase() === 'enhancednetworkcontrol');
  if (tag && tag[1].trim().toLowerCase() === 'true') return { ruleSet: 'v2-private', why: `tag EnhancedNetworkControl=${tag[1]}: private-only (network isolation) rules` };
  const publicFrontends = gateway.frontendIpConfigurations.filter((f) => f.publicIpAddress);
  const delegated = subnet?.delegations.some((d) => d.trim().toLowerCase() === APPGW_DELEGATION) ?? false;
  if (gateway.generation === 'unknown') {
    return { ruleSet: 'unknown', why: 'SKU not in the input: v1 and v2 requirements both shown' };
  }
  if (!publicFrontends.length && gateway.frontendIpConfigurations.length && delegated) {
    return { ruleSet: 'v2-private', why: 'only private frontends and the subnet is delegated to Microsoft.Network/applicationGateways: private-only rules assumed' };
  }
  const parts = [
    tag ? `tag EnhancedNetworkControl=${tag[1]}` : 'no EnhancedNetworkControl tag',
    publicFrontends.length ? `public frontend ${publicFrontends.map((f) => f.name).join(', ')}` : subnet ? 'subnet not delegated to Microsoft.Network/applicationGateways' : 'subnet delegation not in the input',
  ];
  return { ruleSet: 'v2-standard', why: `${parts.join('; ')}: standard v2 rules assumed` };
}

export function gatewayNetwork(ctx: RuleContext): GatewayNetwork {
  return cached(networkCache, ctx, () => {
    const ws = ctx.workspace;
    const ipConfig = ctx.gateway.gatewayIpConfigurations.find((c) => c.subnet) ?? ctx.gateway.gatewayIpConfigurations[0];
    const subnetRef = ipConfig?.subnet;
    const subnet = subnetRef ? ctx.net.subnet(subnetRef) : undefined;
    const key = subnetRef ? idKey(subnetRef.id) : '';
    const lists = (refs: Ref[]) => !!key && refs.some((r) => idKey(r.id) === key);

    let nsgRef = subnet?.networkSecurityGroup;
    let nsg = ctx.net.nsg(nsgRef);
    if (!nsgRef) {
      nsg = ws.networkSecurityGroups.find((n) => lists(n.subnets));
      if (nsg) nsgRef = { id: nsg.id, name: nsg.name };
    }
    const nsgState: Knowledge = nsg ? 'known' : nsgRef ? 'missing' : subnet ? 'none' : 'unknown';

    let routeTableRef = subnet?.routeTable;
    let routeTable = ctx.net.routeTable(routeTableRef);
    if (!routeTableRef) {
      routeTable = ws.routeTables.find((r) => lists(r.subnets));
      if (routeTable) routeTableRef = { id: routeTable.id, name: routeTable.name };
    }
    const routeTableState: Knowledge = routeTable ? 'known' : routeTableRef ? 'missing' : subnet ? 'none' : 'unknown';

    const parsed = subnetRef ? parseResourceId(subnetRef.id) : undefined;
    const vnetName = parsed?.segments.find(([t]) => t.toLowerCase() === 'virtualnetworks')?.[1] ?? '<vnet>';
    const vnetId = subnetRef ? /^(.*\/virtualNetworks\/[^/]+)/i.exec(subnetRef.id)?.[1] : undefined;
    const vnet = subnet ? ctx.net.vnetOfSubnet(subnet) : vnetId ? ws.virtualNetworks.find((v) => idKey(v.id) === idKey(vnetId)) : undefined;
    const { ruleSet, why } = ruleSetOf(ctx.gateway, subnet);
    return {
      ipConfig,
      subnetRef,
      subnet,
      vnet,
      prefixes: validPrefixes(subnet?.addressPrefixes),
      vnetPrefixes: validPrefixes(vnet?.addressPrefixes),
      nsgRef,
      nsg,
      nsgState,
      routeTableRef,
      routeTable,
      routeTableState,
      ruleSet,
      ruleSetWhy: why,
      vnetName: vnet?.name ?? vnetName,
      subnetName: subnet?.name ?? subnetRef?.name ?? '<subnet>',
      vnetResourceGroup: vnet?.resourceGroup ?? parsed?.resourceGroup ?? rgOf(ctx.gateway),
    };
  });
}

// ------------------------------------------------------------------ subnets by address

interface KnownPrefix {
  subnet: Subnet;
  cidr: Cidr;
  prefix: string;
}

const subnetCache = new WeakMap<Workspace, KnownPrefix[]>();

/** Every prefix of every known subnet, longest first (so the first that holds an address is the best). */
function knownPrefixes(ws: Workspace): KnownPrefix[] {
  let v = subnetCache.get(ws);
  if (!v) {
    const seen = new Set<string>();
    v = [];
    for (const s of [...ws.virtualNetworks.flatMap((n) => n.subnets), ...ws.subnets]) {
      const k = idKey(s.id);
      if (seen.has(k)) continue;
      seen.add(k);
      for (const p of s.addressPrefixes) {
        const cidr = parseCidr(p);
        if (cidr) v.push({ subnet: s, cidr, prefix: p.trim() });
      }
    }
    v.sort((a, b) => b.cidr.length - a.cidr.length);
    subnetCache.set(ws, v);
  }
  return v;
}

function holds(c: Cidr, a: Cidr): boolean {
  return c.family === a.family && c.first <= a.first && a.last <= c.last;
}

/** The known subnet whose prefix holds the address (the longest prefix when several do), with that prefix. */
export function subnetHolding(ws: Workspace, a: Cidr): { subnet: Subnet; prefix: string } | undefined {
  const k = knownPrefixes(ws).find((x) => holds(x.cidr, a));
  return k ? { subnet: k.subnet, prefix: k.prefix } : undefined;
}

export function subnetOfAddress(ws: Workspace, ip: string): Subnet | undefined {
  const a = parseCidr(ip);
  return a ? subnetHolding(ws, a)?.subnet : undefined;
}

// ------------------------------------------------------------------ backends

export interface BackendTarget {
  ip: string;
  cidr: Cidr;
  private: boolean;
  /** Pools that hold this address (one target per distinct address). */
  pools: BackendAddressPool[];
  source: SourceRef;
  nic?: NetworkInterface;
  subnet?: Subnet;
  /** The prefix of `subnet` that holds the address, when known. */
  subnetPrefix?: string;
}

export interface BackendTargets {
  targets: BackendTarget[];
  /** NIC IP configurations whose NIC (or IP configuration) is not in the input. */
  unresolved: { pool: BackendAddressPool; ref: Ref }[];
}

const PRIVATE_CIDRS = PRIVATE_V4_PREFIXES.map((p) => parseCidr(p)!);

/** A bare address (no prefix length), parsed once. */
function addressOf(text: string | undefined): Cidr | undefined {
  if (!text || text.includes('/')) return undefined;
  const c = parseCidr(text);
  return c && c.length === (c.family === 4 ? 32 : 128) ? c : undefined;
}

const targetCache = new WeakMap<Workspace, WeakMap<Gateway, BackendTargets>>();

export function backendTargets(ctx: RuleContext): BackendTargets {
  return cached(targetCache, ctx, () => {
    const byIp = new Map<string, BackendTarget>();
    const unresolved: BackendTargets['unresolved'] = [];
    const add = (ip: string, pool: BackendAddressPool, source: SourceRef, nic?: NetworkInterface, subnet?: Subnet) => {
      const key = ip.trim().toLowerCase();
      const t = byIp.get(key);
      if (t) {
        if (!t.pools.includes(pool)) t.pools.push(pool);
        t.nic ??= nic;
        t.subnet ??= subnet;
        return;
      }
      const cidr = addressOf(ip)!;
      byIp.set(key, { ip: ip.trim(), cidr, private: PRIVATE_CIDRS.some((p) => holds(p, cidr)), pools: [pool], source, nic, subnet });
    };
    for (const pool of ctx.gateway.backendAddressPools) {
      for (const a of pool.backendAddresses) {
        // Big pools repeat addresses across pools: look the text up before parsing it.
        const seen = a.ipAddress ? byIp.get(a.ipAddress.trim().toLowerCase()) : undefined;
        if (seen) {
          if (!seen.pools.includes(pool)) seen.pools.push(pool);
          continue;
        }
        const ip = addressOf(a.ipAddress) ? a.ipAddress : addressOf(a.fqdn) ? a.fqdn : undefined;
        if (ip) add(ip, pool, memberSource(pool, a));
      }
      for (const ref of pool.backendIpConfigurations) {
        const nic = ctx.net.nicOfIpConfiguration(ref);
        const conf = nic?.ipConfigurations.find((c) => idKey(c.id) === idKey(ref.id));
        if (!nic || !conf?.privateIpAddress || !addressOf(conf.privateIpAddress)) {
          unresolved.push({ pool, ref });
          continue;
        }
        add(conf.privateIpAddress, pool, conf.source, nic, ctx.net.subnet(conf.subnet));
      }
    }
    const targets = [...byIp.values()];
    for (const t of targets) {
      if (t.subnet) {
        t.subnetPrefix = t.subnet.addressPrefixes.find((p) => { const c = parseCidr(p); return !!c && holds(c, t.cidr); })?.trim();
        continue;
      }
      const h = subnetHolding(ctx.workspace, t.cidr);
      if (h) {
        t.subnet = h.subnet;
        t.subnetPrefix = h.prefix;
      }
    }
    return { targets, unresolved };
  });
}

/**
 * A distinct FQDN member (not an IP written in the fqdn field): the pools that hold it and its first member (in
 * `pools[0]`). Rule-internal: the list of pools is built only when asked (24,000 names at the limits, few asked).
 */
export class FqdnBackend {
  private more?: BackendAddressPool[];
  constructor(
    readonly fqdn: string,
    private readonly first: BackendAddressPool,
    readonly address: BackendAddress,
    /** fqdnIssues(fqdn) and privateNameKind(fqdn), looked up once. */
    readonly issues: readonly FqdnIssue[],
    readonly kind: PrivateNameKind | undefined,
  ) {}
  get pools(): BackendAddressPool[] {
    return this.more ? [this.first, ...this.more] : [this.first];
  }
  /** Pools are read one after another: a pool was added already only if it is the last one. */
  addPool(pool: BackendAddressPool): void {
    if (pool === (this.more ? this.more[this.more.length - 1] : this.first)) return;
    (this.more ??= []).push(pool);
  }
}

/** Where an FQDN member is first written. */
export function fqdnSource(f: FqdnBackend): SourceRef {
  return memberSource(f.pools[0]!, f.address);
}

/** Members whose FQDN field cannot resolve by its form (fqdnIssues), in pool and member order. */
export interface InvalidFqdnMember {
  pool: BackendAddressPool;
  address: BackendAddress;
  issues: readonly FqdnIssue[];
}

interface FqdnMembers {
  distinct: FqdnBackend[];
  invalid: InvalidFqdnMember[];
  /** Members with multi-tenant PaaS host names (isMultiTenantFqdn), per pool that has any. */
  multiTenant: Map<BackendAddressPool, BackendAddress[]>;
  /** Members whose fqdn field holds an IP address, in pool and member order. */
  ipInFqdn: { pool: BackendAddressPool; address: BackendAddress }[];
}
const fqdnMemberCache = new WeakMap<Gateway, FqdnMembers>();

function fqdnMembers(gateway: Gateway): FqdnMembers {
  let hit = fqdnMemberCache.get(gateway);
  if (!hit) fqdnMemberCache.set(gateway, (hit = collectFqdnMembers(gateway)));
  return hit;
}

/** Distinct FQDN members (case-insensitive) and the pools that hold each; computed once per gateway (several DNS rules ask). */
export function fqdnBackends(gateway: Gateway): readonly FqdnBackend[] {
  return fqdnMembers(gateway).distinct;
}

const NONE: readonly BackendAddress[] = Object.freeze([]);

/** The pool's members with multi-tenant PaaS host names, in order. */
export function multiTenantMembersOf(gateway: Gateway, pool: BackendAddressPool): readonly BackendAddress[] {
  return fqdnMembers(gateway).multiTenant.get(pool) ?? (gateway.backendAddressPools.includes(pool) ? NONE : pool.backendAddresses.filter((a) => !!a.fqdn && isMultiTenantFqdn(a.fqdn)));
}

/** Every member whose fqdn field holds an IP address (isIp of the trimmed text), in pool and member order. */
export function ipInFqdnMembers(gateway: Gateway): readonly { pool: BackendAddressPool; address: BackendAddress }[] {
  return fqdnMembers(gateway).ipInFqdn;
}

/** Every member whose FQDN has a problem of form (not IPs written in the fqdn field: dns-ip-in-fqdn-field speaks). */
export function invalidFqdnMembers(gateway: Gateway): readonly InvalidFqdnMember[] {
  return fqdnMembers(gateway).invalid;
}

/**
 * One pass over the members for both lists: a gateway at the limits has 120,000 members, 24,000 of them FQDNs.
 * Names are told apart by their facts record (keyed by the name in lower case without white space), which holds
 * the name's entry while the pass runs: no map of its own for the 24,000 names.
 */
function collectFqdnMembers(gateway: Gateway): FqdnMembers {
  const distinct: FqdnBackend[] = [];
  const holders: FqdnFacts[] = [];
  const invalid: InvalidFqdnMember[] = [];
  const multiTenant = new Map<BackendAddressPool, BackendAddress[]>();
  const ipInFqdn: FqdnMembers['ipInFqdn'] = [];
  collecting++;
  try {
    for (const pool of gateway.backendAddressPools) {
      const members = pool.backendAddresses;
      for (let i = 0; i < members.length; i++) {
        const a = members[i]!;
        const f = a.fqdn;
        if (!f) continue;
        if (isIp(f)) {
          ipInFqdn.push({ pool, address: a });
          continue;
        }
        const facts = fqdnFacts(f);
        if (facts.issues.length) invalid.push({ pool, address: a, issues: facts.issues });
        if (facts.multiTenant) {
          const l = multiTenant.get(pool);
          if (l) l.push(a);
          else multiTenant.set(pool, [a]);
        }
        let holder = facts;
        if (!facts.plain) {
          const t = f.trim();
          // Only white space: not a name to resolve (its problems of form are in `invalid`).
          if (t === '') continue;
          holder = fqdnFacts(t.toLowerCase());
        }
        const e = holder.entry;
        if (e) e.addPool(pool);
        else {
          const entry = new FqdnBackend(f, pool, a, facts.issues, facts.kind);
          holder.entry = entry;
          holders.push(holder);
          distinct.push(entry);
        }
      }
    }
  } finally {
    collecting--;
    for (let i = 0; i < holders.length; i++) holders[i]!.entry = undefined;
  }
  return { distinct, invalid, multiTenant, ipInFqdn };
}

// ------------------------------------------------------------------ ports per pool

export interface PoolPort {
  pool: BackendAddressPool;
  port: number;
  /** `traffic` = the backend settings port; `probe` = a v2 custom probe's own port. */
  kinds: Set<'traffic' | 'probe'>;
  settings: Set<string>;
  probes: Set<string>;
}

/** (pool, port) pairs the gateway opens to its backends: settings ports, and on v2 a custom probe's port. */
export function poolPorts(ctx: RuleContext): PoolPort[] {
  const out = new Map<string, PoolPort>();
  const add = (pool: BackendAddressPool, port: number, kind: 'traffic' | 'probe', settings: string, probe?: string) => {
    const k = `${idKey(pool.id)}|${port}`;
    let e = out.get(k);
    if (!e) out.set(k, (e = { pool, port, kinds: new Set(), settings: new Set(), probes: new Set() }));
    e.kinds.add(kind);
    e.settings.add(settings);
    if (probe) e.probes.add(probe);
  };
  for (const p of requestPaths(ctx.gateway)) {
    if (!p.pool || !p.settings || p.redirect) continue;
    if (p.settings.port !== undefined) add(p.pool, p.settings.port, 'traffic', p.settings.name);
    // A probe's own port is v2-only (ARM rejects it on v1: azure-facts.md section 2).
    if (ctx.gateway.generation !== 'v1' && p.probe?.port !== undefined) add(p.pool, p.probe.port, 'probe', p.settings.name, p.probe.name);
  }
  return [...out.values()];
}

// ------------------------------------------------------------------ effective NSG / routes for a backend

export interface Matched<T> {
  doc: T;
  /** How the document was tied to the backend (for evidence). */
  how: string;
}

/**
 * The NIC an effective NSG / routes output belongs to, read from its file name when the output itself does not
 * say (Get-AzEffectiveRouteTable and `az network nic show-effective-route-table` print the routes only). The
 * collect scripts and the sign-in collector name them `effective-routes-<nic>`; people write `<nic>-routes.json`.
 * A NIC of the input (or one the pools reference) whose name is a whole word of the file name; the longest
 * wins; two different NICs of the same length are ambiguous (none).
 */
export function nicFromDocumentName(ctx: RuleContext, documentName: string): Ref | undefined {
  const name = documentName.toLowerCase().replace(/\.(json|txt|csv)$/, '');
  const candidates = new Map<string, Ref>();
  for (const n of ctx.workspace.networkInterfaces) candidates.set(idKey(n.id), { id: n.id, name: n.name });
  for (const pool of ctx.gateway.backendAddressPools) {
    for (const ref of pool.backendIpConfigurations) {
      const m = /^(.*\/networkinterfaces\/([^/]+))\/ipconfigurations\//i.exec(ref.id);
      if (m && !candidates.has(idKey(m[1]!))) candidates.set(idKey(m[1]!), { id: m[1]!, name: m[2]! });
    }
  }
  let best: Ref | undefined;
  let ambiguous = false;
  for (const ref of candidates.values()) {
    const n = ref.name.toLowerCase();
    if (!n) continue;
    let at = name.indexOf(n);
    let whole = false;
    while (at >= 0 && !whole) {
      const before = at === 0 ? '' : name[at - 1]!;
      const after = name[at + n.length] ?? '';
      whole = !/[a-z0-9]/.test(before) && !/[a-z0-9]/.test(after);
      at = name.indexOf(n, at + 1);
    }
    if (!whole) continue;
    if (!best || n.length > best.name.length) {
      best = ref;
      ambiguous = false;
    } else if (n.length === best.name.length && idKey(ref.id) !== idKey(best.id)) ambiguous = true;
  }
  return ambiguous ? undefined : best;
}

function matcher<T extends { networkInterface?: Ref; source: SourceRef }>(ctx: RuleContext, docs: T[]): (t: BackendTarget) => Matched<T> | undefined {
  const byNic = new Map<string, T>();
  const byIp = new Map<string, T>();
  const named = new Set<T>();
  for (const d of docs) {
    let nicRef = d.networkInterface;
    if (!nicRef) {
      nicRef = nicFromDocumentName(ctx, d.source.document);
      if (nicRef) named.add(d);
    }
    if (!nicRef) continue;
    byNic.set(idKey(nicRef.id), d);
    for (const c of ctx.net.nic(nicRef)?.ipConfigurations ?? []) {
      if (c.privateIpAddress) byIp.set(c.privateIpAddress.trim().toLowerCase(), d);
    }
  }
  const byName = (d: T) => (named.has(d) ? ` (named in the file name ${d.source.document})` : '');
  const { targets } = backendTargets(ctx);
  const privateTargets = targets.filter((t) => t.private);
  let only: T | undefined;
  if (docs.length === 1 && privateTargets.length === 1) {
    const d = docs[0]!;
    const t = privateTargets[0]!;
    const knownNic = ctx.net.nic(d.networkInterface);
    const elsewhere =
      (knownNic && !knownNic.ipConfigurations.some((c) => c.privateIpAddress?.trim() === t.ip)) ||
      (t.nic && d.networkInterface && idKey(t.nic.id) !== idKey(d.networkInterface.id));
    if (!elsewhere) only = d;
  }
  return (t) => {
    if (t.nic) {
      const d = byNic.get(idKey(t.nic.id));
      if (d) return { doc: d, how: `network interface ${t.nic.name}${byName(d)}` };
    }
    const d = byIp.get(t.ip.toLowerCase());
    if (d) return { doc: d, how: `network interface ${(d.networkInterface ?? nicFromDocumentName(ctx, d.source.document))?.name} holds ${t.ip}${byName(d)}` };
    if (only && privateTargets[0] === t) {
      const nicName = only.networkInterface?.name;
      return { doc: only, how: `assumed: the only document of its kind in the input${nicName ? ` (network interface ${nicName})` : ''}, and ${t.ip} the only private backend` };
    }
    return undefined;
  };
}

const effNsgCache = new WeakMap<Workspace, WeakMap<Gateway, (t: BackendTarget) => Matched<EffectiveNsg> | undefined>>();
const effRouteCache = new WeakMap<Workspace, WeakMap<Gateway, (t: BackendTarget) => Matched<EffectiveRoutes> | undefined>>();

/** The effective NSG document of a backend: by NIC id, by the NIC's address, or the only one when there is one backend. */
export function effectiveNsgOf(ctx: RuleContext, t: BackendTarget): Matched<EffectiveNsg> | undefined {
  return cached(effNsgCache, ctx, () => matcher(ctx, ctx.workspace.effectiveNsgs))(t);
}

/** The effective routes document of a backend (same matching as effectiveNsgOf). */
export function effectiveRoutesOf(ctx: RuleContext, t: BackendTarget): Matched<EffectiveRoutes> | undefined {
  return cached(effRouteCache, ctx, () => matcher(ctx, ctx.workspace.effectiveRoutes))(t);
}

// ------------------------------------------------------------------ VirtualNetwork tag

/**
 * What the `VirtualNetwork` tag holds for a flow between the gateway and a backend: the gateway's VNet and subnet,
 * the backend's VNet (or subnet). A private backend outside all of them must be in a peered VNet or on-premises,
 * which the tag also holds (https://learn.microsoft.com/azure/virtual-network/service-tags-overview): its address
 * is then added and the assumption returned, for evidence.
 */
export function virtualNetworkSpace(ctx: RuleContext, gwNet: GatewayNetwork, t?: BackendTarget): { prefixes: string[]; assumed?: string } {
  const prefixes = [...gwNet.vnetPrefixes, ...gwNet.prefixes];
  if (t?.subnet) {
    const v = ctx.net.vnetOfSubnet(t.subnet);
    prefixes.push(...validPrefixes(v?.addressPrefixes), ...validPrefixes(t.subnet.addressPrefixes));
  }
  if (t && t.private) {
    const inside = prefixes.some((p) => holds(parseCidr(p)!, t.cidr));
    if (!inside) {
      prefixes.push(t.ip);
      return { prefixes, assumed: `VirtualNetwork tag assumed to hold ${t.ip} (a peered VNet or on-premises range not in the input)` };
    }
  }
  return { prefixes };
}

// ------------------------------------------------------------------ text and commands

export function ruleText(r: MatchableRule): string {
  const src = r.sourcePrefixes.length ? r.sourcePrefixes.join(',') : '(none)';
  const dst = r.destinationPrefixes.length ? r.destinationPrefixes.join(',') : '(none)';
  return `${r.name} (priority ${r.priority}): ${r.access} ${r.direction} ${r.protocol} from ${src} to ${dst} port ${r.destinationPorts.join(',') || '(none)'}`;
}

/**
 * A free priority for a new Allow rule that must come before a rule of priority `before`: the lowest free number
 * from 100 up (so it also precedes other custom Deny rules), or undefined when none is free below `before`.
 */
export function freePriorityBelow(nsg: { securityRules: SecurityRule[] } | undefined, direction: 'Inbound' | 'Outbound', before: number): number | undefined {
  const used = new Set((nsg?.securityRules ?? []).filter((r) => r.direction === direction).map((r) => r.priority));
  for (let p = 100; p < before && p <= 4096; p++) if (!used.has(p)) return p;
  return undefined;
}

export function nsgResourceGroup(ctx: RuleContext, nsg: { id: string; resourceGroup?: string } | Ref | undefined): string {
  if (!nsg) return rgOf(ctx.gateway);
  return ('resourceGroup' in nsg && nsg.resourceGroup) || parseResourceId(nsg.id).resourceGroup || rgOf(ctx.gateway);
}

export const netCommands = {
  psVnet: (vnet: string, rg: string) => `$vnet = Get-AzVirtualNetwork -Name ${q(vnet)} -ResourceGroupName ${q(rg)}`,
  psSubnet: (subnet: string) => `Get-AzVirtualNetworkSubnetConfig -Name ${q(subnet)} -VirtualNetwork $vnet | ConvertTo-Json -Depth 20`,
  psVnetJson: (vnet: string, rg: string) => `Get-AzVirtualNetwork -Name ${q(vnet)} -ResourceGroupName ${q(rg)} | ConvertTo-Json -Depth 20`,
  azSubnet: (vnet: string, subnet: string, rg: string) => `az network vnet subnet show -g ${q(rg)} --vnet-name ${q(vnet)} -n ${q(subnet)}`,
  azVnet: (vnet: string, rg: string) => `az network vnet show -g ${q(rg)} -n ${q(vnet)}`,
  psNsg: (nsg: string, rg: string) => `Get-AzNetworkSecurityGroup -Name ${q(nsg)} -ResourceGroupName ${q(rg)} | ConvertTo-Json -Depth 20`,
  azNsg: (nsg: string, rg: string) => `az network nsg show -g ${q(rg)} -n ${q(nsg)}`,
  psRouteTable: (rt: string, rg: string) => `Get-AzRouteTable -Name ${q(rt)} -ResourceGroupName ${q(rg)} | ConvertTo-Json -Depth 20`,
  azRouteTable: (rt: string, rg: string) => `az network route-table show -g ${q(rg)} -n ${q(rt)}`,
  psEffectiveNsg: (nic: string, rg: string) => `Get-AzEffectiveNetworkSecurityGroup -NetworkInterfaceName ${q(nic)} -ResourceGroupName ${q(rg)} | ConvertTo-Json -Depth 20`,
  azEffectiveNsg: (nic: string, rg: string) => `az network nic list-effective-nsg -g ${q(rg)} -n ${q(nic)}`,
  psEffectiveRoutes: (nic: string, rg: string) => `Get-AzEffectiveRouteTable -NetworkInterfaceName ${q(nic)} -ResourceGroupName ${q(rg)} | ConvertTo-Json -Depth 20`,
  azEffectiveRoutes: (nic: string, rg: string) => `az network nic show-effective-route-table -g ${q(rg)} -n ${q(nic)}`,
  /** Add an Allow rule to an NSG (PowerShell: two lines). Lists become PowerShell arrays / az space-separated values. */
  psAllowRule: (nsg: string, rg: string, r: NewRule) => [
    `$nsg = Get-AzNetworkSecurityGroup -Name ${q(nsg)} -ResourceGroupName ${q(rg)}`,
    `Add-AzNetworkSecurityRuleConfig -NetworkSecurityGroup $nsg -Name ${q(r.name)} -Priority ${r.priority} -Direction ${r.direction} -Access Allow -Protocol ${r.protocol} -SourceAddressPrefix ${psList(r.source)} -SourcePortRange '*' -DestinationAddressPrefix ${psList(r.destination)} -DestinationPortRange ${psList(r.ports)} | Set-AzNetworkSecurityGroup`,
  ],
  azAllowRule: (nsg: string, rg: string, r: NewRule) =>
    `az network nsg rule create -g ${q(rg)} --nsg-name ${q(nsg)} -n ${q(r.name)} --priority ${r.priority} --direction ${r.direction} --access Allow --protocol ${r.protocol} --source-address-prefixes ${azList(r.source)} --source-port-ranges '*' --destination-address-prefixes ${azList(r.destination)} --destination-port-ranges ${azList(r.ports)}`,
  psShowRule: (nsg: string, rg: string, rule: string) =>
    `Get-AzNetworkSecurityGroup -Name ${q(nsg)} -ResourceGroupName ${q(rg)} | Get-AzNetworkSecurityRuleConfig -Name ${q(rule)}`,
  azShowRule: (nsg: string, rg: string, rule: string) => `az network nsg rule show -g ${q(rg)} --nsg-name ${q(nsg)} -n ${q(rule)}`,
};

export interface NewRule {
  name: string;
  priority?: number;
  direction: 'Inbound' | 'Outbound';
  protocol: string;
  source: string[];
  destination: string[];
  ports: string[];
}

function psList(items: string[]): string {
  return items.map((i) => (i === '*' ? `'*'` : q(i))).join(',');
}

function azList(items: string[]): string {
  return items.map(azQ).join(' ');
}

/** Two parameters for one placeholder whose wording differs by language: `{nameEn}` in English, `{nameKo}` in Korean. */
export function bi(name: string, en: string, ko: string): Record<string, string> {
  return { [`${name}En`]: en, [`${name}Ko`]: ko };
}

/**
 * Commands for a fix by a new Allow rule placed before the blocking rule: show the blocking rule (unless it is a
 * default rule), then add the Allow rule when a free priority below it exists (otherwise the blocking rule itself
 * has to be changed, which only the user can word).
 */
export function allowRuleCommands(nsg: string, rg: string, r: NewRule, blocking?: { name: string; isDefault: boolean }): { powershell: string[]; az: string[] } {
  const powershell: string[] = [];
  const az: string[] = [];
  if (blocking && !blocking.isDefault) {
    const name = blocking.name.replace(/^securityRules\//i, '');
    powershell.push(netCommands.psShowRule(nsg, rg, name));
    az.push(netCommands.azShowRule(nsg, rg, name));
  }
  if (r.priority !== undefined) {
    powershell.push(...netCommands.psAllowRule(nsg, rg, r));
    az.push(netCommands.azAllowRule(nsg, rg, r));
  }
  return { powershell, az };
}

/** `*` must be quoted for bash (q() leaves it bare, which PowerShell accepts). */
export function azQ(v: string): string {
  return v === '*' ? `'*'` : q(v);
}

export function joinShort(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} (+${items.length - max})` : shown;
}

/** Every listener (with host names): for faults that hit the whole gateway. */
export function allListeners(gateway: Gateway): string[] {
  const viaRules = affectedListeners(gateway, () => true);
  return viaRules.length ? viaRules : gateway.httpListeners.map((l) => (l.hostNames.length ? `${l.name} (${l.hostNames.join(', ')})` : l.name));
}

/** Evidence that the NSG sits on the gateway subnet. */
export function gatewayNsgEvidence(g: GatewayNetwork): Evidence {
  return g.subnet
    ? { path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].networkSecurityGroup.id`, value: g.nsgRef?.id ?? '', source: g.subnet.source }
    : { path: `networkSecurityGroups[${g.nsg?.name ?? ''}].subnets`, value: `lists the gateway subnet ${g.subnetRef?.id ?? ''}`, source: g.nsg?.source };
}

/** The gateway subnet as flow endpoints: one per known prefix, or one opaque endpoint when the prefix is unknown. */
export function gatewayEndpoints(g: GatewayNetwork): Endpoint[] {
  return g.prefixes.length ? g.prefixes.map((prefix) => ({ prefix })) : [{ prefix: `${g.subnetName} (prefix unknown)` }];
}

/** The gateway subnet prefix of the same address family as `ip` (IPv4/IPv6), if known. */
export function gatewayPrefixFor(g: GatewayNetwork, ip: string | BackendTarget): string | undefined {
  const fam = typeof ip === 'string' ? parseCidr(ip)?.family : ip.cidr.family;
  let fams = prefixFamilies.get(g);
  if (!fams) prefixFamilies.set(g, (fams = g.prefixes.map((p) => parseCidr(p)?.family)));
  const i = fams.indexOf(fam);
  return i >= 0 ? g.prefixes[i] : undefined;
}

const prefixFamilies = new WeakMap<GatewayNetwork, (number | undefined)[]>();

/** Rules of an NSG as nsg-eval takes them (its defaults are added there when absent). */
export function nsgRules(nsg: NetworkSecurityGroup): SecurityRule[] {
  return [...nsg.securityRules, ...nsg.defaultRules];
}

/** The `networkSecurityGroups[x].securityRules[y]` path of a rule (default rules under defaultSecurityRules). */
export function rulePath(nsgName: string, r: { name: string; isDefault?: boolean }): string {
  return `networkSecurityGroups[${nsgName}].${r.isDefault ? 'defaultSecurityRules' : 'securityRules'}[${r.name}]`;
}

// ------------------------------------------------------------------ routes from the gateway subnet

const routeCidrCache = new WeakMap<RouteTable, Cidr[]>();

/** Does any user route of the table hold the address? (A cheap filter before selectRoute on big pools.) */
export function userRouteHolds(rt: RouteTable, t: BackendTarget): boolean {
  let cidrs = routeCidrCache.get(rt);
  if (!cidrs) routeCidrCache.set(rt, (cidrs = rt.routes.map((r) => parseCidr(r.addressPrefix)).filter((c): c is Cidr => !!c)));
  return cidrs.some((c) => holds(c, t.cidr));
}

export function isDefaultRoutePrefix(prefix: string): boolean {
  const c = parseCidr(prefix);
  return !!c && c.family === 4 && c.length === 0;
}

/**
 * Routes learned over BGP that effective-route documents show for NICs in the gateway's VNet (BGP routes reach every
 * subnet whose route table propagates them). A document whose NIC is not in the input is assumed to be in the
 * gateway's VNet (said in `assumed`); one whose NIC sits in another VNet is left out.
 */
export function bgpRoutesSeen(ctx: RuleContext, g: GatewayNetwork): { routes: Route[]; docs: EffectiveRoutes[]; assumed: string[] } {
  const routes: Route[] = [];
  const docs: EffectiveRoutes[] = [];
  const assumed: string[] = [];
  const gwVnet = g.vnet ? idKey(g.vnet.id) : g.subnetRef ? idKey(g.subnetRef.id.replace(/\/subnets\/[^/]+$/i, '')) : undefined;
  for (const d of ctx.workspace.effectiveRoutes) {
    const bgp = d.routes.filter((r) => r.source.trim().toLowerCase() === 'virtualnetworkgateway');
    if (!bgp.length) continue;
    const nic = ctx.net.nic(d.networkInterface);
    const subnetId = nic?.ipConfigurations.find((c) => c.subnet)?.subnet?.id;
    const vnetId = subnetId ? idKey(subnetId.replace(/\/subnets\/[^/]+$/i, '')) : undefined;
    if (vnetId && gwVnet && vnetId !== gwVnet) continue;
    if (!vnetId) assumed.push(`effective routes${d.networkInterface ? ` of network interface ${d.networkInterface.name}` : ''} assumed to come from the gateway's VNet`);
    docs.push(d);
    for (const r of bgp) {
      for (const prefix of r.addressPrefixes) {
        routes.push({ name: r.name ?? `BGP ${prefix}`, addressPrefix: prefix, nextHopType: r.nextHopType, nextHopIpAddress: r.nextHopIpAddresses.find((x) => x.trim() !== ''), source: d.source });
      }
    }
  }
  return { routes, docs, assumed };
}

/** Options for selectRoute from the gateway subnet towards a backend (its VNet counted as peered when different). */
export function gatewayRouteOptions(ctx: RuleContext, g: GatewayNetwork, t?: BackendTarget): RouteOptions {
  const peered: string[] = [];
  if (t?.subnet) {
    const v = ctx.net.vnetOfSubnet(t.subnet);
    if (!v || !g.vnet || idKey(v.id) !== idKey(g.vnet.id)) peered.push(...validPrefixes(v?.addressPrefixes), ...validPrefixes(t.subnet.addressPrefixes));
  }
  return {
    userRoutes: g.routeTable?.routes ?? [],
    bgpRoutes: bgpRoutesSeen(ctx, g).routes,
    vnetPrefixes: [...g.vnetPrefixes, ...g.prefixes],
    peeredPrefixes: peered,
    disableBgpRoutePropagation: g.routeTable?.disableBgpRoutePropagation === true,
  };
}

export function routeTableResourceGroup(ctx: RuleContext, rt: { id: string; resourceGroup?: string }): string {
  return rt.resourceGroup || parseResourceId(rt.id).resourceGroup || rgOf(ctx.gateway);
}

export const routeCommands = {
  psSetRoute: (rt: string, rg: string, route: string, prefix: string, hop: string) => [
    `$rt = Get-AzRouteTable -Name ${q(rt)} -ResourceGroupName ${q(rg)}`,
    `Set-AzRouteConfig -RouteTable $rt -Name ${q(route)} -AddressPrefix ${q(prefix)} -NextHopType ${hop} | Set-AzRouteTable`,
  ],
  azSetRoute: (rt: string, rg: string, route: string, prefix: string, hop: string) =>
    `az network route-table route update -g ${q(rg)} --route-table-name ${q(rt)} -n ${q(route)} --address-prefix ${q(prefix)} --next-hop-type ${hop}`,
  psDisableBgp: (rt: string, rg: string) => [
    `$rt = Get-AzRouteTable -Name ${q(rt)} -ResourceGroupName ${q(rg)}`,
    `$rt.DisableBgpRoutePropagation = $true`,
    `Set-AzRouteTable -RouteTable $rt`,
  ],
  azDisableBgp: (rt: string, rg: string) => `az network route-table update -g ${q(rg)} -n ${q(rt)} --disable-bgp-route-propagation true`,
  psAddDefaultInternet: (rt: string, rg: string) => [`Get-AzRouteTable -Name ${q(rt)} -ResourceGroupName ${q(rg)} | Add-AzRouteConfig -Name default-to-internet -AddressPrefix 0.0.0.0/0 -NextHopType Internet | Set-AzRouteTable`],
  azAddDefaultInternet: (rt: string, rg: string) => `az network route-table route create -g ${q(rg)} --route-table-name ${q(rt)} -n default-to-internet --address-prefix 0.0.0.0/0 --next-hop-type Internet`,
};

/** Up to `max` backend NICs known from the input (name and resource group), or one placeholder. */
export function backendNics(ctx: RuleContext, max = 2): { name: string; rg: string }[] {
  // From the pools' NIC references directly: parsing every address of a 100 000-member gateway for a command line is waste.
  const out = new Map<string, { name: string; rg: string }>();
  for (const pool of ctx.gateway.backendAddressPools) {
    for (const ref of pool.backendIpConfigurations) {
      if (out.size >= max) break;
      const nic = ctx.net.nicOfIpConfiguration(ref);
      if (nic) out.set(idKey(nic.id), { name: nic.name, rg: parseResourceId(nic.id).resourceGroup ?? rgOf(ctx.gateway) });
    }
  }
  return out.size ? [...out.values()] : [{ name: '<backend-nic>', rg: '<backend-rg>' }];
}

// ------------------------------------------------------------------ FQDN members

export type FqdnIssue = 'invalid-ip' | 'whitespace' | 'scheme' | 'path' | 'port' | 'underscore' | 'characters' | 'non-ascii' | 'empty-label' | 'label-length' | 'name-length' | 'hyphen' | 'wildcard';

const ISSUE_TEXT: Record<FqdnIssue, { en: string; ko: string }> = {
  'invalid-ip': { en: 'it looks like an IPv4 address but is not a valid one', ko: 'IPv4 주소처럼 보이지만 올바른 주소가 아닙니다' },
  whitespace: { en: 'it contains spaces', ko: '공백이 들어 있습니다' },
  scheme: { en: 'it starts with a scheme (http:// or https://)', ko: '스킴(http:// 또는 https://)으로 시작합니다' },
  path: { en: 'it contains a path (/...)', ko: '경로(/...)가 들어 있습니다' },
  port: { en: 'it contains a port (:port); the port belongs in the backend settings', ko: '포트(:포트)가 들어 있습니다. 포트는 백엔드 설정에 지정해야 합니다' },
  underscore: { en: 'a host label contains an underscore', ko: '호스트 레이블에 밑줄(_)이 들어 있습니다' },
  characters: { en: 'it contains characters a host name cannot have', ko: '호스트 이름에 쓸 수 없는 문자가 들어 있습니다' },
  'non-ascii': { en: 'it contains non-ASCII characters (an internationalized name must be written in punycode, xn--...)', ko: 'ASCII가 아닌 문자가 들어 있습니다(국제화 도메인 이름은 punycode(xn--...)로 써야 함)' },
  'empty-label': { en: 'it has an empty label (two dots in a row, or a leading dot)', ko: '빈 레이블이 있습니다(점이 연속되거나 점으로 시작)' },
  'label-length': { en: 'a label is longer than 63 characters', ko: '63자를 넘는 레이블이 있습니다' },
  'name-length': { en: 'the name is longer than 253 characters', ko: '이름이 253자를 넘습니다' },
  hyphen: { en: 'a label starts or ends with a hyphen', ko: '하이픈으로 시작하거나 끝나는 레이블이 있습니다' },
  wildcard: { en: 'it contains a wildcard (*), which is not a resolvable name', ko: '와일드카드(*)가 들어 있어 확인할 수 있는 이름이 아닙니다' },
};

export function fqdnIssueText(issues: FqdnIssue[]): { en: string; ko: string } {
  return { en: issues.map((i) => ISSUE_TEXT[i].en).join('; '), ko: issues.map((i) => ISSUE_TEXT[i].ko).join('. ') };
}

/** Why an FQDN member cannot resolve by its form alone (empty when it looks like a host name or is an IP). */
export function fqdnIssues(raw: string): FqdnIssue[] {
  return fqdnFacts(raw).issues as FqdnIssue[];
}

/** What the DNS rules ask of a name, worked out once per distinct text (a gateway can name 24,000 hosts, each asked about by several rules). */
interface FqdnFacts {
  issues: readonly FqdnIssue[];
  kind: PrivateNameKind | undefined;
  /** The raw text is already its own comparison key (lower case, no white space: PLAIN_HOST). */
  plain: boolean;
  multiTenant: boolean;
  /** While collectFqdnMembers runs: its distinct entry for this key (cleared before it returns). */
  entry?: FqdnBackend;
}
const fqdnFactCache = new Map<string, FqdnFacts>();
let collecting = 0;

function fqdnFacts(raw: string): FqdnFacts {
  let hit = fqdnFactCache.get(raw);
  if (!hit) {
    // Bounded, but never emptied while collectFqdnMembers holds entries in it.
    if (fqdnFactCache.size >= 100_000 && collecting === 0) fqdnFactCache.clear();
    const plain = PLAIN_HOST.test(raw);
    fqdnFactCache.set(raw, (hit = { issues: Object.freeze(computeFqdnIssues(raw)), kind: computePrivateNameKind(raw, plain), plain, multiTenant: isMultiTenantFqdn(raw) }));
  }
  return hit;
}

/** A well-formed host name: letters, digits and inner hyphens, labels of 1–63 characters (checked fully below otherwise). */
const WELL_FORMED_HOST = /^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?$/i;

function computeFqdnIssues(raw: string): FqdnIssue[] {
  // The common case, decided by one regex: nothing to report unless it looks like a (bad) dotted quad.
  if (raw.length <= 253 && WELL_FORMED_HOST.test(raw) && !/^\d+(\.\d+){3}\.?$/.test(raw)) return [];
  if (isIp(raw.trim())) return [];
  const out = new Set<FqdnIssue>();
  if (/\s/.test(raw)) out.add('whitespace');
  let s = raw.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s);
  if (scheme) {
    out.add('scheme');
    s = s.slice(scheme[0].length);
  }
  const slash = s.search(/[/?#]/);
  if (slash >= 0) {
    out.add('path');
    s = s.slice(0, slash);
  }
  const port = /:(\d*)$/.exec(s);
  if (port) {
    out.add('port');
    s = s.slice(0, port.index);
  }
  if (s.includes('*')) out.add('wildcard');
  if (/[^\x00-\x7f]/.test(s)) out.add('non-ascii');
  if (s.includes('_')) out.add('underscore');
  if (/[^A-Za-z0-9.\-_*\s\x80-\uffff]/.test(s)) out.add('characters');
  const host = s.replace(/\s+/g, '').replace(/\.$/, '');
  if (/^\d+(\.\d+){3}$/.test(host)) out.add('invalid-ip');
  if (host.length > 253) out.add('name-length');
  const labels = host.split('.');
  if (host === '' || labels.some((l) => l === '')) out.add('empty-label');
  if (labels.some((l) => l.length > 63)) out.add('label-length');
  if (labels.some((l) => l.startsWith('-') || l.endsWith('-'))) out.add('hyphen');
  return [...out];
}

/** The host part of an FQDN member with scheme, path, port and spaces taken off (a suggestion for the fix). */
export function fqdnHost(raw: string): string {
  return raw.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/)[0]!.replace(/:\d*$/, '').replace(/\s+/g, '');
}

export type PrivateNameKind = 'privatelink' | 'azure-internal' | 'private-suffix' | 'single-label';

const PRIVATE_SUFFIXES = ['internal', 'local', 'corp', 'lan', 'intranet', 'localdomain', 'home.arpa', 'private'];
const DOTTED_PRIVATE_SUFFIXES = PRIVATE_SUFFIXES.map((sfx) => `.${sfx}`);

/** Whether an FQDN looks like a private name (resolvable only through private DNS), and which kind. */
const PLAIN_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)*$/;

export function privateNameKind(fqdn: string): PrivateNameKind | undefined {
  return fqdnFacts(fqdn).kind;
}

/** `plain`: PLAIN_HOST.test(fqdn), known by the caller. */
function computePrivateNameKind(fqdn: string, plain: boolean): PrivateNameKind | undefined {
  // Most members are already plain lower-case host names: no scheme, port, path or trailing dot to take off.
  const h = plain ? fqdn : fqdnHost(fqdn).toLowerCase().replace(/\.$/, '');
  if (!h || isIp(h)) return undefined;
  if (!h.includes('.')) return 'single-label';
  if (h.startsWith('privatelink.') || h.includes('.privatelink.') || h.endsWith('.privatelink')) return 'privatelink';
  if (h.endsWith('.internal.cloudapp.net')) return 'azure-internal';
  if (DOTTED_PRIVATE_SUFFIXES.some((sfx) => h.endsWith(sfx))) return 'private-suffix';
  return undefined;
}

/** The private DNS zone likely to hold a private name: from `privatelink.` on, else the name without its first label. */
export function likelyZone(fqdn: string): string | undefined {
  const h = fqdnHost(fqdn).toLowerCase().replace(/\.$/, '');
  const labels = h.split('.');
  const i = labels.indexOf('privatelink');
  if (i >= 0) return labels.slice(i).join('.');
  return labels.length > 1 ? labels.slice(1).join('.') : undefined;
}

/** The VNet's custom DNS servers (168.63.129.16 alone is Azure DNS). */
export function customDnsServers(vnet: VirtualNetwork | undefined): string[] {
  const s = (vnet?.dnsServers ?? []).map((d) => d.trim()).filter(Boolean);
  return s.length === 1 && s[0] === '168.63.129.16' ? [] : s;
}

/** The offending parts of an FQDN member, quoted as they appear (language-neutral, for messages). */
export function fqdnFragments(raw: string, issues: FqdnIssue[]): string {
  const s = raw.trim();
  const out: string[] = [];
  const quote = (x: string) => `"${x}"`;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(s)?.[0];
  const rest = scheme ? s.slice(scheme.length) : s;
  const cut = rest.search(/[/?#]/);
  const hostPort = cut >= 0 ? rest.slice(0, cut) : rest;
  for (const i of issues) {
    if (i === 'invalid-ip') out.push(quote(hostPort));
    else if (i === 'whitespace') out.push(quote(' '));
    else if (i === 'scheme' && scheme) out.push(quote(scheme));
    else if (i === 'path' && cut >= 0) out.push(quote(rest.slice(cut)));
    else if (i === 'port') out.push(quote(/:\d*$/.exec(hostPort)?.[0] ?? ':'));
    else if (i === 'underscore') out.push(quote('_'));
    else if (i === 'wildcard') out.push(quote('*'));
    else if (i === 'characters') out.push(...[...new Set(hostPort.replace(/:\d*$/, '').match(/[^A-Za-z0-9.\-_*\s\x80-\uffff]/g) ?? [])].map(quote));
    else if (i === 'non-ascii') out.push(...[...new Set(hostPort.match(/[^\x00-\x7f]/g) ?? [])].map(quote));
    else if (i === 'empty-label') out.push(quote('..'));
    else if (i === 'label-length') out.push('label > 63');
    else if (i === 'name-length') out.push('> 253');
    else if (i === 'hyphen') out.push(quote('-'));
  }
  return out.join(', ');
}

// ------------------------------------------------------------------ route selection for many backends

/**
 * selectRoute over many addresses: the answer depends only on which candidate routes hold the address, so addresses
 * with the same set of holding routes share one selectRoute call (big pools: 120,000 addresses, a handful of routes).
 */
export function routeSelector(opts: RouteOptions): (t: BackendTarget) => RouteSelection<Route> | undefined {
  const candidates = [
    ...(opts.userRoutes ?? []),
    ...(opts.disableBgpRoutePropagation ? [] : opts.bgpRoutes ?? []),
    ...systemRoutes(opts.vnetPrefixes, opts.peeredPrefixes),
  ].map((r) => parseCidr(r.addressPrefix));
  const memo = new Map<string, RouteSelection<Route> | undefined>();
  return (t) => {
    let sig = '';
    for (let i = 0; i < candidates.length; i++) {
      const c = candidates[i];
      if (!c || holds(c, t.cidr)) sig += `${i},`;
    }
    if (!memo.has(sig)) memo.set(sig, selectRoute(t.ip, opts));
    return memo.get(sig);
  };
}

const vnetKeyCache = new WeakMap<Subnet, string>();
const selectorCache = new WeakMap<Workspace, WeakMap<Gateway, Map<string, (t: BackendTarget) => RouteSelection<Route> | undefined>>>();

/** The route the gateway subnet takes to backend t (memoized per backend VNet: see routeSelector). */
export function gatewayRouteTo(ctx: RuleContext, g: GatewayNetwork, t: BackendTarget): RouteSelection<Route> | undefined {
  const byVnet = cached(selectorCache, ctx, () => new Map());
  let key = t.subnet ? vnetKeyCache.get(t.subnet) : '-';
  if (key === undefined) {
    const v = ctx.net.vnetOfSubnet(t.subnet!);
    vnetKeyCache.set(t.subnet!, (key = v ? idKey(v.id) : `subnet:${idKey(t.subnet!.id)}`));
  }
  let sel = byVnet.get(key);
  if (!sel) byVnet.set(key, (sel = routeSelector(gatewayRouteOptions(ctx, g, t))));
  return sel(t);
}
