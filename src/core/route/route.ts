/**
 * Offline request routing: which listener, rule, path rule, settings, probe, pool and backends serve a URL,
 * with a trace of every decision (azure-facts.md §7: "match frontend IP/port and protocol, then host, then
 * rule, then path map"). Never throws on bad input: an unusable URL is a result whose trace says why.
 *
 * The ordering-trap rules (src/core/rules/route-*.ts) ask this same engine where a shadowed listener's
 * requests go, so a finding and a route never disagree.
 */
import { idKey } from '../model/ids';
import { indexGateway, indexNetwork } from '../model/resolve';
import type {
  BackendAddressPool, BackendHttpSettings, BackendServerHealth, Gateway, PathRule, RedirectConfiguration, Ref, UrlPathMap, Workspace,
} from '../model/types';
import {
  DEFAULT_PROBE, SHADOWED_MARK, WILDCARD_ASSUMPTION, WILDCARD_ASSUMPTION_KO, decodePath, normalizedHostMatches, isWildcardHost, parseRequestUrl, pathMatched, pathMatches,
  type ParsedRequest, type Why,
} from './match';
import { ordering, placeWhy, type Candidate, type Ordering, type RouteGeneration } from './order';

export interface RouteStep {
  step: string;
  candidate: string;
  matched: boolean;
  why: string;
  /** `why` in Korean, with the same names, hosts, ports and paths. */
  whyKo: string;
}

export type { Why };

export interface RouteBackend {
  address: string;
  health: string | null;
}

export interface RouteResult {
  url: string;
  listener: string | null;
  rule: string | null;
  pathRule: string | null;
  redirect: string | null;
  settings: string | null;
  probe: string | null;
  pool: string | null;
  backends: RouteBackend[];
  trace: RouteStep[];
  findings?: never;
}

export interface RouteOptions {
  /** Which frontend IP the request arrives on; all are considered when absent. */
  frontend?: 'public' | 'private';
}

/** Options for callers inside core (the ordering-trap rules). */
export interface RouteAsOptions extends RouteOptions {
  /** Route as this SKU generation instead of the gateway's own (or assumed) one. */
  generation?: RouteGeneration;
  /** Build the trace (default true). Rules turn it off on big gateways. */
  trace?: boolean;
  /** Stop once the listener is chosen (rules asking only "who takes this host?"). */
  stopAtListener?: boolean;
}

/**
 * What the target of a route does with requests: `empty` (no addresses, no NIC IP configurations) and
 * `all-unhealthy` (every backend Unhealthy in backend health) mean 502; `none` = a redirect or no route.
 */
export type PoolState = 'empty' | 'all-unhealthy' | 'serving' | 'unknown-health' | 'missing' | 'none';

export interface RouteDetail {
  result: RouteResult;
  ordering: Ordering;
  request?: ParsedRequest;
  winner?: Candidate;
  /** The listener host name that took the request (undefined for a basic listener). */
  winnerPattern?: string;
  /** Candidates that match too but come later in the order. */
  alsoMatching: Candidate[];
  urlPathMap?: UrlPathMap;
  pathRule?: PathRule;
  redirect?: RedirectConfiguration;
  settings?: BackendHttpSettings;
  pool?: BackendAddressPool;
  poolState: PoolState;
  /** True when the winner depends on an order the docs do not state (see the trace's `order` step). */
  uncertain: boolean;
}

export { DEFAULT_PROBE };
export { SHADOWED_MARK };
export { findingsOnRoute, type FindingLike } from './on-route';

export class Tracer {
  readonly steps: RouteStep[] = [];
  constructor(readonly on: boolean) {}
  /** One step; the reason in both languages, built lazily when it costs something (nothing is built when the trace is off). */
  add(step: string, candidate: string, matched: boolean, why: Why | (() => Why)): void {
    if (!this.on) return;
    const w = typeof why === 'function' ? why() : why;
    this.steps.push({ step, candidate, matched, why: w.en, whyKo: w.ko });
  }
}

const KIND_KO = { public: '공용', private: '사설' } as const;

/** Which listener, rule and backends take `url` on `gateway`, with the trace of every decision. */
export function routeRequest(workspace: Workspace, gateway: Gateway, url: string, options: RouteOptions = {}): RouteResult {
  return routeDetail(workspace, gateway, url, { frontend: options.frontend, trace: true }).result;
}

