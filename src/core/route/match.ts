/**
 * The matching primitives of request routing: the URL a client sends, host names against listener host
 * patterns, paths against URL path map patterns. Each answers with a reason a person can read, because
 * the route trace shows it.
 *
 * Facts (../shared/reference/azure-facts.md §7, and the pages it cites):
 * - Host names: exact names compare case-insensitively; `*` and `?` are wildcards. multiple-site-overview:
 *   "`*` can match with multiple characters in the allowed range", "`?` can match with a single character",
 *   the allowed range being letters, digits, `-` and `.`; "`*.contoso.com` can match with `ecom.contoso.com`,
 *   `b2b.contoso.com` and `customer1.b2b.contoso.com`" — so `*` crosses labels. Whether `*` may match an
 *   empty string is not documented: assumed one or more characters (said in the trace).
 * - Paths (url-route-overview): patterns start with `/`; `*` is allowed only at the end (v1: only after
 *   `/`; v2 also `/images*`); matching is case-insensitive; the query string and fragment are not part of the
 *   matched string. A pattern without `*` is taken as an exact path. Whether `/api/*` also matches `/api`
 *   is not documented: assumed not (said in the trace).
 * - v2 decodes percent-encoded paths before routing (`/abc%2Fdef` = `/abc/def`).
 */

/** What a route names as its probe when the settings have no custom probe. */
export const DEFAULT_PROBE = 'default probe';

/** Ends the `why` of a listener that matches too but loses to an earlier one (findingsOnRoute reads it). */
export const SHADOWED_MARK = 'is evaluated first, so this listener never sees this request';

export type Scheme = 'http' | 'https';

export interface ParsedRequest {
  scheme: Scheme;
  /** Lower-case host, without a trailing dot; IPv6 literals keep their brackets. */
  host: string;
  port: number;
  /** The path as sent (no query string, no fragment), `/` when the URL has none. */
  path: string;
}

export type ParseResult = { ok: true; request: ParsedRequest; why: string } | { ok: false; why: string };

