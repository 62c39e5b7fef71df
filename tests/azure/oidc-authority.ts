/**
 * A local OpenID Connect authority for the sign-in tests: oidc-provider on https://127.0.0.1 (a self-signed
 * certificate from `selfsigned`), so the real MSAL library signs in through the real authorization-code +
 * PKCE redirect flow, in OIDC protocol mode, without Microsoft Entra. Its dev login form takes any user name.
 *
 * Access tokens are JWTs for one resource: the fake ARM origin, with the scope `<arm>/user_impersonation`
 * (what the app asks for); `verifyAccessToken` checks signature, issuer, audience, scope and expiry, for the
 * fake ARM to accept only this authority's tokens. Loopback only.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createPublicKey, generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { generate } from 'selfsigned';
import Provider, { errors } from 'oidc-provider';

export interface TlsPair {
  key: string;
  cert: string;
}

/** A self-signed certificate for 127.0.0.1 and localhost (one for every loopback server of a test run). */
export async function loopbackCertificate(): Promise<TlsPair> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}

/** An https server on 127.0.0.1 with a random port, listening before its handler is known (the issuer names the port). */
export async function listenHttps(tls: TlsPair): Promise<{ server: Server; origin: string; close(): Promise<void> }> {
  const server = createServer({ key: tls.key, cert: tls.cert });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    server,
    origin,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections?.();
        server.close(() => r());
      }),
  };
}

export interface Authority {
  /** The issuer = the authority URL to give MSAL. */
  issuer: string;
  clientId: string;
  /** Checks an access token as ARM would: signed by this authority, for this audience and scope, not expired. */
  verifyAccessToken(token: string): boolean;
  /** Sign-ins completed (authorization codes exchanged). */
  tokensIssued: () => number;
  close(): Promise<void>;
}

export interface AuthorityOptions {
  tls: TlsPair;
  /** Where the app is served: its redirect URI is `${appOrigin}/`, and CORS is allowed for it. */
  appOrigin: string;
  /** The fake ARM origin: the one resource, whose `/user_impersonation` scope the app asks for. */
  armOrigin: string;
  clientId?: string;
}

export async function startAuthority(o: AuthorityOptions): Promise<Authority> {
  const http = await listenHttps(o.tls);
  const issuer = http.origin;
  const clientId = o.clientId ?? 'appgw502-spa';
  const scope = `${o.armOrigin}/user_impersonation`;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key-1', use: 'sig', alg: 'RS256' };
  let issued = 0;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_name: 'AppGW 502 Doctor (test)',
        token_endpoint_auth_method: 'none',
        application_type: 'web',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [`${o.appOrigin}/`],
        post_logout_redirect_uris: [`${o.appOrigin}/`],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: ['appgw502-test-cookie-key'] },
    pkce: { required: () => true },
    responseTypes: ['code'],
    scopes: ['openid', 'profile', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    async findAccount(_ctx: unknown, sub: string) {
      return { accountId: sub, claims: async () => ({ sub, name: `Test ${sub}`, preferred_username: `${sub}@fake.example` }) };
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => o.armOrigin,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => {
          if (resource !== o.armOrigin) throw new errors.InvalidTarget();
          return { scope, audience: o.armOrigin, accessTokenTTL: 3600, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // MSAL's token request is a cross-origin fetch from the app.
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === o.appOrigin,
    ttl: { AccessToken: 3600, AuthorizationCode: 120, IdToken: 3600, Interaction: 600, Session: 3600, Grant: 3600, RefreshToken: 3600 },
    renderError: async (ctx: { type: string; body: string }, out: Record<string, string>) => {
      ctx.type = 'html';
      ctx.body = `<!doctype html><title>oidc error</title><pre id="oidc-error">${Object.entries(out).map(([k, v]) => `${k}: ${String(v).replace(/[<&]/g, '')}`).join('\n')}</pre>`;
    },
  });
  provider.on('grant.success', () => issued++);
  const callback = provider.callback();
  http.server.on('request', (req, res) => {
    const m = /^\/interaction\/([\w-]+)(\/submit)?$/.exec(req.url ?? '');
    if (!m) return callback(req, res);
    interaction(provider, req, res, !!m[2]).catch((e) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(e));
    });
  });

  const pub: KeyObject = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }));
  const b64 = (s: string) => Buffer.from(s, 'base64url');
  return {
    issuer,
    clientId,
    tokensIssued: () => issued,
    verifyAccessToken(token) {
      const parts = token.split('.');
      if (parts.length !== 3) return false;
      try {
        if (!verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), pub, b64(parts[2]))) return false;
        const claims = JSON.parse(b64(parts[1]).toString('utf8')) as { iss?: string; aud?: string | string[]; scope?: string; exp?: number };
        const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
        return claims.iss === issuer && aud.includes(o.armOrigin) && (claims.scope ?? '').split(' ').includes(scope) && (claims.exp ?? 0) * 1000 > Date.now();
      } catch {
        return false;
      }
    },
    close: http.close,
  };
}

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** The login (any user name) and consent pages, as oidc-provider's interaction API expects. */
async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse, submit: boolean): Promise<void> {
  const details = (await provider.interactionDetails(req, res)) as {
    uid: string;
    prompt: { name: string; details: { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> } };
    params: { client_id: string };
    session?: { accountId: string };
    grantId?: string;
  };
  const { uid, prompt, params } = details;
  if (!submit) {
    const body =
      prompt.name === 'login'
        ? `<form method="post" action="/interaction/${uid}/submit"><input type="hidden" name="prompt" value="login"><input required name="login" placeholder="any user name"><input type="password" name="password" placeholder="any password"><button type="submit">Sign-in</button></form>`
        : `<p>${params.client_id} asks for: ${Object.values(prompt.details.missingResourceScopes ?? {}).flat().join(' ')}</p><form method="post" action="/interaction/${uid}/submit"><input type="hidden" name="prompt" value="consent"><button type="submit">Continue</button></form>`;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(page(prompt.name === 'login' ? 'Sign-in (test authority)' : 'Authorize (test authority)', body));
    return;
  }
  const form = await readForm(req);
  if (form.get('prompt') === 'login') {
    await provider.interactionFinished(req, res, { login: { accountId: form.get('login') ?? 'user' } }, { mergeWithLastSubmission: false });
    return;
  }
  const grant = details.grantId ? await provider.Grant.find(details.grantId) : new provider.Grant({ accountId: details.session!.accountId, clientId: params.client_id });
  const d = prompt.details;
  if (d.missingOIDCScope) grant.addOIDCScope(d.missingOIDCScope.join(' '));
  if (d.missingOIDCClaims) grant.addOIDCClaims(d.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(d.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}
