/**
 * Network context and companion outputs (any form) → the model. NSG defaults and semantics:
 * ../shared/reference/azure-facts.md section 4.
 */
import { arr, bool, find, get, getAny, isObj, num, refId, str, strs, type Obj } from './access';
import { makeRef } from './ids';
import type {
  Access, BackendHealth, BackendHealthPool, Direction, EffectiveNsg, EffectiveRoutes, EffectiveSecurityRule, NetworkInterface,
  NetworkSecurityGroup, PublicIpAddress, Ref, Route, RouteTable, SecurityRule, SourceRef, Subnet, VirtualNetwork,
} from './types';

type Src = (pointer: string) => SourceRef;

function ref(v: unknown): Ref | undefined {
  const id = refId(v);
  return id ? makeRef(id) : undefined;
}

function refs(v: unknown): Ref[] {
  const out: Ref[] = [];
  for (const x of arr(v)) {
    const r = ref(x);
    if (r) out.push(r);
  }
  return out;
}

function idOr(o: Obj, fallback: string): string {
  return str(get(o, 'id')) ?? fallback;
}

/** Prefixes from `addressPrefix` (string or, in console output, a list) and `addressPrefixes`. */
function prefixes(o: Obj, single: string, plural: string): string[] {
  const out = [...strs(get(o, single)), ...strs(get(o, plural))];
  return [...new Set(out.map((s) => s.trim()).filter(Boolean))];
}

export function normalizeSubnet(o: Obj, pointer: string, src: Src, vnetId?: string): Subnet {
  const name = str(get(o, 'name')) ?? 'subnet';
  const id = idOr(o, vnetId ? `${vnetId}/subnets/${name}` : `/subnets/${name}`);
  const delegations: string[] = [];
  for (const d of arr(get(o, 'delegations'))) {
    const s = str(getAny(d, 'serviceName')) ?? str(get(d, 'name'));
    if (s) delegations.push(s);
  }
  const m = /^(.*\/virtualNetworks\/[^/]+)\/subnets\//i.exec(id);
  return {
    id,
    name,
    source: src(pointer),
    virtualNetworkId: vnetId ?? m?.[1],
    addressPrefixes: prefixes(o, 'addressPrefix', 'addressPrefixes'),
    networkSecurityGroup: ref(get(o, 'networkSecurityGroup')),
    routeTable: ref(get(o, 'routeTable')),
    delegations,
    ipConfigurations: [...refs(get(o, 'ipConfigurations')), ...refs(get(o, 'applicationGatewayIPConfigurations'))],
  };
}

export function normalizeVnet(o: Obj, pointer: string, src: Src): VirtualNetwork {
  const name = str(get(o, 'name')) ?? 'vnet';
  const id = idOr(o, `/virtualNetworks/${name}`);
  const space = get(o, 'addressSpace');
  const dhcp = get(o, 'dhcpOptions');
  const subnetsFound = find(o, 'subnets');
  const subnets: Subnet[] = [];
  arr(subnetsFound?.value).forEach((s, i) => {
    if (isObj(s)) subnets.push(normalizeSubnet(s, `${pointer}${subnetsFound!.path}/${i}`, src, id));
  });
  return {
    id,
    name,
    source: src(pointer),
    resourceGroup: str(getAny(o, 'resourceGroup', 'resourceGroupName')),
    addressPrefixes: strs(get(space, 'addressPrefixes')),
    dnsServers: strs(get(dhcp, 'dnsServers')),
    subnets,
  };
}

const PROTOCOLS: Record<string, string> = { all: '*', any: '*', '*': '*', tcp: 'Tcp', udp: 'Udp', icmp: 'Icmp', esp: 'Esp', ah: 'Ah' };

function direction(v: unknown): Direction {
  return /^out/i.test(str(v) ?? '') ? 'Outbound' : 'Inbound';
}

function access(v: unknown): Access {
  return /^deny/i.test(str(v) ?? '') ? 'Deny' : 'Allow';
}

/** Port or prefix lists: the single and plural fields together, trimmed (templates carry `"65503-65534 "`). */
function both(o: unknown, single: string, plural: string): string[] {
  const out = [...strs(get(o, single)), ...strs(get(o, plural))].map((s) => s.trim()).filter(Boolean);
  return [...new Set(out)];
}

export function normalizeSecurityRule(o: Obj, pointer: string, src: Src, isDefault: boolean): SecurityRule {
  return {
    name: str(get(o, 'name')) ?? 'rule',
    priority: num(get(o, 'priority')) ?? 0,
    direction: direction(get(o, 'direction')),
    access: access(get(o, 'access')),
    protocol: PROTOCOLS[(str(get(o, 'protocol')) ?? '*').toLowerCase()] ?? str(get(o, 'protocol')) ?? '*',
    sourcePrefixes: both(o, 'sourceAddressPrefix', 'sourceAddressPrefixes'),
    destinationPrefixes: both(o, 'destinationAddressPrefix', 'destinationAddressPrefixes'),
    sourcePorts: both(o, 'sourcePortRange', 'sourcePortRanges'),
    destinationPorts: both(o, 'destinationPortRange', 'destinationPortRanges'),
    sourceApplicationSecurityGroups: refs(get(o, 'sourceApplicationSecurityGroups')),
    destinationApplicationSecurityGroups: refs(get(o, 'destinationApplicationSecurityGroups')),
    isDefault,
    source: src(pointer),
  };
}

