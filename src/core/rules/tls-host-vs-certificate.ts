/**
 * The guide's cause 7 (azure-facts.md §5): the backend certificate must be issued for the name that reaches
 * the backend. Which name that is (§5, SSL, HEALTH):
 *  - v2 live traffic: settings `sniName` when set (and validateSNI on); else the settings' hostName; else with
 *    pickHostNameFromBackendAddress the pool member's FQDN; else the client's host (the listener's host names;
 *    unknown for a basic listener). Pages differ on whether an FQDN member's name is used when neither is set,
 *    so a mismatch that the member FQDN would fix is only a warning.
 *  - v2 probes: custom probe host (never an IP, never 127.0.0.1) > settings hostName > pool member FQDN.
 *  - v1: the pool member's FQDN, checked against the certificate's CN (SANs accepted too, so we never overclaim).
 * The backend certificate is known only when the user supplied it (ctx.certificates.supplied) or, on v1, from
 * the settings' authentication certificates (they are the backend's own certificate). Without it: no guess
 * (tls-backend-certificate-unknown says what to compare).
 */
import { memberSource } from '../model/members';
import type { BackendAddressPool, BackendHttpSettings, Gateway, HttpListener, SourceRef } from '../model/types';
import { requestPaths, type RequestPath } from '../model/topology';
import { matchesHostName, parseIp, wildcardMatch } from '../tls/hostname';
import type { CertSummary, CertificateLookup } from './certificates';
import { az, ps, q } from './commands';
import { defineRule, type RuleContext } from './types';

// ---------------------------------------------------------------- shared with the other backend-tls rules

/** One backend target of HTTPS traffic: a (settings, pool) pair and the routes that lead to it. */
export interface BackendRoute {
  settings: BackendHttpSettings;
  pool: BackendAddressPool;
  paths: RequestPath[];
  listeners: HttpListener[];
  /** A route comes from a basic listener (no host name) or a listener the input lacks: the client host is unknown. */
  unknownClientHost: boolean;
  /** Listener labels for `affected`. */
  affected: string[];
}

const routeCache = new WeakMap<Gateway, BackendRoute[]>();

export const isHttps = (s: BackendHttpSettings) => (s.protocol ?? '').trim().toLowerCase() === 'https';

/** (settings, pool) pairs the gateway's rules send traffic to, for every settings (filter by protocol yourself). */
export function backendRoutes(gateway: Gateway): BackendRoute[] {
  const hit = routeCache.get(gateway);
  if (hit) return hit;
  const byPair = new Map<BackendHttpSettings, Map<BackendAddressPool, BackendRoute>>();
  const out: BackendRoute[] = [];
  const labels = new Map<unknown, string>();
  // Per route, what is in its `listeners` and `affected` lists already (a route can gather hundreds of paths).
  const seen = new Map<BackendRoute, Set<unknown>>();
  const paths = requestPaths(gateway);
  for (let i = 0; i < paths.length; i++) {
    const p = paths[i]!;
    if (!p.settings || !p.pool || p.redirect) continue;
    let inner = byPair.get(p.settings);
    if (!inner) byPair.set(p.settings, (inner = new Map()));
    let r = inner.get(p.pool);
    let has: Set<unknown>;
    if (!r) {
      r = { settings: p.settings, pool: p.pool, paths: [], listeners: [], unknownClientHost: false, affected: [] };
      inner.set(p.pool, r);
      out.push(r);
      seen.set(r, (has = new Set()));
    } else has = seen.get(r)!;
    r.paths.push(p);
    const l = p.listener;
    if (l && !has.has(l)) {
      has.add(l);
      r.listeners.push(l);
    }
    if (!l || !l.hostNames.length) r.unknownClientHost = true;
    const labelKey = l ?? p.listenerRef ?? p.rule;
    let label = labels.get(labelKey);
    if (label === undefined) {
      label = `${l?.name ?? p.listenerRef?.name ?? p.rule.name}${l?.hostNames.length ? ` (${l.hostNames.join(', ')})` : ''}`;
      labels.set(labelKey, label);
    }
    if (!has.has(label)) {
      has.add(label);
      r.affected.push(label);
    }
  }
  routeCache.set(gateway, out);
  return out;
}

export interface NameToCheck {
  name: string;
  /** Where the name comes from, as an ARM path (language-neutral). */
  path: string;
  source?: SourceRef;
  /** True when probes use this name (a mismatch then marks the members unhealthy for every listener). */
  probe: boolean;
  /** Listener labels whose requests carry this name (client host names). Empty = all the route's listeners. */
  listeners: string[];
  /** The docs disagree on whether this name is the one used. */
  uncertain: boolean;
}