export function parseRequestUrl(url: string): ParseResult {
  const text = url.trim();
  if (!text) return { ok: false, why: 'the URL is empty' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return { ok: false, why: `"${text}" has no scheme: write it as http://host/path or https://host/path` };
  const s = scheme[1].toLowerCase();
  if (s !== 'http' && s !== 'https') return { ok: false, why: `scheme "${s}" is not served by HTTP(S) listeners: use http:// or https://` };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, why: `"${text}" is not a valid URL` };
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { ok: false, why: `"${text}" has no host name` };
  const port = parsed.port ? Number(parsed.port) : s === 'https' ? 443 : 80;
  // The path as the client wrote it: the WHATWG parser would resolve dot segments and re-encode characters.
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(text);
  const path = raw && raw[1] ? raw[1] : '/';
  const dropped = /[?#]/.test(text.slice(scheme[0].length)) ? '; the query string / fragment is not part of path matching' : '';
  return {
    ok: true,
    request: { scheme: s, host, port, path },
    why: `scheme ${s}, host ${host}, port ${port}${parsed.port ? '' : ' (default)'}, path ${path}${dropped}`,
  };
}

/** Percent-decoding of a path, as v2 does before routing. */
export function decodePath(path: string): { ok: true; path: string } | { ok: false } {
  try {
    return { ok: true, path: decodeURIComponent(path) };
  } catch {
    return { ok: false };
  }
}

// ---------------------------------------------------------------- host names

export function normalizeHost(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

export function isWildcardHost(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

const hostRegexCache = new Map<string, RegExp>();

function hostRegex(pattern: string): RegExp {
  let re = hostRegexCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('')
      .map((c) => (c === '*' ? '[a-z0-9.-]+' : c === '?' ? '[a-z0-9.-]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    re = new RegExp(`^${body}$`);
    if (hostRegexCache.size > 5000) hostRegexCache.clear();
    hostRegexCache.set(pattern, re);
  }
  return re;
}

/** True when a listener host name (exact or with `*` / `?`) takes `host`. Both compare case-insensitively. */
export function hostMatches(pattern: string, host: string): boolean {
  return normalizedHostMatches(normalizeHost(pattern), normalizeHost(host));
}

/** `hostMatches` for names already passed through `normalizeHost` (the routing engine's hot path). */
export function normalizedHostMatches(p: string, h: string): boolean {
  if (!p || !h) return false;
  if (!p.includes('*') && !p.includes('?')) return p === h;
  return hostRegex(p).test(h);
}

export const WILDCARD_ASSUMPTION =
  '`*` matches one or more characters of letters, digits, "-" and "." (so it crosses labels: *.contoso.com takes customer1.b2b.contoso.com, as multiple-site-overview says); whether it may match nothing is not documented — assumed not';

/** A host that fits a pattern, for asking "where would such a request go?" (`*` → `label`, `?` → `x`). */
export function sampleHost(pattern: string, label = 'sample'): string {
  return normalizeHost(pattern).replace(/\*/g, label).replace(/\?/g, 'x');
}

// ---------------------------------------------------------------- paths

export type PathKind = 'all' | 'prefix' | 'exact' | 'unsupported';

export interface PathPattern {
  pattern: string;
  kind: PathKind;
  /** Lower-case prefix (for `prefix`) or path (for `exact`). */
  value: string;
}

const patternCache = new Map<string, PathPattern>();

/** Parsed once per distinct pattern text (a gateway at the limits has 10 000 path rules, compared pairwise). */
export function parsePathPattern(pattern: string): PathPattern {
  let hit = patternCache.get(pattern);
  if (!hit) {
    if (patternCache.size >= 50_000) patternCache.clear();
    patternCache.set(pattern, (hit = Object.freeze(parseUncached(pattern))));
  }
  return hit;
}

function parseUncached(pattern: string): PathPattern {
  const p = pattern.trim();
  const star = p.indexOf('*');
  if (p === '/*') return { pattern: p, kind: 'all', value: '/' };
  if (star === -1) return { pattern: p, kind: 'exact', value: p.toLowerCase() };
  if (star !== p.length - 1) return { pattern: p, kind: 'unsupported', value: p.toLowerCase() };
  return { pattern: p, kind: 'prefix', value: p.slice(0, -1).toLowerCase() };
}

export interface PathMatch {
  matched: boolean;
  why: string;
}

/** Does one path pattern take `path` (already decoded on v2)? Case-insensitive. */
export function pathMatches(pattern: string, path: string, generation: 'v1' | 'v2'): PathMatch {
  const pp = parsePathPattern(pattern);
  const lower = path.toLowerCase();
  switch (pp.kind) {
    case 'all':
      return { matched: true, why: `${pp.pattern} takes every path` };
    case 'exact':
      return lower === pp.value
        ? { matched: true, why: `${path} equals ${pp.pattern} (a path without * is matched exactly, case-insensitively)` }
        : { matched: false, why: `${path} ≠ ${pp.pattern} (exact path)` };
    case 'unsupported':
      return { matched: false, why: `${pp.pattern} is not a supported pattern (* only at the end) — treated as matching nothing` };
    case 'prefix': {
      const afterSlash = pp.value.endsWith('/');
      const note = !afterSlash && generation === 'v1' ? ' (v1 supports * only after "/"; Azure may reject this pattern)' : '';
      if (lower.startsWith(pp.value)) return { matched: true, why: `${path} starts with ${pp.pattern.slice(0, -1)} (prefix match)${note}` };
      if (afterSlash && lower === pp.value.slice(0, -1))
        return {
          matched: false,
          why: `${path} does not start with ${pp.pattern.slice(0, -1)}: whether ${pp.pattern} also takes ${path} is not documented — assumed not; add ${pp.pattern.slice(0, -2)} as its own path if it must`,
        };
      return { matched: false, why: `${path} does not start with ${pp.pattern.slice(0, -1)}${note}` };
    }
  }
}

/** True when every path that `later` takes is already taken by `earlier` (so `later` can never win). */
export function pathCovers(earlier: string, later: string): boolean {
  return patternCovers(parsePathPattern(earlier), parsePathPattern(later));
}

/** pathCovers on parsed patterns. */
export function patternCovers(e: PathPattern, l: PathPattern): boolean {
  if (e.kind === 'unsupported' || l.kind === 'unsupported') return false;
  if (e.kind === 'all') return true;
  if (e.kind === 'exact') return l.kind === 'exact' && l.value === e.value;
  // e is a prefix
  if (l.kind === 'all') return e.value === '/';
  return l.value.startsWith(e.value);
}

/** A concrete path a pattern takes (`/api/*` → `/api/sample`). */
export function samplePath(pattern: string): string {
  const pp = parsePathPattern(pattern);
  if (pp.kind === 'exact') return pp.pattern;
  if (pp.kind === 'all') return '/sample';
  return `${pp.pattern.slice(0, -1)}sample`;
}
