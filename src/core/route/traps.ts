/**
 * Ordering traps: listeners and path rules that never receive a request because something earlier takes it
 * (azure-facts.md §7). Found by asking the routing engine itself where a listener's own host names (or a
 * path rule's own paths) go, so a finding and `routeRequest` never disagree.
 *
 * Each shadowed listener host gets exactly one cause, so the five route-* rules never report the same thing:
 * - `duplicate-host`: the listener that wins names the very same host name;
 * - `v1-basic`: v1, a basic listener's rule listed before this multi-site listener's rule;
 * - `wildcard-priority`: rules have priorities and a wildcard host name of a rule with a smaller number wins;
 * - `unreachable`: anything else (two basic listeners on one port, a basic listener with a smaller priority
 *   number than multi-site ones, ...).
 */
import type { Gateway, PathRule, SourceRef, UrlPathMap, Workspace } from '../model/types';
import { isWildcardHost, parsePathPattern, sampleHost, samplePath, type PathPattern } from './match';
import { ordering, placeToken, type Candidate, type Ordering, type RouteGeneration } from './order';
import { evaluatePathMap, followTargetDetail, listenerWinner, routeDetail, type PoolState, type RouteBackend, type RouteDetail, type Target } from './route';

export type TrapCause = 'v1-basic' | 'wildcard-priority' | 'duplicate-host' | 'unreachable';

export interface ListenerTrap {
  cause: TrapCause;
  ordering: Ordering;
  /** The listener (with its rule) that receives nothing for `hosts`. */
  shadowed: Candidate;
  /** The listener (with its rule) that takes those requests instead. */
  winner: Candidate;
  /** The winner's host name that took them (undefined: the winner is a basic listener). */
  winnerPattern?: string;
  /** Host names of the shadowed listener that go to the winner; empty for a basic listener. */
  hosts: string[];
  /** True when no request at all reaches the shadowed listener. */
  all: boolean;
  /** A URL the shadowed listener should take, and the route it really gets (path `/`). */
  sampleUrl: string;
  route: RouteDetail;
}

const BASIC_SAMPLE = 'any-other-host.example';

const listenerCache = new WeakMap<Workspace, WeakMap<Gateway, Map<string, ListenerTrap[]>>>();

export function listenerTraps(ws: Workspace, gateway: Gateway, generation?: RouteGeneration): ListenerTrap[] {
  const ord = ordering(gateway, generation);
  let perGw = listenerCache.get(ws);
  if (!perGw) listenerCache.set(ws, (perGw = new WeakMap()));
  let perGen = perGw.get(gateway);
  if (!perGen) perGw.set(gateway, (perGen = new Map()));
  const key = `${ord.generation}:${ord.generationAssumed}`;
  const hit = perGen.get(key);
  if (hit) return hit;

  const out: ListenerTrap[] = [];
  const seen = new Set<unknown>();
  for (const c of ord.candidates) {
    if (!c.listener || seen.has(c.listener)) continue;
    seen.add(c.listener);
    if (c.port === undefined || (c.protocol !== 'http' && c.protocol !== 'https')) continue;
    const frontend = c.frontendKind === 'unknown' ? undefined : c.frontendKind;
    const urlFor = (host: string) => `${c.protocol}://${host}:${c.port}/`;
    const entries = c.basic ? [{ host: '', samples: [BASIC_SAMPLE] }] : c.hosts.map((h) => ({ host: h, samples: isWildcardHost(h) ? [sampleHost(h, 'sample'), sampleHost(h, 'q7z')] : [h] }));

    const groups = new Map<string, { cause: TrapCause; winner: Candidate; pattern?: string; hosts: string[]; url: string }>();
    let shadowedEntries = 0;
    for (const e of entries) {
      const routes = e.samples.map((s) => listenerWinner(gateway, urlFor(s), { frontend, generation: ord.generation }));
      const first = routes[0]!;
      if (!first.winner || routes.some((r) => !r.winner || r.winner.rule === c.rule)) continue;
      shadowedEntries++;
      const w = first.winner;
      const cause = causeOf(ord, c, e.host, w, first.pattern);
      const key = `${cause}|${w.index}`;
      const g = groups.get(key);
      if (g) g.hosts.push(e.host);
      else groups.set(key, { cause, winner: w, pattern: first.pattern, hosts: e.host ? [e.host] : [], url: urlFor(e.samples[0]) });
    }
    for (const g of groups.values()) {
      const route = routeDetail(ws, gateway, g.url, { frontend, generation: ord.generation, trace: false });
      out.push({ cause: g.cause, ordering: ord, shadowed: c, winner: g.winner, winnerPattern: g.pattern, hosts: g.hosts, all: shadowedEntries === entries.length && groups.size === 1, sampleUrl: g.url, route });
    }
  }
  perGen.set(key, out);
  return out;
}

