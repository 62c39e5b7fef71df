/**
 * Which findings lie on one route:
 * - those about the route's listener, rule, URL path map, path rule, redirect, backend settings, custom
 *   probe or backend pool (by resource id, or by collection and name);
 * - those whose `affected` list names this route exactly as `model/topology.ts` writes it
 *   (`listener (hosts) paths`);
 * - the ordering traps (route-* rules) about a listener or path rule that would have taken this very
 *   request but is shadowed by the one the route went through: they explain why the route went here.
 * Gateway-wide findings are not included: they lie on every route.
 * Pure: for the CLI's `--route` output and the view's route drawing.
 */
import { idKey } from '../model/ids';
import { indexGateway } from '../model/resolve';
import type { Gateway, Named } from '../model/types';
import type { RouteResult } from './route';
import { DEFAULT_PROBE, SHADOWED_MARK, decodePath, parseRequestUrl, pathMatches } from './match';
import { effectiveGeneration } from './order';

/** The parts of a finding this needs: both the engine's findings and the report's have them. */
export interface FindingLike {
  ruleId?: string;
  gateway?: string;
  gatewayId?: string;
  resource: { type: string; name: string; id: string };
  affected?: string[];
}

/** Rules whose findings sit on the shadowed listener / path rule, not on the route that wins. */
export const ROUTE_TRAP_RULES = ['route-v1-basic-before-multisite', 'route-v2-wildcard-priority', 'route-listener-unreachable', 'route-duplicate-host', 'route-path-shadowed'];

export function findingsOnRoute<F extends FindingLike>(input: { findings: readonly F[] } | readonly F[], route: RouteResult, gateway: Gateway): F[] {
  const findings: readonly F[] = isList(input) ? input : input.findings;
  const ids = new Set<string>();
  const typed = new Set<string>();
  const trapIds = new Set<string>();
  const idsOf = (name: string, items: Named[], into: Set<string>) => {
    const lower = name.toLowerCase();
    for (const it of items) if (it.name.toLowerCase() === lower) into.add(idKey(it.id));
  };
  const add = (type: string, name: string | null, items: Named[], byName = true) => {
    if (!name) return;
    idsOf(name, items, ids);
    if (byName) typed.add(`${type.toLowerCase()}/${name.toLowerCase()}`);
  };
  add('httpListeners', route.listener, gateway.httpListeners);
  add('requestRoutingRules', route.rule, gateway.requestRoutingRules);
  add('redirectConfigurations', route.redirect, gateway.redirectConfigurations);
  add('backendHttpSettingsCollection', route.settings, gateway.backendHttpSettingsCollection);
  if (route.probe !== DEFAULT_PROBE) add('probes', route.probe, gateway.probes);
  add('backendAddressPools', route.pool, gateway.backendAddressPools);

  const rule = gateway.requestRoutingRules.find((r) => r.name.toLowerCase() === route.rule?.toLowerCase());
  const map = rule?.urlPathMap ? indexGateway(gateway).urlPathMap(rule.urlPathMap) : undefined;
  const pathRule = map?.pathRules.find((p) => p.name.toLowerCase() === route.pathRule?.toLowerCase());
  if (map) {
    add('urlPathMaps', map.name, [map]);
    // Path rule names repeat across maps: match them by id only.
    if (pathRule) ids.add(idKey(pathRule.id));
  }

  // Listeners that matched this request too but lost to the route's listener (the trace says so).
  for (const s of route.trace) {
    if (s.step !== 'listener' || s.matched || !s.why.endsWith(SHADOWED_MARK)) continue;
    idsOf(s.candidate, gateway.httpListeners, trapIds);
    const rules = gateway.requestRoutingRules.filter((r) => r.httpListener?.name.toLowerCase() === s.candidate.toLowerCase());
    for (const r of rules) trapIds.add(idKey(r.id));
  }
  // Path rules after the one taken that would take this path too.
  if (map) {
    const parsed = parseRequestUrl(route.url);
    if (parsed.ok) {
      const gen = effectiveGeneration(gateway).generation;
      let path = parsed.request.path;
      if (gen === 'v2') {
        const d = decodePath(path);
        if (d.ok) path = d.path;
      }
      const start = pathRule ? map.pathRules.indexOf(pathRule) + 1 : map.pathRules.length;
      for (const pr of map.pathRules.slice(start)) if (pr.paths.some((p) => pathMatches(p, path, gen).matched)) trapIds.add(idKey(pr.id));
    }
  }

  const listener = gateway.httpListeners.find((l) => l.name.toLowerCase() === route.listener?.toLowerCase());
  const routeLabel = route.listener
    ? `${route.listener}${listener?.hostNames.length ? ` (${listener.hostNames.join(', ')})` : ''}${pathRule ? ` ${pathRule.paths.join(', ')}` : ''}`
    : undefined;

  return findings.filter((f) => {
    if (f.gatewayId ? idKey(f.gatewayId) !== idKey(gateway.id) : f.gateway !== undefined && f.gateway.toLowerCase() !== gateway.name.toLowerCase()) return false;
    const id = f.resource.id ? idKey(f.resource.id) : '';
    if (id && ids.has(id)) return true;
    if (typed.has(`${f.resource.type.toLowerCase()}/${f.resource.name.toLowerCase()}`)) return true;
    if (id && trapIds.has(id) && f.ruleId !== undefined && ROUTE_TRAP_RULES.includes(f.ruleId)) return true;
    return routeLabel !== undefined && (f.affected ?? []).includes(routeLabel);
  });
}

function isList<F>(input: { findings: readonly F[] } | readonly F[]): input is readonly F[] {
  return Array.isArray(input);
}
