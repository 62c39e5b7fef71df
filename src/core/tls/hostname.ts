/**
 * Host-name checking of a backend certificate, as Application Gateway v2 does it (azure-facts.md §5, RFC 6125):
 *
 * - Subject Alternative Names first; the subject CN is consulted only when the certificate carries no DNS SAN
 *   (RFC 6125 §6.4.4; OpenSSL `X509_check_host` behaves the same way).
 * - A wildcard is honoured only as the whole left-most label (`*.contoso.com`) and matches exactly one label:
 *   `a.contoso.com` yes, `contoso.com` (apex) no, `a.b.contoso.com` no. Partial-label wildcards (`w*.contoso.com`),
 *   wildcards in other labels and wildcards directly over a public suffix-like single label (`*.com`) never match.
 * - An IP address matches only IP SANs (never a DNS SAN, never the CN); IPv4 and IPv6 are compared as bytes.
 * - Comparison is case-insensitive and ignores a single trailing dot on either side.
 *
 * Pure and synchronous: no certificate library needed.
 */

export interface SubjectAltName {
  type: 'dns' | 'ip';
  value: string;
}

export interface HostNameCertView {
  subjectAltNames: SubjectAltName[];
  commonName?: string;
}

export interface HostNameMatch {
  matches: boolean;
  /** Which certificate field produced the match (only when `matches`). */
  matchedBy?: 'san' | 'cn';
  /** The certificate name that matched (as written in the certificate). */
  candidate?: string;
  /** One-sentence explanation, suitable for a report. */
  why: string;
}

/** Lower-case, trim, drop one trailing dot (and IPv6 brackets). */
export function normalizeHostName(name: string): string {
  let n = name.trim().toLowerCase();
  if (n.startsWith('[') && n.endsWith(']')) n = n.slice(1, -1);
  if (n.endsWith('.')) n = n.slice(0, -1);
  return n;
}

/**
 * True when `pattern` (a DNS name from a certificate, possibly `*.example.com`) matches `name`.
 * Both are normalized first. A wildcard must be the entire left-most label, must have at least two labels to its
 * right, and stands for exactly one non-empty label.
 */
export function wildcardMatch(pattern: string, name: string): boolean {
  const p = normalizeHostName(pattern);
  const n = normalizeHostName(name);
  if (p === '' || n === '') return false;
  if (parseIp(n) !== undefined) return false; // a DNS pattern never matches an IP address
  if (!p.includes('*')) return p === n;
  const pLabels = p.split('.');
  const nLabels = n.split('.');
  if (pLabels[0] !== '*') return false; // partial wildcard or not left-most
  if (pLabels.slice(1).some((l) => l.includes('*') || l === '')) return false;
  if (pLabels.length < 3) return false; // `*.com`, `*` — too broad
  if (nLabels.length !== pLabels.length) return false; // exactly one label, not the apex, not two labels
  if (nLabels[0] === '') return false;
  for (let i = 1; i < pLabels.length; i++) if (pLabels[i] !== nLabels[i]) return false;
  return true;
}

/** Parse an IPv4 or IPv6 literal into bytes; undefined when it is not one. */
export function parseIp(text: string): Uint8Array | undefined {
  let s = text.trim();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  const v4 = parseIpv4(s);
  if (v4) return v4;
  return parseIpv6(s);
}

function parseIpv4(s: string): Uint8Array | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const out = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const part = m[i + 1] as string;
    if (part.length > 1 && part.startsWith('0')) return undefined; // ambiguous octal-looking form
    const v = Number(part);
    if (v > 255) return undefined;
    out[i] = v;
  }
  return out;
}

function parseIpv6(input: string): Uint8Array | undefined {
  let s = input.toLowerCase();
  const pct = s.indexOf('%'); // zone id
  if (pct >= 0) s = s.slice(0, pct);
  if (!s.includes(':')) return undefined;
  const groups: number[] = [];
  let tail4: Uint8Array | undefined;
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    tail4 = parseIpv4(last);
    if (!tail4) return undefined;
    s = s.slice(0, lastColon + 1) + '0:0'; // placeholder for two groups
  }
  const dbl = s.split('::');
  if (dbl.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const res: number[] = [];
    for (const g of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/.test(g)) return undefined;
      res.push(parseInt(g, 16));
    }
    return res;
  };
  const head = parseGroups(dbl[0] as string);
  if (!head) return undefined;
  if (dbl.length === 2) {
    const tail = parseGroups(dbl[1] as string);
    if (!tail) return undefined;
    const fill = 8 - head.length - tail.length;
    if (fill < 1) return undefined;
    groups.push(...head, ...new Array<number>(fill).fill(0), ...tail);
  } else {
    if (head.length !== 8) return undefined;
    groups.push(...head);
  }
  const out = new Uint8Array(16);
  groups.forEach((g, i) => {
    out[i * 2] = g >> 8;
    out[i * 2 + 1] = g & 0xff;
  });
  if (tail4) out.set(tail4, 12);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function list(names: string[]): string {
  return names.length ? names.join(', ') : '(none)';
}

/** Check `name` (the host name / SNI that reaches the backend) against a certificate's SANs / CN. */
export function matchesHostName(name: string, cert: HostNameCertView): HostNameMatch {
  const host = normalizeHostName(name);
  if (host === '') return { matches: false, why: 'No host name to check the certificate against.' };
  const sans = cert.subjectAltNames ?? [];
  const dnsSans = sans.filter((s) => s.type === 'dns').map((s) => s.value);
  const ipSans = sans.filter((s) => s.type === 'ip').map((s) => s.value);

  const ip = parseIp(host);
  if (ip) {
    for (const candidate of ipSans) {
      const c = parseIp(candidate);
      if (c && sameBytes(c, ip)) {
        return { matches: true, matchedBy: 'san', candidate, why: `IP address ${host} matches IP SAN ${candidate}.` };
      }
    }
    return {
      matches: false,
      why: `IP address ${host} is not among the certificate's IP SANs (${list(ipSans)}); an IP address matches only IP SANs, never DNS names or the CN.`,
    };
  }

  if (dnsSans.length > 0) {
    for (const candidate of dnsSans) {
      if (wildcardMatch(candidate, host)) {
        const how = candidate.includes('*') ? 'wildcard DNS SAN' : 'DNS SAN';
        return { matches: true, matchedBy: 'san', candidate, why: `Host name ${host} matches ${how} ${candidate}.` };
      }
    }
    const cnNote =
      cert.commonName && wildcardMatch(cert.commonName, host)
        ? ` The subject CN ${cert.commonName} would match, but the CN is ignored when the certificate has DNS SANs.`
        : '';
    return {
      matches: false,
      why: `Host name ${host} matches none of the certificate's DNS SANs (${list(dnsSans)}).${cnNote}`,
    };
  }

  const cn = cert.commonName;
  if (cn !== undefined && cn !== '') {
    if (wildcardMatch(cn, host)) {
      return {
        matches: true,
        matchedBy: 'cn',
        candidate: cn,
        why: `Host name ${host} matches the subject CN ${cn} (the certificate has no DNS SAN, so the CN is used).`,
      };
    }
    return { matches: false, why: `Host name ${host} does not match the subject CN ${cn} (the certificate has no DNS SAN).` };
  }
  return { matches: false, why: `The certificate has neither a DNS SAN nor a subject CN to match host name ${host}.` };
}