function causeOf(ord: Ordering, shadowed: Candidate, host: string, winner: Candidate, pattern: string | undefined): TrapCause {
  if (host && winner.hosts.includes(host)) return 'duplicate-host';
  if (ord.mode === 'v1-listed' && winner.basic && !shadowed.basic) return 'v1-basic';
  if (
    (ord.mode === 'v2-priority' || ord.mode === 'v2-mixed') && !shadowed.basic && pattern && isWildcardHost(pattern) &&
    winner.rule.priority !== undefined && shadowed.rule.priority !== undefined
  ) return 'wildcard-priority';
  return 'unreachable';
}

// ---------------------------------------------------------------- path rules

export interface PathTrap {
  map: UrlPathMap;
  pathRule: PathRule;
  /** Each shadowed path of `pathRule` with the earlier path rule and path that covers it. */
  shadowed: { path: string; by: PathRule; byPath: string }[];
  /** True when every path of `pathRule` is shadowed: it receives nothing. */
  all: boolean;
  /** Where requests for the first shadowed path really go (the engine's answer). */
  goesTo?: PathRule;
  target: Target;
  destination: Pick<RouteDetail, 'redirect' | 'settings' | 'pool' | 'poolState'> & { result: { pool: string | null; settings: string | null; redirect: string | null; backends: RouteBackend[] } };
}

const pathCache = new WeakMap<Workspace, WeakMap<Gateway, PathTrap[]>>();

export function pathTraps(ws: Workspace, gateway: Gateway): PathTrap[] {
  let perGw = pathCache.get(ws);
  if (!perGw) pathCache.set(ws, (perGw = new WeakMap()));
  const hit = perGw.get(gateway);
  if (hit) return hit;
  const gen = ordering(gateway).generation;
  const out: PathTrap[] = [];
  for (const map of gateway.urlPathMaps) {
    // Which earlier path covers a path: looked up by the path's own prefixes instead of comparing every pair
    // (100 path rules × 100 per map at the limits). Entries are in rule order, then path order.
    const keys = map.pathRules.map(targetKey);
    const patterns = map.pathRules.map((r) => r.paths.map(parsePathPattern));
    const covering = new CoveringIndex(patterns);
    for (let j = 0; j < map.pathRules.length; j++) {
      const pr = map.pathRules[j]!;
      let shadowed: PathTrap['shadowed'] | undefined;
      for (let k = 0; k < pr.paths.length; k++) {
        const hit = covering.first(patterns[j]![k]!, j, keys);
        if (hit) (shadowed ??= []).push({ path: pr.paths[k]!, by: map.pathRules[hit.rule]!, byPath: map.pathRules[hit.rule]!.paths[hit.path]! });
      }
      if (!shadowed) continue;
      const pm = evaluatePathMap(map, samplePath(shadowed[0]!.path), gen);
      const destination = followTargetDetail(ws, gateway, pm.target);
      out.push({ map, pathRule: pr, shadowed, all: shadowed.length === pr.paths.length, goesTo: pm.pathRule, target: pm.target, destination });
    }
  }
  perGw.set(gateway, out);
  return out;
}

type At = { rule: number; path: number };

/**
 * For the patterns of one path map (per rule, per path): the first (rule, path) — in rule order, then path
 * order — whose pattern covers a given pattern (match.ts patternCovers), among the earlier rules that send
 * requests elsewhere.
 */
class CoveringIndex {
  private all: At[] = [];
  private exact = new Map<string, At[]>();
  private prefix = new Map<string, At[]>();
  /** Only the lengths some prefix has are worth a lookup (not every prefix of the path asked about). */
  private lengths: number[];
  constructor(patterns: PathPattern[][]) {
    for (let rule = 0; rule < patterns.length; rule++) {
      const list = patterns[rule]!;
      for (let path = 0; path < list.length; path++) {
        const p = list[path]!;
        const at = { rule, path };
        if (p.kind === 'all') this.all.push(at);
        else if (p.kind === 'exact' || p.kind === 'prefix') {
          const m = p.kind === 'exact' ? this.exact : this.prefix;
          const l = m.get(p.value);
          if (l) l.push(at);
          else m.set(p.value, [at]);
        }
      }
    }
    this.lengths = [...new Set([...this.prefix.keys()].map((k) => k.length))].sort((a, b) => a - b);
  }

  /** The first covering (rule, path) of a rule before rule `j` whose target key differs from rule j's. */
  first(mine: PathPattern, j: number, keys: readonly string[]): At | undefined {
    if (mine.kind === 'unsupported') return undefined;
    let best = earliest(this.all, j, keys, undefined);
    if (mine.kind === 'all') best = earliest(this.prefix.get('/'), j, keys, best);
    else {
      if (mine.kind === 'exact') best = earliest(this.exact.get(mine.value), j, keys, best);
      for (const n of this.lengths) {
        if (n > mine.value.length) break;
        best = earliest(this.prefix.get(mine.value.slice(0, n)), j, keys, best);
      }
    }
    return best;
  }
}

