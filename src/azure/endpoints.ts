/**
 * Azure clouds: where to sign in and where Azure Resource Manager answers. Pure data and small helpers
 * (also used by vite.config.ts to put these hosts into the page's Content-Security-Policy).
 *
 * Sources: https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud (authority
 * hosts), https://learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure and
 * https://learn.microsoft.com/azure/china/resources-developer-guide (ARM endpoints).
 */

export type CloudName = 'public' | 'usgov' | 'china' | 'custom';

export interface CloudEndpoints {
  /** Sign-in host, no tenant: https://login.microsoftonline.com */
  authorityHost: string;
  /** Azure Resource Manager: https://management.azure.com */
  armEndpoint: string;
}

export const CLOUDS: Record<Exclude<CloudName, 'custom'>, CloudEndpoints & { label: string }> = {
  public: { label: 'Azure (public)', authorityHost: 'https://login.microsoftonline.com', armEndpoint: 'https://management.azure.com' },
  usgov: { label: 'Azure US Government', authorityHost: 'https://login.microsoftonline.us', armEndpoint: 'https://management.usgovcloudapi.net' },
  china: { label: 'Azure operated by 21Vianet (China)', authorityHost: 'https://login.chinacloudapi.cn', armEndpoint: 'https://management.chinacloudapi.cn' },
};

export const CLOUD_NAMES: CloudName[] = ['public', 'usgov', 'china', 'custom'];

export function isCloudName(v: unknown): v is CloudName {
  return typeof v === 'string' && (CLOUD_NAMES as string[]).includes(v);
}

/** No trailing slash. */
export function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

/**
 * The one scope the app asks for: ARM's delegated `user_impersonation`, named by the ARM endpoint itself
 * (https://management.azure.com/user_impersonation; the sovereign clouds' endpoints likewise).
 */
export function armScope(armEndpoint: string): string {
  return `${trimSlash(armEndpoint)}/user_impersonation`;
}

/** Is this host one of Microsoft Entra's own sign-in hosts (then MSAL's AAD protocol mode applies)? */
export function isMicrosoftAuthority(authority: string): boolean {
  try {
    const host = new URL(authority).host.toLowerCase();
    return Object.values(CLOUDS).some((c) => new URL(c.authorityHost).host === host);
  } catch {
    return false;
  }
}

export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Origins the page must be allowed to connect to (CSP connect-src) for sign-in and ARM: every known cloud,
 * plus the extra origins given at build time (VITE_AZURE_CONNECT_SRC, space separated; VITE_AAD_AUTHORITY
 * and VITE_ARM_ENDPOINT when set).
 */
export function azureConnectSources(env: Record<string, string | undefined> = {}): string[] {
  const out = new Set<string>();
  for (const c of Object.values(CLOUDS)) {
    out.add(c.authorityHost);
    out.add(c.armEndpoint);
  }
  // Each becomes a CSP host-source only when it is plainly one (scheme, host, optional port or *): nothing else
  // can slip into the policy. VITE_AZURE_CONNECT_SRC may hold patterns such as https://127.0.0.1:* (tests).
  const SOURCE = /^https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::(?:\d{1,5}|\*))?$/i;
  for (const v of [env.VITE_AAD_AUTHORITY, env.VITE_ARM_ENDPOINT, ...(env.VITE_AZURE_CONNECT_SRC ?? '').split(/\s+/)]) {
    if (!v) continue;
    const plain = v.replace(/\/+$/, '');
    const candidate = SOURCE.test(plain) ? plain : originOf(v);
    if (candidate && SOURCE.test(candidate)) out.add(candidate);
  }
  return [...out];
}
