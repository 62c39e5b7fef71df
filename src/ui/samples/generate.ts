/**
 * Writes the samples shipped with the app (src/ui/samples/*.json|txt): one clean gateway and one per
 * cause in the guide, each in a form users really paste (ARM REST, ConvertTo-Json, az CLI, console text).
 * The gateways are written once as ARM REST bodies here and converted, so every form carries the same
 * shape. Run: npm run samples   (then check each: npm run -s analyze -- <files>)
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

type J = any;
const out = (name: string, content: string) => writeFileSync(resolve(import.meta.dirname, name), content.endsWith('\n') ? content : content + '\n');

const SUB = '3f2a6b1c-8d4e-4f7a-9b2c-1e5d7a9c0b34';
const RG = 'rg-web-prod';
const rgId = `/subscriptions/${SUB}/resourceGroups/${RG}/providers`;
const VNET = 'vnet-web-krc';
const VNET_ID = `${rgId}/Microsoft.Network/virtualNetworks/${VNET}`;
const GW_SUBNET = `${VNET_ID}/subnets/snet-appgw`;
const WEB_SUBNET = `${VNET_ID}/subnets/snet-web`;
const PIP = (gw: string) => `${rgId}/Microsoft.Network/publicIPAddresses/pip-${gw}`;

interface GwSpec {
  name: string;
  sku?: string;
  pools: { name: string; ips?: string[]; fqdns?: string[] }[];
  settings: { name: string; port: number; protocol: 'Http' | 'Https'; timeout?: number; probe?: string; hostName?: string; pick?: boolean; roots?: string[] }[];
  probes?: { name: string; protocol: 'Http' | 'Https'; host?: string; path: string; pick?: boolean; timeout?: number; interval?: number; codes?: string[] }[];
  listeners: { name: string; port: number; protocol?: 'Http' | 'Https'; hosts?: string[]; cert?: string }[];
  rules: { name: string; priority: number; listener: string; pool?: string; settings?: string; pathMap?: string }[];
  pathMaps?: { name: string; defaultPool: string; defaultSettings: string; rules: { name: string; paths: string[]; pool: string; settings: string }[] }[];
  trustedRoots?: { name: string; data: string }[];
  sslCerts?: { name: string }[];
}

function restGateway(s: GwSpec): J {
  const GW_ID = `${rgId}/Microsoft.Network/applicationGateways/${s.name}`;
  const id = (c: string, n: string) => `${GW_ID}/${c}/${n}`;
  const ref = (c: string, n: string) => ({ id: id(c, n) });
  const res = (c: string, n: string, p: J) => ({ name: n, id: id(c, n), etag: 'W/"6c1d2e3f-0a1b-4c2d-9e3f-4a5b6c7d8e9f"', properties: { provisioningState: 'Succeeded', ...p }, type: `Microsoft.Network/applicationGateways/${c}` });
  const ports = [...new Set(s.listeners.map((l) => l.port))];
  const sku = s.sku ?? 'Standard_v2';
  return {
    name: s.name,
    id: GW_ID,
    etag: 'W/"6c1d2e3f-0a1b-4c2d-9e3f-4a5b6c7d8e9f"',
    type: 'Microsoft.Network/applicationGateways',
    location: 'koreacentral',
    tags: { env: 'prod' },
    zones: ['1', '2', '3'],
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '0d6a1f3e-5b2c-4e8d-a7f9-3c1b2d4e5f60',
      sku: { name: sku, tier: sku, ...(sku.endsWith('_v2') ? { family: 'Generation_2' } : { capacity: 2 }) },
      ...(sku.endsWith('_v2') ? { autoscaleConfiguration: { minCapacity: 2, maxCapacity: 10 } } : {}),
      operationalState: 'Running',
      gatewayIPConfigurations: [res('gatewayIPConfigurations', 'appGatewayIpConfig', { subnet: { id: GW_SUBNET } })],
      sslCertificates: (s.sslCerts ?? []).map((c) => res('sslCertificates', c.name, { keyVaultSecretId: `https://kv-web-prod.vault.azure.net/secrets/${c.name}` })),
      trustedRootCertificates: (s.trustedRoots ?? []).map((c) => res('trustedRootCertificates', c.name, { data: c.data })),
      authenticationCertificates: [],
      frontendIPConfigurations: [
        res('frontendIPConfigurations', 'appGwPublicFrontendIp', { privateIPAllocationMethod: 'Dynamic', publicIPAddress: { id: PIP(s.name) } }),
      ],
      frontendPorts: ports.map((p) => res('frontendPorts', `port_${p}`, { port: p })),
      backendAddressPools: s.pools.map((p) =>
        res('backendAddressPools', p.name, { backendAddresses: [...(p.ips ?? []).map((ipAddress) => ({ ipAddress })), ...(p.fqdns ?? []).map((fqdn) => ({ fqdn }))] }),
      ),
      backendHttpSettingsCollection: s.settings.map((st) =>
        res('backendHttpSettingsCollection', st.name, {
          port: st.port,
          protocol: st.protocol,
          cookieBasedAffinity: 'Disabled',
          requestTimeout: st.timeout ?? 30,
          pickHostNameFromBackendAddress: st.pick ?? false,
          ...(st.hostName ? { hostName: st.hostName } : {}),
          ...(st.probe ? { probe: ref('probes', st.probe) } : {}),
          ...(st.roots ? { trustedRootCertificates: st.roots.map((r) => ref('trustedRootCertificates', r)) } : {}),
        }),
      ),
      httpListeners: s.listeners.map((l) =>
        res('httpListeners', l.name, {
          frontendIPConfiguration: ref('frontendIPConfigurations', 'appGwPublicFrontendIp'),
          frontendPort: ref('frontendPorts', `port_${l.port}`),
          protocol: l.protocol ?? 'Http',
          ...(l.hosts?.length ? { hostNames: l.hosts } : {}),
          ...(l.cert ? { sslCertificate: ref('sslCertificates', l.cert) } : {}),
          requireServerNameIndication: false,
        }),
      ),
      urlPathMaps: (s.pathMaps ?? []).map((m) =>
        res('urlPathMaps', m.name, {
          defaultBackendAddressPool: ref('backendAddressPools', m.defaultPool),
          defaultBackendHttpSettings: ref('backendHttpSettingsCollection', m.defaultSettings),
          pathRules: m.rules.map((r) => ({
            name: r.name,
            id: `${id('urlPathMaps', m.name)}/pathRules/${r.name}`,
            properties: { paths: r.paths, backendAddressPool: ref('backendAddressPools', r.pool), backendHttpSettings: ref('backendHttpSettingsCollection', r.settings) },
            type: 'Microsoft.Network/applicationGateways/urlPathMaps/pathRules',
          })),
        }),
      ),
      requestRoutingRules: s.rules.map((r) =>
        res('requestRoutingRules', r.name, {
          ruleType: r.pathMap ? 'PathBasedRouting' : 'Basic',
          priority: r.priority,
          httpListener: ref('httpListeners', r.listener),
          ...(r.pathMap
            ? { urlPathMap: ref('urlPathMaps', r.pathMap) }
            : { backendAddressPool: ref('backendAddressPools', r.pool!), backendHttpSettings: ref('backendHttpSettingsCollection', r.settings!) }),
        }),
      ),
      probes: (s.probes ?? []).map((p) =>
        res('probes', p.name, {
          protocol: p.protocol,
          ...(p.host ? { host: p.host } : {}),
          path: p.path,
          interval: p.interval ?? 30,
          timeout: p.timeout ?? 30,
          unhealthyThreshold: 3,
          pickHostNameFromBackendHttpSettings: p.pick ?? false,
          minServers: 0,
          match: { statusCodes: p.codes ?? ['200-399'] },
        }),
      ),
      rewriteRuleSets: [],
      redirectConfigurations: [],
      enableHttp2: true,
      sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' },
    },
  };
}

// ------------------------------------------------------------------ forms

const pascal = (k: string) => (k === 'gatewayIPConfigurations' ? 'GatewayIPConfigurations' : k.charAt(0).toUpperCase() + k.slice(1));

/** REST → PowerShell object shape: properties flattened, PascalCase keys. */
function toPs(v: J): J {
  if (Array.isArray(v)) return v.map(toPs);
  if (v === null || typeof v !== 'object') return v;
  const o: J = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'properties' && x && typeof x === 'object' && !Array.isArray(x)) for (const [pk, px] of Object.entries(x)) o[pascal(pk)] = toPs(px);
    else o[pascal(k)] = toPs(x);
  }
  return o;
}