export function routeDetail(workspace: Workspace, gateway: Gateway, url: string, options: RouteAsOptions = {}): RouteDetail {
  const t = new Tracer(options.trace !== false);
  const ord = ordering(gateway, options.generation);
  const result: RouteResult = { url, listener: null, rule: null, pathRule: null, redirect: null, settings: null, probe: null, pool: null, backends: [], trace: t.steps };
  const detail: RouteDetail = { result, ordering: ord, alsoMatching: [], poolState: 'none', uncertain: ord.generationAssumed };

  const parsed = parseRequestUrl(url);
  if (!parsed.ok) {
    t.add('url', url, false, () => ({ en: `${parsed.why}; nothing can be routed`, ko: `${parsed.whyKo}. 아무것도 라우팅할 수 없습니다` }));
    return detail;
  }
  const req = parsed.request;
  detail.request = req;
  t.add('url', url, true, { en: parsed.why, ko: parsed.whyKo });

  if (/^stopped$/i.test(gateway.operationalState ?? '') || /^failed$/i.test(gateway.provisioningState ?? '')) {
    t.add('gateway', gateway.name, false, () => {
      const state = `operationalState ${gateway.operationalState ?? '?'}, provisioningState ${gateway.provisioningState ?? '?'}`;
      return {
        en: `${state}: the gateway answers 502 to every request whatever the rules say (GUIDE-2026 step 1); the route below is what it would do once running`,
        ko: `${state}: 게이트웨이는 규칙과 관계없이 모든 요청에 502로 응답합니다(GUIDE-2026 1단계). 아래 경로는 게이트웨이가 실행되면 요청이 거칠 경로입니다`,
      };
    });
  }

  // v2 decodes percent-encoded paths before routing (azure-facts.md §7).
  let path = req.path;
  if (path.includes('%')) {
    if (ord.generation === 'v2') {
      const d = decodePath(path);
      if (d.ok) {
        t.add('decode', req.path, true, () => ({
          en: `v2 decodes percent-encoded paths before routing: ${req.path} is matched as ${d.path}`,
          ko: `v2는 라우팅 전에 퍼센트 인코딩된 경로를 디코딩합니다. ${req.path}은(는) ${d.path}(으)로 비교됩니다`,
        }));
        path = d.path;
      } else
        t.add('decode', req.path, false, () => ({
          en: `v2 decodes paths before routing, but ${req.path} has a malformed %-sequence: matched as sent`,
          ko: `v2는 라우팅 전에 경로를 디코딩하지만 ${req.path}에는 잘못된 %-시퀀스가 있어 보낸 그대로 비교됩니다`,
        }));
    } else {
      t.add('decode', req.path, false, { en: 'v1: the path is matched as sent (decoding before routing is documented for v2 only)', ko: 'v1: 경로는 보낸 그대로 비교됩니다(라우팅 전 디코딩은 v2에 대해서만 문서화되어 있음)' });
    }
  }

  frontendStep(t, gateway, options.frontend);
  t.add('order', ord.mode, true, () => ({ en: ord.notes.join('; '), ko: ord.notesKo.join('. ') }));

  const list = t.on ? ord.candidates : ord.byPort.get(req.port) ?? [];
  for (const c of list) {
    const m = matchCandidate(c, req, options.frontend);
    const name = listenerName(c);
    if (!detail.winner && m.ok) {
      detail.winner = c;
      detail.winnerPattern = m.pattern;
      t.add('listener', name, true, () => candidateWhy(c, ord, m));
    } else if (m.ok) {
      detail.alsoMatching.push(c);
      t.add('listener', name, false, () => {
        const own = candidateWhy(c, ord, m);
        const w = detail.winner!;
        const place = placeWhy(w, ord.mode);
        return {
          en: `${own.en} — but ${listenerName(w)} (rule ${w.rule.name}, ${place.en}) ${SHADOWED_MARK}`,
          ko: `${own.ko} — 하지만 ${listenerNameKo(w)}(규칙 ${w.rule.name}, ${place.ko})이(가) 먼저 평가되므로 이 리스너는 이 요청을 받지 못합니다`,
        };
      });
    } else {
      t.add('listener', name, false, () => candidateWhy(c, ord, m));
    }
  }

  const winner = detail.winner;
  if (winner && detail.alsoMatching.length && (ord.mode === 'v2-multisite-first' || ord.mode === 'v2-mixed')) {
    const next = detail.alsoMatching[0];
    if (winner.basic === next.basic && winner.rule.priority === undefined && next.rule.priority === undefined) {
      detail.uncertain = true;
      t.add('order', 'uncertain', false, () => ({
        en: `${listenerName(winner)} and ${listenerName(next)} are both ${winner.basic ? 'basic' : 'multi-site'} listeners without rule priorities: which one v2 evaluates first is not documented (listed order assumed); give the rules priorities to make it certain`,
        ko: `${listenerNameKo(winner)}와(과) ${listenerNameKo(next)}은(는) 둘 다 규칙 우선순위가 없는 ${winner.basic ? '기본' : '다중 사이트'} 리스너입니다. v2가 둘 중 어느 쪽을 먼저 평가하는지는 문서에 없어 나열된 순서로 가정했습니다. 확실히 하려면 규칙에 우선순위를 지정하세요`,
      }));
    }
  }
  if (ord.generationAssumed && ord.mode === 'v2-multisite-first') {
    const v1 = routeDetail(workspace, gateway, url, { frontend: options.frontend, generation: 'v1', trace: false });
    if (v1.winner?.rule !== winner?.rule) {
      const w1 = v1.winner;
      t.add('order', 'v1', false, () => w1
        ? {
            en: `if this gateway is v1 (SKU not shown), rule ${w1.rule.name} (listener ${listenerName(w1)}) would take this request instead`,
            ko: `이 게이트웨이가 v1이라면(SKU가 입력에 없음) 대신 규칙 ${w1.rule.name}(리스너 ${listenerNameKo(w1)})이(가) 이 요청을 받습니다`,
          }
        : { en: 'if this gateway is v1 (SKU not shown), no listener would take this request', ko: '이 게이트웨이가 v1이라면(SKU가 입력에 없음) 이 요청을 받는 리스너가 없습니다' });
    }
  }

  if (!winner) {
    t.add('listener', '(none)', false, () => noListenerWhy(ord, req, options.frontend));
    return detail;
  }

  if (options.stopAtListener) return detail;
  result.listener = listenerName(winner);
  result.rule = winner.rule.name;
  const ix = indexGateway(gateway);
  const rule = winner.rule;
  let target: Target;
  const type = rule.ruleType ?? (rule.urlPathMap ? 'PathBasedRouting' : 'Basic');
  if (rule.urlPathMap || /^pathbasedrouting$/i.test(type)) {
    const map = ix.urlPathMap(rule.urlPathMap);
    t.add('rule', rule.name, true, () => ({ en: `${type}: URL path map ${rule.urlPathMap?.name ?? '(none)'}`, ko: `${type}: URL 경로 맵 ${rule.urlPathMap?.name ?? '(없음)'}` }));
    if (!map) {
      const ref = rule.urlPathMap;
      t.add('path-map', ref?.name ?? '(none)', false, () => ref
        ? { en: `URL path map ${ref.name} is referenced but not in the gateway: nothing to route by`, ko: `URL 경로 맵 ${ref.name}이(가) 참조되지만 게이트웨이에 없어 라우팅 기준이 없습니다` }
        : { en: 'the rule names no URL path map', ko: '규칙에 URL 경로 맵이 지정되어 있지 않습니다' });
      detail.poolState = 'missing';
      return detail;
    }
    detail.urlPathMap = map;
    const pm = evaluatePathMap(map, path, ord.generation, t);
    detail.pathRule = pm.pathRule;
    result.pathRule = pm.pathRule?.name ?? null;
    target = pm.target;
  } else {
    target = { poolRef: rule.backendAddressPool, settingsRef: rule.backendHttpSettings, redirectRef: rule.redirectConfiguration };
    t.add('rule', rule.name, true, () => {
      const known = /^basic$/i.test(type);
      const unknownType = known ? '' : ` (rule type ${type} is not modelled here: read as Basic)`;
      const unknownTypeKo = known ? '' : ` (규칙 유형 ${type}은(는) 여기서 다루지 않아 Basic으로 읽음)`;
      return rule.redirectConfiguration
        ? { en: `Basic${unknownType}: redirect ${rule.redirectConfiguration.name}`, ko: `Basic${unknownTypeKo}: 리디렉션 ${rule.redirectConfiguration.name}` }
        : {
            en: `Basic${unknownType}: backend pool ${rule.backendAddressPool?.name ?? '(none)'} with backend settings ${rule.backendHttpSettings?.name ?? '(none)'}`,
            ko: `Basic${unknownTypeKo}: 백엔드 풀 ${rule.backendAddressPool?.name ?? '(없음)'}, 백엔드 설정 ${rule.backendHttpSettings?.name ?? '(없음)'}`,
          };
    });
  }
  followTarget(workspace, gateway, target, detail, t);
  return detail;
}

