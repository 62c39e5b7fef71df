/**
 * Small models built in code for rule tests (ESLint RuleTester style): `gatewayWith({...})` gives a
 * consistent v2 gateway with one listener → rule → settings → pool, which a test then bends.
 */
import type {
  BackendAddressPool, BackendHealth, BackendHttpSettings, Gateway, HttpListener, NetworkSecurityGroup, Probe, RequestRoutingRule,
  RouteTable, SecurityRule, SourceRef, Subnet, VirtualNetwork, Workspace, EffectiveNsg, EffectiveRoutes, NetworkInterface,
} from '../../src/core/model/types';
import { emptyNetworkContext } from '../../src/core/model/types';
import { makeRef } from '../../src/core/model/ids';
import { runRules, type EngineFinding } from '../../src/core/rules/engine';
import type { CertificateLookup } from '../../src/core/rules/certificates';
import type { Rule } from '../../src/core/rules/types';
import { expect } from 'vitest';

export const SUB = '00000000-0000-0000-0000-000000000000';
export const RG = 'rg1';
export const GW = 'gw1';
export const GW_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/applicationGateways/${GW}`;
export const VNET_ID = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/virtualNetworks/vnet1`;
export const GW_SUBNET_ID = `${VNET_ID}/subnets/appgw-subnet`;
export const BE_SUBNET_ID = `${VNET_ID}/subnets/backend-subnet`;

const src = (pointer = ''): SourceRef => ({ document: 'test.json', pointer });
export const sub = (collection: string, name: string) => `${GW_ID}/${collection}/${name}`;
export const ref = (collection: string, name: string) => makeRef(sub(collection, name));

export function pool(name: string, addresses: { ipAddress?: string; fqdn?: string }[] = [{ ipAddress: '10.0.1.4' }]): BackendAddressPool {
  return { id: sub('backendAddressPools', name), name, source: src(`/pools/${name}`), backendAddresses: addresses.map((a, index) => ({ ...a, index })), addressesSource: src(`/pools/${name}/backendAddresses`), backendIpConfigurations: [], blankAddresses: 0 };
}

export function settings(name: string, over: Partial<BackendHttpSettings> = {}): BackendHttpSettings {
  return { id: sub('backendHttpSettingsCollection', name), name, source: src(`/settings/${name}`), port: 80, protocol: 'Http', requestTimeout: 20, authenticationCertificates: [], trustedRootCertificates: [], ...over };
}

export function probe(name: string, over: Partial<Probe> = {}): Probe {
  return { id: sub('probes', name), name, source: src(`/probes/${name}`), protocol: 'Http', path: '/', interval: 30, timeout: 30, unhealthyThreshold: 3, host: '127.0.0.1', pickHostNameFromBackendHttpSettings: false, match: { statusCodes: ['200-399'] }, ...over };
}

export function listener(name: string, over: Partial<HttpListener> = {}): HttpListener {
  return { id: sub('httpListeners', name), name, source: src(`/listeners/${name}`), frontendIpConfiguration: ref('frontendIPConfigurations', 'fe-public'), frontendPort: ref('frontendPorts', 'port80'), protocol: 'Http', hostNames: [], ...over };
}