/** REST gateway → `Get-AzApplicationGateway | ConvertTo-Json -Depth 100` (with the ...Text strings, as PowerShell writes them). */
function toPsJson(rest: J, rg = RG): string {
  const ps = toPs(rest);
  const texts: J = {};
  for (const k of ['GatewayIPConfigurations', 'SslCertificates', 'FrontendIPConfigurations', 'FrontendPorts', 'BackendAddressPools', 'BackendHttpSettingsCollection', 'HttpListeners', 'RequestRoutingRules', 'Probes', 'UrlPathMaps']) {
    texts[k.replace('IP', 'Ip') + 'Text'] = JSON.stringify(ps[k] ?? [], null, 2);
  }
  const { Name, Id, Etag, Type, Location, Tags, ...rest2 } = ps;
  return JSON.stringify({ ...rest2, ...texts, ResourceGroupName: rg, Location, ResourceGuid: ps.ResourceGuid, Type, Tag: Tags, TagsTable: 'Name  Value\r\n====  =====\r\nenv   prod ', Name, Etag, Id }, null, 2);
}

/** Any REST resource → az CLI JSON: properties flattened, camelCase, resourceGroup on every resource with an id. */
function toCli(v: J, rg = RG): J {
  if (Array.isArray(v)) return v.map((x) => toCli(x, rg));
  if (v === null || typeof v !== 'object') return v;
  const o: J = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'properties' && x && typeof x === 'object' && !Array.isArray(x)) for (const [pk, px] of Object.entries(x)) o[pk] = toCli(px, rg);
    else o[k] = toCli(x, rg);
  }
  if (typeof o.id === 'string' && o.id.includes('/resourceGroups/')) o.resourceGroup = rg;
  return o;
}

/** REST gateway → the console text of `Get-AzApplicationGateway` (Format-List), wrapped at 120 columns as the console does. */
function toPsText(rest: J, cmd: string): string {
  const ps = toPs(rest);
  const W = 120;
  const IND = 38;
  const lines: string[] = [];
  const wrap = (line: string, indent: number) => {
    // The console cuts at the window width: the piece ends with a space and continues after the indent.
    let first = true;
    let rest = line;
    while (rest.length > W) {
      lines.push(rest.slice(0, W - 1) + ' ');
      rest = ' '.repeat(indent) + rest.slice(W - 1);
      first = false;
    }
    lines.push(first ? rest : rest);
  };
  const kv = (k: string, v: string) => wrap(`${k.padEnd(36)}: ${v}`, IND);
  const text = (k: string, v: J) => {
    const json = JSON.stringify(v, null, 2).split('\n');
    wrap(`${k.padEnd(36)}: ${json[0]}`, IND);
    for (const l of json.slice(1)) wrap(' '.repeat(IND) + l, IND);
  };
  const names = (k: string) => `{${(ps[k] ?? []).map((x: J) => x.Name).join(', ')}}`;
  lines.push(`PS C:\\Users\\ops> ${cmd}`, '', '');
  kv('Sku', 'Microsoft.Azure.Commands.Network.Models.PSApplicationGatewaySku');
  kv('SslPolicy', 'Microsoft.Azure.Commands.Network.Models.PSApplicationGatewaySslPolicy');
  for (const k of ['GatewayIPConfigurations', 'AuthenticationCertificates', 'SslCertificates', 'TrustedRootCertificates', 'FrontendIPConfigurations', 'FrontendPorts', 'Probes', 'BackendAddressPools', 'BackendHttpSettingsCollection', 'HttpListeners', 'UrlPathMaps', 'RequestRoutingRules', 'RewriteRuleSets', 'RedirectConfigurations'])
    kv(k, names(k));
  kv('WebApplicationFirewallConfiguration', '');
  kv('FirewallPolicy', '');
  kv('AutoscaleConfiguration', ps.AutoscaleConfiguration ? 'Microsoft.Azure.Commands.Network.Models.PSApplicationGatewayAutoscaleConfiguration' : '');
  kv('EnableHttp2', ps.EnableHttp2 ? 'True' : 'False');
  kv('Zones', `{${(ps.Zones ?? []).join(', ')}}`);
  kv('OperationalState', ps.OperationalState);
  kv('ProvisioningState', ps.ProvisioningState);
  kv('Identity', '');
  text('SkuText', ps.Sku);
  for (const k of ['GatewayIPConfigurations', 'AuthenticationCertificates', 'SslCertificates', 'TrustedRootCertificates', 'FrontendIPConfigurations', 'FrontendPorts', 'BackendAddressPools', 'BackendHttpSettingsCollection', 'HttpListeners', 'RewriteRuleSets', 'RequestRoutingRules', 'Probes', 'UrlPathMaps'])
    text(k.replace('IP', 'Ip') + 'Text', ps[k] ?? []);
  kv('IdentityText', 'null');
  kv('ResourceGroupName', RG);
  kv('Location', ps.Location);
  kv('ResourceGuid', ps.ResourceGuid);
  kv('Type', ps.Type);
  kv('Tag', '{env}');
  kv('TagsTable', '');
  kv('Name', ps.Name);
  kv('Etag', ps.Etag);
  kv('Id', ps.Id);
  lines.push('', '', 'PS C:\\Users\\ops> ');
  return lines.join('\r\n');
}

// ------------------------------------------------------------------ companion documents

const gwId = (gw: string) => `${rgId}/Microsoft.Network/applicationGateways/${gw}`;

/** Backend health as `Get-AzApplicationGatewayBackendHealth | ConvertTo-Json -Depth 100` writes it. */
function psHealth(gw: string, pools: { pool: string; settings: string; servers: { address: string; health: string; log: string }[] }[]): string {
  return JSON.stringify(
    {
      BackendAddressPools: pools.map((p) => ({
        BackendAddressPool: { Id: `${gwId(gw)}/backendAddressPools/${p.pool}`, BackendAddresses: [], BackendIpConfigurations: [] },
        BackendHttpSettingsCollection: [
          {
            BackendHttpSettings: { Id: `${gwId(gw)}/backendHttpSettingsCollection/${p.settings}`, TrustedRootCertificates: [] },
            Servers: p.servers.map((s) => ({ Address: s.address, IpConfiguration: null, Health: s.health, HealthProbeLog: s.log })),
          },
        ],
      })),
    },
    null,
    2,
  );
}

/** Backend health as `az network application-gateway show-backend-health` writes it. */
function cliHealth(gw: string, pools: { pool: string; settings: string; servers: { address: string; health: string; log: string }[] }[]): string {
  return JSON.stringify(
    {
      backendAddressPools: pools.map((p) => ({
        backendAddressPool: { id: `${gwId(gw)}/backendAddressPools/${p.pool}`, resourceGroup: RG },
        backendHttpSettingsCollection: [
          {
            backendHttpSettings: { id: `${gwId(gw)}/backendHttpSettingsCollection/${p.settings}`, resourceGroup: RG },
            servers: p.servers.map((s) => ({ address: s.address, health: s.health, healthProbeLog: s.log, ipConfiguration: null })),
          },
        ],
      })),
    },
    null,
    2,
  );
}

function restVnet(opts: { dns?: string[]; gwNsg?: string; webNsg?: string; gwRouteTable?: string }): J {
  const nsg = (n?: string) => (n ? { networkSecurityGroup: { id: `${rgId}/Microsoft.Network/networkSecurityGroups/${n}` } } : {});
  return {
    name: VNET,
    id: VNET_ID,
    etag: 'W/"2b4c6d8e-0f1a-4b3c-8d5e-7f9a1b3c5d7e"',
    type: 'Microsoft.Network/virtualNetworks',
    location: 'koreacentral',
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '7a1b3c5d-9e2f-4a6b-8c0d-2e4f6a8b0c1d',
      addressSpace: { addressPrefixes: ['10.20.0.0/16'] },
      dhcpOptions: { dnsServers: opts.dns ?? [] },
      subnets: [
        {
          name: 'snet-appgw',
          id: GW_SUBNET,
          properties: {
            addressPrefix: '10.20.0.0/24',
            ...nsg(opts.gwNsg),
            ...(opts.gwRouteTable ? { routeTable: { id: `${rgId}/Microsoft.Network/routeTables/${opts.gwRouteTable}` } } : {}),
            delegations: [],
            privateEndpointNetworkPolicies: 'Disabled',
          },
          type: 'Microsoft.Network/virtualNetworks/subnets',
        },
        { name: 'snet-web', id: WEB_SUBNET, properties: { addressPrefix: '10.20.1.0/24', ...nsg(opts.webNsg), delegations: [] }, type: 'Microsoft.Network/virtualNetworks/subnets' },
      ],
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  };
}

