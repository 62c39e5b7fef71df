/**
 * NSG answers over a range of destination ports (GatewayManager needs 65200-65535 on v2, 65503-65534 on v1:
 * https://learn.microsoft.com/azure/application-gateway/configuration-infrastructure). A flow in nsg-eval.ts has one
 * port; here the range is cut where any rule's destination port ranges start or end, so every piece is decided the
 * same way by every rule and one port per piece stands for it. Neighbouring pieces with the same verdict are merged.
 */
import type { Direction } from '../model/types';
import type { Flow, MatchableRule, NsgContext, NsgEvaluation } from './nsg-eval';
import { evaluateNsg } from './nsg-eval';
import type { SecurityRule } from '../model/types';
import { parsePorts, type PortRange } from './ports';

function sameDirection(a: string, b: Direction): boolean {
  return a.trim().toLowerCase() === b.toLowerCase();
}

/**
 * The pieces of lo..hi inside which no rule of `direction` (in any of the rule lists) changes whether it covers the
 * destination port. Sorted, disjoint, covering lo..hi exactly; empty when lo > hi.
 */
export function portPieces(ruleLists: readonly (readonly MatchableRule[])[], direction: Direction, lo: number, hi: number): PortRange[] {
  if (!(lo <= hi)) return [];
  const cuts = new Set<number>([lo]);
  for (const rules of ruleLists) {
    for (const r of rules) {
      if (!sameDirection(r.direction, direction)) continue;
      for (const range of parsePorts(r.destinationPorts).ranges) {
        if (range.lo > lo && range.lo <= hi) cuts.add(range.lo);
        if (range.hi + 1 > lo && range.hi + 1 <= hi) cuts.add(range.hi + 1);
      }
    }
  }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((s, i) => ({ lo: s, hi: i + 1 < starts.length ? starts[i + 1]! - 1 : hi }));
}

export interface PortVerdict<T> {
  lo: number;
  hi: number;
  result: T;
}

/**
 * Evaluate `evaluate(port)` once per piece and merge neighbouring pieces whose results have the same `key`.
 * Works for a single NSG, a subnet + NIC path or effective rules alike.
 */
export function evaluatePieces<T>(pieces: readonly PortRange[], evaluate: (port: number) => T, key: (result: T) => string): PortVerdict<T>[] {
  const out: (PortVerdict<T> & { k: string })[] = [];
  for (const p of pieces) {
    const result = evaluate(p.lo);
    const k = key(result);
    const last = out[out.length - 1];
    if (last && last.k === k && last.hi + 1 === p.lo) last.hi = p.hi;
    else out.push({ lo: p.lo, hi: p.hi, result, k });
  }
  return out.map(({ lo, hi, result }) => ({ lo, hi, result }));
}

/** The verdict key nsg-eval results are merged by: same access, deciding rule, certainty and partiality. */
export function evaluationKey(e: NsgEvaluation<MatchableRule>): string {
  return `${e.access}|${e.rule.name}|${e.rule.priority}|${e.certainty}|${e.partial}`;
}

/** One NSG's rules (defaults added when absent, as evaluateNsg does) over every port of lo..hi. */
export function evaluateNsgPortRange(
  rules: readonly SecurityRule[],
  flow: Omit<Flow, 'destinationPort'>,
  lo: number,
  hi: number,
  ctx: NsgContext,
): PortVerdict<NsgEvaluation<SecurityRule>>[] {
  const pieces = portPieces([rules], flow.direction, lo, hi);
  return evaluatePieces(pieces, (port) => evaluateNsg(rules, { ...flow, destinationPort: port }, ctx), evaluationKey);
}

/** `65200-65535`, or `80` for a one-port range. */
export function portRangeText(r: PortRange): string {
  return r.lo === r.hi ? String(r.lo) : `${r.lo}-${r.hi}`;
}