export interface Target {
  poolRef?: Ref;
  settingsRef?: Ref;
  redirectRef?: Ref;
}

/** Path rules in the order listed, first match wins regardless of specificity; else the map's default. */
export function evaluatePathMap(map: UrlPathMap, path: string, generation: RouteGeneration, t: Tracer = new Tracer(false)): { pathRule?: PathRule; target: Target } {
  t.add('path-map', map.name, true, () => ({
    en: `${map.pathRules.length} path rule(s), tried in the order listed; the first match wins regardless of specificity; paths compare case-insensitively`,
    ko: `경로 규칙 ${map.pathRules.length}개를 나열된 순서대로 시도합니다. 얼마나 구체적인지와 관계없이 처음 일치하는 규칙이 이기며, 경로는 대소문자를 구분하지 않고 비교합니다`,
  }));
  if (!t.on) {
    // Same answer as below, without writing a reason nobody reads.
    const lower = path.toLowerCase();
    for (const pr of map.pathRules) {
      if (pr.paths.some((p) => pathMatched(p, lower))) return { pathRule: pr, target: { poolRef: pr.backendAddressPool, settingsRef: pr.backendHttpSettings, redirectRef: pr.redirectConfiguration } };
    }
    return { target: { poolRef: map.defaultBackendAddressPool, settingsRef: map.defaultBackendHttpSettings, redirectRef: map.defaultRedirectConfiguration } };
  }
  for (const pr of map.pathRules) {
    const tries = pr.paths.map((p) => pathMatches(p, path, generation));
    const hit = tries.find((m) => m.matched);
    if (hit) {
      t.add('path-rule', pr.name, true, { en: hit.why, ko: hit.whyKo });
      return { pathRule: pr, target: { poolRef: pr.backendAddressPool, settingsRef: pr.backendHttpSettings, redirectRef: pr.redirectConfiguration } };
    }
    t.add('path-rule', pr.name, false, () => (tries.length ? { en: tries.map((m) => m.why).join('; '), ko: tries.map((m) => m.whyKo).join('. ') } : { en: 'no paths', ko: '경로가 없습니다' }));
  }
  t.add('default-path', map.name, true, () => {
    const redirect = map.defaultRedirectConfiguration;
    const def: Why = redirect
      ? { en: `default redirect ${redirect.name}`, ko: `기본 리디렉션 ${redirect.name}` }
      : {
          en: `default backend pool ${map.defaultBackendAddressPool?.name ?? '(none)'} with backend settings ${map.defaultBackendHttpSettings?.name ?? '(none)'}`,
          ko: `기본 백엔드 풀 ${map.defaultBackendAddressPool?.name ?? '(없음)'}, 백엔드 설정 ${map.defaultBackendHttpSettings?.name ?? '(없음)'}`,
        };
    return { en: `no path rule takes ${path}: the map's ${def.en}`, ko: `${path}을(를) 받는 경로 규칙이 없어 맵의 기본값으로 갑니다: ${def.ko}` };
  });
  return { target: { poolRef: map.defaultBackendAddressPool, settingsRef: map.defaultBackendHttpSettings, redirectRef: map.defaultRedirectConfiguration } };
}