const nsgRule = (name: string, priority: number, access: string, source: string, ports: string[], direction = 'Inbound') => ({
  name,
  properties: { priority, direction, access, protocol: 'Tcp', sourceAddressPrefix: source, sourcePortRange: '*', destinationAddressPrefix: '*', destinationPortRanges: ports },
  type: 'Microsoft.Network/networkSecurityGroups/securityRules',
});

// ------------------------------------------------------------------ the samples

const HEALTHY = 'Success. Received 200 status code';
/** A private test CA (CN=Contoso Test Root CA, 2024–2044), the same one tests/fixtures/tls uses. */
const CONTOSO_TEST_ROOT =
  'MIIDRDCCAiygAwIBAgICEAAwDQYJKoZIhvcNAQELBQAwQzELMAkGA1UEBhMCVVMxFTATBgNVBAoMDENvbnRvc28gVGVzdDEdMBsGA1UEAwwUQ29udG9zbyBUZXN0IFJvb3QgQ0EwHhcNMjQwMTAxMDAwMDAwWhcNNDQwMTAxMDAwMDAwWjBDMQswCQYDVQQGEwJVUzEVMBMGA1UECgwMQ29udG9zbyBUZXN0MR0wGwYDVQQDDBRDb250b3NvIFRlc3QgUm9vdCBDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMLGH+0M9tot/NuyMz6XYlZK+OgFjG31ETnCQ/zj3ulyEBQYSekU4crRM89FCoQAILHlBoxKOID9UXOgOg5aetCXxDEbMNcAHeCFPosXT1E3zKzqLQ1Od9HjVd6oda5ApOxu94q9tFjjaiEVVGwmqOcDPy5YfQWAbUjYFyMijOh57L+5mGtOiHLuBm0WgqI7hy3JPQd2sFWn0MOYp2Ba0GXj9AESRrQ8ccWPCtbQryJfvddPIHrjKGlPTUgL0n7JxGhOA6pZBhaQ7dxF/9kT6v6o+b8jA/5wKSVh8XN+Cp4zU2bOqYVdnunjvVovXVitCIwlGp+WDM5LgZ4IVnZjGOkCAwEAAaNCMEAwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwHQYDVR0OBBYEFBAeWO0Knu4aH2cDLNEKHuYGjaxpMA0GCSqGSIb3DQEBCwUAA4IBAQCTLgQLC4ArL3Zw4icqVkwXEUmX+QzvcGGhcxx8HtH0dLx6Za7ARberwnmMv8NQ9J/JSvZ82Rsy6ddOZzyW5hlnG3ZhCaU/LgH7fcev61ve35SWuxefckUKCCrpCYfggH10seI30TJ6LgCpCyl5XZeTgC734AQ+Dt1Qf9Xkinh4UUGHDiO+dW3hVo4j3OBoap0PT6VytyozJE8eKpCdsu3C1fD4/sc6jRX0j88VlATh4hltROPcrri0s0dlRifjNaxB4ZSOHSQoh9tfHTwbiv0dirmFXbN7DjRB/y1utGGUYtpwct8QovZF3dmNVdbr1qT54h/6kQ86zjQgxr1lMbIZ';

// 0. Clean: two sites, custom probes with the right host, all servers healthy.
{
  const gw = restGateway({
    name: 'agw-shop-prod',
    pools: [{ name: 'pool-web', ips: ['10.20.1.4', '10.20.1.5'] }, { name: 'pool-api', ips: ['10.20.1.10'] }],
    settings: [
      { name: 'settings-web', port: 80, protocol: 'Http', timeout: 30, probe: 'probe-web' },
      { name: 'settings-api', port: 8080, protocol: 'Http', timeout: 60, probe: 'probe-api' },
    ],
    probes: [
      { name: 'probe-web', protocol: 'Http', host: 'www.contoso.com', path: '/healthz' },
      { name: 'probe-api', protocol: 'Http', host: 'api.contoso.com', path: '/api/health' },
    ],
    listeners: [{ name: 'listener-www', port: 80, hosts: ['www.contoso.com'] }, { name: 'listener-api', port: 80, hosts: ['api.contoso.com'] }],
    rules: [
      { name: 'rule-www', priority: 100, listener: 'listener-www', pool: 'pool-web', settings: 'settings-web' },
      { name: 'rule-api', priority: 200, listener: 'listener-api', pathMap: 'pathmap-api' },
    ],
    pathMaps: [{ name: 'pathmap-api', defaultPool: 'pool-web', defaultSettings: 'settings-web', rules: [{ name: 'api', paths: ['/api/*'], pool: 'pool-api', settings: 'settings-api' }] }],
  });
  out('clean-gateway.arm.json', JSON.stringify(gw, null, 2));
  out('clean-health.ps.json', psHealth('agw-shop-prod', [
    { pool: 'pool-web', settings: 'settings-web', servers: [{ address: '10.20.1.4', health: 'Healthy', log: HEALTHY }, { address: '10.20.1.5', health: 'Healthy', log: HEALTHY }] },
    { pool: 'pool-api', settings: 'settings-api', servers: [{ address: '10.20.1.10', health: 'Healthy', log: HEALTHY }] },
  ]));
}

// 1. NSG: the web subnet's NSG denies the gateway subnet on the backend port.
{
  const gw = restGateway({
    name: 'agw-api-prod',
    pools: [{ name: 'pool-orders', ips: ['10.20.1.20', '10.20.1.21'] }],
    settings: [{ name: 'settings-orders', port: 8080, protocol: 'Http', timeout: 30, probe: 'probe-orders' }],
    probes: [{ name: 'probe-orders', protocol: 'Http', host: 'orders.contoso.com', path: '/health' }],
    listeners: [{ name: 'listener-orders', port: 80, hosts: ['orders.contoso.com'] }],
    rules: [{ name: 'rule-orders', priority: 100, listener: 'listener-orders', pool: 'pool-orders', settings: 'settings-orders' }],
  });
  out('nsg-gateway.ps.json', toPsJson(gw));
  out('nsg-vnet.arm.json', JSON.stringify(restVnet({ webNsg: 'nsg-snet-web' }), null, 2));
  out('nsg-backend-nsg.arm.json', JSON.stringify({
    name: 'nsg-snet-web',
    id: `${rgId}/Microsoft.Network/networkSecurityGroups/nsg-snet-web`,
    etag: 'W/"5d7e9f1a-3b5c-4d7e-9f1a-3b5c7d9e1f3a"',
    type: 'Microsoft.Network/networkSecurityGroups',
    location: 'koreacentral',
    properties: {
      provisioningState: 'Succeeded',
      securityRules: [
        nsgRule('Deny-AppGw-8080', 100, 'Deny', '10.20.0.0/24', ['8080']),
        nsgRule('Allow-AppGw-Web', 200, 'Allow', '10.20.0.0/24', ['80', '443', '8080']),
      ],
      subnets: [{ id: WEB_SUBNET }],
    },
  }, null, 2));
  out('nsg-health.ps.json', psHealth('agw-api-prod', [
    { pool: 'pool-orders', settings: 'settings-orders', servers: ['10.20.1.20', '10.20.1.21'].map((address) => ({ address, health: 'Unhealthy', log: 'Cannot connect to backend server. Check whether any NSG/UDR/Firewall is blocking access to the server. Check if application is running on correct port.' })) },
  ]));
}

