/** Sign-in settings: build-time defaults, saved overrides, validation, and what MSAL gets for each cloud. */
import { describe, expect, test } from 'vitest';
import { armScope, azureConnectSources, isMicrosoftAuthority } from '../../../src/azure/endpoints';
import { buildTimeSettings, loadSettings, resolveSettings, saveSettings, settingsProblems, STORAGE_KEY, type AzureSettings } from '../../../src/azure/settings';
import { authResponseInUrl } from '../../../src/azure/redirect';
import { msalConfiguration } from '../../../src/azure/auth';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const GUID = '0b2f5b5e-1c1e-4c62-9a6a-3c4a0d3e5f11';

describe('settings', () => {
  test('build-time values, then what the settings screen saved', () => {
    const env = { VITE_AAD_CLIENT_ID: GUID, VITE_AAD_TENANT_ID: 'contoso.onmicrosoft.com', VITE_AZURE_CLOUD: 'usgov' };
    expect(buildTimeSettings(env)).toMatchObject({ clientId: GUID, tenantId: 'contoso.onmicrosoft.com', cloud: 'usgov', interaction: 'redirect' });
    const storage = memoryStorage();
    expect(loadSettings(env, storage).cloud).toBe('usgov');
    saveSettings({ ...loadSettings(env, storage), cloud: 'china', interaction: 'popup' }, storage);
    expect(loadSettings(env, storage)).toMatchObject({ clientId: GUID, cloud: 'china', interaction: 'popup' });
    storage.setItem(STORAGE_KEY, '{not json');
    expect(loadSettings(env, storage).cloud).toBe('usgov');
    // A custom authority at build time means the custom cloud.
    expect(buildTimeSettings({ VITE_AAD_AUTHORITY: 'https://127.0.0.1:8443/', VITE_ARM_ENDPOINT: 'https://127.0.0.1:9443' }).cloud).toBe('custom');
  });

  test('each cloud: authority, ARM endpoint and the one scope', () => {
    const base: AzureSettings = { clientId: GUID, tenantId: '', cloud: 'public', authority: '', armEndpoint: '', interaction: 'redirect' };
    expect(resolveSettings(base)).toMatchObject({
      authority: 'https://login.microsoftonline.com/organizations', armEndpoint: 'https://management.azure.com',
      scope: 'https://management.azure.com/user_impersonation', protocolMode: 'AAD', knownAuthorities: [],
    });
    expect(resolveSettings({ ...base, cloud: 'usgov', tenantId: GUID })).toMatchObject({
      authority: `https://login.microsoftonline.us/${GUID}`, scope: 'https://management.usgovcloudapi.net/user_impersonation',
    });
    expect(resolveSettings({ ...base, cloud: 'china' })).toMatchObject({
      authority: 'https://login.chinacloudapi.cn/organizations', armEndpoint: 'https://management.chinacloudapi.cn', scope: 'https://management.chinacloudapi.cn/user_impersonation',
    });
    const custom = resolveSettings({ ...base, cloud: 'custom', clientId: 'appgw-spa', authority: 'https://127.0.0.1:8443/', armEndpoint: 'https://127.0.0.1:9443/' });
    expect(custom).toMatchObject({ authority: 'https://127.0.0.1:8443', armEndpoint: 'https://127.0.0.1:9443', scope: 'https://127.0.0.1:9443/user_impersonation', protocolMode: 'OIDC', knownAuthorities: ['127.0.0.1:8443'] });
    expect(armScope('https://management.azure.com/')).toBe('https://management.azure.com/user_impersonation');
    expect(isMicrosoftAuthority('https://login.microsoftonline.us/x')).toBe(true);
  });

  test('problems that stop a sign-in', () => {
    const base: AzureSettings = { clientId: GUID, tenantId: '', cloud: 'public', authority: '', armEndpoint: '', interaction: 'redirect' };
    expect(settingsProblems(base)).toEqual([]);
    expect(settingsProblems({ ...base, clientId: '' })[0]).toMatch(/No client id/);
    expect(settingsProblems({ ...base, clientId: 'nope' })[0]).toMatch(/GUID/);
    expect(settingsProblems({ ...base, tenantId: 'bad tenant!' })[0]).toMatch(/tenant/);
    expect(settingsProblems({ ...base, cloud: 'custom', authority: 'http://idp.example', armEndpoint: 'http://arm.example' })).toHaveLength(2);
    expect(settingsProblems({ ...base, cloud: 'custom', authority: 'https://127.0.0.1:1', armEndpoint: 'http://127.0.0.1:2' })).toEqual([]);
  });

  test('MSAL configuration: PKCE code flow defaults, sessionStorage, OIDC mode for a non-Microsoft authority', () => {
    const msal = { ProtocolMode: { AAD: 'AAD', OIDC: 'OIDC', EAR: 'EAR' }, LogLevel: { Warning: 1 } } as never;
    const custom = resolveSettings({ clientId: 'appgw-spa', tenantId: '', cloud: 'custom', authority: 'https://127.0.0.1:8443', armEndpoint: 'https://127.0.0.1:9443', interaction: 'redirect' });
    const c = msalConfiguration(custom, msal, 'http://127.0.0.1:5000/');
    expect(c.auth).toMatchObject({ clientId: 'appgw-spa', authority: 'https://127.0.0.1:8443', knownAuthorities: ['127.0.0.1:8443'], redirectUri: 'http://127.0.0.1:5000/' });
    expect(c.cache?.cacheLocation).toBe('sessionStorage');
    expect(c.system?.protocolMode).toBe('OIDC');
    const pub = msalConfiguration(resolveSettings({ clientId: GUID, tenantId: '', cloud: 'public', authority: '', armEndpoint: '', interaction: 'popup' }), msal, 'https://x/');
    expect(pub.system?.protocolMode).toBe('AAD');
  });

  test('CSP connect-src: every cloud, plus build-time custom origins', () => {
    const s = azureConnectSources({ VITE_AZURE_CONNECT_SRC: 'https://127.0.0.1:8443/a https://127.0.0.1:9443 junk', VITE_ARM_ENDPOINT: 'https://arm.example/x' });
    for (const o of ['https://login.microsoftonline.com', 'https://management.azure.com', 'https://login.microsoftonline.us', 'https://management.usgovcloudapi.net', 'https://login.chinacloudapi.cn', 'https://management.chinacloudapi.cn', 'https://127.0.0.1:8443', 'https://127.0.0.1:9443', 'https://arm.example']) {
      expect(s).toContain(o);
    }
    expect(s).not.toContain('junk');
    expect(azureConnectSources({ VITE_AZURE_CONNECT_SRC: 'https://127.0.0.1:* https://*.example.org' })).toEqual(expect.arrayContaining(['https://127.0.0.1:*', 'https://*.example.org']));
    expect(azureConnectSources({ VITE_AZURE_CONNECT_SRC: "https://x.example;script-src 'unsafe-inline'" }).join(' ')).not.toMatch(/script-src|unsafe/);
  });

  test('an authorization answer in the URL', () => {
    expect(authResponseInUrl({ hash: '#code=abc&state=xyz', search: '' })).toBe(true);
    expect(authResponseInUrl({ hash: '', search: '?state=x&error=access_denied' })).toBe(true);
    expect(authResponseInUrl({ hash: '#/report/abc', search: '' })).toBe(false);
    expect(authResponseInUrl({ hash: '#/azure', search: '?code=1' })).toBe(false);
  });
});