/** Where a target leads (settings, probe, pool, backends with health), without a trace. */
export function followTargetDetail(ws: Workspace, gateway: Gateway, target: Target): Pick<RouteDetail, 'redirect' | 'settings' | 'pool' | 'poolState'> & { result: RouteResult } {
  const result: RouteResult = { url: '', listener: null, rule: null, pathRule: null, redirect: null, settings: null, probe: null, pool: null, backends: [], trace: [] };
  const detail: RouteDetail = { result, ordering: ordering(gateway), alsoMatching: [], poolState: 'none', uncertain: false };
  followTarget(ws, gateway, target, detail, new Tracer(false));
  return detail;
}

function followTarget(ws: Workspace, gateway: Gateway, target: Target, detail: RouteDetail, t: Tracer): void {
  const ix = indexGateway(gateway);
  const result = detail.result;
  if (target.redirectRef) {
    const r = ix.redirect(target.redirectRef);
    result.redirect = target.redirectRef.name;
    detail.redirect = r;
    detail.poolState = 'none';
    if (!r) {
      const name = target.redirectRef.name;
      t.add('redirect', name, false, () => ({ en: `redirect configuration ${name} is referenced but not in the gateway`, ko: `리디렉션 구성 ${name}이(가) 참조되지만 게이트웨이에 없습니다` }));
      return;
    }
    t.add('redirect', r.name, true, () => {
      const to: Why = r.targetListener
        ? { en: `listener ${r.targetListener.name}`, ko: `리스너 ${r.targetListener.name}` }
        : r.targetUrl
          ? { en: r.targetUrl, ko: r.targetUrl }
          : { en: '(no target)', ko: '(대상 없음)' };
      return {
        en: `${r.redirectType ?? 'redirect'} to ${to.en}${r.includePath ? ', path included' : ''}${r.includeQueryString ? ', query string included' : ''}: the gateway answers with the redirect and no backend is involved`,
        ko: `${r.redirectType ? `${r.redirectType} ` : ''}리디렉션, 대상 ${to.ko}${r.includePath ? ', 경로 포함' : ''}${r.includeQueryString ? ', 쿼리 문자열 포함' : ''}: 게이트웨이가 리디렉션으로 응답하며 백엔드는 관여하지 않습니다`,
      };
    });
    return;
  }

  let settings: BackendHttpSettings | undefined;
  if (target.settingsRef) {
    settings = ix.settings(target.settingsRef);
    result.settings = target.settingsRef.name;
    detail.settings = settings;
    t.add('settings', target.settingsRef.name, !!settings, () => {
      if (!settings) {
        const name = target.settingsRef!.name;
        return { en: `backend settings ${name} are referenced but not in the gateway`, ko: `백엔드 설정 ${name}이(가) 참조되지만 게이트웨이에 없습니다` };
      }
      const dflt = settings.requestTimeout === undefined;
      const timeout = settings.requestTimeout ?? 20;
      return {
        en: `${settings.protocol ?? '?'} to port ${settings.port ?? '?'}, request time-out ${timeout} s${dflt ? ' (default)' : ''}`,
        ko: `${settings.protocol ?? '?'}, 포트 ${settings.port ?? '?'}, 요청 시간 제한 ${timeout}초${dflt ? ' (기본값)' : ''}`,
      };
    });
    if (settings) {
      if (settings.probe) {
        const p = ix.probe(settings.probe);
        const name = settings.probe.name;
        result.probe = name;
        t.add('probe', name, !!p, () => p
          ? {
              en: `custom probe: ${p.protocol ?? '?'} ${p.pickHostNameFromBackendHttpSettings ? '(host from the settings)' : p.host ?? '?'} ${p.path ?? '?'} every ${p.interval ?? '?'} s`,
              ko: `사용자 지정 프로브: ${p.protocol ?? '?'} ${p.pickHostNameFromBackendHttpSettings ? '(설정의 호스트 사용)' : p.host ?? '?'} ${p.path ?? '?'}, ${p.interval ?? '?'}초마다`,
            }
          : { en: `probe ${name} is referenced but not in the gateway`, ko: `프로브 ${name}이(가) 참조되지만 게이트웨이에 없습니다` });
      } else {
        result.probe = DEFAULT_PROBE;
        const s = settings;
        t.add('probe', DEFAULT_PROBE, true, () => {
          const url = `${(s.protocol ?? 'http').toLowerCase()}://127.0.0.1:${s.port ?? '?'}/`;
          return {
            en: `no custom probe: GET ${url} every 30 s, healthy on 200–399`,
            ko: `사용자 지정 프로브 없음: 30초마다 GET ${url} 요청을 보내며 200–399 응답이면 정상`,
          };
        });
      }
    }
  } else {
    t.add('settings', '(none)', false, { en: 'this route names no backend settings', ko: '이 경로에는 백엔드 설정이 지정되어 있지 않습니다' });
  }

  if (!target.poolRef) {
    t.add('pool', '(none)', false, { en: 'this route names no backend pool: nothing can serve it', ko: '이 경로에는 백엔드 풀이 지정되어 있지 않아 요청을 처리할 곳이 없습니다' });
    detail.poolState = 'missing';
    return;
  }
  const pool = ix.pool(target.poolRef);
  result.pool = target.poolRef.name;
  detail.pool = pool;
  if (!pool) {
    const name = target.poolRef.name;
    t.add('pool', name, false, () => ({ en: `backend pool ${name} is referenced but not in the gateway`, ko: `백엔드 풀 ${name}이(가) 참조되지만 게이트웨이에 없습니다` }));
    detail.poolState = 'missing';
    return;
  }
  const n = pool.backendAddresses.filter((a) => a.ipAddress || a.fqdn).length;
  const nics = pool.backendIpConfigurations.length;
  t.add('pool', pool.name, n + nics > 0, () => {
    const k = pool.blankAddresses;
    return {
      en: `${n} address(es), ${nics} NIC IP configuration(s)${k ? `, ${k} blank entr${k === 1 ? 'y' : 'ies'}` : ''}`,
      ko: `주소 ${n}개, NIC IP 구성 ${nics}개${k ? `, 빈 항목 ${k}개` : ''}`,
    };
  });

  const b = backendsOf(ws, gateway, pool, settings?.name ?? target.settingsRef?.name);
  result.backends = b.backends;
  if (n + nics === 0) {
    detail.poolState = 'empty';
    t.add('backends', pool.name, false, {
      en: 'the pool is empty (no addresses, no NIC IP configurations): the gateway answers 502 Bad Gateway (guide cause 5)',
      ko: '풀이 비어 있습니다(주소도 NIC IP 구성도 없음). 게이트웨이는 502 Bad Gateway로 응답합니다(가이드의 원인 5)',
    });
    return;
  }
  const known = b.backends.filter((x) => x.health !== null);
  const unhealthy = known.filter((x) => /^unhealthy$/i.test(x.health!));
  if (!b.healthKnown) {
    detail.poolState = 'unknown-health';
    t.add('backends', pool.name, true, () => {
      const cmd = `az network application-gateway show-backend-health -g ${gateway.resourceGroup ?? '<resource-group>'} -n ${gateway.name}`;
      return {
        en: `${b.backends.length} backend(s); backend health not supplied, so whether they answer is unknown (${cmd})`,
        ko: `백엔드 ${b.backends.length}개. 입력에 백엔드 상태가 없어 응답하는지 알 수 없습니다 (${cmd})`,
      };
    });
  } else if (b.backends.length > 0 && unhealthy.length === b.backends.length) {
    detail.poolState = 'all-unhealthy';
    t.add('backends', pool.name, false, () => ({
      en: `all ${b.backends.length} backend(s) are Unhealthy in backend health: the gateway answers 502 Bad Gateway (guide cause 6)`,
      ko: `백엔드 상태에서 백엔드 ${b.backends.length}개 모두 Unhealthy입니다. 게이트웨이는 502 Bad Gateway로 응답합니다(가이드의 원인 6)`,
    }));
  } else {
    detail.poolState = 'serving';
    t.add('backends', pool.name, true, () => {
      // Health values are Azure's own words (Healthy, Unhealthy …), the same in both languages.
      const counts = new Map<string | null, number>();
      for (const x of b.backends) counts.set(x.health, (counts.get(x.health) ?? 0) + 1);
      const list = [...counts];
      return {
        en: `${b.backends.length} backend(s): ${list.map(([h, c]) => `${c} ${h ?? 'not in backend health'}`).join(', ')}`,
        ko: `백엔드 ${b.backends.length}개: ${list.map(([h, c]) => `${h ?? '백엔드 상태에 없음'} ${c}개`).join(', ')}`,
      };
    });
  }
}

