import { defineRule, type Evidence } from './types';
import {
  allowRuleCommands, backendTargets, effectiveNsgOf, freePriorityBelow, gatewayNetwork, gatewayPrefixFor, joinShort, nsgResourceGroup, nsgRules,
  poolPorts, ruleText, rulePath, virtualNetworkSpace, type BackendTarget, type GatewayNetwork, type PoolPort,
} from './network-context';
import { evaluateEffectivePath, evaluateNsg, evaluatePath, type Flow, type MatchableRule, type NsgEvaluation, type PathEvaluation } from '../net/nsg-eval';
import { affectedListeners } from '../model/topology';
import { idKey } from '../model/ids';
import type { BackendAddressPool, EffectiveNsg, NetworkSecurityGroup, SourceRef } from '../model/types';
import type { RuleContext } from './types';

/**
 * Gateway → backend traffic (the guide's cause 1): gateway subnet prefix → backend address on the backend settings
 * port, and on v2 also a custom probe's own port. Both the gateway subnet NSG (outbound) and the backend's subnet /
 * NIC NSG (inbound) must allow it; an effective NSG document of the backend's NIC replaces the latter when given
 * (azure-facts.md section 4). Only private backends are checked on the backend side (a public backend sees the
 * gateway's public address, and its NSG is rarely in the input).
 *
 * Big gateways (100 pools × 1,200 addresses): backends are grouped by subnet (or /24 when the subnet is unknown) and
 * port; a group is evaluated once with its whole prefix and only split into single addresses when the answer for the
 * prefix is not a clean Allow or Deny.
 */

type Side = 'gateway' | 'backend';

interface Denial {
  side: Side;
  nsgName: string;
  nsgId: string;
  nsgSource?: SourceRef;
  /** Where the NSG sits, in ARM terms (`subnets/x`, `networkInterfaces/y`): language-neutral. */
  attachedTo: string;
  rule: MatchableRule;
  ruleSource?: SourceRef;
  rulePath: string;
  isDefaultRule: boolean;
  certain: boolean;
  partial: boolean;
  uncertain: string[];
  summary: string;
  notes: string[];
}

interface Outcome {
  denial?: Denial;
  /** True when the answer holds for every address of the evaluated prefix (no need to split). */
  whole: boolean;
}

function blockOf(ip: string): string {
  const parts = ip.split('.');
  return parts.length === 4 ? `${parts.slice(0, 3).join('.')}.0/24` : ip;
}

/** The prefix a target is evaluated with at group level: its subnet's prefix holding it, else its /24. */
function groupPrefix(t: BackendTarget): string {
  return t.subnetPrefix ?? blockOf(t.ip);
}

function fromNsg(ev: NsgEvaluation<MatchableRule>, flowText: string): Pick<Denial, 'certain' | 'partial' | 'uncertain' | 'summary' | 'rule'> {
  return { rule: ev.rule, certain: ev.certainty === 'certain', partial: ev.partial, uncertain: ev.uncertainRules, summary: `${flowText}: ${ev.summary}` };
}

