/**
 * Reads one gateway and what its 502s depend on from Azure, and turns it into the same documents a paste
 * would give (REST bodies as `{name, text}`), so the engine sees no difference:
 *
 *   gateway (GET, full depth) · its subnet's VNet (DNS servers, address space, subnets), NSG and route table ·
 *   frontend public IPs · backend NICs (from the pools' NIC references, and NICs holding the pools' private
 *   IP addresses found with Resource Graph) with their subnets' VNets, NSGs and route tables · backend health
 *   (long-running POST) · effective NSG and effective routes of backend NICs (long-running POSTs).
 *
 * Whatever cannot be read is an issue (a 403 names the role that grants the action) and the rest goes on;
 * a failure or a cancel midway keeps every document already read.
 */
import { makeBundle, uniqueName, type Bundle } from '../core/input/formats/bundle';
import { API, isAbort, nameOfId, parseId, type ArmClient, type ArmFailure, type FailureKind, type MissingPermission } from './arm-client';

export interface CollectedDocument {
  name: string;
  text: string;
}

export interface CollectIssue {
  step: string;
  resourceId?: string;
  status: number;
  kind: FailureKind | 'skipped';
  message: string;
  permission?: MissingPermission;
}

export interface Collection {
  gatewayId: string;
  gatewayName: string;
  subscriptionId: string;
  resourceGroup: string;
  /** When the read started (ISO). */
  readAt: string;
  finishedAt: string;
  /** "read from Azure at <time>" — shown with the documents and kept with them. */
  note: string;
  documents: CollectedDocument[];
  issues: CollectIssue[];
  cancelled: boolean;
  /** The gateway itself could be read (without it nothing else was tried). */
  gatewayRead: boolean;
}

export interface CollectOptions {
  /** At most this many backend NICs are read (default 16). */
  maxNics?: number;
  /** Effective NSG/routes are read for at most this many NICs (default 6). */
  maxEffective?: number;
  /** Skip backend health / effective outputs (a quick read). */
  skipBackendHealth?: boolean;
  skipEffective?: boolean;
  now?: () => Date;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const props = (v: unknown): Obj => (isObj(v) && isObj(v.properties) ? v.properties : isObj(v) ? v : {});
const idOf = (v: unknown): string | undefined => (isObj(v) && typeof v.id === 'string' && v.id ? v.id : undefined);
const key = (id: string) => id.toLowerCase();

/** Order of documents in a collection (stable whatever order the reads finished in). */
const ORDER = ['gateway', 'vnet', 'subnet', 'nsg', 'route-table', 'public-ip', 'nic', 'backend-health', 'effective-nsg', 'effective-routes'] as const;
type DocKind = (typeof ORDER)[number];

const PRIVATE = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.)/;

/** The NIC a NIC IP-configuration id belongs to. */
export function nicOfIpConfiguration(id: string): string | undefined {
  const m = /^(.*\/networkInterfaces\/[^/]+)\/ipConfigurations\/[^/]+$/i.exec(id);
  return m?.[1];
}

function vnetOfSubnet(id: string): string | undefined {
  return /^(.*\/virtualNetworks\/[^/]+)\/subnets\/[^/]+$/i.exec(id)?.[1];
}

/** Scale-set instance NICs live under Microsoft.Compute and answer older network API versions only. */
function apiVersionFor(id: string): string {
  return /\/virtualMachineScaleSets\//i.test(id) ? '2018-10-01' : API.network;
}

