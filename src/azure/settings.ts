/**
 * Sign-in settings: the app registration's client id, the tenant, the cloud (or a custom authority + ARM
 * endpoint, e.g. the local test servers). Defaults come from the build (VITE_AAD_CLIENT_ID,
 * VITE_AAD_TENANT_ID, VITE_AZURE_CLOUD, VITE_AAD_AUTHORITY, VITE_ARM_ENDPOINT); what the user saves on the
 * settings screen (localStorage) wins over them. See docs/azure-sign-in.md.
 */
import { CLOUDS, armScope, isCloudName, isMicrosoftAuthority, trimSlash, type CloudName } from './endpoints';

export type Interaction = 'redirect' | 'popup';

export interface AzureSettings {
  clientId: string;
  /** Tenant id or domain; "organizations" (any work account) when empty. */
  tenantId: string;
  cloud: CloudName;
  /** Custom cloud only: the whole authority URL (https). */
  authority: string;
  /** Custom cloud only: the ARM endpoint (https; http only on loopback). */
  armEndpoint: string;
  interaction: Interaction;
}

export interface ResolvedSettings {
  clientId: string;
  authority: string;
  armEndpoint: string;
  scope: string;
  /** MSAL protocol mode: AAD for Microsoft Entra, OIDC for any other OpenID Connect authority. */
  protocolMode: 'AAD' | 'OIDC';
  /** Hosts MSAL may trust without Entra instance discovery (the custom authority's). */
  knownAuthorities: string[];
  interaction: Interaction;
}

export const STORAGE_KEY = 'appgw502.azure.settings';

type Env = Record<string, string | boolean | undefined>;

function envString(env: Env, key: string): string {
  const v = env[key];
  return typeof v === 'string' ? v.trim() : '';
}

/** What the build says (empty strings where it says nothing). */
export function buildTimeSettings(env: Env = (import.meta.env ?? {}) as Env): AzureSettings {
  const cloud = envString(env, 'VITE_AZURE_CLOUD').toLowerCase();
  const authority = envString(env, 'VITE_AAD_AUTHORITY');
  const armEndpoint = envString(env, 'VITE_ARM_ENDPOINT');
  return {
    clientId: envString(env, 'VITE_AAD_CLIENT_ID'),
    tenantId: envString(env, 'VITE_AAD_TENANT_ID'),
    cloud: isCloudName(cloud) ? cloud : authority || armEndpoint ? 'custom' : 'public',
    authority,
    armEndpoint,
    interaction: envString(env, 'VITE_AAD_INTERACTION') === 'popup' ? 'popup' : 'redirect',
  };
}

function storageOf(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Build-time defaults, overridden field by field by what the settings screen saved. */
export function loadSettings(env?: Env, storage: Storage | undefined = storageOf()): AzureSettings {
  const base = buildTimeSettings(env);
  let saved: Partial<AzureSettings> = {};
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (raw) saved = JSON.parse(raw) as Partial<AzureSettings>;
  } catch {
    saved = {};
  }
  const pick = <K extends keyof AzureSettings>(k: K): AzureSettings[K] =>
    saved[k] !== undefined && saved[k] !== '' && typeof saved[k] === typeof base[k] ? (saved[k] as AzureSettings[K]) : base[k];
  const cloud = pick('cloud');
  return {
    clientId: pick('clientId'),
    tenantId: pick('tenantId'),
    cloud: isCloudName(cloud) ? cloud : base.cloud,
    authority: pick('authority'),
    armEndpoint: pick('armEndpoint'),
    interaction: pick('interaction') === 'popup' ? 'popup' : 'redirect',
  };
}

export function saveSettings(s: AzureSettings, storage: Storage | undefined = storageOf()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(s));
  } catch {
    /* not kept: the settings still hold for this visit */
  }
}

export function clearSavedSettings(storage: Storage | undefined = storageOf()): void {
  try {
    storage?.removeItem(STORAGE_KEY);
  } catch {
    /* nothing kept anyway */
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|organizations|common|[a-z0-9-]+(?:\.[a-z0-9-]+)+)$/i;

function loopback(u: URL): boolean {
  return u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';
}

/** Problems that stop a sign-in (empty when the settings are usable). */
export function settingsProblems(s: AzureSettings): string[] {
  const out: string[] = [];
  if (!s.clientId) out.push('No client id: register the app (docs/azure-sign-in.md) and enter its Application (client) ID.');
  else if (s.cloud !== 'custom' && !GUID.test(s.clientId)) out.push('The client id must be a GUID (the Application (client) ID of the app registration).');
  if (s.cloud !== 'custom' && s.tenantId && !TENANT.test(s.tenantId)) out.push('The tenant must be a tenant id (GUID), a domain such as contoso.onmicrosoft.com, or "organizations".');
  if (s.cloud === 'custom') {
    try {
      const a = new URL(s.authority);
      if (a.protocol !== 'https:') out.push('The authority must be an https URL.');
    } catch {
      out.push('The custom cloud needs an authority URL (https://…).');
    }
    try {
      const r = new URL(s.armEndpoint);
      if (r.protocol !== 'https:' && !(r.protocol === 'http:' && loopback(r))) out.push('The ARM endpoint must be an https URL.');
    } catch {
      out.push('The custom cloud needs an ARM endpoint URL (https://…).');
    }
  }
  return out;
}

/** The settings as MSAL and the ARM client need them. */
export function resolveSettings(s: AzureSettings): ResolvedSettings {
  const tenant = s.tenantId || 'organizations';
  const custom = s.cloud === 'custom';
  const known = s.cloud === 'custom' ? undefined : CLOUDS[s.cloud];
  const authority = known ? `${known.authorityHost}/${tenant}` : trimSlash(s.authority);
  const armEndpoint = known ? known.armEndpoint : trimSlash(s.armEndpoint);
  const oidc = custom && !isMicrosoftAuthority(authority);
  let knownAuthorities: string[] = [];
  if (custom) {
    try {
      knownAuthorities = [new URL(authority).host];
    } catch {
      knownAuthorities = [];
    }
  }
  return { clientId: s.clientId, authority, armEndpoint, scope: armScope(armEndpoint), protocolMode: oidc ? 'OIDC' : 'AAD', knownAuthorities, interaction: s.interaction };
}