const usableSni = (h: string | undefined): h is string => !!h && h.trim() !== '' && parseIp(h) === undefined && h.trim() !== '127.0.0.1';

function fqdnMembers(pool: BackendAddressPool): { name: string; path: string; source: SourceRef }[] {
  const out: { name: string; path: string; source: SourceRef }[] = [];
  pool.backendAddresses.forEach((a, i) => {
    if (a.fqdn && parseIp(a.fqdn) === undefined) out.push({ name: a.fqdn.trim(), path: `backendAddressPools[${pool.name}].backendAddresses[${i}].fqdn`, source: memberSource(pool, a) });
  });
  return out;
}

/** The Host header the settings send to the backend (not the SNI): undefined names when it is the client's unknown host. */
export function hostHeaderNames(route: BackendRoute): { names: NameToCheck[]; unknown: boolean } {
  const s = route.settings;
  if (s.hostName) return { names: [{ name: s.hostName.trim(), path: `backendHttpSettingsCollection[${s.name}].hostName`, source: s.source, probe: false, listeners: [], uncertain: false }], unknown: false };
  if (s.pickHostNameFromBackendAddress) {
    return { names: fqdnMembers(route.pool).map((m) => ({ ...m, probe: false, listeners: [], uncertain: false })), unknown: false };
  }
  const names: NameToCheck[] = [];
  for (const l of route.listeners) {
    const label = `${l.name} (${l.hostNames.join(', ')})`;
    l.hostNames.forEach((h, i) => {
      const existing = names.find((n) => n.name.toLowerCase() === h.toLowerCase());
      if (existing) existing.listeners.push(label);
      else names.push({ name: h, path: `httpListeners[${l.name}].hostNames[${i}]`, source: l.source, probe: false, listeners: [label], uncertain: false });
    });
  }
  return { names, unknown: route.unknownClientHost };
}

/** Names the backend certificate must cover for this route (traffic and probes), per generation. */
export function namesToCheck(gateway: Gateway, route: BackendRoute, probeOf: (s: BackendHttpSettings) => { host?: string; pickHostNameFromBackendHttpSettings?: boolean; name: string; source: SourceRef } | undefined): NameToCheck[] {
  const s = route.settings;
  const out: NameToCheck[] = [];
  const byName = new Map<string, NameToCheck>();
  const add = (n: NameToCheck) => {
    const key = n.name.toLowerCase();
    const e = byName.get(key);
    if (!e) {
      const copy = { ...n, listeners: [...n.listeners] };
      byName.set(key, copy);
      out.push(copy);
    } else {
      e.probe ||= n.probe;
      e.uncertain &&= n.uncertain;
      // An empty list means every listener of the route; it absorbs any narrower list.
      if (!n.listeners.length) e.listeners.length = 0;
      else if (e.listeners.length) for (const l of n.listeners) if (!e.listeners.includes(l)) e.listeners.push(l);
    }
  };
  const members = fqdnMembers(route.pool);
  if (gateway.generation === 'v1') {
    for (const m of members) add({ ...m, probe: true, listeners: [], uncertain: false });
    return out;
  }
  const sniOverride = usableSni(s.sniName) ? s.sniName.trim() : undefined;
  // Traffic.
  if (sniOverride) {
    add({ name: sniOverride, path: `backendHttpSettingsCollection[${s.name}].sniName`, source: s.source, probe: false, listeners: [], uncertain: false });
  } else if (s.hostName || s.pickHostNameFromBackendAddress) {
    for (const n of hostHeaderNames(route).names) if (usableSni(n.name)) add(n);
  } else {
    // The client's host; when the member is an FQDN some pages say its name is used instead.
    for (const n of hostHeaderNames(route).names) if (usableSni(n.name) && !/[*?]/.test(n.name)) add({ ...n, uncertain: members.length > 0 });
  }
  // Probes.
  const probe = probeOf(s);
  const probeHost = probe && !probe.pickHostNameFromBackendHttpSettings && usableSni(probe.host) ? probe.host.trim() : undefined;
  if (probeHost) add({ name: probeHost, path: `probes[${probe!.name}].host`, source: probe!.source, probe: true, listeners: [], uncertain: !!sniOverride });
  else if (usableSni(s.hostName)) add({ name: s.hostName.trim(), path: `backendHttpSettingsCollection[${s.name}].hostName`, source: s.source, probe: true, listeners: [], uncertain: !!sniOverride });
  else for (const m of members) add({ ...m, probe: true, listeners: [], uncertain: !!sniOverride });
  return out;
}