/** "nsg" + "nsg-web" → "nsg-web.json"; "nsg" + "web" → "nsg-web.json": the kind shows, once. */
function docName(kind: DocKind, name: string): string {
  const safe = name.replace(/[\\/:*?"<>|]+/g, '_');
  return `${safe.toLowerCase().startsWith(`${kind}-`) ? safe : `${kind}-${safe}`}.json`;
}

function quoteKql(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export async function collectGateway(client: ArmClient, gatewayId: string, options: CollectOptions = {}): Promise<Collection> {
  const now = options.now ?? (() => new Date());
  const readAt = now().toISOString();
  const parsed = parseId(gatewayId);
  const gatewayName = nameOfId(gatewayId);
  const docs: { kind: DocKind; name: string; text: string }[] = [];
  const issues: CollectIssue[] = [];
  let cancelled = false;
  let gatewayRead = false;

  const add = (kind: DocKind, name: string, body: unknown) => docs.push({ kind, name: docName(kind, name), text: JSON.stringify(body, null, 2) });
  const fail = (step: string, f: ArmFailure, resourceId?: string) =>
    issues.push({ step, resourceId, status: f.status, kind: f.kind, message: f.message, ...(f.permission ? { permission: f.permission } : {}) });

  // Each resource is read once, however many paths lead to it.
  const reads = new Map<string, Promise<unknown | undefined>>();
  const readOnce = (id: string, kind: DocKind, step: string): Promise<unknown | undefined> => {
    const k = key(id);
    let p = reads.get(k);
    if (!p) {
      p = client.getResource(id, apiVersionFor(id), step).then((r) => {
        if (r.ok) {
          add(kind, nameOfId(id), r.body);
          return r.body;
        }
        fail(step, r, id);
        return undefined;
      });
      reads.set(k, p);
    }
    return p;
  };

  /** The subnet's NSG and route table (from a VNet body, or the subnet read alone when the VNet cannot be). */
  const readSubnetContext = async (subnetId: string): Promise<void> => {
    const vnetId = vnetOfSubnet(subnetId);
    let subnet: unknown;
    if (vnetId) {
      const vnet = await readOnce(vnetId, 'vnet', `virtual network ${nameOfId(vnetId)}`);
      subnet = arr(props(vnet).subnets).find((s) => key(idOf(s) ?? '') === key(subnetId));
    }
    if (!subnet) subnet = await readOnce(subnetId, 'subnet', `subnet ${nameOfId(subnetId)}`);
    const p = props(subnet);
    const nsg = idOf(p.networkSecurityGroup);
    const rt = idOf(p.routeTable);
    await Promise.all([
      nsg ? readOnce(nsg, 'nsg', `NSG ${nameOfId(nsg)}`) : undefined,
      rt ? readOnce(rt, 'route-table', `route table ${nameOfId(rt)}`) : undefined,
    ]);
  };

  try {
    const gw = await client.getResource(gatewayId, API.network, `gateway ${gatewayName}`);
    if (!gw.ok) {
      fail(`gateway ${gatewayName}`, gw, gatewayId);
    } else {
      gatewayRead = true;
      add('gateway', gatewayName, gw.body);
      const gp = props(gw.body);
      const gatewaySubnets = [...new Set(arr(gp.gatewayIPConfigurations).map((c) => idOf(props(c).subnet)).filter((x): x is string => !!x))];
      const publicIps = [...new Set(arr(gp.frontendIPConfigurations).map((c) => idOf(props(c).publicIPAddress)).filter((x): x is string => !!x))];
      const nicIds = new Map<string, string>();
      const backendIps = new Set<string>();
      for (const pool of arr(gp.backendAddressPools)) {
        const pp = props(pool);
        for (const c of arr(pp.backendIPConfigurations)) {
          const nic = nicOfIpConfiguration(idOf(c) ?? '');
          if (nic) nicIds.set(key(nic), nic);
        }
        for (const a of arr(pp.backendAddresses)) {
          const ip = typeof a === 'string' ? a : isObj(a) && typeof a.ipAddress === 'string' ? a.ipAddress : undefined;
          if (ip && PRIVATE.test(ip.trim())) backendIps.add(ip.trim());
        }
      }

      const health = options.skipBackendHealth
        ? Promise.resolve()
        : client.backendHealth(gatewayId).then((r) => {
            if (r.ok) add('backend-health', gatewayName, r.body);
            else fail(`backend health of ${gatewayName}`, r, gatewayId);
          });

      const network = (async () => {
        await Promise.all([...gatewaySubnets.map(readSubnetContext), ...publicIps.map((id) => readOnce(id, 'public-ip', `public IP ${nameOfId(id)}`))]);
        // NICs holding the pools' private IP addresses (pools given by address, not by NIC): Resource Graph,
        // limited to the gateway's VNet and the VNets peered with it so an address reused elsewhere is not taken.
        if (backendIps.size && parsed) {
          const vnets = new Set<string>();
          for (const sid of gatewaySubnets) {
            const vid = vnetOfSubnet(sid);
            if (!vid) continue;
            vnets.add(key(vid));
            const vnet = await reads.get(key(vid));
            for (const peer of arr(props(vnet).virtualNetworkPeerings)) {
              const remote = idOf(props(peer).remoteVirtualNetwork);
              if (remote) vnets.add(key(remote));
            }
          }
          const query =
            "Resources | where type =~ 'microsoft.network/networkinterfaces' | mv-expand ipc = properties.ipConfigurations " +
            `| where tostring(ipc.properties.privateIPAddress) in (${[...backendIps].map(quoteKql).join(', ')}) ` +
            '| project id, subnet = tolower(tostring(ipc.properties.subnet.id))';
          const found = await client.resourceGraph<{ id?: string; subnet?: string }>(query, [parsed.subscriptionId], `NICs of ${gatewayName}'s backend addresses`);
          if (found.failure) fail(`NICs of ${gatewayName}'s backend addresses (Resource Graph)`, found.failure);
          for (const row of found.items) {
            const vid = vnetOfSubnet(row.subnet ?? '');
            if (row.id && (!vnets.size || (vid && vnets.has(key(vid))))) nicIds.set(key(row.id), row.id);
          }
        }
        const maxNics = options.maxNics ?? 16;
        const nics = [...nicIds.values()];
        if (nics.length > maxNics) {
          issues.push({ step: 'backend network interfaces', status: 0, kind: 'skipped', message: `${nics.length} backend network interfaces: only the first ${maxNics} were read.` });
        }
        const maxEffective = options.maxEffective ?? 6;
        const effectiveFor = nics.slice(0, Math.min(maxNics, maxEffective));
        if (!options.skipEffective && nics.length > effectiveFor.length) {
          issues.push({ step: 'effective NSG and routes', status: 0, kind: 'skipped', message: `Effective NSG and routes were read for ${effectiveFor.length} of ${nics.length} backend network interfaces.` });
        }
        await Promise.all(
          nics.slice(0, maxNics).map(async (nicId) => {
            const nic = await readOnce(nicId, 'nic', `network interface ${nameOfId(nicId)}`);
            const np = props(nic);
            const subnets = new Set(arr(np.ipConfigurations).map((c) => idOf(props(c).subnet)).filter((x): x is string => !!x));
            const nicNsg = idOf(np.networkSecurityGroup);
            const effective =
              options.skipEffective || !effectiveFor.includes(nicId)
                ? []
                : [
                    client.effectiveNsg(nicId).then((r) => {
                      if (r.ok) add('effective-nsg', nameOfId(nicId), r.body);
                      else fail(`effective NSG of ${nameOfId(nicId)}`, r, nicId);
                    }),
                    client.effectiveRoutes(nicId).then((r) => {
                      if (r.ok) add('effective-routes', nameOfId(nicId), r.body);
                      else fail(`effective routes of ${nameOfId(nicId)}`, r, nicId);
                    }),
                  ];
            await Promise.all([
              ...[...subnets].map(readSubnetContext),
              nicNsg ? readOnce(nicNsg, 'nsg', `NSG ${nameOfId(nicNsg)}`) : undefined,
              ...effective,
            ]);
          }),
        );
      })();

      const settled = await Promise.allSettled([health, network]);
      for (const s of settled) if (s.status === 'rejected') throw s.reason;
    }
  } catch (e) {
    if (!isAbort(e)) {
      issues.push({ step: 'reading from Azure', status: 0, kind: 'client', message: `Stopped by an error: ${String((e as Error)?.message ?? e)}` });
    } else cancelled = true;
  }

  const taken = new Set<string>();
  const documents = docs
    .map((d, i) => ({ ...d, i }))
    .sort((a, b) => ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind) || a.name.localeCompare(b.name) || a.i - b.i)
    .map((d) => ({ name: uniqueName(d.name, taken), text: d.text }));
  return {
    gatewayId,
    gatewayName,
    subscriptionId: parsed?.subscriptionId ?? '',
    resourceGroup: parsed?.resourceGroup ?? '',
    readAt,
    finishedAt: now().toISOString(),
    note: `read from Azure at ${readAt}`,
    documents,
    issues,
    cancelled,
    gatewayRead,
  };
}

/** What was read, as one bundle file (the same format the collect scripts write). */
export function collectionBundle(c: Collection): Bundle {
  return makeBundle(c.documents, c.readAt, 'azure-sign-in');
}

/** The issues that are missing permissions, one line each: "backend health of appgw: needs Microsoft.Network/…/action (Network Contributor, …)". */
export function permissionLines(c: Pick<Collection, 'issues'>): string[] {
  return c.issues.filter((i) => i.permission).map((i) => `${i.step}: needs ${i.permission!.action} (${i.permission!.roles.join(', ')}, or a custom role with this action)`);
}