export default defineRule({
  id: 'nsg-backend-blocked',
  category: 'nsg',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-troubleshooting-502',
  text: {
    en: {
      title: 'NSG blocks the gateway from reaching its backends',
      message: 'NSG {nsg} on {attachedTo} ({direction} rules) denies TCP from the gateway subnet {gwPrefix} to {backends} on port {ports}: rule {rule} (priority {priority}) decides it.',
      effect: 'Backend pool {pools} cannot be reached on port {ports}: probes fail, the servers turn Unhealthy, and requests to {listeners} get 502 Bad Gateway.{noteEn}',
      fix: 'In NSG {nsg}, allow TCP {ports} from the gateway subnet {gwPrefix} to {backends}: add an Allow rule with a lower priority number than {rule}, or narrow {rule}. Use the whole gateway subnet prefix, not single instance addresses: instance addresses change when the platform upgrades the gateway.',
    },
    ko: {
      title: 'NSG가 게이트웨이에서 백엔드로 가는 트래픽을 차단합니다',
      message: '{attachedTo}의 NSG {nsg}({direction} 규칙)이 게이트웨이 서브넷 {gwPrefix}에서 {backends}(으)로 가는 TCP 포트 {ports} 트래픽을 거부합니다. 결정 규칙은 {rule}(우선순위 {priority})입니다.',
      effect: '백엔드 풀 {pools}의 포트 {ports}에 연결할 수 없어 프로브가 실패하고 서버가 Unhealthy가 되며, {listeners}에 대한 요청은 502 Bad Gateway를 받습니다.{noteKo}',
      fix: 'NSG {nsg}에서 게이트웨이 서브넷 {gwPrefix}이(가) {backends}의 TCP {ports}에 접근하도록 허용하세요. {rule}보다 우선순위 숫자가 작은 Allow 규칙을 추가하거나 {rule}의 범위를 좁히면 됩니다. 개별 인스턴스 주소가 아니라 게이트웨이 서브넷 전체 접두사를 사용하세요. 플랫폼 업그레이드 시 인스턴스 주소가 바뀝니다.',
    },
  },
  check(ctx) {
    const g = gatewayNetwork(ctx);
    if (!g.prefixes.length) return;
    const { targets } = backendTargets(ctx);
    const flows = poolPorts(ctx);
    if (!targets.length || !flows.length) return;

    const portsByPool = new Map<BackendAddressPool, PoolPort[]>();
    for (const f of flows) {
      const l = portsByPool.get(f.pool);
      if (l) l.push(f);
      else portsByPool.set(f.pool, [f]);
    }

    const gatewaySide = g.nsg ? makeGatewaySide(ctx, g, g.nsg) : undefined;
    const backendSide = makeBackendSide(ctx, g);
    const findings = new Map<string, { d: Denial; entries: { t: BackendTarget; port: number }[] }>();
    const record = (d: Denial, t: BackendTarget, port: number) => {
      const k = `${d.side}|${idKey(d.nsgId)}|${d.rule.name}|${d.rule.priority}`;
      let f = findings.get(k);
      if (!f) findings.set(k, (f = { d, entries: [] }));
      else {
        f.d.certain ||= d.certain;
        f.d.partial &&= d.partial;
        for (const n of d.notes) if (!f.d.notes.includes(n)) f.d.notes.push(n);
        for (const u of d.uncertain) if (!f.d.uncertain.includes(u)) f.d.uncertain.push(u);
      }
      f.entries.push({ t, port });
    };

    // Group (side key, prefix, port) → members; evaluate the prefix once, then single addresses if needed.
    for (const side of [gatewaySide, backendSide]) {
      if (!side) continue;
      const groups = new Map<string, { prefix: string; port: number; members: BackendTarget[] }>();
      for (const t of targets) {
        const key = side.key(t);
        if (key === undefined) continue;
        const ports = new Set(t.pools.flatMap((p) => portsByPool.get(p) ?? []).map((f) => f.port));
        const prefix = groupPrefix(t);
        for (const port of ports) {
          const gk = `${key}|${prefix}|${port}`;
          const grp = groups.get(gk);
          if (grp) grp.members.push(t);
          else groups.set(gk, { prefix, port, members: [t] });
        }
      }
      for (const grp of groups.values()) {
        const first = grp.members[0]!;
        const whole = grp.members.length > 1 ? side.evaluate(first, grp.port, grp.prefix) : undefined;
        if (whole && whole.whole) {
          if (whole.denial) for (const t of grp.members) record(whole.denial, t, grp.port);
          continue;
        }
        for (const t of grp.members) {
          const one = side.evaluate(t, grp.port);
          if (one.denial) record(one.denial, t, grp.port);
        }
      }
    }

    for (const { d, entries } of findings.values()) report(ctx, g, d, entries);
  },
});

interface SideEvaluator {
  /** Grouping key of a target on this side, or undefined when the side cannot be evaluated for it. */
  key(t: BackendTarget): string | undefined;
  /** Evaluate target t (or, with `prefix`, every address of its group prefix) on `port`. */
  evaluate(t: BackendTarget, port: number, prefix?: string): Outcome;
}

function outcomeOf(access: 'Allow' | 'Deny', certain: boolean, partial: boolean, denial: () => Denial): Outcome {
  if (access === 'Allow') return { whole: certain };
  return { denial: denial(), whole: !partial };
}

function spaceNotes(ctx: RuleContext, g: GatewayNetwork, t: BackendTarget, prefix?: string): { prefixes: string[]; notes: string[] } {
  const s = virtualNetworkSpace(ctx, g, t);
  const prefixes = prefix && s.assumed ? [...s.prefixes, prefix] : s.prefixes;
  return { prefixes, notes: s.assumed ? [s.assumed] : [] };
}

function makeGatewaySide(ctx: RuleContext, g: GatewayNetwork, nsg: NetworkSecurityGroup): SideEvaluator {
  const rules = nsgRules(nsg);
  const attachedTo = `subnets/${g.subnetName}`;
  return {
    key: (t) => (gatewayPrefixFor(g, t) ? 'gw' : undefined),
    evaluate(t, port, prefix) {
      const src = gatewayPrefixFor(g, t)!;
      const dst = prefix ?? t.ip;
      const space = spaceNotes(ctx, g, t, prefix);
      const flow: Flow = { direction: 'Outbound', protocol: 'Tcp', source: { prefix: src }, destination: prefix ? { prefix } : { ip: t.ip }, destinationPort: port };
      const ev = evaluateNsg(rules, flow, { virtualNetworkPrefixes: space.prefixes });
      return outcomeOf(ev.access, ev.certainty === 'certain', ev.partial, () => ({
        side: 'gateway', nsgName: nsg.name, nsgId: nsg.id, nsgSource: nsg.source, attachedTo,
        ruleSource: ev.rule.isDefault ? nsg.source : ev.rule.source, rulePath: rulePath(nsg.name, ev.rule), isDefaultRule: ev.rule.isDefault,
        ...fromNsg(ev, `Outbound TCP ${src} → ${dst}:${port}`), notes: space.notes,
      }));
    },
  };
}