// ---------------------------------------------------------------- candidates

/**
 * The listener a URL reaches — routeDetail(…, { trace: false, stopAtListener: true })'s winner and pattern — without
 * building the route or any reason: listenerTraps asks this for every host name of every listener.
 */
export function listenerWinner(
  gateway: Gateway, url: string, options: { frontend?: 'public' | 'private'; generation?: RouteGeneration } = {},
): { winner?: Candidate; pattern?: string } {
  const ord = ordering(gateway, options.generation);
  const parsed = parseRequestUrl(url);
  if (!parsed.ok) return {};
  const req = parsed.request;
  const list = ord.byPort.get(req.port);
  if (!list) return {};
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    const m = meets(c, req, options.frontend);
    if (m !== undefined) return { winner: c, pattern: m ?? undefined };
  }
  return {};
}

/** Whether the request reaches `c`, without reasons (matchCandidate adds them): the host pattern matched, null for a basic listener, else undefined. */
function meets(c: Candidate, req: ParsedRequest, frontend: 'public' | 'private' | undefined): string | null | undefined {
  if (!c.listener) return undefined;
  if (frontend && c.frontendKind !== frontend && c.frontendKind !== 'unknown') return undefined;
  if (c.port === undefined || c.port !== req.port || !c.protocol || c.protocol !== req.scheme) return undefined;
  if (c.basic) return null;
  for (const p of c.hosts) if (normalizedHostMatches(p, req.host)) return p;
  return undefined;
}