export function normalizeNsg(o: Obj, pointer: string, src: Src): NetworkSecurityGroup {
  const name = str(get(o, 'name')) ?? 'nsg';
  const rules = (key: string, isDefault: boolean): SecurityRule[] => {
    const f = find(o, key);
    const out: SecurityRule[] = [];
    arr(f?.value).forEach((r, i) => {
      if (isObj(r)) out.push(normalizeSecurityRule(r, `${pointer}${f!.path}/${i}`, src, isDefault));
    });
    return out;
  };
  return {
    id: idOr(o, `/networkSecurityGroups/${name}`),
    name,
    source: src(pointer),
    resourceGroup: str(getAny(o, 'resourceGroup', 'resourceGroupName')),
    securityRules: rules('securityRules', false),
    defaultRules: rules('defaultSecurityRules', true),
    subnets: refs(get(o, 'subnets')),
    networkInterfaces: refs(get(o, 'networkInterfaces')),
  };
}

export function normalizeRouteTable(o: Obj, pointer: string, src: Src): RouteTable {
  const name = str(get(o, 'name')) ?? 'routeTable';
  const f = find(o, 'routes');
  const routes: Route[] = [];
  arr(f?.value).forEach((r, i) => {
    if (!isObj(r)) return;
    routes.push({
      name: str(get(r, 'name')) ?? `route-${i + 1}`,
      addressPrefix: (str(get(r, 'addressPrefix')) ?? '').trim(),
      nextHopType: str(get(r, 'nextHopType')) ?? '',
      nextHopIpAddress: str(get(r, 'nextHopIpAddress')) || undefined,
      source: src(`${pointer}${f!.path}/${i}`),
    });
  });
  return {
    id: idOr(o, `/routeTables/${name}`),
    name,
    source: src(pointer),
    resourceGroup: str(getAny(o, 'resourceGroup', 'resourceGroupName')),
    disableBgpRoutePropagation: bool(get(o, 'disableBgpRoutePropagation')),
    routes,
    subnets: refs(get(o, 'subnets')),
  };
}

export function normalizePublicIp(o: Obj, pointer: string, src: Src): PublicIpAddress {
  const name = str(get(o, 'name')) ?? 'publicIp';
  const sku = get(o, 'sku');
  return {
    id: idOr(o, `/publicIPAddresses/${name}`),
    name,
    source: src(pointer),
    ipAddress: str(get(o, 'ipAddress')),
    fqdn: str(get(get(o, 'dnsSettings'), 'fqdn')),
    sku: str(get(sku, 'name')) ?? str(sku),
  };
}

export function normalizeNic(o: Obj, pointer: string, src: Src): NetworkInterface {
  const name = str(get(o, 'name')) ?? 'nic';
  const id = idOr(o, `/networkInterfaces/${name}`);
  const f = find(o, 'ipConfigurations');
  return {
    id,
    name,
    source: src(pointer),
    ipConfigurations: arr(f?.value).filter(isObj).map((c, i) => {
      const cname = str(get(c, 'name')) ?? `ipconfig${i + 1}`;
      return {
        id: idOr(c, `${id}/ipConfigurations/${cname}`),
        name: cname,
        source: src(`${pointer}${f!.path}/${i}`),
        privateIpAddress: str(get(c, 'privateIPAddress')),
        subnet: ref(get(c, 'subnet')),
      };
    }),
    networkSecurityGroup: ref(get(o, 'networkSecurityGroup')),
    enableIpForwarding: bool(get(o, 'enableIPForwarding')),
    virtualMachine: ref(get(o, 'virtualMachine')),
  };
}

/** REST enum Up/Down next to the documentation's Healthy/Unhealthy (facts section 6): one vocabulary. */
export function normalizeHealth(v: unknown): string {
  const s = (str(v) ?? 'Unknown').trim();
  const l = s.toLowerCase();
  if (l === 'up' || l === 'healthy') return 'Healthy';
  if (l === 'down' || l === 'unhealthy') return 'Unhealthy';
  if (l === 'unknown') return 'Unknown';
  if (l === 'draining') return 'Draining';
  if (l === 'partial') return 'Partial';
  return s;
}

export function looksLikeBackendHealth(o: unknown): boolean {
  if (!isObj(o)) return false;
  if (get(o, 'backendHealthHttpSettings') !== undefined && get(o, 'backendAddressPool') !== undefined) return true;
  const pools = arr(get(o, 'backendAddressPools'));
  return pools.length > 0 && pools.some((p) => get(p, 'backendHttpSettingsCollection') !== undefined && get(p, 'backendAddressPool') !== undefined)
    || (Array.isArray(get(o, 'backendAddressPools')) && pools.length === 0 && get(o, 'httpListeners') === undefined && Object.keys(o).length <= 3);
}