export function leafOf(certs: CertSummary[]): CertSummary | undefined {
  return certs.find((c) => !c.isCA) ?? certs[0];
}

export function certNames(c: CertSummary): string {
  const dns = c.subjectAltNames.filter((s) => s.type === 'dns').map((s) => s.value);
  const ips = c.subjectAltNames.filter((s) => s.type === 'ip').map((s) => s.value);
  const parts: string[] = [];
  if (dns.length) parts.push(`DNS: ${dns.join(', ')}`);
  if (ips.length) parts.push(`IP: ${ips.join(', ')}`);
  if (c.commonName) parts.push(`CN: ${c.commonName}`);
  return parts.join('; ') || c.subject;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function mentions(documentName: string, token: string): boolean {
  if (!token.trim()) return false;
  return new RegExp(`(^|[^a-z0-9])${escapeRe(token.trim().toLowerCase())}([^a-z0-9]|$)`).test(documentName.toLowerCase());
}

/**
 * Supplied backend certificates that belong to a route: the document's name mentions the settings, the pool or
 * one of the pool's members; or there is exactly one supplied document and one HTTPS route.
 */
export function suppliedFor(route: BackendRoute, supplied: CertificateLookup['supplied'], httpsRouteCount: number): { document: string; certificate: CertSummary }[] {
  if (!supplied.length) return [];
  const tokens = [route.settings.name, route.pool.name, ...route.pool.backendAddresses.map((a) => a.fqdn ?? a.ipAddress ?? '')].filter((t) => t.trim() !== '');
  const out: { document: string; certificate: CertSummary }[] = [];
  for (const d of supplied) {
    const leaf = leafOf(d.certificates);
    if (!leaf) continue;
    if (tokens.some((t) => mentions(d.document, t)) || (supplied.length === 1 && httpsRouteCount === 1)) out.push({ document: d.document, certificate: leaf });
  }
  return out;
}

/** Known backend certificates for a route: supplied ones, and on v1 (or unknown SKU) the authentication certificates. */
export function knownBackendCertificates(ctx: RuleContext, route: BackendRoute, httpsRouteCount: number): { label: string; certificate: CertSummary; source?: SourceRef }[] {
  const out: { label: string; certificate: CertSummary; source?: SourceRef }[] = suppliedFor(route, ctx.certificates.supplied, httpsRouteCount).map((x) => ({ label: x.document, certificate: x.certificate }));
  if (ctx.gateway.generation !== 'v2') {
    for (const ref of route.settings.authenticationCertificates) {
      const c = ctx.gw.authenticationCertificate(ref);
      const parsed = c?.data ? ctx.certificates.get(c.data) : undefined;
      const leaf = parsed ? leafOf(parsed.certificates) : undefined;
      if (c && leaf) out.push({ label: `authenticationCertificates[${c.name}]`, certificate: leaf, source: c.source });
    }
  }
  return out;
}

// ---------------------------------------------------------------- the rule

/** A PowerShell string literal (assignments need quotes even for safe names). */
export const psString = (v: string) => `'${v.replace(/'/g, "''")}'`;

function matches(gateway: Gateway, name: string, cert: CertSummary): boolean {
  if (matchesHostName(name, cert).matches) return true;
  // v1 checks the CN against the pool FQDN: accept a CN match even when the certificate has SANs.
  return gateway.generation !== 'v2' && !!cert.commonName && wildcardMatch(cert.commonName, name);
}

export default defineRule({
  id: 'tls-host-vs-certificate',
  category: 'backend-tls',
  severity: 'error',
  appliesTo: ['v1', 'v2'],
  docs: 'https://learn.microsoft.com/azure/application-gateway/ssl-overview',
  text: {
    en: {
      title: 'Backend certificate is not issued for the host name sent to it',
      message: 'Backend settings {settings} (pool {pool}) reach the backend with the name(s) {mismatched}, but its certificate {certificate} is issued for {certNames}.',
      effect:
        'The gateway checks the backend certificate\'s name (SAN, or CN when there is no SAN): the check fails, backend health shows "The Common Name of the leaf certificate presented by the backend server does not match the Probe or Backend Setting hostname" and clients get 502 ("Upstream SSL certificate does not match"). A name used by probes marks the members unhealthy for every listener. Listeners affected: {listeners}.',
      fix: 'Make the name that reaches the backend one the certificate covers: set the backend settings\' host name (and the custom probe\'s host) to a name on the certificate, or use "pick host name from backend target" when the pool members\' FQDNs are on it; or reissue the backend certificate with {mismatched} in its Subject Alternative Names. Verify with: openssl s_client -connect <backend>:{port} -servername <name> | openssl x509 -noout -subject -ext subjectAltName',
    },
    ko: {
      title: '백엔드 인증서가 백엔드로 보내는 호스트 이름용으로 발급되지 않았습니다',
      message: '백엔드 설정 {settings}(풀 {pool})은(는) {mismatched} 이름으로 백엔드에 연결하지만, 백엔드 인증서 {certificate}은(는) {certNames}용으로 발급되었습니다.',
      effect:
        '게이트웨이는 백엔드 인증서의 이름(SAN, SAN이 없으면 CN)을 검사합니다. 검사가 실패하면 백엔드 상태에 "The Common Name of the leaf certificate presented by the backend server does not match the Probe or Backend Setting hostname"이 표시되고 클라이언트는 502("Upstream SSL certificate does not match")를 받습니다. 프로브가 쓰는 이름이 맞지 않으면 모든 리스너에 대해 멤버가 비정상으로 표시됩니다. 영향받는 리스너: {listeners}.',
      fix: '백엔드에 도달하는 이름이 인증서에 포함되도록 하세요. 백엔드 설정의 호스트 이름(및 사용자 지정 프로브의 호스트)을 인증서에 있는 이름으로 지정하거나, 풀 멤버의 FQDN이 인증서에 있으면 "백엔드 대상에서 호스트 이름 선택"을 사용하세요. 또는 {mismatched}을(를) Subject Alternative Name에 넣어 백엔드 인증서를 다시 발급하세요. 확인: openssl s_client -connect <backend>:{port} -servername <name> | openssl x509 -noout -subject -ext subjectAltName',
    },
  },
  check(ctx) {
    const { gateway, gw, report } = ctx;
    const routes = backendRoutes(gateway).filter((r) => isHttps(r.settings));
    if (!routes.length) return;
    const probeOf = (s: BackendHttpSettings) => gw.probe(s.probe);
    for (const route of routes) {
      const s = route.settings;
      if (s.validateSNI === false) continue; // the name is not checked (tls-validation-disabled reports it)
      const certs = knownBackendCertificates(ctx, route, routes.length);
      if (!certs.length) continue;
      const names = namesToCheck(gateway, route, probeOf);
      if (!names.length) continue;
      for (const c of certs) {
        const bad = names.filter((n) => !matches(gateway, n.name, c.certificate));
        if (!bad.length) continue;
        // A mismatch the pool member's FQDN would explain away is uncertain (the docs differ on the SNI).
        const members = fqdnMembers(route.pool);
        const memberMatches = members.some((m) => matches(gateway, m.name, c.certificate));
        const certain = bad.filter((n) => !n.uncertain || (!n.probe && !memberMatches));
        const allListeners = bad.some((n) => n.probe || !n.listeners.length);
        const affected = allListeners ? route.affected : [...new Set(bad.flatMap((n) => n.listeners))];
        const onCert = c.certificate.subjectAltNames.find((x) => x.type === 'dns' && !x.value.includes('*'))?.value ?? (c.certificate.commonName && !c.certificate.commonName.includes('*') ? c.certificate.commonName : undefined);
        const hostArg = onCert ?? '<name-on-certificate>';
        report({
          resource: { type: 'backendHttpSettingsCollection', name: s.name, id: s.id },
          source: s.source,
          severity: certain.length ? 'error' : 'warning',
          params: {
            settings: s.name,
            pool: route.pool.name,
            mismatched: bad.map((n) => n.name).join(', '),
            certificate: c.label,
            certNames: certNames(c.certificate),
            port: s.port ?? 443,
            listeners: affected.length ? affected.join('; ') : '—',
          },
          evidence: [
            ...bad.map((n) => ({ path: n.path, value: n.name, source: n.source })),
            { path: `certificate ${c.label}`, value: `${c.certificate.subject} | ${certNames(c.certificate)}`, source: c.source },
          ],
          affected,
          commands: {
            powershell: [
              ps.getGateway(gateway),
              `$s = Get-AzApplicationGatewayBackendHttpSetting -ApplicationGateway $gw -Name ${q(s.name)}`,
              `$s.HostName = ${psString(hostArg)}; $s.PickHostNameFromBackendAddress = $false`,
              ps.setGateway(),
            ],
            az: [az.sub(gateway, 'http-settings update', `-n ${q(s.name)} --host-name ${q(hostArg)}`), az.backendHealth(gateway)],
          },
        });
      }
    }
  },
});
