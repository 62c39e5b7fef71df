/**
 * The hash routes, as plain functions (router.svelte.ts holds the reactive state around them):
 *   #/  #/history  #/azure  #/report/<id>
 * and, on the analyse and report routes, the URL being traced and the frontend it arrives on:
 *   #/?url=<encoded>[&frontend=public|private]   #/report/<id>?url=<encoded>[&frontend=private]
 * Hash routing needs no server rules and works from file://; the hash never leaves the page.
 */
export type Route = { name: 'analyze' } | { name: 'history' } | { name: 'azure' } | { name: 'report'; id: string };

export type Frontend = 'public' | 'private';

/** The request a user traces: empty `url` when none. */
export interface RouteQuery {
  url: string;
  frontend?: Frontend;
}

export interface ParsedHash {
  route: Route;
  query: RouteQuery;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Any hash (bad input included) → a route; unknown hashes are the analyse screen. */
export function parseHash(hash: string): ParsedHash {
  const h = hash.replace(/^#/, '');
  const q = h.indexOf('?');
  const path = q < 0 ? h : h.slice(0, q);
  const query: RouteQuery = { url: '' };
  if (q >= 0) {
    for (const part of h.slice(q + 1).split('&')) {
      const eq = part.indexOf('=');
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? '' : decode(part.slice(eq + 1));
      if (key === 'url') query.url = value;
      else if (key === 'frontend' && (value === 'public' || value === 'private')) query.frontend = value;
    }
  }
  if (path === '/history') return { route: { name: 'history' }, query: { url: '' } };
  if (path === '/azure') return { route: { name: 'azure' }, query: { url: '' } };
  const m = /^\/report\/([\w-]+)$/.exec(path);
  if (m) return { route: { name: 'report', id: m[1] }, query };
  return { route: { name: 'analyze' }, query };
}

/** The hash of a route without its query. */
export function routeBase(route: Route): string {
  switch (route.name) {
    case 'history':
      return '#/history';
    case 'azure':
      return '#/azure';
    case 'report':
      return `#/report/${route.id}`;
    default:
      return '#/';
  }
}

/** `base` plus the traced URL (percent-encoded, so any URL round-trips) and the frontend when given. */
export function withQuery(base: string, url: string, frontend?: Frontend): string {
  const parts: string[] = [];
  if (url) parts.push(`url=${encodeURIComponent(url)}`);
  if (frontend) parts.push(`frontend=${frontend}`);
  return parts.length ? `${base}?${parts.join('&')}` : base;
}

export function sameRoute(a: Route, b: Route): boolean {
  return a.name === b.name && (a.name !== 'report' || a.id === (b as { id: string }).id);
}

export function sameQuery(a: RouteQuery, b: RouteQuery): boolean {
  return a.url === b.url && a.frontend === b.frontend;
}