/** The first entry of `list` (in rule, then path order) usable from rule `j`, if it comes before `best`. */
function earliest(list: At[] | undefined, j: number, keys: readonly string[], best: At | undefined): At | undefined {
  if (!list) return best;
  for (const a of list) {
    if (a.rule >= j) break; // entries are in rule order: none later is usable
    if (keys[a.rule] !== keys[j]) {
      return !best || a.rule < best.rule || (a.rule === best.rule && a.path < best.path) ? a : best;
    }
  }
  return best;
}

/** Path rules with the same key send a request to the same place: shadowing between them is harmless. */
function targetKey(r: PathRule): string {
  return `${lowerName(r.backendAddressPool)}\u0000${lowerName(r.backendHttpSettings)}\u0000${lowerName(r.redirectConfiguration)}`;
}

function lowerName(x?: { name: string }): string {
  return x?.name.toLowerCase() ?? '';
}

// ---------------------------------------------------------------- what the shadowed requests meet

export interface Outcome {
  /** `error` when the requests meet an empty or all-unhealthy pool (this is the 502) and nothing was assumed. */
  severity: 'error' | 'warning';
  targetEn: string;
  targetKo: string;
  outcomeEn: string;
  outcomeKo: string;
}

export function outcomeOf(d: { poolState: PoolState; result: { pool: string | null; settings: string | null; redirect: string | null } }, uncertain: boolean): Outcome {
  const pool = d.result.pool ?? '(none)';
  const settings = d.result.settings ?? '(none)';
  let targetEn: string;
  let targetKo: string;
  if (d.result.redirect) {
    targetEn = `redirect configuration ${d.result.redirect}`;
    targetKo = `리디렉션 구성 ${d.result.redirect}`;
  } else if (d.result.pool) {
    targetEn = `backend pool ${pool} (backend settings ${settings})`;
    targetKo = `백엔드 풀 ${pool}(백엔드 설정 ${settings})`;
  } else {
    targetEn = 'a route that names no backend pool';
    targetKo = '백엔드 풀이 지정되지 않은 경로';
  }
  let outcomeEn: string;
  let outcomeKo: string;
  switch (d.poolState) {
    case 'empty':
      outcomeEn = `Backend pool ${pool} is empty (no addresses, no NIC IP configurations), so these requests get 502 Bad Gateway: this is a cause of the 502.`;
      outcomeKo = `백엔드 풀 ${pool}이(가) 비어 있으므로(주소도 NIC IP 구성도 없음) 이 요청은 502 Bad Gateway를 받습니다. 이것이 502의 원인입니다.`;
      break;
    case 'all-unhealthy':
      outcomeEn = `Every backend of pool ${pool} is Unhealthy in backend health, so these requests get 502 Bad Gateway: this is a cause of the 502.`;
      outcomeKo = `백엔드 상태에서 풀 ${pool}의 모든 백엔드가 Unhealthy이므로 이 요청은 502 Bad Gateway를 받습니다. 이것이 502의 원인입니다.`;
      break;
    case 'serving':
      outcomeEn = 'That pool answers them, but it serves another site: expect wrong content, 404s or certificate name errors there rather than a 502.';
      outcomeKo = '그 풀이 응답하지만 다른 사이트를 제공하므로, 502보다는 잘못된 콘텐츠, 404 또는 인증서 이름 오류가 나타납니다.';
      break;
    case 'unknown-health':
      outcomeEn = 'Whether that pool answers is not known: the input has no backend health for it.';
      outcomeKo = '입력에 해당 풀의 백엔드 상태가 없어 그 풀이 응답하는지는 알 수 없습니다.';
      break;
    case 'missing':
      outcomeEn = 'That route names no existing backend pool, so these requests cannot be served.';
      outcomeKo = '그 경로에는 존재하는 백엔드 풀이 없어 이 요청을 처리할 수 없습니다.';
      break;
    default:
      outcomeEn = 'They get that redirect instead of reaching a backend.';
      outcomeKo = '백엔드에 도달하지 않고 그 리디렉션 응답을 받습니다.';
  }
  if (uncertain) {
    outcomeEn += ' This relies on an evaluation order the docs do not state for this configuration (see the route trace): verify before acting.';
    outcomeKo += ' 이 판단은 이 구성에 대해 문서에 명시되지 않은 평가 순서에 기대고 있습니다(경로 추적 참고). 조치 전에 확인하세요.';
  }
  const is502 = d.poolState === 'empty' || d.poolState === 'all-unhealthy';
  return { severity: is502 && !uncertain ? 'error' : 'warning', targetEn, targetKo, outcomeEn, outcomeKo };
}

