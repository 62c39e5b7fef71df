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

/**
 * A trace reason in both languages, built in one place from the same values (`en` is the trace's `why`, `ko` its
 * `whyKo`). Names, hosts, ports and paths are the same in both.
 */
export interface Why {
  en: string;
  ko: string;
}

export type Scheme = 'http' | 'https';

export interface ParsedRequest {
  scheme: Scheme;
  /** Lower-case host, without a trailing dot; IPv6 literals keep their brackets. */
  host: string;
  port: number;
  /** The path as sent (no query string, no fragment), `/` when the URL has none. */
  path: string;
}

export type ParseResult = { ok: true; request: ParsedRequest; why: string; whyKo: string } | { ok: false; why: string; whyKo: string };

export function parseRequestUrl(url: string): ParseResult {
  const text = url.trim();
  if (!text) return { ok: false, why: 'the URL is empty', whyKo: 'URL이 비어 있습니다' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return { ok: false, why: `"${text}" has no scheme: write it as http://host/path or https://host/path`, whyKo: `"${text}"에 스킴이 없습니다. http://호스트/경로 또는 https://호스트/경로 형태로 쓰세요` };
  const s = scheme[1].toLowerCase();
  if (s !== 'http' && s !== 'https') return { ok: false, why: `scheme "${s}" is not served by HTTP(S) listeners: use http:// or https://`, whyKo: `스킴 "${s}"은(는) HTTP(S) 리스너가 받지 않습니다. http:// 또는 https://를 쓰세요` };
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, why: `"${text}" is not a valid URL`, whyKo: `"${text}"은(는) 올바른 URL이 아닙니다` };
  }
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) return { ok: false, why: `"${text}" has no host name`, whyKo: `"${text}"에 호스트 이름이 없습니다` };
  const port = parsed.port ? Number(parsed.port) : s === 'https' ? 443 : 80;
  // The path as the client wrote it: the WHATWG parser would resolve dot segments and re-encode characters.
  const raw = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(text);
  const path = raw && raw[1] ? raw[1] : '/';
  const dropped = /[?#]/.test(text.slice(scheme[0].length));
  return {
    ok: true,
    request: { scheme: s, host, port, path },
    why: `scheme ${s}, host ${host}, port ${port}${parsed.port ? '' : ' (default)'}, path ${path}${dropped ? '; the query string / fragment is not part of path matching' : ''}`,
    whyKo: `스킴 ${s}, 호스트 ${host}, 포트 ${port}${parsed.port ? '' : ' (기본값)'}, 경로 ${path}${dropped ? '. 쿼리 문자열과 프래그먼트는 경로 일치에 쓰이지 않습니다' : ''}`,
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
/** WILDCARD_ASSUMPTION in Korean. */
export const WILDCARD_ASSUMPTION_KO =
  '`*`는 영문자, 숫자, "-", "." 중 한 글자 이상과 일치합니다(따라서 레이블을 넘나듭니다. multiple-site-overview 문서대로 *.contoso.com은 customer1.b2b.contoso.com도 받습니다). `*`가 빈 문자열과도 일치하는지는 문서에 없어 일치하지 않는다고 가정합니다';

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
  /** `why` in Korean. */
  whyKo: string;
}

/** `pathMatches(...).matched` without building the reasons (the engine with its trace off); `lowerPath` is lower-case. */
export function pathMatched(pattern: string, lowerPath: string): boolean {
  const pp = parsePathPattern(pattern);
  switch (pp.kind) {
    case 'all':
      return true;
    case 'exact':
      return lowerPath === pp.value;
    case 'unsupported':
      return false;
    case 'prefix':
      return lowerPath.startsWith(pp.value);
  }
}

/** Does one path pattern take `path` (already decoded on v2)? Case-insensitive. */
export function pathMatches(pattern: string, path: string, generation: 'v1' | 'v2'): PathMatch {
  const pp = parsePathPattern(pattern);
  const lower = path.toLowerCase();
  switch (pp.kind) {
    case 'all':
      return { matched: true, why: `${pp.pattern} takes every path`, whyKo: `${pp.pattern}은(는) 모든 경로를 받습니다` };
    case 'exact':
      return lower === pp.value
        ? { matched: true, why: `${path} equals ${pp.pattern} (a path without * is matched exactly, case-insensitively)`, whyKo: `${path}은(는) ${pp.pattern}과(와) 같습니다 (*가 없는 경로는 대소문자 구분 없이 정확히 일치해야 합니다)` }
        : { matched: false, why: `${path} ≠ ${pp.pattern} (exact path)`, whyKo: `${path} ≠ ${pp.pattern} (정확한 경로)` };
    case 'unsupported':
      return {
        matched: false,
        why: `${pp.pattern} is not a supported pattern (* only at the end) — treated as matching nothing`,
        whyKo: `${pp.pattern}은(는) 지원되는 패턴이 아닙니다(*는 끝에만 올 수 있음). 어떤 경로와도 일치하지 않는 것으로 봅니다`,
      };
    case 'prefix': {
      const afterSlash = pp.value.endsWith('/');
      const prefix = pp.pattern.slice(0, -1);
      const v1Note = !afterSlash && generation === 'v1';
      const note = v1Note ? ' (v1 supports * only after "/"; Azure may reject this pattern)' : '';
      const noteKo = v1Note ? ' (v1은 "/" 바로 뒤의 *만 지원하므로 Azure가 이 패턴을 거부할 수 있습니다)' : '';
      if (lower.startsWith(pp.value)) return { matched: true, why: `${path} starts with ${prefix} (prefix match)${note}`, whyKo: `${path}은(는) ${prefix}(으)로 시작합니다 (접두사 일치)${noteKo}` };
      if (afterSlash && lower === pp.value.slice(0, -1))
        return {
          matched: false,
          why: `${path} does not start with ${prefix}: whether ${pp.pattern} also takes ${path} is not documented — assumed not; add ${pp.pattern.slice(0, -2)} as its own path if it must`,
          whyKo: `${path}은(는) ${prefix}(으)로 시작하지 않습니다. ${pp.pattern}이(가) ${path}도 받는지는 문서에 없어 받지 않는다고 가정합니다. 받아야 한다면 ${pp.pattern.slice(0, -2)}을(를) 별도 경로로 추가하세요`,
        };
      return { matched: false, why: `${path} does not start with ${prefix}${note}`, whyKo: `${path}은(는) ${prefix}(으)로 시작하지 않습니다${noteKo}` };
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
