/**
 * Host-name suffixes the rules look for (multi-tenant PaaS, public Azure names), shared by backend-support.ts and
 * the one pass over the members in network-context.ts.
 */

/**
 * Multi-tenant Azure PaaS host names: the service picks the app by the Host header (and SNI), so a probe
 * that sends another host gets 404 or another app (WEBAPP, GUIDE-2026 Resolution I).
 */
export const MULTI_TENANT_SUFFIXES = [
  'azurewebsites.net',
  'azure-api.net',
  'azurecontainerapps.io',
  'azurefd.net',
  'trafficmanager.net',
  'blob.core.windows.net',
  'web.core.windows.net',
  'azurestaticapps.net',
] as const;

/** Lower case, trimmed, without a final dot; a name already in that form is returned as it is (no new string). */
const NORMAL_FQDN = /^[a-z0-9-][a-z0-9.-]*[a-z0-9-]$|^[a-z0-9-]$/;
export const normFqdn = (f: string) => (NORMAL_FQDN.test(f) ? f : f.trim().toLowerCase().replace(/\.$/, ''));

/** `suffix` is the whole name or its last labels (no string built per test). */
export const suffixMatch = (normalized: string, suffix: string) =>
  normalized.endsWith(suffix) && (normalized.length === suffix.length || normalized.charCodeAt(normalized.length - suffix.length - 1) === 46);

/** Does the normalized name end with one of the suffixes (a loop, not a closure per name: 24,000 names at the limits)? */
export function anySuffix(normalized: string, suffixes: readonly string[]): boolean {
  for (let i = 0; i < suffixes.length; i++) if (suffixMatch(normalized, suffixes[i]!)) return true;
  return false;
}

export function hasSuffix(fqdn: string, suffix: string): boolean {
  return suffixMatch(normFqdn(fqdn), suffix);
}

export function isMultiTenantFqdn(fqdn: string): boolean {
  const f = normFqdn(fqdn);
  return anySuffix(f, MULTI_TENANT_SUFFIXES);
}

export const isApimFqdn = (fqdn: string) => hasSuffix(fqdn, 'azure-api.net');
