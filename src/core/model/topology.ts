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
  for (const rule of gateway.requestRoutingRules) {
    const listener = ix.listener(rule.httpListener);
    const base = { listener, listenerRef: rule.httpListener, rule };
    const finish = (p: Omit<RequestPath, 'pool' | 'settings' | 'probe' | 'redirect' | 'probeRef'> & { redirectRef?: Ref }): RequestPath => {
      const settings = ix.settings(p.settingsRef);
      return {
        ...p,
        redirect: ix.redirect(p.redirectRef),
        pool: ix.pool(p.poolRef),
        settings,
        probe: ix.probe(settings?.probe),
        probeRef: settings?.probe,
      };
    };
    const map = ix.urlPathMap(rule.urlPathMap);
    if (rule.urlPathMap) {
      for (const pr of map?.pathRules ?? []) {
        out.push(finish({ ...base, urlPathMap: map, pathRule: pr, paths: pr.paths, isDefaultPath: false, poolRef: pr.backendAddressPool, settingsRef: pr.backendHttpSettings, redirectRef: pr.redirectConfiguration }));
      }
      out.push(finish({ ...base, urlPathMap: map, paths: ['*'], isDefaultPath: true, poolRef: map?.defaultBackendAddressPool, settingsRef: map?.defaultBackendHttpSettings, redirectRef: map?.defaultRedirectConfiguration }));
    } else {
      out.push(finish({ ...base, paths: ['*'], isDefaultPath: true, poolRef: rule.backendAddressPool, settingsRef: rule.backendHttpSettings, redirectRef: rule.redirectConfiguration }));
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