interface CandidateMatch {
  ok: boolean;
  pattern?: string;
  why: () => Why;
}

function matchCandidate(c: Candidate, req: ParsedRequest, frontend: 'public' | 'private' | undefined): CandidateMatch {
  if (!c.listener) {
    const name = c.rule.httpListener?.name;
    return { ok: false, why: () => ({ en: `listener ${name ?? '(none)'} is not in the gateway`, ko: name ? `리스너 ${name}이(가) 게이트웨이에 없습니다` : '규칙에 리스너가 지정되어 있지 않습니다' }) };
  }
  const listener = c.listener;
  if (frontend && c.frontendKind !== frontend && c.frontendKind !== 'unknown') {
    const kind = c.frontendKind;
    const fe = c.frontend ? ` ${c.frontend.name}` : '';
    return { ok: false, why: () => ({ en: `on the ${kind} frontend${fe}, not the ${frontend} one`, ko: `${KIND_KO[frontend]}이 아닌 ${KIND_KO[kind]} 프런트엔드${fe}에 있습니다` }) };
  }
  const keptUnknown = !!frontend && c.frontendKind === 'unknown';
  if (c.port === undefined) {
    const name = listener.frontendPort?.name;
    return { ok: false, why: () => ({ en: `its frontend port ${name ?? '(none)'} has no known port number`, ko: `프런트엔드 포트 ${name ?? '(없음)'}의 포트 번호를 알 수 없습니다` }) };
  }
  const port = c.port;
  if (port !== req.port) return { ok: false, why: () => ({ en: `port ${port}, not ${req.port}`, ko: `포트 ${port} (요청은 ${req.port})` }) };
  if (!c.protocol) return { ok: false, why: () => ({ en: 'the listener has no protocol in the input', ko: '입력에 리스너의 프로토콜이 없습니다' }) };
  if (c.protocol !== req.scheme) return { ok: false, why: () => ({ en: `port ${port} with ${listener.protocol}, not ${req.scheme}`, ko: `포트 ${port}, ${listener.protocol} (요청은 ${req.scheme})` }) };
  const head = (): Why => {
    const fe = listener.frontendIpConfiguration?.name;
    return {
      en: `port ${port} ${listener.protocol}${keptUnknown ? ` (its frontend IP ${fe ?? '(none)'} cannot be told public or private: kept)` : ''}`,
      ko: `포트 ${port} ${listener.protocol}${keptUnknown ? ` (프런트엔드 IP ${fe ?? '(없음)'}이(가) 공용인지 사설인지 알 수 없어 포함함)` : ''}`,
    };
  };
  // Port and protocol match: the verdict on the host is meets()'s (the one listenerWinner gives).
  const verdict = meets(c, req, frontend);
  if (verdict === null) {
    return { ok: true, why: () => { const h = head(); return { en: `${h.en}; basic listener (no host name): takes any host`, ko: `${h.ko}. 기본 리스너(호스트 이름 없음)이므로 모든 호스트를 받습니다` }; } };
  }
  if (verdict !== undefined) {
    const p = verdict;
    return {
      ok: true,
      pattern: p,
      why: () => {
        const h = head();
        return isWildcardHost(p)
          ? { en: `${h.en}; host ${req.host} matches wildcard ${p} (${WILDCARD_ASSUMPTION})`, ko: `${h.ko}. 호스트 ${req.host}이(가) 와일드카드 ${p}와(과) 일치합니다 (${WILDCARD_ASSUMPTION_KO})` }
          : { en: `${h.en}; host ${req.host} = ${p}`, ko: `${h.ko}. 호스트 ${req.host} = ${p}` };
      },
    };
  }
  return {
    ok: false,
    why: () => {
      const h = head();
      return { en: `${h.en}; host ${req.host} is not among ${c.hosts.join(', ')}`, ko: `${h.ko}. 호스트 ${req.host}은(는) ${c.hosts.join(', ')} 중에 없습니다` };
    },
  };
}

