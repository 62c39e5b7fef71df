/**
 * Several documents → one workspace: the gateway from one paste, its subnet's NSG from another,
 * backend health from a third, joined by resource id (case-insensitively). The same resource twice is
 * merged: the later document (or the one with the newer timestamp) wins, and the workspace says so.
 */
import { idKey } from './ids';
import type { DocumentModel, Named, Subnet, Workspace } from './types';
import { mergeTraffic } from '../traffic/merge';

function dedupe<T extends Named>(items: { item: T; doc: DocumentModel; order: number }[], what: string, notes: Workspace['notes']): T[] {
  const byId = new Map<string, { item: T; doc: DocumentModel; order: number }>();
  for (const entry of items) {
    const key = idKey(entry.item.id);
    const prev = byId.get(key);
    if (!prev) {
      byId.set(key, entry);
      continue;
    }
    const newer = newerOf(prev, entry);
    const older = newer === prev ? entry : prev;
    notes.push({
      document: newer.doc.name,
      message: `${what} "${entry.item.name}" appears in both "${older.doc.name}" and "${newer.doc.name}"; the copy from "${newer.doc.name}" is used (${newer.doc.timestamp ? 'newer timestamp' : 'given later'}).`,
    });
    byId.set(key, newer);
  }
  return [...byId.values()].map((e) => e.item);
}

function newerOf<E extends { doc: DocumentModel; order: number }>(a: E, b: E): E {
  const ta = a.doc.timestamp ? Date.parse(a.doc.timestamp) : NaN;
  const tb = b.doc.timestamp ? Date.parse(b.doc.timestamp) : NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta > tb ? a : b;
  return b.order >= a.order ? b : a;
}

export function buildWorkspace(documents: DocumentModel[]): Workspace {
  const notes: Workspace['notes'] = [];
  const collect = <T extends Named>(pick: (d: DocumentModel) => T[]) =>
    documents.flatMap((doc, order) => pick(doc).map((item) => ({ item, doc, order })));

  const virtualNetworks = dedupe(collect((d) => d.virtualNetworks), 'Virtual network', notes);
  // Subnets given alone or inside a VNet are one set: a subnet from a later paste updates the VNet's copy.
  const subnetsAlone = dedupe(collect((d) => d.subnets), 'Subnet', notes);
  const inVnets = new Set<string>();
  for (const v of virtualNetworks) {
    v.subnets = v.subnets.map((s) => {
      inVnets.add(idKey(s.id));
      return subnetsAlone.find((x) => idKey(x.id) === idKey(s.id)) ?? s;
    });
  }
  const subnets: Subnet[] = subnetsAlone.filter((s) => !inVnets.has(idKey(s.id)));

  const ws: Workspace = {
    documents,
    gateways: dedupe(collect((d) => d.gateways), 'Application gateway', notes),
    virtualNetworks,
    subnets,
    networkSecurityGroups: dedupe(collect((d) => d.networkSecurityGroups), 'Network security group', notes),
    routeTables: dedupe(collect((d) => d.routeTables), 'Route table', notes),
    publicIpAddresses: dedupe(collect((d) => d.publicIpAddresses), 'Public IP address', notes),
    networkInterfaces: dedupe(collect((d) => d.networkInterfaces), 'Network interface', notes),
    backendHealth: documents.flatMap((d) => d.backendHealth),
    effectiveNsgs: documents.flatMap((d) => d.effectiveNsgs),
    effectiveRoutes: documents.flatMap((d) => d.effectiveRoutes),
    notes,
  };
  // --- traffic (access logs, metrics, App Service, control-plane errors): merged and joined with the gateways.
  if (documents.some((d) => d.traffic)) ws.traffic = mergeTraffic(ws);
  return ws;
}
