/**
 * Generated Application Gateways as ARM REST bodies (the form `az rest`/`GET .../applicationGateways/x`
 * returns), from a typical one to one at the documented v2 limits, for the benchmarks and the fuzzer.
 *
 * Every body is consistent: every routing rule → its own listener → a frontend port and IP; every rule (or
 * path rule) → a pool and HTTP settings; every HTTP settings → a probe of the same protocol and port; HTTPS
 * listeners → an SSL certificate; HTTPS settings → a trusted root. Limits:
 * ../shared/reference/azure-facts.md section 7 (100 pools; 1,200 targets per pool; 200 listeners; 400 rules;
 * 100 settings; 100 ports; 100 SSL / trusted root / authentication certificates; 100 redirects; 400 rewrite
 * rule sets; 5 host names per listener; 100 path rules per URL map; probes: 100).
 *
 * A listener serves exactly one rule, so with 200 listeners a gateway holds at most 200 rules: the "limits"
 * gateway has 200 rules (half of them path-based, with 100 path rules per URL map — 10,000 path rules).
 */
import { readFileSync } from 'node:fs';
import { SUB, RG, GW, VNET_ID, GW_SUBNET_ID, PIP_ID } from '../fixtures/forms';

type J = any;

export interface GatewaySize {
  /** Label in the tables. */
  name: string;
  listeners: number;
  hostNamesPerListener: number;
  pools: number;
  targetsPerPool: number;
  settings: number;
  probes: number;
  ports: number;
  /** How many of the rules are path-based (each with its own URL map). */
  pathMaps: number;
  pathRulesPerMap: number;
  sslCertificates: number;
  trustedRoots: number;
  authCertificates: number;
  redirects: number;
  rewriteSets: number;
}

export const TYPICAL: GatewaySize = {
  name: 'typical', listeners: 5, hostNamesPerListener: 1, pools: 5, targetsPerPool: 3, settings: 5, probes: 5, ports: 2,
  pathMaps: 1, pathRulesPerMap: 3, sslCertificates: 2, trustedRoots: 1, authCertificates: 0, redirects: 1, rewriteSets: 1,
};

export const MEDIUM: GatewaySize = {
  name: 'medium', listeners: 50, hostNamesPerListener: 2, pools: 25, targetsPerPool: 20, settings: 25, probes: 25, ports: 10,
  pathMaps: 10, pathRulesPerMap: 10, sslCertificates: 10, trustedRoots: 5, authCertificates: 0, redirects: 10, rewriteSets: 20,
};

export const LARGE: GatewaySize = {
  name: 'large', listeners: 100, hostNamesPerListener: 3, pools: 50, targetsPerPool: 300, settings: 50, probes: 50, ports: 50,
  pathMaps: 50, pathRulesPerMap: 50, sslCertificates: 50, trustedRoots: 50, authCertificates: 50, redirects: 50, rewriteSets: 200,
};

/** The documented v2 limits (section 7), every collection full. */
export const LIMITS: GatewaySize = {
  name: 'limits', listeners: 200, hostNamesPerListener: 5, pools: 100, targetsPerPool: 1200, settings: 100, probes: 100, ports: 100,
  pathMaps: 100, pathRulesPerMap: 100, sslCertificates: 100, trustedRoots: 100, authCertificates: 100, redirects: 100, rewriteSets: 400,
};

export const SIZES: GatewaySize[] = [TYPICAL, MEDIUM, LARGE, LIMITS];

const TLS_DIR = new URL('../fixtures/tls/', import.meta.url);
const tlsB64 = (name: string) => readFileSync(new URL(name, TLS_DIR), 'utf8').replace(/\s+/g, '');
let certs: { chain: string; root: string; leaf: string } | undefined;
/** Real certificate data (the repo's test PKI), so the certificate checks run as on a real export. */
function certData() {
  certs ??= { chain: tlsB64('chain.p7b.b64'), root: tlsB64('root-ca.b64'), leaf: tlsB64('leaf-cn.b64') };
  return certs;
}