// 2. UDR: the gateway subnet sends 0.0.0.0/0 to a firewall (forced tunnelling, not supported on v2).
{
  const gw = restGateway({
    name: 'agw-portal-prod',
    pools: [{ name: 'pool-portal', ips: ['10.20.1.30', '10.20.1.31'] }],
    settings: [{ name: 'settings-portal', port: 80, protocol: 'Http', timeout: 30, probe: 'probe-portal' }],
    probes: [{ name: 'probe-portal', protocol: 'Http', host: 'portal.contoso.com', path: '/' }],
    listeners: [{ name: 'listener-portal', port: 80, hosts: ['portal.contoso.com'] }],
    rules: [{ name: 'rule-portal', priority: 100, listener: 'listener-portal', pool: 'pool-portal', settings: 'settings-portal' }],
  });
  out('udr-gateway.cli.json', JSON.stringify(toCli(gw), null, 2));
  out('udr-vnet.cli.json', JSON.stringify(toCli(restVnet({ gwRouteTable: 'rt-snet-appgw' })), null, 2));
  out('udr-route-table.cli.json', JSON.stringify(toCli({
    name: 'rt-snet-appgw',
    id: `${rgId}/Microsoft.Network/routeTables/rt-snet-appgw`,
    etag: 'W/"8e0a2c4e-6a8c-4e0a-8c2e-4a6c8e0a2c4e"',
    type: 'Microsoft.Network/routeTables',
    location: 'koreacentral',
    properties: {
      provisioningState: 'Succeeded',
      disableBgpRoutePropagation: false,
      routes: [
        { name: 'default-to-firewall', id: `${rgId}/Microsoft.Network/routeTables/rt-snet-appgw/routes/default-to-firewall`, properties: { addressPrefix: '0.0.0.0/0', nextHopType: 'VirtualAppliance', nextHopIpAddress: '10.20.250.4' } },
      ],
      subnets: [{ id: GW_SUBNET }],
    },
  }), null, 2));
}

// 3. DNS: the VNet uses a custom DNS server that cannot resolve the backend's private name.
{
  const gw = restGateway({
    name: 'agw-erp-prod',
    pools: [{ name: 'pool-erp', fqdns: ['erp01.corp.contoso.local'] }],
    settings: [{ name: 'settings-erp', port: 80, protocol: 'Http', timeout: 60, probe: 'probe-erp', pick: true }],
    probes: [{ name: 'probe-erp', protocol: 'Http', path: '/status', pick: true }],
    listeners: [{ name: 'listener-erp', port: 80, hosts: ['erp.contoso.com'] }],
    rules: [{ name: 'rule-erp', priority: 100, listener: 'listener-erp', pool: 'pool-erp', settings: 'settings-erp' }],
  });
  out('dns-gateway.arm.json', JSON.stringify(gw, null, 2));
  out('dns-vnet.arm.json', JSON.stringify(restVnet({ dns: ['10.50.0.4', '10.50.0.5'] }), null, 2));
  out('dns-health.cli.json', cliHealth('agw-erp-prod', [
    { pool: 'pool-erp', settings: 'settings-erp', servers: [{ address: 'erp01.corp.contoso.local', health: 'Unhealthy', log: 'Application Gateway could not create a probe for this backend. This usually happens when the FQDN of the backend has not been entered correctly.' }] },
  ]));
}

// 4. Default probe: App Service behind HTTPS settings without a custom probe.
{
  const gw = restGateway({
    name: 'agw-brand-prod',
    pools: [{ name: 'pool-appservice', fqdns: ['contoso-brand.azurewebsites.net'] }],
    settings: [{ name: 'settings-appservice', port: 443, protocol: 'Https', timeout: 30, pick: true }],
    listeners: [{ name: 'listener-brand', port: 80, hosts: ['brand.contoso.com'] }],
    rules: [{ name: 'rule-brand', priority: 100, listener: 'listener-brand', pool: 'pool-appservice', settings: 'settings-appservice' }],
  });
  out('default-probe-gateway.ps.txt', toPsText(gw, 'Get-AzApplicationGateway -Name agw-brand-prod -ResourceGroupName rg-web-prod'));
  out('default-probe-health.ps.json', psHealth('agw-brand-prod', [
    { pool: 'pool-appservice', settings: 'settings-appservice', servers: [{ address: 'contoso-brand.azurewebsites.net', health: 'Unhealthy', log: "Status code of the backend's HTTP response did not match the probe setting. Expected:200-399 Received:404." }] },
  ]));
}

// 5. Custom probe: the path lacks its leading "/" and the protocol differs from the settings.
{
  const gw = restGateway({
    name: 'agw-cms-prod',
    pools: [{ name: 'pool-cms', ips: ['10.20.1.40', '10.20.1.41'] }],
    settings: [{ name: 'settings-cms', port: 80, protocol: 'Http', timeout: 30, probe: 'probe-cms' }],
    probes: [{ name: 'probe-cms', protocol: 'Https', host: 'cms.contoso.com', path: 'health/ready' }],
    listeners: [{ name: 'listener-cms', port: 80, hosts: ['cms.contoso.com'] }],
    rules: [{ name: 'rule-cms', priority: 100, listener: 'listener-cms', pool: 'pool-cms', settings: 'settings-cms' }],
  });
  out('custom-probe-gateway.ps.json', toPsJson(gw));
  out('custom-probe-health.ps.json', psHealth('agw-cms-prod', [
    { pool: 'pool-cms', settings: 'settings-cms', servers: ['10.20.1.40', '10.20.1.41'].map((address) => ({ address, health: 'Unhealthy', log: 'Cannot connect to backend server. Check whether any NSG/UDR/Firewall is blocking access to the server. Check if application is running on correct port.' })) },
  ]));
}

// 6. Request time-out: 3 s for a reporting backend, shorter than its probe's time-out.
{
  const gw = restGateway({
    name: 'agw-reports-prod',
    pools: [{ name: 'pool-reports', ips: ['10.20.1.50', '10.20.1.51'] }],
    settings: [{ name: 'settings-reports', port: 80, protocol: 'Http', timeout: 3, probe: 'probe-reports' }],
    probes: [{ name: 'probe-reports', protocol: 'Http', host: 'reports.contoso.com', path: '/health', timeout: 30 }],
    listeners: [{ name: 'listener-reports', port: 80, hosts: ['reports.contoso.com'] }],
    rules: [{ name: 'rule-reports', priority: 100, listener: 'listener-reports', pool: 'pool-reports', settings: 'settings-reports' }],
  });
  out('request-timeout-gateway.arm.json', JSON.stringify(gw, null, 2));
}

// 7. Empty pool: path /static/* goes to a pool nobody filled.
{
  const gw = restGateway({
    name: 'agw-media-prod',
    pools: [{ name: 'pool-media', ips: ['10.20.1.60'] }, { name: 'pool-static', ips: [] }],
    settings: [{ name: 'settings-media', port: 80, protocol: 'Http', timeout: 30, probe: 'probe-media' }],
    probes: [{ name: 'probe-media', protocol: 'Http', host: 'media.contoso.com', path: '/health' }],
    listeners: [{ name: 'listener-media', port: 80, hosts: ['media.contoso.com'] }],
    rules: [{ name: 'rule-media', priority: 100, listener: 'listener-media', pathMap: 'pathmap-media' }],
    pathMaps: [{ name: 'pathmap-media', defaultPool: 'pool-media', defaultSettings: 'settings-media', rules: [{ name: 'static', paths: ['/static/*'], pool: 'pool-static', settings: 'settings-media' }] }],
  });
  out('empty-pool-gateway.cli.json', JSON.stringify(toCli(gw), null, 2));
}

// 8. Unhealthy backends: every server times out on its probe.
{
  const gw = restGateway({
    name: 'agw-booking-prod',
    pools: [{ name: 'pool-booking', ips: ['10.20.1.70', '10.20.1.71', '10.20.1.72'] }],
    settings: [{ name: 'settings-booking', port: 80, protocol: 'Http', timeout: 30, probe: 'probe-booking' }],
    probes: [{ name: 'probe-booking', protocol: 'Http', host: 'booking.contoso.com', path: '/health', timeout: 10 }],
    listeners: [{ name: 'listener-booking', port: 80, hosts: ['booking.contoso.com'] }],
    rules: [{ name: 'rule-booking', priority: 100, listener: 'listener-booking', pool: 'pool-booking', settings: 'settings-booking' }],
  });
  out('unhealthy-gateway.arm.json', JSON.stringify(gw, null, 2));
  out('unhealthy-health.ps.json', psHealth('agw-booking-prod', [
    { pool: 'pool-booking', settings: 'settings-booking', servers: ['10.20.1.70', '10.20.1.71', '10.20.1.72'].map((address) => ({ address, health: 'Unhealthy', log: "Time taken by the backend to respond to application gateway's health probe is more than the timeout threshold in the probe setting." })) },
  ]));
}

