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
  return { id: sub('backendAddressPools', name), name, source: src(`/pools/${name}`), backendAddresses: addresses.map((a) => ({ ...a, source: src() })), backendIpConfigurations: [], blankAddresses: 0 };
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
