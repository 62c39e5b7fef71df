/**
 * The order in which a gateway tries its request routing rules (azure-facts.md §7; multiple-site-overview,
 * configuration-request-routing-rules):
 * - v1: rules in the order they are listed.
 * - v2 with priorities (1–20000): the lowest number first.
 * - v2 without priorities: multi-site listeners before basic ones. The docs say nothing about the order among
 *   multi-site listeners then: assumed listed order (the trace says so).
 * - A gateway whose SKU the input does not show: v2 assumed (v1 was retired on 2026-04-28); rules with a
 *   priority exist only on v2.
 */
import { indexGateway } from '../model/resolve';
import type { FrontendIpConfiguration, Gateway, HttpListener, RequestRoutingRule } from '../model/types';
import { isWildcardHost, normalizeHost, type Why } from './match';

export type FrontendKind = 'public' | 'private' | 'unknown';
export type RouteGeneration = 'v1' | 'v2';
export type OrderMode = 'v1-listed' | 'v2-priority' | 'v2-multisite-first' | 'v2-mixed';

export interface Candidate {
  rule: RequestRoutingRule;
  /** Position of the rule in `requestRoutingRules`. */
  index: number;
  listener?: HttpListener;
  frontend?: FrontendIpConfiguration;
  frontendKind: FrontendKind;
  port?: number;
  protocol?: string;
  /** Normalized host names; empty for a basic listener. */
  hosts: string[];
  basic: boolean;
  wildcard: boolean;
}

export interface Ordering {
  generation: RouteGeneration;
  /** True when the generation was assumed (the input does not show the SKU). */
  generationAssumed: boolean;
  mode: OrderMode;
  /** Sentences for the trace: how the order was decided and what was assumed. */
  notes: string[];
  /** The same sentences in Korean (`notesKo[i]` says what `notes[i]` says). */
  notesKo: string[];
  candidates: Candidate[];
  /** Same candidates, grouped by frontend port number, order kept. */
  byPort: Map<number, Candidate[]>;
}

export function frontendKind(fe: FrontendIpConfiguration | undefined): FrontendKind {
  if (!fe) return 'unknown';
  if (fe.publicIpAddress) return 'public';
  if (fe.privateIpAddress || fe.subnet) return 'private';
  return 'unknown';
}

export function effectiveGeneration(gateway: Gateway): { generation: RouteGeneration; assumed: boolean } {
  if (gateway.generation === 'v1' || gateway.generation === 'v2') return { generation: gateway.generation, assumed: false };
  return { generation: 'v2', assumed: true };
}

const cache = new WeakMap<Gateway, Map<string, Ordering>>();