function makeBackendSide(ctx: RuleContext, g: GatewayNetwork): SideEvaluator {
  const docIndex = new Map<EffectiveNsg, number>();
  const nsgsOf = (t: BackendTarget) => ({ subnet: ctx.net.nsg(t.subnet?.networkSecurityGroup), nic: ctx.net.nsg(t.nic?.networkSecurityGroup) });
  return {
    key(t) {
      if (!t.private || !gatewayPrefixFor(g, t)) return undefined;
      const eff = effectiveNsgOf(ctx, t);
      if (eff) {
        if (!docIndex.has(eff.doc)) docIndex.set(eff.doc, docIndex.size);
        return `eff${docIndex.get(eff.doc)}`;
      }
      const n = nsgsOf(t);
      if (!n.subnet && !n.nic) return undefined;
      return `nsg|${n.subnet?.id ?? ''}|${n.nic?.id ?? ''}`;
    },
    evaluate(t, port, prefix) {
      const src = gatewayPrefixFor(g, t)!;
      const dst = prefix ?? t.ip;
      const flow: Flow = { direction: 'Inbound', protocol: 'Tcp', source: { prefix: src }, destination: prefix ? { prefix } : { ip: t.ip }, destinationPort: port };
      const flowText = `Inbound TCP ${src} → ${dst}:${port}`;
      const eff = effectiveNsgOf(ctx, t);
      if (eff) {
        // Effective rules carry expanded prefixes: no VirtualNetwork assumption needed.
        const space = virtualNetworkSpace(ctx, g);
        const pe: PathEvaluation<MatchableRule> = evaluateEffectivePath(eff.doc.associations, flow, { virtualNetworkPrefixes: space.prefixes });
        return outcomeOf(pe.access, pe.certainty === 'certain', pe.partial, () => {
          const step = pe.deniedBy!;
          const assoc = eff.doc.associations.find((a) => (a.networkSecurityGroup?.name ?? (a.subnet ? 'subnet' : 'nic')) === step.nsg && !!a.subnet === (step.level === 'subnet'));
          const nicName = t.nic?.name ?? eff.doc.networkInterface?.name;
          return {
            side: 'backend', nsgName: step.nsg, nsgId: assoc?.networkSecurityGroup?.id ?? step.nsg, nsgSource: eff.doc.source,
            attachedTo: step.level === 'subnet' && (t.subnet || assoc?.subnet) ? `subnets/${t.subnet?.name ?? assoc!.subnet!.name}` : nicName ? `networkInterfaces/${nicName}` : t.ip,
            ruleSource: eff.doc.source, rulePath: `effectiveNetworkSecurityGroups[${step.nsg}].effectiveSecurityRules[${step.result.rule.name}]`, isDefaultRule: /default/i.test(step.result.rule.name),
            ...fromNsg(step.result, flowText), partial: pe.partial, certain: pe.certainty === 'certain',
            notes: [`effective NSG (Get-AzEffectiveNetworkSecurityGroup) matched to ${t.ip}: ${eff.how}`],
          };
        });
      }
      const n = nsgsOf(t);
      const space = spaceNotes(ctx, g, t, prefix);
      const pe = evaluatePath(n, flow, { virtualNetworkPrefixes: space.prefixes });
      return outcomeOf(pe.access, pe.certainty === 'certain', pe.partial, () => {
        const step = pe.deniedBy!;
        const nsg = (step.level === 'subnet' ? n.subnet : n.nic)!;
        const where = step.level === 'subnet' ? t.subnet?.name ?? '' : t.nic?.name ?? '';
        const rule = step.result.rule;
        return {
          side: 'backend', nsgName: nsg.name, nsgId: nsg.id, nsgSource: nsg.source,
          attachedTo: step.level === 'subnet' ? `subnets/${where}` : `networkInterfaces/${where}`,
          ruleSource: rule.isDefault ? nsg.source : rule.source, rulePath: rulePath(nsg.name, rule), isDefaultRule: rule.isDefault,
          ...fromNsg(step.result, flowText), partial: pe.partial, certain: pe.certainty === 'certain', notes: space.notes,
        };
      });
    },
  };
}