/** `listener (host, host)`, the way `model/topology.ts` names affected listeners. */
export function listenerLabel(c: Candidate, hosts: string[] = c.listener?.hostNames ?? []): string {
  const name = c.listener?.name ?? c.rule.httpListener?.name ?? c.rule.name;
  return hosts.length ? `${name} (${hosts.join(', ')})` : name;
}

/** A free priority number for `rule` smaller than `below` (closest first), or undefined when 1..below-1 are all taken. */
export function freePriorityBelow(gateway: Gateway, below: number): number | undefined {
  const used = new Set(gateway.requestRoutingRules.map((r) => r.priority).filter((p): p is number => p !== undefined));
  for (let p = below - 1; p >= 1; p--) if (!used.has(p)) return p;
  return undefined;
}

/** A free priority number larger than every one in use (for moving a rule last), within 1–20000. */
export function freePriorityAbove(gateway: Gateway): number | undefined {
  const used = gateway.requestRoutingRules.map((r) => r.priority).filter((p): p is number => p !== undefined);
  const max = used.length ? Math.max(...used) : 0;
  return max < 20000 ? Math.min(20000, max + 10) : undefined;
}

// ---------------------------------------------------------------- what a finding shows

/** Same shape as a rule's `Evidence` (rules/types.ts), kept here so route/ does not import rules/. */
export interface EvidenceLike {
  path: string;
  value: string;
  source?: SourceRef;
}

type Destination = Pick<RouteDetail, 'pool' | 'poolState'> & { result: { settings: string | null; backends: RouteBackend[] } };

/** The values that make the destination a 502: the empty pool, or the backends' health. */
export function destinationEvidence(d: Destination): EvidenceLike[] {
  if (!d.pool) return [];
  if (d.poolState === 'empty') return [{ path: `backendAddressPools[${d.pool.name}].backendAddresses`, value: '[] (no addresses, no NIC IP configurations)', source: d.pool.source }];
  if (d.poolState === 'all-unhealthy') {
    const shown = d.result.backends.slice(0, 10).map((b) => `${b.address} ${b.health}`);
    const more = d.result.backends.length > 10 ? `, … ${d.result.backends.length - 10} more` : '';
    return [{ path: `backendHealth[${d.pool.name}/${d.result.settings ?? ''}]`, value: `${shown.join(', ')}${more}`, source: d.pool.source }];
  }
  return [];
}

/** Params and evidence every listener-trap finding shares. */
export function listenerTrapFacts(trap: ListenerTrap, uncertain: boolean): { params: Record<string, string | number>; evidence: EvidenceLike[]; outcome: Outcome; affected: string[] } {
  const w = trap.winner;
  const s = trap.shadowed;
  const mode = trap.ordering.mode;
  const outcome = outcomeOf(trap.route, uncertain);
  const name = (c: Candidate) => c.listener?.name ?? c.rule.httpListener?.name ?? c.rule.name;
  const hostsOf = (c: Candidate) => (c.listener?.hostNames.length ? c.listener.hostNames.join(', ') : '[]');
  const params: Record<string, string | number> = {
    listener: name(s),
    rule: s.rule.name,
    winnerListener: name(w),
    winnerRule: w.rule.name,
    port: s.port ?? '?',
    frontend: s.frontend?.name ?? s.listener?.frontendIpConfiguration?.name ?? '?',
    place: placeToken(s, mode),
    winnerPlace: placeToken(w, mode),
    hosts: trap.hosts.join(', '),
    pattern: trap.winnerPattern ?? '',
    priority: s.rule.priority ?? '?',
    winnerPriority: w.rule.priority ?? '?',
    targetEn: outcome.targetEn,
    targetKo: outcome.targetKo,
    outcomeEn: outcome.outcomeEn,
    outcomeKo: outcome.outcomeKo,
  };
  const evidence: EvidenceLike[] = [
    { path: `requestRoutingRules[${w.rule.name}]`, value: `${orderValue(w, mode)}; httpListener ${name(w)}`, source: w.rule.source },
    { path: `requestRoutingRules[${s.rule.name}]`, value: `${orderValue(s, mode)}; httpListener ${name(s)}`, source: s.rule.source },
    { path: `httpListeners[${name(w)}].hostNames`, value: hostsOf(w), source: w.listener?.source },
    { path: `httpListeners[${name(s)}].hostNames`, value: hostsOf(s), source: s.listener?.source },
    ...destinationEvidence(trap.route),
  ];
  return { params, evidence, outcome, affected: [listenerLabel(s, trap.hosts)] };
}

function orderValue(c: Candidate, mode: Ordering['mode']): string {
  const token = placeToken(c, mode);
  return token.startsWith('priority') ? token : `position ${c.index} in requestRoutingRules (0-based)`;
}