/** A REST body for a gateway of the given size. Deterministic: the same size gives the same bytes. */
/** Named like the fixtures' gateway (agw-shop) by default, so toTemplate() turns its ids into expressions. */
export function generateGateway(size: GatewaySize, name = GW): J {
  const gwId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/applicationGateways/${name}`;
  const sub = (collection: string, n: string) => `${gwId}/${collection}/${n}`;
  const r = (collection: string, n: string) => ({ id: sub(collection, n) });
  const res = (collection: string, n: string, properties: J) => ({
    name: n,
    id: sub(collection, n),
    etag: 'W/"00000000-0000-0000-0000-000000000001"',
    properties: { provisioningState: 'Succeeded', ...properties },
    type: `Microsoft.Network/applicationGateways/${collection}`,
  });
  const { chain, root, leaf } = certData();

  // Ports: 80 (HTTP), 443 (HTTPS), then 8000+i alternating HTTP / HTTPS. A port carries one protocol.
  const portNumber = (i: number) => (i === 0 ? 80 : i === 1 ? 443 : 8000 + i);
  const portHttps = (i: number) => i % 2 === 1;
  const frontendPorts = Array.from({ length: size.ports }, (_, i) => res('frontendPorts', `port-${portNumber(i)}`, { port: portNumber(i) }));

  const sslCertificates = Array.from({ length: size.sslCertificates }, (_, i) =>
    res('sslCertificates', `cert-site${i}`, { publicCertData: chain }));
  const trustedRootCertificates = Array.from({ length: size.trustedRoots }, (_, i) =>
    res('trustedRootCertificates', `root-${i}`, { data: root }));
  const authenticationCertificates = Array.from({ length: size.authCertificates }, (_, i) =>
    res('authenticationCertificates', `auth-${i}`, { data: leaf }));

  // Pools: IP targets from 10.64.0.0/10 upward; every fifth pool by FQDN (App Service style is avoided:
  // an FQDN backend here is a VM name in a private zone).
  let ip = 0;
  const nextIp = () => {
    const n = 0x0a400000 + 4 + ip++;
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  };
  const backendAddressPools = Array.from({ length: size.pools }, (_, p) =>
    res('backendAddressPools', `pool-${p}`, {
      backendAddresses: Array.from({ length: size.targetsPerPool }, (_, t) =>
        p % 5 === 4 ? { fqdn: `vm${t}.pool${p}.internal.contoso.com` } : { ipAddress: nextIp() }),
    }));

  // Settings and probes: settings s uses probe s (same protocol, host and port); a third are HTTPS.
  const settingsHttps = (s: number) => size.trustedRoots > 0 && s % 3 === 2;
  const settingsPort = (s: number) => (settingsHttps(s) ? 443 : s % 2 === 0 ? 80 : 8080);
  const appHost = (s: number) => `app${s}.internal.contoso.com`;
  const probes = Array.from({ length: size.probes }, (_, s) =>
    res('probes', `probe-${s}`, {
      protocol: settingsHttps(s) ? 'Https' : 'Http',
      host: appHost(s),
      path: `/health/${s}`,
      interval: 30,
      timeout: 30,
      unhealthyThreshold: 3,
      pickHostNameFromBackendHttpSettings: false,
      minServers: 0,
      match: { statusCodes: ['200-399'] },
      ...(s < size.settings ? { port: settingsPort(s) } : {}),
    }));
  const backendHttpSettingsCollection = Array.from({ length: size.settings }, (_, s) =>
    res('backendHttpSettingsCollection', `settings-${s}`, {
      port: settingsPort(s),
      protocol: settingsHttps(s) ? 'Https' : 'Http',
      cookieBasedAffinity: s % 4 === 0 ? 'Enabled' : 'Disabled',
      affinityCookieName: 'ApplicationGatewayAffinity',
      requestTimeout: 30 + (s % 4) * 30,
      pickHostNameFromBackendAddress: false,
      hostName: appHost(s),
      probe: r('probes', `probe-${s % size.probes}`),
      ...(settingsHttps(s) ? { trustedRootCertificates: [r('trustedRootCertificates', `root-${s % size.trustedRoots}`)] } : {}),
    }));

  const frontendIPConfigurations = [
    res('frontendIPConfigurations', 'appGwPublicFrontendIp', { privateIPAllocationMethod: 'Dynamic', publicIPAddress: { id: PIP_ID } }),
  ];
  const gatewayIPConfigurations = [res('gatewayIPConfigurations', 'appGatewayIpConfig', { subnet: { id: GW_SUBNET_ID } })];

  // Listeners: listener i on port i % ports; host names site{i}.contoso.com (and aliases).
  const httpListeners = Array.from({ length: size.listeners }, (_, i) => {
    const port = i % size.ports;
    const https = portHttps(port) && size.sslCertificates > 0;
    const hosts = Array.from({ length: size.hostNamesPerListener }, (_, h) => (h === 0 ? `site${i}.contoso.com` : `alias${h}.site${i}.contoso.com`));
    return res('httpListeners', `listener-${i}`, {
      frontendIPConfiguration: r('frontendIPConfigurations', 'appGwPublicFrontendIp'),
      frontendPort: r('frontendPorts', `port-${portNumber(port)}`),
      protocol: https ? 'Https' : 'Http',
      ...(hosts.length === 1 ? { hostName: hosts[0] } : { hostNames: hosts }),
      requireServerNameIndication: https,
      ...(https ? { sslCertificate: r('sslCertificates', `cert-site${i % size.sslCertificates}`) } : {}),
    });
  });

  const urlPathMaps = Array.from({ length: Math.min(size.pathMaps, size.listeners) }, (_, m) => {
    const mapId = sub('urlPathMaps', `pathmap-${m}`);
    return res('urlPathMaps', `pathmap-${m}`, {
      defaultBackendAddressPool: r('backendAddressPools', `pool-${m % size.pools}`),
      defaultBackendHttpSettings: r('backendHttpSettingsCollection', `settings-${m % size.settings}`),
      pathRules: Array.from({ length: size.pathRulesPerMap }, (_, k) => ({
        name: `svc${k}`,
        id: `${mapId}/pathRules/svc${k}`,
        etag: 'W/"00000000-0000-0000-0000-000000000001"',
        type: 'Microsoft.Network/applicationGateways/urlPathMaps/pathRules',
        properties: {
          provisioningState: 'Succeeded',
          paths: [`/svc${k}/*`],
          backendAddressPool: r('backendAddressPools', `pool-${(m + k) % size.pools}`),
          backendHttpSettings: r('backendHttpSettingsCollection', `settings-${(m + k) % size.settings}`),
        },
      })),
    });
  });

  const rewriteRuleSets = Array.from({ length: size.rewriteSets }, (_, w) =>
    res('rewriteRuleSets', `rewrite-${w}`, {
      rewriteRules: [{
        ruleSequence: 100,
        name: 'hsts',
        conditions: [],
        actionSet: { requestHeaderConfigurations: [], responseHeaderConfigurations: [{ headerName: 'Strict-Transport-Security', headerValue: 'max-age=31536000' }] },
      }],
    }));

  // Redirects: HTTP → HTTPS listener, one per listener pair, not attached to a rule (a rule routes to a pool).
  const redirectConfigurations = Array.from({ length: size.redirects }, (_, d) =>
    res('redirectConfigurations', `redirect-${d}`, {
      redirectType: 'Permanent',
      targetListener: r('httpListeners', `listener-${(2 * d + 1) % size.listeners}`),
      includePath: true,
      includeQueryString: true,
    }));

  const requestRoutingRules = httpListeners.map((_l, i) => {
    const pathBased = i < urlPathMaps.length;
    return res('requestRoutingRules', `rule-${i}`, {
      ruleType: pathBased ? 'PathBasedRouting' : 'Basic',
      priority: 10 + i * 10,
      httpListener: r('httpListeners', `listener-${i}`),
      ...(pathBased
        ? { urlPathMap: r('urlPathMaps', `pathmap-${i}`) }
        : { backendAddressPool: r('backendAddressPools', `pool-${i % size.pools}`), backendHttpSettings: r('backendHttpSettingsCollection', `settings-${i % size.settings}`) }),
      ...(size.rewriteSets ? { rewriteRuleSet: r('rewriteRuleSets', `rewrite-${i % size.rewriteSets}`) } : {}),
    });
  });

  return {
    name,
    id: gwId,
    etag: 'W/"00000000-0000-0000-0000-000000000001"',
    type: 'Microsoft.Network/applicationGateways',
    location: 'koreacentral',
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '00000000-0000-0000-0000-0000000000aa',
      operationalState: 'Running',
      sku: { name: 'Standard_v2', tier: 'Standard_v2', family: 'Generation_2' },
      autoscaleConfiguration: { minCapacity: 2, maxCapacity: 10 },
      gatewayIPConfigurations,
      frontendIPConfigurations,
      frontendPorts,
      backendAddressPools,
      backendHttpSettingsCollection,
      httpListeners,
      urlPathMaps,
      requestRoutingRules,
      probes,
      sslCertificates,
      trustedRootCertificates,
      authenticationCertificates,
      redirectConfigurations,
      rewriteRuleSets,
      enableHttp2: true,
    },
  };
}

/** The gateway as the text a user pastes (ARM REST, 2-space indented as az rest prints it). */
export function gatewayText(size: GatewaySize): string {
  return JSON.stringify(generateGateway(size), null, 2);
}

/** Helpers re-exported so benchmark/fuzz code has one place to import the forms from. */
export { VNET_ID, GW_SUBNET_ID };