function listenerName(c: Candidate): string {
  return c.listener?.name ?? c.rule.httpListener?.name ?? `(listener of ${c.rule.name})`;
}

/** listenerName as a Korean sentence names it (only the placeholder for a rule without a listener differs). */
function listenerNameKo(c: Candidate): string {
  return c.listener?.name ?? c.rule.httpListener?.name ?? `(규칙 ${c.rule.name}의 리스너)`;
}

/** A listener step's reason: the rule, its place in the order, and how the listener compares with the request. */
function candidateWhy(c: Candidate, ord: Ordering, m: CandidateMatch): Why {
  const place = placeWhy(c, ord.mode);
  const why = m.why();
  return { en: `rule ${c.rule.name} (${place.en}): ${why.en}`, ko: `규칙 ${c.rule.name} (${place.ko}): ${why.ko}` };
}

function frontendStep(t: Tracer, gateway: Gateway, frontend: 'public' | 'private' | undefined): void {
  if (!t.on) return;
  const pub = gateway.frontendIpConfigurations.filter((f) => f.publicIpAddress).map((f) => f.name);
  const priv = gateway.frontendIpConfigurations.filter((f) => !f.publicIpAddress && (f.privateIpAddress || f.subnet)).map((f) => f.name);
  const list = `public: ${pub.join(', ') || 'none'}; private: ${priv.join(', ') || 'none'}`;
  const listKo = `공용: ${pub.join(', ') || '없음'}, 사설: ${priv.join(', ') || '없음'}`;
  if (!frontend) {
    // Worded for any caller: the CLI adds its own --frontend wording where it prints this (src/cli/text.ts).
    t.add('frontend', 'all', true, {
      en: `frontend not given: listeners on every frontend IP are considered (${list}); a real request arrives on one of them — choose the public or private frontend to be exact`,
      ko: `프런트엔드가 지정되지 않아 모든 프런트엔드 IP의 리스너를 고려합니다(${listKo}). 실제 요청은 그중 하나로 들어오므로, 정확히 보려면 공용 또는 사설 프런트엔드를 고르세요`,
    });
    return;
  }
  const names = frontend === 'public' ? pub : priv;
  t.add('frontend', frontend, names.length > 0, names.length
    ? { en: `only listeners on the ${frontend} frontend IP (${names.join(', ')}) are considered`, ko: `${KIND_KO[frontend]} 프런트엔드 IP(${names.join(', ')})의 리스너만 고려합니다` }
    : {
        en: `this gateway has no ${frontend} frontend IP configuration (${list}): no listener can take the request there`,
        ko: `이 게이트웨이에는 ${KIND_KO[frontend]} 프런트엔드 IP 구성이 없어(${listKo}) 그쪽으로는 어떤 리스너도 요청을 받을 수 없습니다`,
      });
}

