/**
 * Resolving references inside a workspace. Ids compare case-insensitively (as Azure does); inside one
 * gateway a reference whose parent part is a placeholder (AGIC writes `--app-gw-name--`) or differs
 * only in the subscription/resource-group spelling still resolves by `collection/name`.
 */
import { idKey, lastSegment, subKey } from './ids';
import type {
  BackendAddressPool, BackendHealth, BackendHttpSettings, FrontendIpConfiguration, FrontendPort, Gateway, HttpListener,
  NetworkInterface, NetworkSecurityGroup, Probe, PublicIpAddress, RedirectConfiguration, Ref, RouteTable, Subnet,
  UrlPathMap, VirtualNetwork, Workspace, Certificate, Named,
} from './types';

class Index<T extends Named> {
  private byId = new Map<string, T>();
  /** Built on the first reference the id does not find (a placeholder parent, another spelling): most inputs never need it. */
  private bySub?: Map<string, T>;
  /** Last id segment → the item the id lookup gives for its id: a reference spelled exactly like the id is found by its short name. */
  private byLast = new Map<string, T>();
  constructor(private readonly items: T[]) {
    const keys = items.map((it) => idKey(it.id));
    for (let i = 0; i < items.length; i++) this.byId.set(keys[i]!, items[i]!);
    for (let i = 0; i < items.length; i++) if (this.byId.get(keys[i]!) === items[i]) this.byLast.set(lastSegment(items[i]!.id), items[i]!);
  }
  get(ref: Ref | undefined): T | undefined {
    if (!ref) return undefined;
    // Hashing a short name instead of a 150-character id: 10,000 path rules resolve 40,000 references.
    const exact = this.byLast.get(ref.name);
    if (exact !== undefined && exact.id === ref.id) return exact;
    const hit = this.byId.get(idKey(ref.id));
    if (hit !== undefined) return hit;
    if (!this.bySub) {
      this.bySub = new Map();
      for (const it of this.items) this.bySub.set(subKey(it.id), it);
    }
    return this.bySub.get(subKey(ref.id));
  }
}

export interface GatewayIndex {
  gateway: Gateway;
  listener(ref?: Ref): HttpListener | undefined;
  pool(ref?: Ref): BackendAddressPool | undefined;
  settings(ref?: Ref): BackendHttpSettings | undefined;
  probe(ref?: Ref): Probe | undefined;
  frontendPort(ref?: Ref): FrontendPort | undefined;
  frontendIp(ref?: Ref): FrontendIpConfiguration | undefined;
  urlPathMap(ref?: Ref): UrlPathMap | undefined;
  redirect(ref?: Ref): RedirectConfiguration | undefined;
  sslCertificate(ref?: Ref): Certificate | undefined;
  trustedRoot(ref?: Ref): Certificate | undefined;
  authenticationCertificate(ref?: Ref): Certificate | undefined;
  rewriteRuleSet(ref?: Ref): Named | undefined;
}

const gatewayIndexes = new WeakMap<Gateway, GatewayIndex>();

export function indexGateway(gateway: Gateway): GatewayIndex {
  const cached = gatewayIndexes.get(gateway);
  if (cached) return cached;
  const mk = <T extends Named>(items: T[]) => {
    const ix = new Index(items);
    return (ref?: Ref) => ix.get(ref);
  };
  const idx: GatewayIndex = {
    gateway,
    listener: mk(gateway.httpListeners),
    pool: mk(gateway.backendAddressPools),
    settings: mk(gateway.backendHttpSettingsCollection),
    probe: mk(gateway.probes),
    frontendPort: mk(gateway.frontendPorts),
    frontendIp: mk(gateway.frontendIpConfigurations),
    urlPathMap: mk(gateway.urlPathMaps),
    redirect: mk(gateway.redirectConfigurations),
    sslCertificate: mk(gateway.sslCertificates),
    trustedRoot: mk(gateway.trustedRootCertificates),
    authenticationCertificate: mk(gateway.authenticationCertificates),
    rewriteRuleSet: mk(gateway.rewriteRuleSets),
  };
  gatewayIndexes.set(gateway, idx);
  return idx;
}

export interface NetworkIndex {
  subnet(ref?: Ref | string): Subnet | undefined;
  vnetOfSubnet(subnet: Subnet): VirtualNetwork | undefined;
  nsg(ref?: Ref): NetworkSecurityGroup | undefined;
  routeTable(ref?: Ref): RouteTable | undefined;
  publicIp(ref?: Ref): PublicIpAddress | undefined;
  nic(ref?: Ref): NetworkInterface | undefined;
  /** The NIC owning a NIC IP configuration id (`.../networkInterfaces/nic1/ipConfigurations/ipconfig1`). */
  nicOfIpConfiguration(ref?: Ref): NetworkInterface | undefined;
  /** Backend health documents that belong to this gateway. */
  healthOf(gateway: Gateway): BackendHealth[];
}

const networkIndexes = new WeakMap<Workspace, NetworkIndex>();

export function indexNetwork(ws: Workspace): NetworkIndex {
  const cached = networkIndexes.get(ws);
  if (cached) return cached;
  const allSubnets = [...ws.virtualNetworks.flatMap((v) => v.subnets), ...ws.subnets];
  const subnetById = new Map(allSubnets.map((s) => [idKey(s.id), s]));
  const vnetById = new Map(ws.virtualNetworks.map((v) => [idKey(v.id), v]));
  const byIdMap = <T extends Named>(items: T[]) => {
    const m = new Map(items.map((i) => [idKey(i.id), i]));
    return (ref?: Ref) => (ref ? m.get(idKey(ref.id)) : undefined);
  };
  const nic = byIdMap(ws.networkInterfaces);
  const idx: NetworkIndex = {
    subnet: (ref) => {
      if (!ref) return undefined;
      return subnetById.get(idKey(typeof ref === 'string' ? ref : ref.id));
    },
    vnetOfSubnet: (s) => {
      if (s.virtualNetworkId) {
        const v = vnetById.get(idKey(s.virtualNetworkId));
        if (v) return v;
      }
      return ws.virtualNetworks.find((v) => v.subnets.includes(s));
    },
    nsg: byIdMap(ws.networkSecurityGroups),
    routeTable: byIdMap(ws.routeTables),
    publicIp: byIdMap(ws.publicIpAddresses),
    nic,
    nicOfIpConfiguration: (ref) => {
      if (!ref) return undefined;
      const m = /^(.*\/networkInterfaces\/[^/]+)\//i.exec(ref.id);
      return m ? nic({ id: m[1], name: '' }) : undefined;
    },
    healthOf: (gw) => {
      const key = idKey(gw.id);
      const own = ws.backendHealth.filter((h) => (h.gatewayId ? idKey(h.gatewayId) === key : false));
      if (own.length) return own;
      // Health without ids (or with another subscription spelling): match by gateway name, or take it when there is one gateway.
      const byName = ws.backendHealth.filter((h) => h.gatewayName && h.gatewayName.toLowerCase() === gw.name.toLowerCase());
      if (byName.length) return byName;
      return ws.gateways.length === 1 ? ws.backendHealth.filter((h) => !h.gatewayId || !ws.gateways.some((g) => idKey(g.id) === idKey(h.gatewayId!))) : [];
    },
  };
  networkIndexes.set(ws, idx);
  return idx;
}
