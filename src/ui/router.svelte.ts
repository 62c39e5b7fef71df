/**
 * Hash routing (no server rules needed on any static host, and it works from file://). The parsing lives in
 * route-link.ts; here is the reactive state. `route` changes only when the screen changes, so a new traced
 * URL (`query`) never reopens a stored analysis.
 */
import { parseHash, routeBase, sameQuery, sameRoute, withQuery, type Frontend, type Route, type RouteQuery } from './route-link';
import { session } from './session.svelte';

export type { Route, RouteQuery, Frontend };

const first = parseHash(typeof location !== 'undefined' ? location.hash : '');
const state = $state({ route: first.route, query: first.query });

function apply(hash: string, force = false): void {
  const p = parseHash(hash);
  if (force || !sameRoute(p.route, state.route)) state.route = p.route;
  if (!sameQuery(p.query, state.query)) state.query = p.query;
}

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => apply(location.hash));
}

export const router = {
  get route(): Route {
    return state.route;
  },
  /** The URL traced on the analyse / report screen (`url` is '' when none). */
  get query(): RouteQuery {
    return state.query;
  },
};

export function go(hash: '#/' | '#/history' | '#/azure' | `#/report/${string}`): void {
  if (location.hash === hash) apply(hash, true);
  else location.hash = hash;
}

/**
 * Puts the traced URL in the address bar without a new history entry per keystroke and without reopening
 * anything (replaceState fires no hashchange).
 */
export function setRouteQuery(url: string, frontend?: Frontend): void {
  const query: RouteQuery = { url, frontend };
  if (sameQuery(query, state.query)) return;
  state.query = query;
  if (typeof history !== 'undefined' && typeof location !== 'undefined') {
    history.replaceState(history.state, '', withQuery(routeBase(state.route), url, frontend));
  }
}

/**
 * The link that reopens the trace of `url` on the result now shown: `#/report/<id>?url=…` once the result is
 * stored in the history (a fresh page reopens it without analysing again), else `#/?url=…` (the URL is
 * traced as soon as the same input is given again). Following it on this page changes only the trace.
 */
export function routeHash(url: string, frontend?: 'public' | 'private'): string {
  const shown = session.result;
  const id = shown ? shown.recordId : state.route.name === 'report' ? state.route.id : undefined;
  return withQuery(id ? `#/report/${id}` : '#/', url, frontend);
}