function noListenerWhy(ord: Ordering, req: ParsedRequest, frontend: 'public' | 'private' | undefined): Why {
  const onPort = (ord.byPort.get(req.port) ?? []).filter((c) => c.listener && (!frontend || c.frontendKind === frontend || c.frontendKind === 'unknown'));
  const ports = [...new Set(ord.candidates.filter((c) => c.port !== undefined).map((c) => `${c.port}/${c.listener?.protocol ?? '?'}`))];
  let why: Why;
  if (!onPort.length) {
    why = {
      en: `no listener${frontend ? ` on the ${frontend} frontend` : ''} uses port ${req.port} (listeners: ${ports.join(', ') || 'none'})`,
      ko: `${frontend ? `${KIND_KO[frontend]} 프런트엔드에서 ` : ''}포트 ${req.port}을(를) 쓰는 리스너가 없습니다(리스너: ${ports.join(', ') || '없음'})`,
    };
  } else if (!onPort.some((c) => c.protocol === req.scheme)) {
    const served = [...new Set(onPort.map((c) => c.listener!.protocol))].join('/');
    why = { en: `port ${req.port} is served with ${served}, not ${req.scheme}`, ko: `포트 ${req.port}은(는) ${req.scheme}이(가) 아니라 ${served}(으)로 제공됩니다` };
  } else {
    why = {
      en: `no listener on port ${req.port} takes host ${req.host} and there is no basic listener (one without host names) there`,
      ko: `포트 ${req.port}의 어떤 리스너도 호스트 ${req.host}을(를) 받지 않으며 그 포트에 기본 리스너(호스트 이름이 없는 리스너)도 없습니다`,
    };
  }
  return {
    en: `${why.en}: no rule takes this request, so it never reaches a backend`,
    ko: `${why.ko}. 이 요청을 받는 규칙이 없으므로 요청은 백엔드에 도달하지 않습니다`,
  };
}

// ---------------------------------------------------------------- backends and health

type HealthIndex = Map<string, Map<string, BackendServerHealth[]>>;
const healthCache = new WeakMap<Workspace, WeakMap<Gateway, HealthIndex | null>>();

function healthIndex(ws: Workspace, gateway: Gateway): HealthIndex | null {
  let perGw = healthCache.get(ws);
  if (!perGw) healthCache.set(ws, (perGw = new WeakMap()));
  const hit = perGw.get(gateway);
  if (hit !== undefined) return hit;
  const docs = indexNetwork(ws).healthOf(gateway);
  let out: HealthIndex | null = null;
  if (docs.length) {
    out = new Map();
    for (const d of docs) {
      for (const p of d.pools) {
        const pk = (p.backendAddressPool?.name ?? '').toLowerCase();
        let bySettings = out.get(pk);
        if (!bySettings) out.set(pk, (bySettings = new Map()));
        for (const s of p.settings) {
          const sk = (s.backendHttpSettings?.name ?? '').toLowerCase();
          if (!bySettings.has(sk)) bySettings.set(sk, s.servers);
        }
      }
    }
  }
  perGw.set(gateway, out);
  return out;
}

/** A pool's members (addresses and NIC IP configurations) with their health under `settings`, when known. */
export function backendsOf(ws: Workspace, gateway: Gateway, pool: BackendAddressPool, settings: string | undefined): { backends: RouteBackend[]; healthKnown: boolean } {
  const hx = healthIndex(ws, gateway);
  const bySettings = hx?.get(pool.name.toLowerCase());
  const servers = bySettings ? bySettings.get((settings ?? '').toLowerCase()) ?? (bySettings.size === 1 && bySettings.has('') ? bySettings.get('') : undefined) : undefined;
  const byAddress = new Map<string, BackendServerHealth>();
  const byIpConfig = new Map<string, BackendServerHealth>();
  for (const s of servers ?? []) {
    byAddress.set(s.address.trim().toLowerCase(), s);
    if (s.ipConfiguration) byIpConfig.set(idKey(s.ipConfiguration.id), s);
  }
  const backends: RouteBackend[] = [];
  for (const a of pool.backendAddresses) {
    const address = (a.ipAddress ?? a.fqdn ?? '').trim();
    if (!address) continue;
    backends.push({ address, health: byAddress.get(address.toLowerCase())?.health ?? null });
  }
  const net = indexNetwork(ws);
  for (const ref of pool.backendIpConfigurations) {
    const nic = net.nicOfIpConfiguration(ref);
    const cfg = nic?.ipConfigurations.find((c) => idKey(c.id) === idKey(ref.id));
    const m = /\/networkInterfaces\/([^/]+)\/ipConfigurations\/([^/]+)/i.exec(ref.id);
    const address = cfg?.privateIpAddress ?? (m ? `${m[1]}/${m[2]}` : ref.name);
    const h = byIpConfig.get(idKey(ref.id)) ?? (cfg?.privateIpAddress ? byAddress.get(cfg.privateIpAddress.toLowerCase()) : undefined);
    backends.push({ address, health: h?.health ?? null });
  }
  return { backends, healthKnown: servers !== undefined };
}
