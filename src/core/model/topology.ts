/**
 * The paths requests take through a gateway: listener → rule → (path map → path rule) → settings → probe
 * → pool, or a redirect. Rules use it to say which listeners a fault hits; the view draws it.
 */
import { indexGateway } from './resolve';
import type { BackendAddressPool, BackendHttpSettings, Gateway, HttpListener, PathRule, Probe, RedirectConfiguration, Ref, RequestRoutingRule, UrlPathMap } from './types';

export interface RequestPath {
  listener?: HttpListener;
  listenerRef?: Ref;
  rule: RequestRoutingRule;
  urlPathMap?: UrlPathMap;
  /** Undefined for a basic rule and for a path map's default route. */
  pathRule?: PathRule;
  /** Paths this route serves ('/*' style strings), or ['*'] for everything / the default. */
  paths: string[];
  isDefaultPath: boolean;
  redirect?: RedirectConfiguration;
  redirectRef?: Ref;
  pool?: BackendAddressPool;
  poolRef?: Ref;
  settings?: BackendHttpSettings;
  settingsRef?: Ref;
  /** The custom probe; undefined means the default probe (when settings exist). */
  probe?: Probe;
  probeRef?: Ref;
}

const cache = new WeakMap<Gateway, RequestPath[]>();

export function requestPaths(gateway: Gateway): RequestPath[] {
  const hit = cache.get(gateway);
  if (hit) return hit;
  const ix = indexGateway(gateway);
  const out: RequestPath[] = [];
  const ALL = ['*'];
  // One object literal per path, every field set (a gateway at the limits has 10 000 path rules).
  const make = (
    rule: RequestRoutingRule, listener: HttpListener | undefined, map: UrlPathMap | undefined, pathRule: PathRule | undefined,
    paths: string[], isDefaultPath: boolean, poolRef: Ref | undefined, settingsRef: Ref | undefined, redirectRef: Ref | undefined,
  ): RequestPath => {
    const settings = ix.settings(settingsRef);
    return {
      listener, listenerRef: rule.httpListener, rule, urlPathMap: map, pathRule, paths, isDefaultPath,
      redirect: ix.redirect(redirectRef), redirectRef, pool: ix.pool(poolRef), poolRef, settings, settingsRef,
      probe: ix.probe(settings?.probe), probeRef: settings?.probe,
    };
  };
  for (const rule of gateway.requestRoutingRules) {
    const listener = ix.listener(rule.httpListener);
    if (rule.urlPathMap) {
      const map = ix.urlPathMap(rule.urlPathMap);
      for (const pr of map?.pathRules ?? []) {
        out.push(make(rule, listener, map, pr, pr.paths, false, pr.backendAddressPool, pr.backendHttpSettings, pr.redirectConfiguration));
      }
      out.push(make(rule, listener, map, undefined, ALL, true, map?.defaultBackendAddressPool, map?.defaultBackendHttpSettings, map?.defaultRedirectConfiguration));
    } else {
      out.push(make(rule, listener, undefined, undefined, ALL, true, rule.backendAddressPool, rule.backendHttpSettings, rule.redirectConfiguration));
    }
  }
  cache.set(gateway, out);
  return out;
}

/** Listener names (with host names) of the request paths that match. */
export function affectedListeners(gateway: Gateway, match: (p: RequestPath) => boolean): string[] {
  const out = new Set<string>();
  for (const p of requestPaths(gateway)) {
    if (!match(p)) continue;
    const l = p.listener;
    const name = l?.name ?? p.listenerRef?.name ?? p.rule.name;
    const hosts = l?.hostNames.length ? ` (${l.hostNames.join(', ')})` : '';
    const paths = p.isDefaultPath ? '' : ` ${p.paths.join(', ')}`;
    out.add(`${name}${hosts}${paths}`);
  }
  return [...out];
}