// 9. Upstream certificate: HTTPS to the backend with a host name the backend's certificate does not carry.
{
  const gw = restGateway({
    name: 'agw-pay-prod',
    pools: [{ name: 'pool-pay', ips: ['10.20.1.80', '10.20.1.81'] }],
    settings: [{ name: 'settings-pay-https', port: 443, protocol: 'Https', timeout: 30, probe: 'probe-pay', hostName: 'pay.contoso.com', roots: ['root-contoso-ca'] }],
    probes: [{ name: 'probe-pay', protocol: 'Https', path: '/health', pick: true }],
    listeners: [{ name: 'listener-pay', port: 80, hosts: ['pay.contoso.com'] }],
    rules: [{ name: 'rule-pay', priority: 100, listener: 'listener-pay', pool: 'pool-pay', settings: 'settings-pay-https' }],
    trustedRoots: [{ name: 'root-contoso-ca', data: CONTOSO_TEST_ROOT }],
  });
  out('backend-tls-gateway.ps.txt', toPsText(gw, 'Get-AzApplicationGateway -Name agw-pay-prod -ResourceGroupName rg-web-prod'));
  out('backend-tls-health.ps.json', psHealth('agw-pay-prod', [
    { pool: 'pool-pay', settings: 'settings-pay-https', servers: ['10.20.1.80', '10.20.1.81'].map((address) => ({ address, health: 'Unhealthy', log: 'The Common Name of the leaf certificate presented by the backend server does not match the Probe or Backend Setting hostname of the application gateway.' })) },
  ]));
}

// ------------------------------------------------------------------ traffic samples (access logs, metrics)
// One per 502 class of logs-and-metrics.md §6: a gateway plus its log export (and backend health / metrics where the
// class needs them), in the shapes users bring (§1–4, §7): storage PT1H.json (one object per line, and the older
// `records` wrapper), Log Analytics portal CSV exports of AzureDiagnostics (US-locale dates, v1 and v2) and of
// AGWAccessLogs (ISO dates), and `az monitor metrics list -o json`. All on 2026-03-10, 08:30–09:30 UTC.

/** mulberry32: a small seeded random source, so `npm run samples` writes the same bytes every time. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const r = {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    num: (lo: number, hi: number, digits = 3) => Number((lo + next() * (hi - lo)).toFixed(digits)),
    pick: <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)],
    hex: (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join(''),
  };
  return r;
}
type Rng = ReturnType<typeof rng>;

interface Site { gw: string; listener: string; rule: string; pool: string; settings: string; host: string; port: number }
interface Req {
  ms: number;
  method: string;
  uri: string;
  status: number;
  /** Backend status as written: '' or '-' when no backend answered. */
  serverStatus: string;
  /** serverResponseLatency in seconds as written ('' when none). */
  latency: string;
  /** Seconds (v2); the v1 writers turn it into milliseconds. */
  timeTaken: number;
  errorInfo: string;
  /** `ip:port` (v2) or the IP (v1); '' when no backend was used. */
  server: string;
  instance: string;
  clientIp: string;
  clientPort: number;
  agent: string;
  tx: string;
  received: number;
  sent: number;
}

const T0 = Date.UTC(2026, 2, 10, 8, 30);
const at = (m: number, s = 0) => T0 + m * 60_000 + Math.round(s * 1000);
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36 Edg/133.0.0.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36',
];
const logRid = (gw: string) => gwId(gw).toUpperCase();

/** One request with the client-side details every shape carries; `o` says what happened. */
function req(r: Rng, site: Site, ms: number, o: Partial<Req> & { uri: string; status: number }): Req {
  const ok = o.status < 400;
  const server = o.server ?? '';
  const latency = o.latency ?? '';
  return {
    ms,
    method: o.method ?? 'GET',
    uri: o.uri,
    status: o.status,
    serverStatus: o.serverStatus ?? (server ? String(o.status) : '-'),
    latency,
    timeTaken: o.timeTaken ?? (latency ? Number((Number(latency) + r.num(0.001, 0.006)).toFixed(3)) : r.num(0.001, 0.004)),
    errorInfo: o.errorInfo ?? 'ERRORINFO_NO_ERROR',
    server,
    instance: o.instance ?? r.pick(['appgw_0', 'appgw_1']),
    clientIp: `${r.pick(['203.0.113', '198.51.100', '192.0.2'])}.${r.int(2, 250)}`,
    clientPort: r.int(49152, 65000),
    agent: o.agent ?? r.pick(AGENTS),
    tx: r.hex(32),
    received: o.received ?? (o.method === 'POST' ? r.int(1200, 96000) : r.int(420, 980)),
    sent: o.sent ?? (ok ? r.int(900, 48000) : r.int(280, 560)),
  };
}

const isoNoMs = (ms: number) => new Date(ms).toISOString().replace(/\.\d+Z$/, '+00:00');

/** The v2 record of DIAG, as a storage blob holds it (PT1H.json). */
function v2Record(site: Site, q: Req): J {
  const [path, query = ''] = q.uri.split('?');
  return {
    timeStamp: isoNoMs(q.ms), resourceId: logRid(site.gw), listenerName: site.listener, ruleName: site.rule, backendPoolName: site.pool, backendSettingName: site.settings,
    operationName: 'ApplicationGatewayAccess', category: 'ApplicationGatewayAccessLog',
    properties: {
      instanceId: q.instance, clientIP: q.clientIp, clientPort: q.clientPort, httpMethod: q.method, originalRequestUriWithArgs: q.uri, requestUri: path, requestQuery: query,
      userAgent: q.agent, httpStatus: q.status, httpVersion: 'HTTP/1.1', receivedBytes: q.received, sentBytes: q.sent, clientResponseTime: q.status < 400 ? 0.001 : 0,
      timeTaken: q.timeTaken, WAFEvaluationTime: '-', WAFMode: '-', transactionId: q.tx, sslEnabled: 'off', sslCipher: '', sslProtocol: '', sslClientVerify: 'NONE',
      serverRouted: q.server, serverStatus: q.serverStatus, serverResponseLatency: q.latency, upstreamSourcePort: q.server ? String(20000 + (q.clientPort % 30000)) : '-',
      originalHost: site.host, host: site.host, error_info: q.errorInfo, contentType: q.status < 400 ? 'text/html; charset=utf-8' : '-',
    },
  };
}