function report(ctx: RuleContext, g: GatewayNetwork, d: Denial, entries: { t: BackendTarget; port: number }[]): void {
  const ips = [...new Set(entries.map((e) => e.t.ip))];
  const ports = [...new Set(entries.map((e) => e.port))].sort((a, b) => a - b);
  const pools = new Set<BackendAddressPool>();
  const poolPortKeys = new Set<string>();
  for (const e of entries) {
    for (const p of e.t.pools) {
      pools.add(p);
      poolPortKeys.add(`${idKey(p.id)}|${e.port}`);
    }
  }
  const v2Probe = ctx.gateway.generation !== 'v1';
  const listeners = affectedListeners(ctx.gateway, (p) => {
    if (!p.pool || !p.settings) return false;
    const k = idKey(p.pool.id);
    return poolPortKeys.has(`${k}|${p.settings.port}`) || (v2Probe && p.probe?.port !== undefined && poolPortKeys.has(`${k}|${p.probe.port}`));
  });
  const gwPrefix = gatewayPrefixFor(g, ips[0]!) ?? g.prefixes[0]!;
  let note = { en: '', ko: '' };
  if (d.partial) {
    note = {
      en: ' The Deny covers only part of the gateway subnet: the gateway instances whose addresses fall in it are blocked, so failures are intermittent (some probes and requests fail, others succeed).',
      ko: ' 이 Deny는 게이트웨이 서브넷의 일부만 포함합니다. 그 범위에 주소가 있는 게이트웨이 인스턴스만 차단되므로 장애가 간헐적으로 나타납니다(일부 프로브와 요청만 실패).',
    };
  }
  if (!d.certain) {
    const u = d.uncertain.join(', ') || d.rule.name;
    note = {
      en: `${note.en} The offline evaluation is not certain: ${u} could not be matched offline (service tag or application security group); verify with IP flow verify or the backend's effective NSG.`,
      ko: `${note.ko} 오프라인 평가가 확실하지 않습니다. ${u}을(를) 오프라인으로 대조할 수 없었습니다(서비스 태그 또는 애플리케이션 보안 그룹). IP 흐름 확인이나 백엔드의 유효 NSG로 검증하세요.`,
    };
  }
  const evidence: Evidence[] = [
    { path: d.rulePath, value: ruleText(d.rule), source: d.ruleSource },
    { path: 'flow', value: d.summary },
    ...d.notes.map((n) => ({ path: 'assumption', value: n })),
    ...ips.slice(0, 5).map((ip) => {
      const t = entries.find((e) => e.t.ip === ip)!.t;
      return { path: `backendAddressPools[${t.pools.map((p) => p.name).join(',')}]`, value: ip, source: t.source };
    }),
  ];
  if (d.side === 'gateway' && g.subnet) evidence.push({ path: `virtualNetworks[${g.vnetName}].subnets[${g.subnetName}].addressPrefix`, value: g.prefixes.join(', '), source: g.subnet.source });

  const dests = [...new Set(entries.map((e) => (e.t.subnet ? groupPrefix(e.t) : e.t.ip)))].slice(0, 10);
  const nsgObj = ctx.workspace.networkSecurityGroups.find((n) => idKey(n.id) === idKey(d.nsgId));
  const nrg = nsgResourceGroup(ctx, nsgObj ?? (d.nsgId.includes('/') ? { id: d.nsgId, name: d.nsgName } : undefined));
  const direction = d.side === 'gateway' ? 'Outbound' : 'Inbound';
  const newRule = {
    name: d.side === 'gateway' ? 'AllowAppGwToBackends' : 'AllowAppGwSubnet',
    priority: freePriorityBelow(nsgObj ?? { securityRules: [] }, direction, d.rule.priority),
    direction: direction as 'Inbound' | 'Outbound', protocol: 'Tcp', source: [gwPrefix], destination: dests, ports: ports.map(String),
  };
  const commands = allowRuleCommands(d.nsgName, nrg, newRule, { name: d.rule.name, isDefault: d.isDefaultRule });
  ctx.report({
    resource: { type: 'networkSecurityGroups', name: d.nsgName, id: d.nsgId },
    source: d.ruleSource ?? d.nsgSource,
    severity: d.certain && !d.partial ? 'error' : 'warning',
    params: {
      nsg: d.nsgName, attachedTo: d.attachedTo, direction: d.side === 'gateway' ? 'Outbound' : 'Inbound', gwPrefix, backends: joinShort(ips), ports: ports.join(', '), rule: d.rule.name, priority: d.rule.priority,
      pools: [...pools].map((p) => p.name).join(', '), listeners: listeners.join(', ') || '-', noteEn: note.en, noteKo: note.ko,
    },
    evidence,
    commands,
    affected: listeners,
  });
}
