/**
 * Shared reading of the traffic (access logs, metrics) for the traffic rules: the gateway's classes, windows,
 * peaks and sample rows as evidence, and the configuration objects a class points at. Not a rule.
 * Facts: ../shared/reference/logs-and-metrics.md.
 */
import { idKey } from '../model/ids';
import type { BackendAddressPool, BackendHttpSettings, Gateway } from '../model/types';
import { trafficOf } from '../traffic/merge';
import { peakOf } from '../traffic/report';
import { windowText } from '../traffic/time';
import type { AccessSample, ClassStats, DimensionEntry, GatewayTraffic, TrafficClass } from '../traffic/types';
import { affectedBy } from './backend-support';
import type { Commands, Evidence, RuleContext } from './types';
import { evaluateEffectivePath, evaluateNsg, evaluatePath, type Flow } from '../net/nsg-eval';
import { backendTargets, effectiveNsgOf, gatewayNetwork, gatewayPrefixFor, nsgRules, virtualNetworkSpace } from './network-context';

export const ACCESS_LOG_DOCS = 'https://learn.microsoft.com/troubleshoot/azure/application-gateway/troubleshoot-http-502-bad-gateway';

export function trafficFor(ctx: Pick<RuleContext, 'workspace' | 'gateway'>): GatewayTraffic | undefined {
  return trafficOf(ctx.workspace, ctx.gateway);
}

export function classStats(ctx: Pick<RuleContext, 'workspace' | 'gateway'>, cls: TrafficClass): ClassStats | undefined {
  const s = trafficFor(ctx)?.access?.classes[cls];
  return s && s.count > 0 ? s : undefined;
}

/** Every classified 5xx row (client-side 499/408 left out), for shares. */
export function classifiedTotal(t: GatewayTraffic | undefined): number {
  if (!t?.access) return 0;
  return Object.entries(t.access.classes).reduce((n, [c, s]) => n + (c === 'client' ? 0 : s?.count ?? 0), 0);
}

export function pct(n: number, total: number): string {
  if (!total) return '0%';
  const p = (n / total) * 100;
  return `${p >= 10 || p === 0 ? Math.round(p) : p.toFixed(1)}%`;
}

export function windowOf(s: { first?: string; last?: string }): string {
  return windowText(s.first, s.last);
}

/** The busiest 5-minute bucket, language-neutral: `12 @ 2025-02-25 09:20–09:25 UTC` (or `-`). */
export function peakText(s: ClassStats): string {
  const p = peakOf(s, 5);
  if (!p) return '-';
  const end = new Date(Date.parse(p.bucket) + p.minutes * 60_000).toISOString();
  return `${p.count} @ ${windowText(p.bucket, end)}`;
}

