/**
 * Redaction for exports: IP addresses, subscription ids (and other GUIDs) and host names are replaced
 * by placeholders, consistently — the same value always gets the same placeholder — so a redacted
 * report still reads ("host-1.example on IP-2 fails its probe"). Works on any JSON value (the report,
 * before it becomes Markdown or SARIF), walking strings in a fixed order so numbering is stable.
 *
 * Kept as they are, because they carry meaning and identify nobody: 0.0.0.0, 127.0.0.1 (the default
 * probe's host), 168.63.129.16 (Azure's DNS / platform address), 255.255.255.255, and the public
 * documentation/schema hosts the report links to.
 */

export type RedactionKind = 'ip' | 'subscription' | 'guid' | 'host';

export interface Replacement {
  kind: RedactionKind;
  original: string;
  placeholder: string;
}

export interface RedactOptions {
  ips?: boolean;
  subscriptions?: boolean;
  hosts?: boolean;
}

export interface Redacted<T> {
  value: T;
  replacements: Replacement[];
}

const KEEP_IPS = new Set(['0.0.0.0', '127.0.0.1', '168.63.129.16', '255.255.255.255']);
const KEEP_HOST_SUFFIXES = [
  'learn.microsoft.com', 'docs.microsoft.com', 'management.azure.com', 'schema.management.azure.com', 'json.schemastore.org',
  'crl.microsoft.com', 'crl3.digicert.com', 'portal.azure.com',
];

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const SUBSCRIPTION_GUID = /(?:subscriptions\/|subscriptionId["']?\s*[:=]\s*["']?)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/gi;
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w.]*\d)/g;
const IPV6 = /(?<![\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?|::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6}))(?![\w:])/gi;
// Host names end in a known top-level domain, so `Microsoft.Network`, `gateway.json` or `1.2.3` are left alone.
const TLDS =
  'com|net|org|io|kr|jp|cn|de|uk|fr|nl|eu|us|ca|au|in|br|co|biz|info|local|localdomain|internal|corp|lan|intra|int|gov|edu|mil|cloud|app|dev|site|online|tech|xyz|me|tv|cc|ai';
const HOST = new RegExp(`(?<![\\w@-]|[\\w-]\\.)((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS}))(?![\\w-]|\\.[a-z0-9])`, 'gi');

function validIpv4(s: string): boolean {
  return s.split('.').every((p) => Number(p) <= 255 && (p === '0' || !p.startsWith('0')));
}

function keptHost(h: string): boolean {
  const l = h.toLowerCase();
  return KEEP_HOST_SUFFIXES.some((k) => l === k || l.endsWith('.' + k));
}

class Redactor {
  private maps: Record<RedactionKind, Map<string, string>> = { ip: new Map(), subscription: new Map(), guid: new Map(), host: new Map() };
  readonly replacements: Replacement[] = [];
  constructor(private options: Required<RedactOptions>, private subscriptionGuids: Set<string>) {}

  private placeholder(kind: RedactionKind, original: string): string {
    const key = original.toLowerCase();
    const map = this.maps[kind];
    let p = map.get(key);
    if (!p) {
      const n = map.size + 1;
      p = kind === 'ip' ? `IP-${n}` : kind === 'subscription' ? `SUBSCRIPTION-${n}` : kind === 'guid' ? `GUID-${n}` : `host-${n}.example`;
      map.set(key, p);
      this.replacements.push({ kind, original, placeholder: p });
    }
    return p;
  }

  string(s: string): string {
    let out = s;
    if (this.options.subscriptions) {
      out = out.replace(GUID, (g) => this.placeholder(this.subscriptionGuids.has(g.toLowerCase()) ? 'subscription' : 'guid', g));
    }
    if (this.options.ips) {
      out = out.replace(IPV4, (ip) => (validIpv4(ip) && !KEEP_IPS.has(ip) ? this.placeholder('ip', ip) : ip));
      out = out.replace(IPV6, (ip) => (ip.includes('::') || ip.split(':').length === 8 ? this.placeholder('ip', ip) : ip));
    }
    if (this.options.hosts) {
      out = out.replace(HOST, (h) => (keptHost(h) ? h : this.placeholder('host', h)));
    }
    return out;
  }

  value(v: unknown): unknown {
    if (typeof v === 'string') return this.string(v);
    if (Array.isArray(v)) return v.map((x) => this.value(x));
    if (v && typeof v === 'object') {
      if (v instanceof Uint8Array) return v;
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.value(x);
      return out;
    }
    return v;
  }
}

function collectStrings(v: unknown, out: string[]): void {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) collectStrings(x, out);
  else if (v && typeof v === 'object' && !(v instanceof Uint8Array)) for (const x of Object.values(v)) collectStrings(x, out);
}

/** A copy of `value` with the chosen kinds of identifying strings replaced consistently. */
export function redact<T>(value: T, options: RedactOptions = {}): Redacted<T> {
  const opts: Required<RedactOptions> = { ips: options.ips ?? true, subscriptions: options.subscriptions ?? true, hosts: options.hosts ?? true };
  const subs = new Set<string>();
  const strings: string[] = [];
  collectStrings(value, strings);
  for (const s of strings) for (const m of s.matchAll(SUBSCRIPTION_GUID)) subs.add(m[1].toLowerCase());
  const r = new Redactor(opts, subs);
  return { value: r.value(value) as T, replacements: r.replacements };
}

/** One string with the same rules (for previews); numbering starts afresh. */
export function redactText(text: string, options: RedactOptions = {}): Redacted<string> {
  return redact(text, options);
}