export function ordering(gateway: Gateway, generation?: RouteGeneration): Ordering {
  const eff = effectiveGeneration(gateway);
  const gen = generation ?? eff.generation;
  const assumed = generation === undefined && eff.assumed;
  const key = `${gen}:${assumed}`;
  let perGen = cache.get(gateway);
  if (!perGen) cache.set(gateway, (perGen = new Map()));
  const hit = perGen.get(key);
  if (hit) return hit;

  const ix = indexGateway(gateway);
  const all: Candidate[] = gateway.requestRoutingRules.map((rule, index) => {
    const listener = ix.listener(rule.httpListener);
    const frontend = ix.frontendIp(listener?.frontendIpConfiguration);
    const hosts = (listener?.hostNames ?? []).map(normalizeHost).filter((h) => h !== '');
    return {
      rule,
      index,
      listener,
      frontend,
      frontendKind: frontendKind(frontend),
      port: ix.frontendPort(listener?.frontendPort)?.port,
      protocol: listener?.protocol?.toLowerCase(),
      hosts,
      basic: hosts.length === 0,
      wildcard: hosts.some(isWildcardHost),
    };
  });

  const notes: string[] = [];
  const notesKo: string[] = [];
  const note = (en: string, ko: string) => {
    notes.push(en);
    notesKo.push(ko);
  };
  if (assumed) {
    if (all.some((c) => c.rule.priority !== undefined))
      note(
        'the input does not show the SKU; rules carry priorities, which exist only on v2: v2 order used',
        '입력에 SKU가 없지만 규칙에 우선순위가 있고 우선순위는 v2에만 있으므로 v2의 순서를 따릅니다',
      );
    else
      note(
        'the input does not show the SKU: v2 assumed (v1 was retired on 2026-04-28); on v1, rules are taken in the order listed',
        '입력에 SKU가 없어 v2로 가정합니다(v1은 2026-04-28에 사용 중지됨). v1이라면 규칙은 나열된 순서대로 처리됩니다',
      );
  }
  let mode: OrderMode;
  let list: Candidate[];
  const multisiteFirst = (cs: Candidate[]) => [...cs.filter((c) => !c.basic), ...cs.filter((c) => c.basic)];
  if (gen === 'v1') {
    mode = 'v1-listed';
    list = all;
    note(
      'v1: rules are processed in the order they are listed; a rule with a basic listener listed before multi-site rules on the same port takes every request there',
      'v1: 규칙은 나열된 순서대로 처리됩니다. 같은 포트에서 다중 사이트 규칙보다 앞에 나열된 기본 리스너 규칙은 그 포트의 모든 요청을 받습니다',
    );
  } else {
    const withPriority = all.filter((c) => c.rule.priority !== undefined);
    const byPriority = [...withPriority].sort((a, b) => a.rule.priority! - b.rule.priority! || a.index - b.index);
    if (withPriority.length === all.length && all.length > 0) {
      mode = 'v2-priority';
      list = byPriority;
      note('v2 with rule priorities: the lowest priority number is evaluated first', '규칙 우선순위가 있는 v2: 우선순위 숫자가 가장 낮은 규칙부터 평가합니다');
    } else if (withPriority.length === 0) {
      mode = 'v2-multisite-first';
      list = multisiteFirst(all);
      note(
        'v2 without rule priorities: multi-site listeners are evaluated before basic ones; the docs do not say how listeners of the same kind are ordered among themselves then — assumed the order listed',
        '규칙 우선순위가 없는 v2: 다중 사이트 리스너를 기본 리스너보다 먼저 평가합니다. 이때 같은 종류의 리스너끼리 어떤 순서로 평가하는지는 문서에 없어 나열된 순서로 가정합니다',
      );
    } else {
      mode = 'v2-mixed';
      list = [...byPriority, ...multisiteFirst(all.filter((c) => c.rule.priority === undefined))];
      note(
        `v2 with priorities on ${withPriority.length} of ${all.length} rules: Azure requires a priority on every rule once one is used (API 2021-08-01); assumed the rules with a priority first (lowest number first), then the others, multi-site before basic`,
        `규칙 ${all.length}개 중 ${withPriority.length}개에만 우선순위가 있는 v2: 우선순위를 하나라도 쓰면 Azure는 모든 규칙에 우선순위를 요구합니다(API 2021-08-01). 우선순위가 있는 규칙을 먼저(숫자가 낮은 순서로), 그다음 나머지 규칙을 다중 사이트, 기본 순으로 평가한다고 가정합니다`,
      );
    }
  }
  const byPort = new Map<number, Candidate[]>();
  for (const c of list) {
    if (c.port === undefined) continue;
    let arr = byPort.get(c.port);
    if (!arr) byPort.set(c.port, (arr = []));
    arr.push(c);
  }
  const result: Ordering = { generation: gen, generationAssumed: assumed, mode, notes, notesKo, candidates: list, byPort };
  perGen.set(key, result);
  return result;
}

/** A candidate's place in the order, in ARM terms: `priority 10`, or `requestRoutingRules[2]` when listed order decides. */
export function placeToken(c: Candidate, mode: OrderMode): string {
  if ((mode === 'v2-priority' || mode === 'v2-mixed') && c.rule.priority !== undefined) return `priority ${c.rule.priority}`;
  return `requestRoutingRules[${c.index}]`;
}

/** How a candidate's place in the order reads in a sentence: `priority 10` or `listed 2nd`. */
export function placeOf(c: Candidate, mode: OrderMode): string {
  return placeWhy(c, mode).en;
}

/** placeOf in both languages: `priority 10` / `우선순위 10`, `listed 2nd` / `2번째로 나열됨`. */
export function placeWhy(c: Candidate, mode: OrderMode): Why {
  if ((mode === 'v2-priority' || mode === 'v2-mixed') && c.rule.priority !== undefined) return { en: `priority ${c.rule.priority}`, ko: `우선순위 ${c.rule.priority}` };
  const n = c.index + 1;
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return { en: `listed ${n}${suffix}`, ko: `${n}번째로 나열됨` };
}