/** One sample row, readable: `2025-02-25 09:19:25 UTC 502 GET www.contoso.com/api → pool-web / settings-web → 10.0.2.4:80 ...`. */
export function sampleText(s: AccessSample): string {
  const parts: string[] = [];
  if (s.time) parts.push(s.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'));
  if (s.status !== undefined) parts.push(String(s.status));
  if (s.method || s.host || s.path) parts.push(`${s.method ?? ''} ${s.host ?? ''}${s.path ?? ''}`.trim());
  const route = [s.listener, s.rule, s.pool, s.settings].filter(Boolean).join(' / ');
  if (route) parts.push(`→ ${route}`);
  if (s.server) parts.push(`backend ${s.server}`);
  parts.push(`serverStatus ${s.serverStatus || '(none)'}`);
  if (s.latency !== undefined) parts.push(`serverResponseLatency ${s.latency} s`);
  if (s.timeTaken !== undefined) parts.push(`timeTaken ${s.timeTaken} s`);
  if (s.latencyMax !== undefined) parts.push(`latency up to ${s.latencyMax} s`);
  if (s.errorInfo) parts.push(s.errorInfo);
  if (s.instance) parts.push(s.instance);
  if (s.weight !== undefined && s.weight !== 1) parts.push(`(${s.weight} rows)`);
  return parts.join(' ');
}

export function sampleEvidence(samples: AccessSample[], max = 3): Evidence[] {
  return samples.slice(0, max).map((s) => ({
    path: `accessLog[${s.document}${s.line ? `:${s.line}` : ''}]`,
    value: sampleText(s),
    source: { document: s.document, pointer: s.line ? `/line/${s.line}` : '' },
  }));
}

/** Counts and window as evidence (the first lines of every log-derived finding); `total` 0 = no share. */
export function countEvidence(label: string, s: { count: number; first?: string; last?: string; byStatus?: Record<string, number> }, total: number): Evidence[] {
  const statuses = s.byStatus ? Object.entries(s.byStatus).map(([k, n]) => `${k}: ${n}`).join(', ') : '';
  return [
    { path: `traffic.classes[${label}].count`, value: `${!total ? `${s.count} rows` : `${s.count} of ${total} classified 5xx rows (${pct(s.count, total)})`}${statuses ? `; ${statuses}` : ''}` },
    { path: `traffic.classes[${label}].window`, value: windowOf(s) },
  ];
}

/** Samples whose field matches `key` (case-insensitive), else all. */
export function samplesFor(s: ClassStats, pick: (x: AccessSample) => string | undefined, key: string | undefined): AccessSample[] {
  if (!key) return s.samples;
  const k = key.toLowerCase();
  const hit = s.samples.filter((x) => (pick(x) ?? '').toLowerCase() === k);
  return hit.length ? hit : s.samples;
}

export function findPool(gateway: Gateway, name: string | undefined): BackendAddressPool | undefined {
  if (!name) return undefined;
  const n = name.toLowerCase();
  return gateway.backendAddressPools.find((p) => p.name.toLowerCase() === n);
}

export function findSettings(gateway: Gateway, name: string | undefined): BackendHttpSettings | undefined {
  if (!name) return undefined;
  const n = name.toLowerCase();
  return gateway.backendHttpSettingsCollection.find((p) => p.name.toLowerCase() === n);
}

/** Listeners the rows came through (from the log) plus those routing to the pool/settings (from the configuration). */
export function affectedOf(ctx: RuleContext, s: ClassStats, pool?: BackendAddressPool, settings?: BackendHttpSettings): string[] {
  const out = new Set<string>();
  if (pool || settings) {
    for (const a of affectedBy(ctx.gateway, (p) => (!pool || p.pool === pool) && (!settings || p.settings === settings))) out.add(a);
  }
  if (!out.size) {
    for (const e of s.dimensions.listener.slice(0, 8)) {
      const l = ctx.gateway.httpListeners.find((x) => x.name.toLowerCase() === e.key.toLowerCase());
      out.add(l?.hostNames.length ? `${l.name} (${l.hostNames.join(', ')})` : e.key);
    }
  }
  return [...out];
}

/** Top keys of a dimension as text: `10.0.2.4:80 (12), 10.0.2.5:80 (3)`. */
export function topText(entries: DimensionEntry[], max = 5): string {
  if (!entries.length) return '';
  const head = entries.slice(0, max).map((e) => `${e.key} (${e.count})`).join(', ');
  return entries.length > max ? `${head}, …` : head;
}

/** The IP of a serverRouted value (`10.0.2.4:80` → `10.0.2.4`, `[::1]:443` → `::1`). */
export function serverIp(server: string): string {
  const s = server.trim();
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (v6) return v6[1];
  const m = /^([^:]+):(\d+)$/.exec(s);
  return m ? m[1] : s;
}

export function serverPort(server: string): number | undefined {
  const m = /:(\d+)$/.exec(server.trim());
  return m ? Number(m[1]) : undefined;
}

/** Pools whose members include the address (IP or FQDN). */
export function poolsOfAddress(gateway: Gateway, address: string): BackendAddressPool[] {
  const a = address.toLowerCase();
  return gateway.backendAddressPools.filter((p) => p.backendAddresses.some((b) => (b.ipAddress ?? b.fqdn ?? '').toLowerCase() === a));
}

export function sameGateway(a: string | undefined, b: Gateway): boolean {
  return !!a && idKey(a) === idKey(b.id);
}

export function gatewayRes(gateway: Gateway) {
  return { type: 'applicationGateways', name: gateway.name, id: gateway.id };
}

/** `az monitor log-analytics query` for the rows of a class (a short KQL; the full one is in the report's traffic section). */
export function logQueryCommand(kql: string): string {
  return `az monitor log-analytics query -w <workspace-guid> --analytics-query '${kql.replace(/'/g, "''")}' -o table`;
}

/**
 * The check of the traffic rules that blame the backends of a pool (traffic-backend-5xx, traffic-backend-closed):
 * one finding per pool of the class's rows (the first five), or one on the gateway when the log names no pool.
 * Params: count, share, pool, window, peak, then the rule's `params` of the class, servers, listeners; evidence:
 * the counts and up to three rows of the pool; commands: the rule's.
 */
export function reportByPool(ctx: RuleContext, cls: TrafficClass, params: (s: ClassStats) => Record<string, string>, commands: Commands): void {
  const s = classStats(ctx, cls);
  if (!s) return;
  const total = classifiedTotal(trafficFor(ctx));
  const groups = s.dimensions.pool.length ? s.dimensions.pool.slice(0, 5) : [{ key: '', count: s.count, error: 0, first: s.first, last: s.last }];
  const extra = params(s);
  for (const g of groups) {
    const pool = findPool(ctx.gateway, g.key);
    const single = groups.length === 1;
    const count = single ? s.count : g.count;
    const samples = samplesFor(s, (x) => x.pool, g.key);
    const servers = single ? topText(s.dimensions.server) : [...new Set(samples.map((x) => x.server).filter(Boolean))].join(', ');
    ctx.report({
      resource: pool ? { type: 'backendAddressPools', name: pool.name, id: pool.id } : gatewayRes(ctx.gateway),
      source: pool?.source ?? ctx.gateway.source,
      params: {
        count, share: pct(count, total), pool: pool?.name ?? (g.key || '(not named in the log)'), window: windowOf(single ? s : g), peak: single ? peakText(s) : '-',
        ...extra, servers: servers || '-', listeners: affectedOf(ctx, s, pool).join(', ') || '-',
      },
      evidence: [...countEvidence(cls, { ...s, count }, total), ...sampleEvidence(samples)],
      affected: affectedOf(ctx, s, pool),
      commands,
    });
  }
}

// ---------------------------------------------------------------- does an NSG block the gateway → backend flow?


export interface BackendDenial {
  ip: string;
  port: number;
  nsg: string;
  nsgId: string;
  rule: string;
  priority: number;
  /** `gateway subnet (outbound)`, `backend subnet`, `network interface`. */
  where: string;
  certain: boolean;
}

/**
 * Gateway subnet → backend ip:port over TCP, through the gateway subnet NSG (outbound) and the backend's subnet / NIC
 * NSG (inbound) or its effective NSG (azure-facts.md §4). Undefined when allowed or not decidable from the input.
 */
export function backendDenial(ctx: RuleContext, ip: string, port: number): BackendDenial | undefined {
  const g = gatewayNetwork(ctx);
  const src = gatewayPrefixFor(g, ip);
  if (!src) return undefined;
  const t = backendTargets(ctx).targets.find((x) => x.ip.toLowerCase() === ip.toLowerCase());
  const space = virtualNetworkSpace(ctx, g, t);
  const nsgCtx = { virtualNetworkPrefixes: space.prefixes };
  if (g.nsg) {
    const flow: Flow = { direction: 'Outbound', protocol: 'Tcp', source: { prefix: src }, destination: { ip }, destinationPort: port };
    const ev = evaluateNsg(nsgRules(g.nsg), flow, nsgCtx);
    if (ev.access === 'Deny') return { ip, port, nsg: g.nsg.name, nsgId: g.nsg.id, rule: ev.rule.name, priority: ev.rule.priority, where: `gateway subnet ${g.subnetName} (outbound)`, certain: ev.certainty === 'certain' && !ev.partial };
  }
  if (!t) return undefined;
  const flow: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { prefix: src }, destination: { ip }, destinationPort: port };
  const eff = effectiveNsgOf(ctx, t);
  if (eff) {
    const pe = evaluateEffectivePath(eff.doc.associations, flow, nsgCtx);
    if (pe.access === 'Deny' && pe.deniedBy) {
      const a = eff.doc.associations.find((x) => (x.networkSecurityGroup?.name ?? '') === pe.deniedBy!.nsg);
      return { ip, port, nsg: pe.deniedBy.nsg, nsgId: a?.networkSecurityGroup?.id ?? pe.deniedBy.nsg, rule: pe.deniedBy.result.rule.name, priority: pe.deniedBy.result.rule.priority, where: `effective NSG of ${t.nic?.name ?? ip} (${pe.deniedBy.level})`, certain: pe.certainty === 'certain' && !pe.partial };
    }
    return undefined;
  }
  const subnetNsg = ctx.net.nsg(t.subnet?.networkSecurityGroup);
  const nicNsg = ctx.net.nsg(t.nic?.networkSecurityGroup);
  if (!subnetNsg && !nicNsg) return undefined;
  const pe = evaluatePath({ subnet: subnetNsg, nic: nicNsg }, flow, nsgCtx);
  if (pe.access !== 'Deny' || !pe.deniedBy) return undefined;
  const nsg = pe.deniedBy.level === 'subnet' ? subnetNsg! : nicNsg!;
  return {
    ip, port, nsg: nsg.name, nsgId: nsg.id, rule: pe.deniedBy.result.rule.name, priority: pe.deniedBy.result.rule.priority,
    where: pe.deniedBy.level === 'subnet' ? `backend subnet ${t.subnet?.name ?? ''}`.trim() : `network interface ${t.nic?.name ?? ''}`.trim(),
    certain: pe.certainty === 'certain' && !pe.partial,
  };
}
