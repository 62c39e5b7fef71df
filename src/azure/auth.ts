/**
 * Sign-in with MSAL (@azure/msal-browser), loaded only when the user chooses to sign in (a dynamic import:
 * nothing in the first bundle imports MSAL). Authorization code flow with PKCE, by redirect or popup; the
 * token cache in sessionStorage; one scope only: ARM's `user_impersonation` (the sovereign clouds' ARM
 * endpoints name their own). Microsoft Entra authorities use MSAL's AAD protocol mode; any other OpenID
 * Connect authority (the local test authority) uses MSAL's OIDC protocol mode with the authority's host in
 * `knownAuthorities`. See docs/azure-sign-in.md.
 */
import type { AccountInfo, AuthenticationResult, Configuration, PublicClientApplication } from '@azure/msal-browser';
import type { ResolvedSettings } from './settings';
import { markSignIn } from './redirect';

export interface SignedInAccount {
  username: string;
  name?: string;
  tenantId?: string;
  homeAccountId: string;
}

export interface AzureAuth {
  readonly settings: ResolvedSettings;
  account(): SignedInAccount | undefined;
  /** Redirect: the page leaves for the sign-in page (the promise does not settle); popup: resolves signed in. */
  signIn(): Promise<SignedInAccount | undefined>;
  signOut(): Promise<void>;
  /** A token for ARM; `fresh` skips the cache (after a 401). Falls back to an interactive sign-in when needed. */
  getToken(fresh?: boolean): Promise<string>;
}

export interface LoadedAuth {
  auth: AzureAuth;
  /** The error a sign-in came back with (e.g. the user cancelled, consent denied), in words. */
  error?: string;
}

type Msal = typeof import('@azure/msal-browser');

let loading: Promise<Msal> | undefined;

/** The MSAL module, fetched the first time it is needed (its own chunk). */
export function loadMsal(): Promise<Msal> {
  if (import.meta.env.MODE === 'single') return Promise.reject(new Error('Signing in needs the hosted app: the single-file edition cannot sign in (it is opened from disk).'));
  loading ??= import('@azure/msal-browser');
  return loading;
}

/** Where the sign-in answer comes back: this page's address without query and fragment (register it as an SPA redirect URI). */
export function redirectUri(loc: Location = location): string {
  return `${loc.origin}${loc.pathname}`;
}

export function msalConfiguration(s: ResolvedSettings, msal: Pick<Msal, 'ProtocolMode' | 'LogLevel'>, uri = redirectUri()): Configuration {
  return {
    auth: {
      clientId: s.clientId,
      authority: s.authority,
      knownAuthorities: s.knownAuthorities,
      redirectUri: uri,
      postLogoutRedirectUri: uri,
    },
    cache: { cacheLocation: 'sessionStorage' },
    system: {
      protocolMode: s.protocolMode === 'OIDC' ? msal.ProtocolMode.OIDC : msal.ProtocolMode.AAD,
      loggerOptions: { logLevel: msal.LogLevel.Warning, piiLoggingEnabled: false, loggerCallback: () => undefined },
    },
  };
}

function accountOf(a: AccountInfo | null | undefined): SignedInAccount | undefined {
  if (!a) return undefined;
  return { username: a.username || a.name || a.localAccountId, name: a.name, tenantId: a.tenantId || undefined, homeAccountId: a.homeAccountId };
}

/** An MSAL error in a sentence (its code says what happened; the message may carry a trace id). */
export function describeAuthError(e: unknown): string {
  const err = e as { errorCode?: string; errorMessage?: string; message?: string };
  if (err?.errorCode === 'user_cancelled') return 'Sign-in was cancelled.';
  if (err?.errorCode === 'popup_window_error' || err?.errorCode === 'empty_window_error') return 'The sign-in window could not open: allow pop-ups for this page, or use redirect sign-in (settings).';
  const text = err?.errorMessage || err?.message || String(e);
  return err?.errorCode ? `${err.errorCode}: ${text}` : text;
}

/**
 * Loads MSAL, starts it, and finishes a redirect sign-in if this page load is its answer. Call only when
 * the user chose to sign in (now, or earlier in this tab).
 */
export async function loadAuth(settings: ResolvedSettings): Promise<LoadedAuth> {
  const msal = await loadMsal();
  const pca: PublicClientApplication = new msal.PublicClientApplication(msalConfiguration(settings, msal));
  await pca.initialize();
  let error: string | undefined;
  try {
    const result = await pca.handleRedirectPromise();
    if (result?.account) pca.setActiveAccount(result.account);
  } catch (e) {
    error = describeAuthError(e);
  }
  if (!pca.getActiveAccount()) {
    const all = pca.getAllAccounts();
    if (all.length) pca.setActiveAccount(all[0]);
  }
  const scopes = [settings.scope];
  // Entra shows its account picker; a generic OpenID Connect authority may not know this prompt value.
  const prompt = settings.protocolMode === 'AAD' ? { prompt: 'select_account' } : {};
  const interactive = async (): Promise<AuthenticationResult | undefined> => {
    const account = pca.getActiveAccount() ?? undefined;
    if (settings.interaction === 'popup') return pca.acquireTokenPopup({ scopes, account });
    await pca.acquireTokenRedirect({ scopes, account, redirectStartPage: location.href });
    return undefined;
  };
  const auth: AzureAuth = {
    settings,
    account: () => accountOf(pca.getActiveAccount()),
    async signIn() {
      markSignIn(true);
      if (settings.interaction === 'popup') {
        const r = await pca.loginPopup({ scopes, ...prompt });
        pca.setActiveAccount(r.account);
        return accountOf(r.account);
      }
      await pca.loginRedirect({ scopes, ...prompt, redirectStartPage: location.href });
      return new Promise<never>(() => undefined);
    },
    async signOut() {
      markSignIn(false);
      const account = pca.getActiveAccount() ?? undefined;
      // Forget the tokens here; the authority's own session stays (no navigation away from the app).
      await pca.clearCache({ account });
      pca.setActiveAccount(null);
    },
    async getToken(fresh = false) {
      const account = pca.getActiveAccount();
      if (!account) throw new Error('Not signed in.');
      try {
        return (await pca.acquireTokenSilent({ scopes, account, forceRefresh: fresh })).accessToken;
      } catch (e) {
        if (!(e instanceof msal.InteractionRequiredAuthError) && !(e as { errorCode?: string })?.errorCode?.includes('interaction')) throw e;
        const r = await interactive();
        if (!r) return new Promise<never>(() => undefined);
        return r.accessToken;
      }
    },
  };
  return { auth, error };
}
