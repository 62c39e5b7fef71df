/**
 * The few bytes of sign-in that the first screen needs: is this page load the answer of a sign-in
 * (a redirect or a popup coming back), and was a sign-in chosen in this tab? Only when one of these says
 * yes is MSAL loaded (src/azure/auth.ts, by dynamic import). Nothing here imports MSAL statically.
 */

/** sessionStorage key: the user chose to sign in in this tab (MSAL's own token cache is in sessionStorage too). */
export const SIGNED_IN_KEY = 'appgw502.azure.signedIn';

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

export function markSignIn(on: boolean): void {
  try {
    if (on) storage()?.setItem(SIGNED_IN_KEY, '1');
    else storage()?.removeItem(SIGNED_IN_KEY);
  } catch {
    /* private mode: the marker only saves a click after a reload */
  }
}

export function signInChosen(): boolean {
  try {
    return storage()?.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
}

/** The URL carries an authorization answer (`state` with `code` or `error`) in its fragment or query. */
export function authResponseInUrl(loc: { hash: string; search: string } | undefined = typeof location !== 'undefined' ? location : undefined): boolean {
  if (!loc) return false;
  const has = (s: string) => /(?:^|&)state=/.test(s) && /(?:^|&)(?:code|error)=/.test(s);
  return has(loc.hash.replace(/^#\/?/, '')) || has(loc.search.replace(/^\?/, ''));
}

/**
 * Hands an authorization answer to MSAL's redirect bridge: a popup's answer goes to the window that opened
 * it (and the popup closes); a redirect's answer is kept and the page goes back to where sign-in started,
 * where auth.ts finishes it.
 */
export async function forwardAuthResponse(): Promise<void> {
  if (import.meta.env.MODE === 'single') return;
  const { broadcastResponseToMainFrame } = await import('@azure/msal-browser/redirect-bridge');
  await broadcastResponseToMainFrame();
}