const csvCell = (v: unknown) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const toCsv = (cols: string[], rows: unknown[][]) => [cols, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

/** `3/10/2026, 9:02:17.412 AM`: the portal's US-locale date. */
function usDate(ms: number): string {
  const d = new Date(ms);
  const h = d.getUTCHours();
  const p = (x: number, w = 2) => String(x).padStart(w, '0');
  return `${d.getUTCMonth() + 1}/${d.getUTCDate()}/${d.getUTCFullYear()}, ${h % 12 || 12}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} ${h < 12 ? 'AM' : 'PM'}`;
}

const AD_HEAD = ['TenantId', 'TimeGenerated [UTC]', 'ResourceId', 'Category', 'ResourceGroup', 'SubscriptionId', 'ResourceProvider', 'Resource', 'ResourceType', 'OperationName'];
const AD_TAIL = ['SourceSystem', 'Type', '_ResourceId'];
const TENANT = '5c1b7e9d-2a4f-4e8b-9d3c-6f0a1b2c3d4e';

function adHead(site: Site, ms: number): unknown[] {
  return [TENANT, usDate(ms), logRid(site.gw), 'ApplicationGatewayAccessLog', RG.toUpperCase(), SUB, 'MICROSOFT.NETWORK', site.gw.toUpperCase(), 'APPLICATIONGATEWAYS', 'ApplicationGatewayAccess'];
}
const adTail = (site: Site) => ['Azure', 'AzureDiagnostics', gwId(site.gw).toLowerCase()];

/** Portal "Export to CSV (all columns)" of AzureDiagnostics, v2 rows. */
function azureDiagnosticsV2(site: Site, rows: Req[]): string {
  const cols = [...AD_HEAD, 'instanceId_s', 'clientIP_s', 'clientPort_d', 'httpMethod_s', 'requestUri_s', 'requestQuery_s', 'userAgent_s', 'httpStatus_d', 'httpVersion_s', 'receivedBytes_d', 'sentBytes_d',
    'timeTaken_d', 'sslEnabled_s', 'host_s', 'originalHost_s', 'serverRouted_s', 'serverStatus_s', 'serverResponseLatency_s', 'error_info_s', 'listenerName_s', 'ruleName_s', 'backendPoolName_s',
    'backendSettingName_s', 'transactionId_g', 'AdditionalFields', ...AD_TAIL];
  return toCsv(cols, rows.map((q) => {
    const [path, query = ''] = q.uri.split('?');
    return [...adHead(site, q.ms), q.instance, q.clientIp, q.clientPort, q.method, path, query, q.agent, q.status, 'HTTP/1.1', q.received, q.sent,
      q.timeTaken, 'off', site.host, site.host, q.server, q.serverStatus, q.latency, q.errorInfo, site.listener, site.rule, site.pool,
      site.settings, q.tx.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'), JSON.stringify({ originalRequestUriWithArgs_s: q.uri, contentType_s: q.status < 400 ? 'text/html' : '-' }), ...adTail(site)];
  }));
}

/** The same export from a v1 gateway: no server fields; the backend and its status sit in requestQuery; timeTaken in ms. */
function azureDiagnosticsV1(site: Site, rows: Req[]): string {
  const cols = [...AD_HEAD, 'instanceId_s', 'clientIP_s', 'clientPort_d', 'httpMethod_s', 'requestUri_s', 'requestQuery_s', 'userAgent_s', 'httpStatus_d', 'httpVersion_s', 'receivedBytes_d', 'sentBytes_d',
    'timeTaken_d', 'sslEnabled_s', 'host_s', 'originalHost_s', ...AD_TAIL];
  return toCsv(cols, rows.map((q) => {
    const [path, query] = q.uri.split('?');
    const logId = `${q.tx.slice(0, 8)}-${q.tx.slice(8, 12)}-${q.tx.slice(12, 16)}-${q.tx.slice(16, 20)}-${q.tx.slice(20)}`;
    const rq = [...(query ? [query] : []), 'X-AzureApplicationGateway-CACHE-HIT=0', ...(q.server ? [`SERVER-ROUTED=${q.server}`] : []), `X-AzureApplicationGateway-LOG-ID=${logId}`, ...(/^\d+$/.test(q.serverStatus) ? [`SERVER-STATUS=${q.serverStatus}`] : [])].join('&');
    return [...adHead(site, q.ms), q.instance, q.clientIp, q.clientPort, q.method, path, rq, q.agent, q.status, 'HTTP/1.1', q.received, q.sent,
      Math.round(q.timeTaken * 1000), 'off', site.host, site.host, ...adTail(site)];
  }));
}

/** Portal "Export to CSV (displayed columns)" of AGWAccessLogs: typed columns (ServerStatus an int, empty when none). */
function agwAccessLogs(site: Site, rows: Req[]): string {
  const cols = ['TimeGenerated [UTC]', 'OperationName', 'InstanceId', 'ClientIp', 'ClientPort', 'HttpMethod', 'RequestUri', 'OriginalRequestUriWithArgs', 'UserAgent', 'HttpStatus', 'HttpVersion',
    'ReceivedBytes', 'SentBytes', 'TimeTaken', 'SslEnabled', 'Host', 'OriginalHost', 'ServerRouted', 'ServerStatus', 'ServerResponseLatency', 'ErrorInfo', 'ListenerName', 'RuleName',
    'BackendPoolName', 'BackendSettingName', 'TransactionId', 'Type', '_ResourceId'];
  return toCsv(cols, rows.map((q) => [
    new Date(q.ms).toISOString(), 'ApplicationGatewayAccess', q.instance, q.clientIp, q.clientPort, q.method, q.uri.split('?')[0], q.uri, q.agent, q.status, 'HTTP/1.1',
    q.received, q.sent, q.timeTaken, 'off', site.host, site.host, q.server, /^\d+$/.test(q.serverStatus) ? q.serverStatus : '', /^[\d.]+$/.test(q.latency) ? q.latency : '', q.errorInfo,
    site.listener, site.rule, site.pool, site.settings, q.tx, 'AGWAccessLogs', gwId(site.gw).toLowerCase(),
  ]));
}

/** `az monitor metrics list --resource <gw> --metrics ... --interval PT5M -o json`: one series per metric (and dimension value). */
function metricsJson(gw: string, metrics: { name: string; label: string; unit: string; dims?: Record<string, string>; points: { average?: number | null; maximum?: number | null; total?: number | null }[] }[]): string {
  const times = (n: number) => Array.from({ length: n }, (_, i) => new Date(T0 + i * 300_000).toISOString().replace('.000Z', '+00:00'));
  const byName = new Map<string, typeof metrics>();
  for (const m of metrics) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  return JSON.stringify({
    cost: 0,
    interval: 'PT5M',
    namespace: 'Microsoft.Network/applicationGateways',
    resourceregion: 'koreacentral',
    timespan: `${new Date(T0).toISOString().replace('.000Z', 'Z')}/${new Date(T0 + 3_600_000).toISOString().replace('.000Z', 'Z')}`,
    value: [...byName.values()].map((ms) => ({
      displayDescription: ms[0].label,
      errorCode: 'Success',
      id: `${gwId(gw)}/providers/Microsoft.Insights/metrics/${ms[0].name}`,
      name: { localizedValue: ms[0].label, value: ms[0].name },
      resourceGroup: RG,
      timeseries: ms.map((m) => ({
        data: times(m.points.length).map((timeStamp, i) => ({ average: m.points[i].average ?? null, count: null, maximum: m.points[i].maximum ?? null, minimum: null, timeStamp, total: m.points[i].total ?? null })),
        metadatavalues: Object.entries(m.dims ?? {}).map(([k, v]) => ({ name: { localizedValue: k, value: k }, value: v })),
      })),
      type: 'Microsoft.Insights/metrics',
      unit: ms[0].unit,
    })),
  }, null, 2);
}

/** Rows per 5-minute point of a metric (FailedRequests from the same rows the log holds). */
function per5min(rows: Req[], pick: (q: Req) => boolean): number[] {
  const out = Array.from({ length: 12 }, () => 0);
  for (const q of rows) if (pick(q)) out[Math.min(11, Math.floor((q.ms - T0) / 300_000))]++;
  return out;
}

/** Successful traffic: about one request every `every` seconds from minute `from` to `to`, spread over the servers. */
function okTraffic(r: Rng, site: Site, from: number, to: number, every: number, servers: string[], pages: { uri: string; method?: string; latency: [number, number] }[]): Req[] {
  const out: Req[] = [];
  for (let s = from * 60 + r.int(0, every); s < to * 60; s += r.int(Math.round(every / 2), Math.round(every * 1.5))) {
    const page = r.pick(pages);
    const latency = r.num(page.latency[0], page.latency[1]).toFixed(3);
    out.push(req(r, site, at(0, s + r.next()), { uri: page.uri, method: page.method, status: 200, server: r.pick(servers), latency }));
  }
  return out;
}
const byTime = (rows: Req[]) => rows.sort((a, b) => a.ms - b.ms);

// T1. No healthy backend: from 09:02 every request gets 502 with no backend status (ERRORINFO_UPSTREAM_NO_LIVE); both
//     servers fail their probe (backend health), UnhealthyHostCount goes to 2 in the same minutes.
{
  const r = rng(101);
  const site: Site = { gw: 'agw-tickets-prod', listener: 'listener-tickets', rule: 'rule-tickets', pool: 'pool-tickets', settings: 'settings-tickets', host: 'tickets.contoso.com', port: 80 };
  const gw = restGateway({
    name: site.gw,
    pools: [{ name: site.pool, ips: ['10.20.1.90', '10.20.1.91'] }],
    settings: [{ name: site.settings, port: 80, protocol: 'Http', timeout: 30, probe: 'probe-tickets' }],
    probes: [{ name: 'probe-tickets', protocol: 'Http', host: site.host, path: '/health', timeout: 20 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  const pages = [{ uri: '/', latency: [0.02, 0.09] as [number, number] }, { uri: '/events', latency: [0.05, 0.2] as [number, number] }, { uri: '/events/2026-spring-concert', latency: [0.05, 0.25] as [number, number] }, { uri: '/api/seats?event=2026-spring-concert', latency: [0.08, 0.4] as [number, number] }];
  const rows = okTraffic(r, site, 0, 32, 80, ['10.20.1.90:80', '10.20.1.91:80'], pages);
  for (let s = 32 * 60 + 14; s < 60 * 60; s += r.int(30, 65)) {
    const page = r.pick(pages);
    rows.push(req(r, site, at(0, s + r.next()), { uri: page.uri, status: 502, serverStatus: '-', latency: '', errorInfo: 'ERRORINFO_UPSTREAM_NO_LIVE' }));
  }
  byTime(rows);
  out('traffic-no-healthy-gateway.arm.json', JSON.stringify(gw, null, 2));
  out('traffic-no-healthy-health.ps.json', psHealth(site.gw, [
    { pool: site.pool, settings: site.settings, servers: ['10.20.1.90', '10.20.1.91'].map((address) => ({ address, health: 'Unhealthy', log: "Time taken by the backend to respond to application gateway's health probe is more than the timeout threshold in the probe setting." })) },
  ]));
  out('traffic-no-healthy-PT1H.json', rows.map((q) => JSON.stringify(v2Record(site, q))).join('\n'));
  const failed = per5min(rows, (q) => q.status >= 500);
  const dims = { BackendSettingsPool: `${site.pool}~${site.settings}` };
  out('traffic-no-healthy-metrics.json', metricsJson(site.gw, [
    { name: 'CapacityUnits', label: 'Current Capacity Units', unit: 'Count', points: [11.2, 12.8, 12.1, 13.5, 12.9, 14.2, 9.7, 6.1, 5.8, 6.3, 5.9, 6.0].map((m) => ({ average: Number((m * 0.85).toFixed(2)), maximum: m })) },
    { name: 'UnhealthyHostCount', label: 'Unhealthy Host Count', unit: 'Count', dims, points: [0, 0, 0, 0, 0, 0, 1.2, 2, 2, 2, 2, 2].map((v, i) => ({ average: v, maximum: i === 6 ? 2 : v })) },
    { name: 'HealthyHostCount', label: 'Healthy Host Count', unit: 'Count', dims, points: [2, 2, 2, 2, 2, 2, 0.8, 0, 0, 0, 0, 0].map((v, i) => ({ average: v, maximum: i === 6 ? 2 : v })) },
    { name: 'FailedRequests', label: 'Failed Requests', unit: 'Count', points: failed.map((total) => ({ total })) },
  ]));
}

// T2. Backend time-out on a v1 gateway: the month-end payroll export runs past the settings' 20 s request time-out and
//     v1 answers 502 at ≈ 20 s (logs-and-metrics.md §6). AzureDiagnostics CSV of v1 rows (timeTaken in ms).
{
  const r = rng(202);
  const site: Site = { gw: 'agw-hr-prod', listener: 'listener-hr', rule: 'rule-hr', pool: 'pool-hr', settings: 'settings-hr', host: 'hr.contoso.com', port: 80 };
  const gw = restGateway({
    name: site.gw,
    sku: 'Standard_Medium',
    pools: [{ name: site.pool, ips: ['10.20.1.100', '10.20.1.101'] }],
    settings: [{ name: site.settings, port: 80, protocol: 'Http', timeout: 20, probe: 'probe-hr' }],
    probes: [{ name: 'probe-hr', protocol: 'Http', host: site.host, path: '/health', timeout: 15 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  gw.properties.sku = { name: 'Standard_Medium', tier: 'Standard', capacity: 2 };
  delete gw.zones;
  // v1 listeners carry one hostName.
  for (const l of gw.properties.httpListeners) {
    l.properties.hostName = l.properties.hostNames[0];
    delete l.properties.hostNames;
  }
  const v1 = (q: Req) => ({ ...q, instance: q.ms % 2 ? 'ApplicationGatewayRole_IN_0' : 'ApplicationGatewayRole_IN_1', server: q.server.replace(/:\d+$/, '') });
  const pages = [{ uri: '/', latency: [0.03, 0.12] as [number, number] }, { uri: '/employees', latency: [0.08, 0.3] as [number, number] }, { uri: '/payroll', latency: [0.1, 0.4] as [number, number] }, { uri: '/leave/requests?status=open', latency: [0.05, 0.2] as [number, number] }];
  const rows = okTraffic(r, site, 0, 60, 100, ['10.20.1.100:80', '10.20.1.101:80'], pages);
  // Exports that finish in time (slow but under 20 s), then the month-end batch that does not.
  for (const m of [4, 11, 19]) {
    const latency = r.num(9, 17).toFixed(3);
    rows.push(req(r, site, at(m, r.int(0, 59)), { method: 'POST', uri: '/payroll/export?format=xlsx&period=2026-02', status: 200, server: r.pick(['10.20.1.100:80', '10.20.1.101:80']), latency }));
  }
  for (let s = 27 * 60 + 8; s < 52 * 60; s += r.int(50, 140)) {
    rows.push(req(r, site, at(0, s + r.next()), { method: 'POST', uri: '/payroll/export?format=xlsx&period=2026-02', status: 502, server: r.pick(['10.20.1.100:80', '10.20.1.101:80']), serverStatus: '-', latency: '', timeTaken: r.num(20.002, 20.047) }));
  }
  byTime(rows);
  out('traffic-timeout-gateway.ps.json', toPsJson(gw));
  out('traffic-timeout-AzureDiagnostics.csv', azureDiagnosticsV1(site, rows.map(v1)));
}

// T3. The backend answers 5xx itself: after a deployment one checkout server returns 500/503 on /api/payments while the
//     gateway and its probes are fine. AGWAccessLogs CSV plus backend health (all healthy).
{
  const r = rng(303);
  const site: Site = { gw: 'agw-checkout-prod', listener: 'listener-checkout', rule: 'rule-checkout', pool: 'pool-checkout', settings: 'settings-checkout', host: 'checkout.contoso.com', port: 80 };
  const servers = ['10.20.1.110:8080', '10.20.1.111:8080', '10.20.1.112:8080'];
  const gw = restGateway({
    name: site.gw,
    pools: [{ name: site.pool, ips: servers.map((s) => s.split(':')[0]) }],
    settings: [{ name: site.settings, port: 8080, protocol: 'Http', timeout: 30, probe: 'probe-checkout' }],
    probes: [{ name: 'probe-checkout', protocol: 'Http', host: site.host, path: '/health', timeout: 20 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  const pages = [{ uri: '/cart', latency: [0.04, 0.15] as [number, number] }, { uri: '/api/cart/items', latency: [0.02, 0.09] as [number, number] }, { uri: '/api/payments', method: 'POST', latency: [0.3, 0.9] as [number, number] }, { uri: '/api/shipping/quote?zip=04524', latency: [0.05, 0.2] as [number, number] }];
  const rows = okTraffic(r, site, 0, 60, 70, servers, pages);
  // From 09:06 the new build on 10.20.1.112 fails payments; one 503 slips through on 10.20.1.110 while it restarts.
  for (let s = 36 * 60 + 20; s < 60 * 60; s += r.int(35, 80)) {
    const status = r.next() < 0.75 ? 500 : 503;
    rows.push(req(r, site, at(0, s + r.next()), { method: 'POST', uri: '/api/payments', status, server: '10.20.1.112:8080', serverStatus: String(status), latency: r.num(0.08, 1.4).toFixed(3), sent: r.int(310, 420) }));
  }
  rows.push(req(r, site, at(44, 31.5), { method: 'POST', uri: '/api/payments', status: 503, server: '10.20.1.110:8080', serverStatus: '503', latency: '0.004' }));
  byTime(rows);
  out('traffic-backend-5xx-gateway.cli.json', JSON.stringify(toCli(gw), null, 2));
  out('traffic-backend-5xx-health.cli.json', cliHealth(site.gw, [{ pool: site.pool, settings: site.settings, servers: servers.map((s) => ({ address: s.split(':')[0], health: 'Healthy', log: HEALTHY })) }]));
  out('traffic-backend-5xx-AGWAccessLogs.csv', agwAccessLogs(site, rows));
}

// T4. The backend closes the connection: uploads and downloads after idle gaps hit connections the backend's keep-alive
//     already closed (ERRORINFO_UPSTREAM_CLOSED_CONNECTION). Storage blob in the older `records` wrapper.
{
  const r = rng(404);
  const site: Site = { gw: 'agw-files-prod', listener: 'listener-files', rule: 'rule-files', pool: 'pool-files', settings: 'settings-files', host: 'files.contoso.com', port: 80 };
  const servers = ['10.20.1.120:80', '10.20.1.121:80'];
  const gw = restGateway({
    name: site.gw,
    pools: [{ name: site.pool, ips: servers.map((s) => s.split(':')[0]) }],
    settings: [{ name: site.settings, port: 80, protocol: 'Http', timeout: 120, probe: 'probe-files' }],
    probes: [{ name: 'probe-files', protocol: 'Http', host: site.host, path: '/healthz', timeout: 30 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  const pages = [{ uri: '/', latency: [0.02, 0.08] as [number, number] }, { uri: '/upload', method: 'POST', latency: [0.6, 4.5] as [number, number] }, { uri: '/download/report-2026-02.pdf', latency: [0.1, 1.2] as [number, number] }, { uri: '/api/files?folder=shared', latency: [0.05, 0.2] as [number, number] }];
  const rows = okTraffic(r, site, 0, 60, 100, servers, pages);
  for (let s = 3 * 60; s < 60 * 60; s += r.int(90, 260)) {
    const upload = r.next() < 0.65;
    rows.push(req(r, site, at(0, s + r.next()), { method: upload ? 'POST' : 'GET', uri: upload ? '/upload' : '/download/report-2026-02.pdf', status: 502, server: r.pick(servers), serverStatus: '-', latency: r.num(0.001, 0.004).toFixed(3), errorInfo: 'ERRORINFO_UPSTREAM_CLOSED_CONNECTION' }));
  }
  byTime(rows);
  out('traffic-closed-gateway.arm.json', JSON.stringify(gw, null, 2));
  out('traffic-closed-PT1H.json', JSON.stringify({ records: rows.map((q) => v2Record(site, q)) }));
}

// T5. Client side: the mobile app gives up after 10 s while the feed is slow (499, ERRORINFO_CLIENT_CLOSED_REQUEST), and a
//     few uploads never finish sending (408). Not a gateway or backend failure. AzureDiagnostics CSV of v2 rows.
{
  const r = rng(505);
  const site: Site = { gw: 'agw-mobile-prod', listener: 'listener-mobile', rule: 'rule-mobile', pool: 'pool-mobile', settings: 'settings-mobile', host: 'm.contoso.com', port: 80 };
  const servers = ['10.20.1.130:80', '10.20.1.131:80'];
  const gw = restGateway({
    name: site.gw,
    pools: [{ name: site.pool, ips: servers.map((s) => s.split(':')[0]) }],
    settings: [{ name: site.settings, port: 80, protocol: 'Http', timeout: 60, probe: 'probe-mobile' }],
    probes: [{ name: 'probe-mobile', protocol: 'Http', host: site.host, path: '/health', timeout: 30 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  const app = 'ContosoMobile/5.2.1 (iPhone; iOS 18.3) okhttp/4.12.0';
  const pages = [{ uri: '/api/feed?page=1', latency: [0.3, 1.8] as [number, number] }, { uri: '/api/profile', latency: [0.05, 0.2] as [number, number] }, { uri: '/api/notifications', latency: [0.05, 0.3] as [number, number] }];
  const rows = okTraffic(r, site, 0, 60, 80, servers, pages).map((q) => ({ ...q, agent: app }));
  for (let s = 29 * 60; s < 47 * 60; s += r.int(30, 70)) {
    if (r.next() < 0.35) rows.push(req(r, site, at(0, s + r.next()), { uri: '/api/feed?page=1', status: 200, server: r.pick(servers), latency: r.num(6, 9.6).toFixed(3), agent: app }));
    else rows.push(req(r, site, at(0, s + r.next()), { uri: '/api/feed?page=1', status: 499, server: r.pick(servers), serverStatus: '-', latency: '', timeTaken: r.num(10.001, 10.09), errorInfo: 'ERRORINFO_CLIENT_CLOSED_REQUEST', agent: app }));
  }
  for (const m of [13, 38, 51]) rows.push(req(r, site, at(m, r.int(0, 59)), { method: 'POST', uri: '/api/profile/avatar', status: 408, serverStatus: '-', latency: '', timeTaken: r.num(60, 60.2), agent: app, received: r.int(2000, 9000) }));
  byTime(rows);
  out('traffic-client-gateway.cli.json', JSON.stringify(toCli(gw), null, 2));
  out('traffic-client-AzureDiagnostics.csv', azureDiagnosticsV2(site, rows));
}

// T6. Capacity saturated: a flash sale drives CapacityUnits to 97–99 of 100 (10 × autoscale maxCapacity 10) from 09:00 to
//     09:15; gateway-made 502s (no backend status) in those minutes, no unhealthy host. AGWAccessLogs CSV + metrics.
{
  const r = rng(606);
  const site: Site = { gw: 'agw-sale-prod', listener: 'listener-shop', rule: 'rule-shop', pool: 'pool-shop', settings: 'settings-shop', host: 'shop.contoso.com', port: 80 };
  const servers = ['10.20.1.140:80', '10.20.1.141:80', '10.20.1.142:80', '10.20.1.143:80'];
  const gw = restGateway({
    name: site.gw,
    pools: [{ name: site.pool, ips: servers.map((s) => s.split(':')[0]) }],
    settings: [{ name: site.settings, port: 80, protocol: 'Http', timeout: 30, probe: 'probe-shop' }],
    probes: [{ name: 'probe-shop', protocol: 'Http', host: site.host, path: '/health', timeout: 20 }],
    listeners: [{ name: site.listener, port: 80, hosts: [site.host] }],
    rules: [{ name: site.rule, priority: 100, listener: site.listener, pool: site.pool, settings: site.settings }],
  });
  const pages = [{ uri: '/', latency: [0.02, 0.1] as [number, number] }, { uri: '/sale', latency: [0.05, 0.3] as [number, number] }, { uri: '/products/sku-20417', latency: [0.04, 0.2] as [number, number] }, { uri: '/api/cart/items', method: 'POST', latency: [0.05, 0.25] as [number, number] }];
  const rows = [...okTraffic(r, site, 0, 60, 90, servers, pages), ...okTraffic(r, site, 25, 50, 60, servers, pages)];
  for (let s = 30 * 60 + 25; s < 45 * 60; s += r.int(15, 40)) {
    const page = r.pick(pages);
    rows.push(req(r, site, at(0, s + r.next()), { method: page.method, uri: page.uri, status: 502, serverStatus: '', latency: '', errorInfo: '' }));
  }
  byTime(rows);
  out('traffic-capacity-gateway.ps.json', toPsJson(gw));
  out('traffic-capacity-AGWAccessLogs.csv', agwAccessLogs(site, rows));
  const cu = [18.4, 21.7, 30.2, 47.9, 66.3, 88.1, 97.6, 99.1, 98.4, 71.2, 42.5, 29.8];
  out('traffic-capacity-metrics.json', metricsJson(site.gw, [
    { name: 'CapacityUnits', label: 'Current Capacity Units', unit: 'Count', points: cu.map((m) => ({ average: Number((m * 0.86).toFixed(2)), maximum: m })) },
    { name: 'ComputeUnits', label: 'Current Compute Units', unit: 'Count', points: cu.map((m) => ({ average: Number((m * 0.7).toFixed(2)), maximum: Number((m * 0.82).toFixed(1)) })) },
    { name: 'UnhealthyHostCount', label: 'Unhealthy Host Count', unit: 'Count', dims: { BackendSettingsPool: `${site.pool}~${site.settings}` }, points: cu.map(() => ({ average: 0, maximum: 0 })) },
    { name: 'FailedRequests', label: 'Failed Requests', unit: 'Count', points: per5min(rows, (q) => q.status >= 500).map((total) => ({ total })) },
  ]));
}

console.log('samples written');
