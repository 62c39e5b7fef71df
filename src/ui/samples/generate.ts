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

console.log('samples written');