export function normalizeBackendHealth(o: Obj, pointer: string, src: Src): BackendHealth {
  const pools: BackendHealthPool[] = [];
  const servers = (settingsObj: unknown, base: string) => {
    const f = find(settingsObj, 'servers');
    return arr(f?.value).filter(isObj).map((s, i) => ({
      address: str(get(s, 'address')) ?? '',
      health: normalizeHealth(get(s, 'health')),
      healthProbeLog: str(get(s, 'healthProbeLog')) || undefined,
      healthProbeErrorName: str(get(s, 'healthProbeErrorName')) || undefined,
      ipConfiguration: ref(get(s, 'ipConfiguration')),
      source: src(`${base}${f!.path}/${i}`),
    }));
  };
  const onDemand = get(o, 'backendHealthHttpSettings') !== undefined;
  if (onDemand) {
    const f = find(o, 'backendHealthHttpSettings')!;
    pools.push({
      backendAddressPool: ref(get(o, 'backendAddressPool')),
      settings: arr(Array.isArray(f.value) ? f.value : [f.value]).map((hs, i) => ({
        backendHttpSettings: ref(get(hs, 'backendHttpSettings')),
        servers: servers(hs, `${pointer}${f.path}${Array.isArray(f.value) ? '/' + i : ''}`),
      })),
    });
  } else {
    const f = find(o, 'backendAddressPools');
    arr(f?.value).forEach((p, i) => {
      const base = `${pointer}${f!.path}/${i}`;
      const sf = find(p, 'backendHttpSettingsCollection');
      pools.push({
        backendAddressPool: ref(get(p, 'backendAddressPool')),
        settings: arr(sf?.value).map((hs, j) => ({
          backendHttpSettings: ref(get(hs, 'backendHttpSettings')),
          servers: servers(hs, `${base}${sf!.path}/${j}`),
        })),
      });
    });
  }
  const anyId = pools.map((p) => p.backendAddressPool?.id).find(Boolean);
  const gm = anyId ? /^(.*\/applicationGateways\/([^/]+))/i.exec(anyId) : null;
  return { gatewayId: gm?.[1], gatewayName: gm?.[2], pools, onDemand, source: src(pointer) };
}

export function normalizeEffectiveRule(o: Obj): EffectiveSecurityRule {
  const expSrc = strs(get(o, 'expandedSourceAddressPrefix'));
  const expDst = strs(get(o, 'expandedDestinationAddressPrefix'));
  return {
    name: str(get(o, 'name')) ?? 'rule',
    priority: num(get(o, 'priority')) ?? 0,
    direction: direction(get(o, 'direction')),
    access: access(get(o, 'access')),
    protocol: PROTOCOLS[(str(get(o, 'protocol')) ?? '*').toLowerCase()] ?? '*',
    // Expanded prefixes are the ground truth for service tags; keep the tag too so a reader sees it.
    sourcePrefixes: [...new Set([...both(o, 'sourceAddressPrefix', 'sourceAddressPrefixes'), ...expSrc])],
    destinationPrefixes: [...new Set([...both(o, 'destinationAddressPrefix', 'destinationAddressPrefixes'), ...expDst])],
    sourcePorts: both(o, 'sourcePortRange', 'sourcePortRanges'),
    destinationPorts: both(o, 'destinationPortRange', 'destinationPortRanges'),
  };
}

/** `{value: [{association, effectiveSecurityRules}]}` (REST, az) or the PowerShell list of the same. */
export function normalizeEffectiveNsg(items: unknown[], pointer: string, src: Src): EffectiveNsg {
  const associations = items.filter(isObj).map((a) => {
    const assoc = get(a, 'association');
    return {
      subnet: ref(get(assoc, 'subnet')),
      networkInterface: ref(get(assoc, 'networkInterface')),
      networkSecurityGroup: ref(get(a, 'networkSecurityGroup')),
      rules: arr(get(a, 'effectiveSecurityRules')).filter(isObj).map(normalizeEffectiveRule),
    };
  });
  const nic = associations.map((a) => a.networkInterface).find(Boolean);
  return { networkInterface: nic, associations, source: src(pointer) };
}

export function looksLikeEffectiveRoute(o: unknown): boolean {
  return isObj(o) && get(o, 'nextHopType') !== undefined && get(o, 'addressPrefix') !== undefined && get(o, 'state') !== undefined;
}

export function normalizeEffectiveRoutes(items: unknown[], pointer: string, src: Src): EffectiveRoutes {
  return {
    routes: items.filter(isObj).map((r) => ({
      name: str(get(r, 'name')) || undefined,
      source: str(get(r, 'source')) ?? '',
      state: str(get(r, 'state')) ?? '',
      addressPrefixes: strs(get(r, 'addressPrefix')).map((s) => s.trim()),
      nextHopType: str(get(r, 'nextHopType')) ?? '',
      nextHopIpAddresses: strs(get(r, 'nextHopIpAddress')),
    })),
    source: src(pointer),
  };
}