export function rule(name: string, over: Partial<RequestRoutingRule> = {}): RequestRoutingRule {
  return { id: sub('requestRoutingRules', name), name, source: src(`/rules/${name}`), ruleType: 'Basic', priority: 100, httpListener: ref('httpListeners', 'listener1'), backendAddressPool: ref('backendAddressPools', 'pool1'), backendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'), ...over };
}

/** A healthy-looking v2 gateway: public frontend :80 → listener1 → rule1 → settings1 (Http 80) → pool1 (10.0.1.4). */
export function gatewayWith(over: Partial<Gateway> = {}): Gateway {
  return {
    id: GW_ID,
    name: GW,
    source: src(''),
    form: 'arm-rest',
    resourceGroup: RG,
    subscriptionId: SUB,
    location: 'koreacentral',
    sku: { name: 'Standard_v2', tier: 'Standard_v2', capacity: 2 },
    generation: 'v2',
    operationalState: 'Running',
    provisioningState: 'Succeeded',
    zones: [],
    tags: {},
    gatewayIpConfigurations: [{ id: sub('gatewayIPConfigurations', 'gwip'), name: 'gwip', source: src(), subnet: makeRef(GW_SUBNET_ID) }],
    frontendIpConfigurations: [{ id: sub('frontendIPConfigurations', 'fe-public'), name: 'fe-public', source: src(), publicIpAddress: makeRef(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/publicIPAddresses/pip1`) }],
    frontendPorts: [{ id: sub('frontendPorts', 'port80'), name: 'port80', source: src(), port: 80 }],
    httpListeners: [listener('listener1')],
    requestRoutingRules: [rule('rule1')],
    urlPathMaps: [],
    redirectConfigurations: [],
    rewriteRuleSets: [],
    backendAddressPools: [pool('pool1')],
    backendHttpSettingsCollection: [settings('settings1')],
    probes: [],
    sslCertificates: [],
    trustedRootCertificates: [],
    authenticationCertificates: [],
    sslProfiles: [],
    lost: [],
    ...over,
  };
}

export function securityRule(over: Partial<SecurityRule> & Pick<SecurityRule, 'name' | 'priority'>): SecurityRule {
  return { direction: 'Inbound', access: 'Allow', protocol: '*', sourcePrefixes: ['*'], destinationPrefixes: ['*'], sourcePorts: ['*'], destinationPorts: ['*'], sourceApplicationSecurityGroups: [], destinationApplicationSecurityGroups: [], isDefault: false, source: src(), ...over };
}

export function nsg(name: string, rules: SecurityRule[], subnets: string[] = []): NetworkSecurityGroup {
  return { id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkSecurityGroups/${name}`, name, source: src(), securityRules: rules, defaultRules: [], subnets: subnets.map(makeRef), networkInterfaces: [] };
}

export function routeTable(name: string, routes: { addressPrefix: string; nextHopType: string; nextHopIpAddress?: string }[], over: Partial<RouteTable> = {}): RouteTable {
  return { id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/routeTables/${name}`, name, source: src(), routes: routes.map((r, i) => ({ name: `r${i}`, source: src(), ...r })), subnets: [], ...over };
}

export function subnet(id: string, prefix: string, over: Partial<Subnet> = {}): Subnet {
  return { id, name: id.split('/').pop()!, source: src(), virtualNetworkId: VNET_ID, addressPrefixes: [prefix], delegations: [], ipConfigurations: [], ...over };
}

export function vnet(over: Partial<VirtualNetwork> = {}): VirtualNetwork {
  return { id: VNET_ID, name: 'vnet1', source: src(), addressPrefixes: ['10.0.0.0/16'], dnsServers: [], subnets: [subnet(GW_SUBNET_ID, '10.0.0.0/24'), subnet(BE_SUBNET_ID, '10.0.1.0/24')], ...over };
}

export function health(servers: { pool?: string; settings?: string; address: string; health: string; log?: string }[]): BackendHealth {
  const pools = new Map<string, BackendHealth['pools'][number]>();
  for (const s of servers) {
    const p = s.pool ?? 'pool1';
    const st = s.settings ?? 'settings1';
    if (!pools.has(p)) pools.set(p, { backendAddressPool: ref('backendAddressPools', p), settings: [] });
    const entry = pools.get(p)!;
    let se = entry.settings.find((x) => x.backendHttpSettings?.name === st);
    if (!se) entry.settings.push((se = { backendHttpSettings: ref('backendHttpSettingsCollection', st), servers: [] }));
    se.servers.push({ address: s.address, health: s.health, healthProbeLog: s.log, source: src() });
  }
  return { gatewayId: GW_ID, gatewayName: GW, pools: [...pools.values()], onDemand: false, source: src() };
}

export interface WorkspaceParts {
  gateways?: Gateway[];
  virtualNetworks?: VirtualNetwork[];
  subnets?: Subnet[];
  networkSecurityGroups?: NetworkSecurityGroup[];
  routeTables?: RouteTable[];
  networkInterfaces?: NetworkInterface[];
  backendHealth?: BackendHealth[];
  effectiveNsgs?: EffectiveNsg[];
  effectiveRoutes?: EffectiveRoutes[];
}

export function workspace(parts: WorkspaceParts = {}): Workspace {
  return {
    documents: [],
    notes: [],
    ...emptyNetworkContext(),
    gateways: [gatewayWith()],
    backendHealth: [],
    effectiveNsgs: [],
    effectiveRoutes: [],
    ...parts,
  };
}

export const NOW = new Date('2026-11-25T00:00:00Z');

export function certificates(over: Partial<CertificateLookup> = {}): CertificateLookup {
  return { get: () => undefined, supplied: [], now: NOW, ...over };
}

export function run(rule: Rule, ws: Workspace, certs: CertificateLookup = certificates()): EngineFinding[] {
  return runRules([rule], ws, certs).filter((f) => f.ruleId === rule.id);
}

/** RuleTester-style table: every `valid` workspace gives no finding, every `invalid` one gives the expected ones. */
export function ruleTester(rule: Rule, cases: { valid: { name: string; ws: Workspace; certs?: CertificateLookup }[]; invalid: { name: string; ws: Workspace; certs?: CertificateLookup; expect: { resource?: string; severity?: string; count?: number; messageIncludes?: string }[] }[] }, it: (name: string, fn: () => void) => void): void {
  // Metadata every rule must have: both languages, a docs link, a category.
  it(`${rule.id}: metadata`, () => {
    expect(rule.docs).toMatch(/^https:\/\/learn\.microsoft\.com\//);
    for (const lang of ['en', 'ko'] as const) {
      expect(rule.text[lang].title.length).toBeGreaterThan(3);
      expect(rule.text[lang].message.length).toBeGreaterThan(3);
      expect(rule.text[lang].fix.length).toBeGreaterThan(3);
    }
    expect(rule.text.ko.title).toMatch(/[\uac00-\ud7a3]/);
  });
  expect(cases.valid.length).toBeGreaterThan(0);
  expect(cases.invalid.length).toBeGreaterThan(0);
  for (const c of cases.valid) {
    it(`${rule.id} valid: ${c.name}`, () => {
      const found = run(rule, c.ws, c.certs);
      expect(found.map((f) => `${f.severity} ${f.resource.name}: ${f.text.en.message}`)).toEqual([]);
    });
  }
  for (const c of cases.invalid) {
    it(`${rule.id} invalid: ${c.name}`, () => {
      const found = run(rule, c.ws, c.certs);
      const want = c.expect.reduce((n, e) => n + (e.count ?? 1), 0);
      expect(found.length, found.map((f) => f.text.en.message).join('\n')).toBe(want);
      for (const e of c.expect) {
        const match = found.filter(
          (f) => (!e.resource || f.resource.name === e.resource) && (!e.severity || f.severity === e.severity) && (!e.messageIncludes || f.text.en.message.includes(e.messageIncludes)),
        );
        expect(match.length, `expected ${JSON.stringify(e)} among:\n${found.map((f) => `${f.severity} ${f.resource.name}: ${f.text.en.message}`).join('\n')}`).toBe(e.count ?? 1);
      }
      for (const f of found) {
        expect(f.text.ko.message).not.toMatch(/\{\w+\}/);
        expect(f.text.en.message).not.toMatch(/\{\w+\}/);
      }
    });
  }
}

// ---------------------------------------------------------------- network builders (nsg / udr / dns rules)

/** A NIC with one IP configuration `ipconfig1` in `subnetId`. */
export function nic(name: string, ip: string, subnetId: string = BE_SUBNET_ID, over: Partial<NetworkInterface> = {}): NetworkInterface {
  const id = `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/${name}`;
  return { id, name, source: src(`/nics/${name}`), ipConfigurations: [{ id: `${id}/ipConfigurations/ipconfig1`, name: 'ipconfig1', source: src(), privateIpAddress: ip, subnet: makeRef(subnetId) }], ...over };
}

/** An effective NSG document (Get-AzEffectiveNetworkSecurityGroup) with one association. */
export function effectiveNsg(rules: Partial<EffectiveNsg['associations'][number]['rules'][number]>[], over: { nic?: string; subnet?: string; nsgName?: string } = {}): EffectiveNsg {
  const nicRef = over.nic ? makeRef(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/${over.nic}`) : undefined;
  return {
    networkInterface: nicRef,
    associations: [{
      subnet: over.subnet ? makeRef(over.subnet) : undefined,
      networkInterface: over.subnet ? undefined : nicRef,
      networkSecurityGroup: makeRef(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkSecurityGroups/${over.nsgName ?? 'eff-nsg'}`),
      rules: rules.map((r, i) => ({ name: `securityRules/r${i}`, priority: 100 + i, direction: 'Inbound', access: 'Allow', protocol: 'All', sourcePrefixes: ['0.0.0.0/0'], destinationPrefixes: ['0.0.0.0/0'], sourcePorts: ['0-65535'], destinationPorts: ['0-65535'], ...r })),
    }],
    source: src('/effective-nsg'),
  };
}

/** An effective routes document (Get-AzEffectiveRouteTable). */
export function effectiveRoutes(routes: { source?: string; state?: string; prefix: string; nextHopType: string; nextHopIp?: string }[], nicName?: string): EffectiveRoutes {
  return {
    networkInterface: nicName ? makeRef(`/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/${nicName}`) : undefined,
    routes: routes.map((r) => ({ source: r.source ?? 'User', state: r.state ?? 'Active', addressPrefixes: [r.prefix], nextHopType: r.nextHopType, nextHopIpAddresses: r.nextHopIp ? [r.nextHopIp] : [] })),
    source: src('/effective-routes'),
  };
}

// ---------------------------------------------------------------- certificates (backend-tls rules)

type ParsedCertData = import('../../src/core/rules/certificates').ParsedCertificateData;

/**
 * Base64 DER of fixtures in tests/fixtures/tls (`root-ca`, `leaf-san`, `leaf-cn`, `leaf-expired`, `selfsigned-noca`,
 * `chain.p7b`) parsed with the real X.509 reader: name → { b64, parsed }.
 */
export async function tlsFixtures(...names: string[]): Promise<Record<string, { b64: string; parsed: ParsedCertData }>> {
  const { readFileSync } = await import('node:fs');
  const { parseCertificateData } = await import('../../src/core/tls/x509');
  const out: Record<string, { b64: string; parsed: ParsedCertData }> = {};
  for (const n of names) {
    const b64 = readFileSync(new URL(`../fixtures/tls/${n}.b64`, import.meta.url), 'utf8').trim();
    out[n] = { b64, parsed: await parseCertificateData(b64) };
  }
  return out;
}

/** A certificate lookup over parsed fixtures (keyed by their base64), with optional supplied backend certificates; at NOW unless told. */
export function certLookup(fixtures: Record<string, { b64: string; parsed: ParsedCertData }>, over: Partial<CertificateLookup> = {}): CertificateLookup {
  const byData = new Map(Object.values(fixtures).map((f) => [f.b64, f.parsed]));
  return { get: (d) => byData.get(d), supplied: [], now: NOW, ...over };
}

// ---------------------------------------------------------------- routing builders (tests/unit/route, tests/rules/route-*)
import type { FrontendIpConfiguration, FrontendPort, PathRule, RedirectConfiguration, UrlPathMap } from '../../src/core/model/types';

export function frontendPort(name: string, port: number): FrontendPort {
  return { id: sub('frontendPorts', name), name, source: src(), port };
}

/** A private frontend IP configuration in the gateway subnet (the default gateway has `fe-public`). */
export function privateFrontend(name = 'fe-private', ip = '10.0.0.10'): FrontendIpConfiguration {
  return { id: sub('frontendIPConfigurations', name), name, source: src(), privateIpAddress: ip, privateIpAllocationMethod: 'Static', subnet: makeRef(GW_SUBNET_ID) };
}

/** A path rule of URL path map `map` (pool1/settings1 unless told). */
export function pathRule(map: string, name: string, paths: string[], over: Partial<PathRule> = {}): PathRule {
  return { id: `${sub('urlPathMaps', map)}/pathRules/${name}`, name, source: src(`/urlPathMaps/${map}/${name}`), paths, backendAddressPool: ref('backendAddressPools', 'pool1'), backendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'), ...over };
}

/** A URL path map whose default is pool1/settings1 unless told. */
export function urlPathMap(name: string, pathRules: PathRule[], over: Partial<UrlPathMap> = {}): UrlPathMap {
  return { id: sub('urlPathMaps', name), name, source: src(`/urlPathMaps/${name}`), defaultBackendAddressPool: ref('backendAddressPools', 'pool1'), defaultBackendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'), pathRules, ...over };
}

export function redirectConfig(name: string, over: Partial<RedirectConfiguration> = {}): RedirectConfiguration {
  return { id: sub('redirectConfigurations', name), name, source: src(), redirectType: 'Permanent', ...over };
}

/**
 * A listener and the rule that uses it, in one go: `site('shop', ['shop.contoso.com'], { priority: 10, pool: 'shop-pool' })`.
 * The rule is named `<name>-rule`; a basic listener when `hosts` is empty.
 */
export function site(
  name: string,
  hosts: string[],
  opts: { priority?: number; pool?: string; settings?: string; port?: string; protocol?: string; frontend?: string; rule?: Partial<RequestRoutingRule> } = {},
): { listener: HttpListener; rule: RequestRoutingRule } {
  const l = listener(name, { hostNames: hosts, frontendPort: ref('frontendPorts', opts.port ?? 'port80'), protocol: opts.protocol ?? 'Http', frontendIpConfiguration: ref('frontendIPConfigurations', opts.frontend ?? 'fe-public') });
  const r = rule(`${name}-rule`, {
    priority: opts.priority,
    httpListener: ref('httpListeners', name),
    backendAddressPool: ref('backendAddressPools', opts.pool ?? 'pool1'),
    backendHttpSettings: ref('backendHttpSettingsCollection', opts.settings ?? 'settings1'),
    ...opts.rule,
  });
  return { listener: l, rule: r };
}

/** A gateway made of `site()` pairs (listed in this order), plus whatever else is given. */
export function gatewayOfSites(sites: { listener: HttpListener; rule: RequestRoutingRule }[], over: Partial<Gateway> = {}): Gateway {
  return gatewayWith({ httpListeners: sites.map((s) => s.listener), requestRoutingRules: sites.map((s) => s.rule), ...over });
}
