/**
 * The route trace in both languages: every step's Korean reason (`whyKo`) is there, is Korean, leaves no English
 * prose behind, and carries the same facts as the English one (`why`): every name of the input (listener, rule,
 * pool, host, path …) and every number the English names.
 */
import { expect } from 'vitest';
import type { Gateway } from '../../../src/core/model/types';
import type { RouteStep } from '../../../src/core/route/route';
import { englishWords } from '../../e2e/korean';

const HANGUL = /[\uac00-\ud7a3]/;

/** Every name and value of the gateway a reason may quote verbatim. */
export function namesOf(gw: Gateway): Set<string> {
  const out = new Set<string>([gw.name, gw.resourceGroup ?? '', gw.operationalState ?? '', gw.provisioningState ?? '']);
  const add = (...xs: (string | undefined | null)[]) => xs.forEach((x) => x && out.add(x));
  for (const f of gw.frontendIpConfigurations) add(f.name, f.privateIpAddress);
  for (const p of gw.frontendPorts) add(p.name);
  for (const l of gw.httpListeners) add(l.name, l.protocol, l.frontendIpConfiguration?.name, l.frontendPort?.name, ...l.hostNames);
  for (const r of gw.requestRoutingRules) add(r.name, r.ruleType, r.httpListener?.name, r.backendAddressPool?.name, r.backendHttpSettings?.name, r.redirectConfiguration?.name, r.urlPathMap?.name);
  for (const m of gw.urlPathMaps) {
    add(m.name, m.defaultBackendAddressPool?.name, m.defaultBackendHttpSettings?.name, m.defaultRedirectConfiguration?.name);
    for (const pr of m.pathRules) add(pr.name, ...pr.paths, pr.backendAddressPool?.name, pr.backendHttpSettings?.name, pr.redirectConfiguration?.name);
  }
  for (const r of gw.redirectConfigurations) add(r.name, r.redirectType, r.targetUrl, r.targetListener?.name);
  for (const p of gw.backendAddressPools) add(p.name, ...p.backendAddresses.flatMap((a) => [a.ipAddress, a.fqdn]), ...p.backendIpConfigurations.map((c) => c.name));
  for (const s of gw.backendHttpSettingsCollection) add(s.name, s.protocol, s.probe?.name);
  for (const p of gw.probes) add(p.name, p.protocol, p.host, p.path);
  // A one-character value ("/", "?") says nothing on its own.
  for (const n of out) if (n.length < 2) out.delete(n);
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `name` as a whole token of `text` (not `wild` inside `wildcard`). */
function quotes(text: string, name: string): boolean {
  return new RegExp(`(?<![A-Za-z0-9_-])${escape(name)}(?![A-Za-z0-9_-])`).test(text);
}

/** Asserts each step's Korean reason against its English one; `extra` = more words of the input (the URL's parts). */
export function expectBilingual(steps: RouteStep[], gw: Gateway, extra: string[] = []): void {
  const names = namesOf(gw);
  for (const x of extra) names.add(x);
  // URL schemes as written in a URL (http://, https://) are not prose.
  const inputWords = new Set<string>(['http', 'https']);
  for (const n of names) for (const m of n.matchAll(/[A-Za-z][A-Za-z0-9-]*/g)) inputWords.add(m[0].toLowerCase());
  for (const s of steps) {
    const label = `${s.step} ${s.candidate}: ${s.why} | ${s.whyKo}`;
    expect(s.why, label).not.toBe('');
    expect(s.whyKo, label).toMatch(HANGUL);
    expect(englishWords(s.whyKo, inputWords), `English left in the Korean reason — ${label}`).toEqual([]);
    for (const n of names) if (quotes(s.why, n)) expect(s.whyKo.includes(n), `${n} — ${label}`).toBe(true);
    const numbers = new Set(s.why.match(/\d+/g) ?? []);
    for (const d of numbers) expect(s.whyKo, `number ${d} — ${label}`).toMatch(new RegExp(`(?<!\\d)${d}(?!\\d)`));
  }
}

/** The host and path of a URL, as words of the input. */
export function urlParts(url: string): string[] {
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]*)(?::\d+)?([^?#]*)/i.exec(url.trim());
  return m ? [url, m[1].toLowerCase(), m[2] || '/'].filter(Boolean) : [url];
}
