import { describe, it, expect } from 'vitest';
import { routeDetail, routeRequest, type RouteResult } from '../../../src/core/route/route';
import type { Gateway, Workspace } from '../../../src/core/model/types';
import {
  gatewayWith, gatewayOfSites, site, pool, settings, probe, workspace, health, frontendPort, privateFrontend, pathRule, urlPathMap, redirectConfig,
  ref, listener, rule, SUB, RG,
} from '../../rules/helpers';
import { expectBilingual, urlParts } from './bilingual';

/** [step, candidate, matched] of every trace step: the shape each case asserts. */
const shape = (r: RouteResult) => r.trace.map((s) => [s.step, s.candidate, s.matched]);

const V1 = { sku: { name: 'Standard_Medium', tier: 'Standard', capacity: 2 }, generation: 'v1' as const };
const UNKNOWN = { sku: {}, generation: 'unknown' as const };
const PORTS = [frontendPort('port80', 80), frontendPort('port443', 443)];
const POOLS = [pool('pool1'), pool('shop-pool', [{ ipAddress: '10.0.2.4' }]), pool('empty-pool', []), pool('api-pool', [{ ipAddress: '10.0.3.4' }]), pool('v1-pool', [{ fqdn: 'v1.internal' }])];

interface Case {
  name: string;
  gw: Gateway;
  ws?: (gw: Gateway) => Workspace;
  url: string;
  frontend?: 'public' | 'private';
  want: Partial<Omit<RouteResult, 'trace'>>;
  trace: (string | boolean)[][];
  /** Regexes the `why` of the step at that index must match. */
  why?: Record<number, RegExp>;
}

const basicThenShop = [site('catchall', [], { pool: 'empty-pool' }), site('shop', ['shop.contoso.com'], { pool: 'shop-pool' })];

const cases: Case[] = [
  {
    name: 'the default gateway: one basic listener takes any host',
    gw: gatewayWith(),
    url: 'http://whatever.example/',
    want: { listener: 'listener1', rule: 'rule1', pathRule: null, redirect: null, settings: 'settings1', probe: 'default probe', pool: 'pool1', backends: [{ address: '10.0.1.4', health: null }] },
    trace: [['url', 'http://whatever.example/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', true], ['rule', 'rule1', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 1: /frontend not given/, 3: /basic listener \(no host name\): takes any host/, 6: /127\.0\.0\.1:80/, 8: /backend health not supplied/ },
  },
  // ---- v1: rules in the order listed
  {
    name: 'v1: a basic rule listed before a multi-site rule takes the multi-site host',
    gw: gatewayOfSites(basicThenShop, { ...V1, backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'catchall', rule: 'catchall-rule', pool: 'empty-pool', backends: [] },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v1-listed', true], ['listener', 'catchall', true], ['listener', 'shop', false], ['rule', 'catchall-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'empty-pool', false], ['backends', 'empty-pool', false]],
    why: { 2: /order they are listed/, 4: /shop\.contoso\.com = shop\.contoso\.com — but catchall .*evaluated first/, 9: /502/ },
  },
  {
    name: 'v1: multi-site rule listed first gets its host',
    gw: gatewayOfSites([...basicThenShop].reverse(), { ...V1, backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'shop', rule: 'shop-rule', pool: 'shop-pool' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v1-listed', true], ['listener', 'shop', true], ['listener', 'catchall', false], ['rule', 'shop-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
  },
  {
    name: 'v1: another host falls through the multi-site listener to the basic one',
    gw: gatewayOfSites([...basicThenShop].reverse(), { ...V1, backendAddressPools: POOLS }),
    url: 'http://www.fabrikam.com/',
    want: { listener: 'catchall', pool: 'empty-pool' },
    trace: [['url', 'http://www.fabrikam.com/', true], ['frontend', 'all', true], ['order', 'v1-listed', true], ['listener', 'shop', false], ['listener', 'catchall', true], ['rule', 'catchall-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'empty-pool', false], ['backends', 'empty-pool', false]],
    why: { 3: /host www\.fabrikam\.com is not among shop\.contoso\.com/ },
  },
  // ---- v2 without priorities: multi-site before basic
  {
    name: 'v2 without priorities: multi-site listeners before basic ones, whatever the listing',
    gw: gatewayOfSites(basicThenShop, { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'shop', rule: 'shop-rule', pool: 'shop-pool' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-multisite-first', true], ['listener', 'shop', true], ['listener', 'catchall', false], ['rule', 'shop-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
    why: { 2: /multi-site listeners are evaluated before basic ones.*assumed the order listed/ },
  },
  {
    name: 'v2 without priorities: two multi-site listeners taking one host — the order between them is not documented',
    gw: gatewayOfSites([site('wild', ['*.contoso.com']), site('shop', ['shop.contoso.com'], { pool: 'shop-pool' })], { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'wild', pool: 'pool1' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-multisite-first', true], ['listener', 'wild', true], ['listener', 'shop', false], ['order', 'uncertain', false], ['rule', 'wild-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 5: /not documented/ },
  },
  // ---- v2 with priorities: lowest number first
  {
    name: 'v2 priorities: a wildcard with a smaller number takes the specific host',
    gw: gatewayOfSites([site('shop', ['shop.contoso.com'], { priority: 20, pool: 'shop-pool' }), site('wild', ['*.contoso.com'], { priority: 10 })], { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'wild', rule: 'wild-rule', pool: 'pool1' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'wild', true], ['listener', 'shop', false], ['rule', 'wild-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 3: /rule wild-rule \(priority 10\).*matches wildcard \*\.contoso\.com \(.*crosses labels/, 4: /priority 20.*but wild .*priority 10.*evaluated first/ },
  },
  {
    name: 'v2 priorities: the specific listener with the smaller number wins',
    gw: gatewayOfSites([site('wild', ['*.contoso.com'], { priority: 20 }), site('shop', ['shop.contoso.com'], { priority: 10, pool: 'shop-pool' })], { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'shop', pool: 'shop-pool' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'shop', true], ['listener', 'wild', false], ['rule', 'shop-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
  },
  {
    name: 'v2 priorities: a wildcard crosses labels; the apex is not taken by *.contoso.com',
    gw: gatewayOfSites([site('wild', ['*.contoso.com'], { priority: 10 }), site('apex', ['contoso.com'], { priority: 20, pool: 'shop-pool' })], { backendAddressPools: POOLS }),
    url: 'http://contoso.com/',
    want: { listener: 'apex', pool: 'shop-pool' },
    trace: [['url', 'http://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'wild', false], ['listener', 'apex', true], ['rule', 'apex-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
  },
  {
    name: 'v2 priorities: a basic listener with a smaller number takes everything on its port',
    gw: gatewayOfSites([site('shop', ['shop.contoso.com'], { priority: 20, pool: 'shop-pool' }), site('catchall', [], { priority: 10, pool: 'empty-pool' })], { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'catchall', pool: 'empty-pool' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'catchall', true], ['listener', 'shop', false], ['rule', 'catchall-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'empty-pool', false], ['backends', 'empty-pool', false]],
  },
  {
    name: 'v2 with priorities on some rules only: those first, then the rest (assumption said)',
    gw: gatewayOfSites([site('shop', ['shop.contoso.com'], { pool: 'shop-pool' }), site('catchall', [], { priority: 5 })], { backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'catchall' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-mixed', true], ['listener', 'catchall', true], ['listener', 'shop', false], ['rule', 'catchall-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 2: /priorities on 1 of 2 rules.*assumed/ },
  },
  // ---- SKU unknown: v2 assumed, the v1 answer named when it differs
  {
    name: 'unknown SKU: v2 order assumed and the different v1 answer is named',
    gw: gatewayOfSites(basicThenShop, { ...UNKNOWN, backendAddressPools: POOLS }),
    url: 'http://shop.contoso.com/',
    want: { listener: 'shop' },
    trace: [['url', 'http://shop.contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-multisite-first', true], ['listener', 'shop', true], ['listener', 'catchall', false], ['order', 'v1', false], ['rule', 'shop-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
    why: { 2: /does not show the SKU: v2 assumed/, 5: /if this gateway is v1.*catchall-rule/ },
  },
  // ---- frontend port and protocol
  {
    name: 'no listener on the port: listener null and the trace says why',
    gw: gatewayWith(),
    url: 'http://contoso.com:8080/',
    want: { listener: null, rule: null, pool: null, settings: null, probe: null, backends: [] },
    trace: [['url', 'http://contoso.com:8080/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', false], ['listener', '(none)', false]],
    why: { 3: /port 80, not 8080/, 4: /no listener uses port 8080 \(listeners: 80\/Http\)/ },
  },
  {
    name: 'protocol mismatch: https to an Http listener port',
    gw: gatewayWith(),
    url: 'https://contoso.com:80/',
    want: { listener: null },
    trace: [['url', 'https://contoso.com:80/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', false], ['listener', '(none)', false]],
    why: { 3: /port 80 with Http, not https/, 4: /served with Http, not https/ },
  },
  {
    name: 'https on 443 reaches the Https listener; the Http one on 80 is skipped',
    gw: gatewayOfSites([site('plain', [], { priority: 10 }), site('secure', [], { priority: 20, port: 'port443', protocol: 'Https', pool: 'shop-pool' })], { frontendPorts: PORTS, backendAddressPools: POOLS }),
    url: 'https://contoso.com/',
    want: { listener: 'secure', pool: 'shop-pool' },
    trace: [['url', 'https://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'plain', false], ['listener', 'secure', true], ['rule', 'secure-rule', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'shop-pool', true], ['backends', 'shop-pool', true]],
  },
  {
    name: 'multi-site only, unknown host: no listener',
    gw: gatewayOfSites([site('shop', ['shop.contoso.com'], { priority: 10 })]),
    url: 'http://www.fabrikam.com/',
    want: { listener: null },
    trace: [['url', 'http://www.fabrikam.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'shop', false], ['listener', '(none)', false]],
    why: { 4: /no listener on port 80 takes host www\.fabrikam\.com/ },
  },
  // ---- public vs private frontend
  ...(['public', 'private', undefined] as const).map((fe): Case => ({
    name: `frontend ${fe ?? 'not given'}`,
    gw: gatewayOfSites([site('pub', [], { priority: 10, pool: 'shop-pool' }), site('priv', [], { priority: 20, frontend: 'fe-private', pool: 'api-pool' })], {
      frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()],
      backendAddressPools: POOLS,
    }),
    url: 'http://app.internal/',
    frontend: fe,
    want: { listener: fe === 'private' ? 'priv' : 'pub', pool: fe === 'private' ? 'api-pool' : 'shop-pool' },
    trace: [
      ['url', 'http://app.internal/', true],
      ['frontend', fe ?? 'all', true],
      ['order', 'v2-priority', true],
      ['listener', 'pub', fe !== 'private'],
      ['listener', 'priv', fe === 'private'],
      ['rule', fe === 'private' ? 'priv-rule' : 'pub-rule', true],
      ['settings', 'settings1', true], ['probe', 'default probe', true],
      ['pool', fe === 'private' ? 'api-pool' : 'shop-pool', true], ['backends', fe === 'private' ? 'api-pool' : 'shop-pool', true],
    ],
    why: fe === 'private' ? { 1: /private frontend IP \(fe-private\)/, 3: /on the public frontend fe-public, not the private one/ } : fe === 'public' ? { 4: /on the private frontend fe-private, not the public one/ } : { 1: /public: fe-public; private: fe-private/, 4: /evaluated first/ },
  })),
  {
    name: 'frontend private on a gateway without a private frontend: nothing takes it',
    gw: gatewayWith(),
    url: 'http://app.internal/',
    frontend: 'private',
    want: { listener: null },
    trace: [['url', 'http://app.internal/', true], ['frontend', 'private', false], ['order', 'v2-priority', true], ['listener', 'listener1', false], ['listener', '(none)', false]],
    why: { 1: /no private frontend IP configuration/ },
  },
  // ---- path maps
  ...((): Case[] => {
    const map = urlPathMap('map1', [
      pathRule('map1', 'api-all', ['/api/*'], { backendAddressPool: ref('backendAddressPools', 'api-pool') }),
      pathRule('map1', 'api-v1', ['/api/v1/*'], { backendAddressPool: ref('backendAddressPools', 'v1-pool') }),
      pathRule('map1', 'health', ['/health'], { backendAddressPool: ref('backendAddressPools', 'shop-pool') }),
    ]);
    const gw = gatewayOfSites([site('app', ['app.contoso.com'], { priority: 10, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1'), backendAddressPool: undefined, backendHttpSettings: undefined } })], { urlPathMaps: [map], backendAddressPools: POOLS });
    const head = (url: string) => [['url', url, true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'app', true], ['rule', 'app-rule', true], ['path-map', 'map1', true]];
    const tail = (pool: string) => [['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', pool, true], ['backends', pool, true]];
    return [
      {
        name: 'path rules: first match wins regardless of specificity (/api/* before /api/v1/*)',
        gw, url: 'http://app.contoso.com/api/v1/users?x=1',
        want: { pathRule: 'api-all', pool: 'api-pool' },
        trace: [...head('http://app.contoso.com/api/v1/users?x=1'), ['path-rule', 'api-all', true], ...tail('api-pool')],
        why: { 0: /query string/, 5: /first match wins regardless of specificity/, 6: /starts with \/api\/ \(prefix match\)/ },
      },
      {
        name: 'path rules: case-insensitive',
        gw, url: 'http://app.contoso.com/API/Orders',
        want: { pathRule: 'api-all', pool: 'api-pool' },
        trace: [...head('http://app.contoso.com/API/Orders'), ['path-rule', 'api-all', true], ...tail('api-pool')],
      },
      {
        name: 'path rules: /api is not taken by /api/* (assumed, said) and goes to the default',
        gw, url: 'http://app.contoso.com/api',
        want: { pathRule: null, pool: 'pool1' },
        trace: [...head('http://app.contoso.com/api'), ['path-rule', 'api-all', false], ['path-rule', 'api-v1', false], ['path-rule', 'health', false], ['default-path', 'map1', true], ...tail('pool1')],
        why: { 6: /not documented — assumed not/, 9: /default backend pool pool1/ },
      },
      {
        name: 'path rules: an exact path matches only itself',
        gw, url: 'http://app.contoso.com/health',
        want: { pathRule: 'health', pool: 'shop-pool' },
        trace: [...head('http://app.contoso.com/health'), ['path-rule', 'api-all', false], ['path-rule', 'api-v1', false], ['path-rule', 'health', true], ...tail('shop-pool')],
        why: { 8: /matched exactly/ },
      },
      {
        name: 'path rules: /health/ is not /health → default',
        gw, url: 'http://app.contoso.com/health/',
        want: { pathRule: null, pool: 'pool1' },
        trace: [...head('http://app.contoso.com/health/'), ['path-rule', 'api-all', false], ['path-rule', 'api-v1', false], ['path-rule', 'health', false], ['default-path', 'map1', true], ...tail('pool1')],
      },
    ];
  })(),
  // ---- percent-decoding: v2 decodes before routing, v1 does not
  ...(['v2', 'v1'] as const).map((gen): Case => {
    const map = urlPathMap('map1', [pathRule('map1', 'abcdef', ['/abc/def'], { backendAddressPool: ref('backendAddressPools', 'api-pool') })]);
    const r = site('app', [], { rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1'), priority: gen === 'v2' ? 10 : undefined } });
    const gw = gatewayOfSites([r], { ...(gen === 'v1' ? V1 : {}), urlPathMaps: [map], backendAddressPools: POOLS });
    return {
      name: `${gen}: /abc%2Fdef ${gen === 'v2' ? 'is decoded to /abc/def' : 'is matched as sent'}`,
      gw, url: 'http://app.contoso.com/abc%2Fdef',
      want: gen === 'v2' ? { pathRule: 'abcdef', pool: 'api-pool' } : { pathRule: null, pool: 'pool1' },
      trace: [
        ['url', 'http://app.contoso.com/abc%2Fdef', true],
        ['decode', '/abc%2Fdef', gen === 'v2'],
        ['frontend', 'all', true], ['order', gen === 'v2' ? 'v2-priority' : 'v1-listed', true], ['listener', 'app', true], ['rule', 'app-rule', true], ['path-map', 'map1', true],
        ...(gen === 'v2' ? [['path-rule', 'abcdef', true]] : [['path-rule', 'abcdef', false], ['default-path', 'map1', true]]),
        ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', gen === 'v2' ? 'api-pool' : 'pool1', true], ['backends', gen === 'v2' ? 'api-pool' : 'pool1', true],
      ],
      why: { 1: gen === 'v2' ? /matched as \/abc\/def/ : /v1: the path is matched as sent/ },
    };
  }),
  // ---- redirects stop the route
  {
    name: 'a path map whose default is a redirect',
    gw: gatewayOfSites([site('app', [], { rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1') } })], {
      urlPathMaps: [urlPathMap('map1', [pathRule('map1', 'api', ['/api/*'])], { defaultBackendAddressPool: undefined, defaultBackendHttpSettings: undefined, defaultRedirectConfiguration: ref('redirectConfigurations', 'to-www') })],
      redirectConfigurations: [redirectConfig('to-www', { targetUrl: 'https://www.contoso.com', includePath: true })],
    }),
    url: 'http://contoso.com/other',
    want: { pathRule: null, redirect: 'to-www', settings: null, probe: null, pool: null, backends: [] },
    trace: [['url', 'http://contoso.com/other', true], ['frontend', 'all', true], ['order', 'v2-multisite-first', true], ['listener', 'app', true], ['rule', 'app-rule', true], ['path-map', 'map1', true], ['path-rule', 'api', false], ['default-path', 'map1', true], ['redirect', 'to-www', true]],
    why: { 7: /default redirect to-www/, 8: /Permanent to https:\/\/www\.contoso\.com, path included: .*no backend/ },
  },
  {
    name: 'a basic rule that redirects HTTP to the HTTPS listener',
    gw: gatewayOfSites([site('http', [], { priority: 10, rule: { backendAddressPool: undefined, backendHttpSettings: undefined, redirectConfiguration: ref('redirectConfigurations', 'to-https') } }), site('https', [], { priority: 20, port: 'port443', protocol: 'Https' })], {
      frontendPorts: PORTS,
      redirectConfigurations: [redirectConfig('to-https', { targetListener: ref('httpListeners', 'https') })],
    }),
    url: 'http://contoso.com/',
    want: { listener: 'http', redirect: 'to-https', pool: null },
    trace: [['url', 'http://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'http', true], ['listener', 'https', false], ['rule', 'http-rule', true], ['redirect', 'to-https', true]],
    why: { 6: /to listener https/ },
  },
  // ---- settings, probe, backends and health
  {
    name: 'custom probe, NIC backends and backend health per settings',
    gw: gatewayWith({
      backendAddressPools: [{ ...pool('pool1', [{ ipAddress: '10.0.1.4' }, { fqdn: 'app.internal' }]), backendIpConfigurations: [{ id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/nic1/ipConfigurations/ipconfig1`, name: 'ipconfig1' }] }],
      backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'probe1') })],
      probes: [probe('probe1', { path: '/healthz' })],
    }),
    ws: (gw) => workspace({
      gateways: [gw],
      networkInterfaces: [{ id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/nic1`, name: 'nic1', source: { document: 't', pointer: '' }, ipConfigurations: [{ id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.Network/networkInterfaces/nic1/ipConfigurations/ipconfig1`, name: 'ipconfig1', source: { document: 't', pointer: '' }, privateIpAddress: '10.0.1.9' }] }],
      backendHealth: [health([
        { address: '10.0.1.4', health: 'Healthy' },
        { address: 'app.internal', health: 'Unhealthy' },
        { address: '10.0.1.9', health: 'Healthy' },
        { address: '10.0.1.4', health: 'Unhealthy', settings: 'other-settings' },
      ])],
    }),
    url: 'http://contoso.com/',
    want: { probe: 'probe1', backends: [{ address: '10.0.1.4', health: 'Healthy' }, { address: 'app.internal', health: 'Unhealthy' }, { address: '10.0.1.9', health: 'Healthy' }] },
    trace: [['url', 'http://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', true], ['rule', 'rule1', true], ['settings', 'settings1', true], ['probe', 'probe1', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 6: /custom probe: Http 127\.0\.0\.1 \/healthz/, 7: /2 address\(es\), 1 NIC IP configuration/, 8: /3 backend\(s\): 2 Healthy, 1 Unhealthy/ },
  },
  {
    name: 'every backend Unhealthy: the 502',
    gw: gatewayWith(),
    ws: (gw) => workspace({ gateways: [gw], backendHealth: [health([{ address: '10.0.1.4', health: 'Unhealthy' }])] }),
    url: 'http://contoso.com/',
    want: { pool: 'pool1', backends: [{ address: '10.0.1.4', health: 'Unhealthy' }] },
    trace: [['url', 'http://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', true], ['rule', 'rule1', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', false]],
    why: { 8: /all 1 backend\(s\) are Unhealthy.*502/ },
  },
  {
    name: 'dangling references are named, not thrown',
    gw: gatewayWith({ requestRoutingRules: [rule('rule1', { backendAddressPool: ref('backendAddressPools', 'gone'), backendHttpSettings: ref('backendHttpSettingsCollection', 'gone-too') })] }),
    url: 'http://contoso.com/',
    want: { settings: 'gone-too', probe: null, pool: 'gone', backends: [] },
    trace: [['url', 'http://contoso.com/', true], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', true], ['rule', 'rule1', true], ['settings', 'gone-too', false], ['pool', 'gone', false]],
  },
  {
    name: 'a stopped gateway is said first, the route still drawn',
    gw: gatewayWith({ operationalState: 'Stopped' }),
    url: 'http://contoso.com/',
    want: { listener: 'listener1', pool: 'pool1' },
    trace: [['url', 'http://contoso.com/', true], ['gateway', 'gw1', false], ['frontend', 'all', true], ['order', 'v2-priority', true], ['listener', 'listener1', true], ['rule', 'rule1', true], ['settings', 'settings1', true], ['probe', 'default probe', true], ['pool', 'pool1', true], ['backends', 'pool1', true]],
    why: { 1: /502 to every request/ },
  },
  // ---- invalid URL: a result, never a throw
  ...['not a url', 'ftp://contoso.com/', 'http://exa mple.com/'].map((url): Case => ({
    name: `invalid URL ${JSON.stringify(url)}`,
    gw: gatewayWith(),
    url,
    want: { url, listener: null, rule: null, pathRule: null, redirect: null, settings: null, probe: null, pool: null, backends: [] },
    trace: [['url', url, false]],
    why: { 0: /nothing can be routed/ },
  })),
];

describe('routeRequest', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ws = c.ws ? c.ws(c.gw) : workspace({ gateways: [c.gw] });
      const r = routeRequest(ws, c.gw, c.url, c.frontend ? { frontend: c.frontend } : {});
      expect(shape(r), JSON.stringify(r.trace, null, 1)).toEqual(c.trace);
      for (const [k, v] of Object.entries(c.want)) expect((r as unknown as Record<string, unknown>)[k], k).toEqual(v);
      for (const [i, re] of Object.entries(c.why ?? {})) expect(r.trace[Number(i)].why).toMatch(re);
      expect(r.url).toBe(c.url);
      expect(r.findings).toBeUndefined();
    });
  }

  it('is JSON-serialisable as the CLI prints it', () => {
    const gw = gatewayWith();
    const r = routeRequest(workspace({ gateways: [gw] }), gw, 'http://contoso.com/');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
  });

  it('a listener with two rules and a rule with no listener do not break it', () => {
    const gw = gatewayWith({ httpListeners: [listener('listener1')], requestRoutingRules: [rule('orphan', { httpListener: ref('httpListeners', 'missing'), priority: 5 }), rule('rule1'), rule('rule2', { priority: 200 })] });
    const r = routeRequest(workspace({ gateways: [gw] }), gw, 'http://contoso.com/');
    expect(r.rule).toBe('rule1');
    expect(shape(r).filter((s) => s[0] === 'listener')).toEqual([['listener', 'missing', false], ['listener', 'listener1', true], ['listener', 'listener1', false]]);
    expect(r.trace[3].why).toMatch(/not in the gateway/);
  });
});

/** Every kind of step the engine writes (docs/routing.md, "Trace steps"). */
const STEP_KINDS = ['url', 'gateway', 'decode', 'frontend', 'order', 'listener', 'rule', 'path-map', 'path-rule', 'default-path', 'redirect', 'settings', 'probe', 'pool', 'backends'];

/** More branches of the engine's reasons than the cases above reach, for the Korean check. */
const branches: Pick<Case, 'name' | 'gw' | 'url' | 'frontend' | 'ws'>[] = (() => {
  const odd = gatewayOfSites([site('wild', ['*.contoso.com', 'w??.fabrikam.com'], { priority: 10 }), site('catchall', [], { priority: 20, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1') } })], {
    urlPathMaps: [urlPathMap('map1', [pathRule('map1', 'a', ['/a/*', '/b', '/c*', '/d/*.x']), pathRule('map1', 'empty-rule', [])])],
  });
  const v1odd = { ...odd, ...V1 };
  const unknownFe = gatewayWith({ frontendIpConfigurations: [{ ...gatewayWith().frontendIpConfigurations[0], publicIpAddress: undefined }] });
  const broken = gatewayOfSites(
    [
      site('no-map', ['map.contoso.com'], { priority: 1, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'gone-map') } }),
      site('no-map-ref', ['nomap.contoso.com'], { priority: 2, rule: { ruleType: 'PathBasedRouting' } }),
      site('odd-type', ['type.contoso.com'], { priority: 3, rule: { ruleType: 'Weird' } }),
      site('no-redirect', ['redir.contoso.com'], { priority: 4, rule: { redirectConfiguration: ref('redirectConfigurations', 'gone-redirect') } }),
      site('no-probe', ['probe.contoso.com'], { priority: 5, settings: 'settings-gone-probe' }),
      site('custom-probe', ['custom.contoso.com'], { priority: 6, settings: 'settings-probe', pool: 'blank-pool' }),
      site('no-settings', ['nosettings.contoso.com'], { priority: 7, rule: { backendHttpSettings: undefined, backendAddressPool: undefined } }),
      site('to-url', ['tourl.contoso.com'], { priority: 8, rule: { redirectConfiguration: ref('redirectConfigurations', 'to-fabrikam') } }),
      site('no-target', ['notarget.contoso.com'], { priority: 9, rule: { redirectConfiguration: ref('redirectConfigurations', 'nowhere') } }),
      site('no-port', ['noport.contoso.com'], { priority: 11, port: 'gone-port' }),
      site('no-protocol', ['noproto.contoso.com'], { priority: 12, protocol: '' }),
    ],
    {
      ...UNKNOWN,
      backendAddressPools: [pool('pool1'), { ...pool('blank-pool', [{ fqdn: 'app.internal' }]), blankAddresses: 2 }],
      backendHttpSettingsCollection: [settings('settings1'), settings('settings-gone-probe', { probe: ref('probes', 'gone-probe') }), settings('settings-probe', { protocol: 'Https', port: 443, requestTimeout: undefined, probe: ref('probes', 'probe-host') })],
      probes: [probe('probe-host', { protocol: 'Https', pickHostNameFromBackendHttpSettings: true, path: '/status', interval: 15 })],
      redirectConfigurations: [redirectConfig('to-fabrikam', { redirectType: 'Found', targetUrl: 'https://www.fabrikam.com/new', includeQueryString: true }), redirectConfig('nowhere')],
    },
  );
  const missingListener = gatewayWith({ httpListeners: [listener('listener1')], requestRoutingRules: [rule('orphan', { httpListener: undefined, priority: 5 }), rule('rule1')] });
  const mixedHealth = gatewayWith({ backendAddressPools: [pool('pool1', [{ ipAddress: '10.0.1.4' }, { ipAddress: '10.0.1.5' }, { fqdn: 'extra.internal' }])] });
  return [
    ...[
      'http://other.example/d/x.x', 'http://other.example/c1', 'http://other.example/%E0%A4%A', 'http://other.example/a', 'http://other.example/a/%2Fx?q#f', 'http://other.example/zzz',
      'http://www.fabrikam.com/c1', 'https://a.contoso.com/', 'http://[::1]:8080/x',
    ].flatMap((url) => [
      { name: `odd paths ${url}`, gw: odd, url },
      { name: `odd paths on v1 ${url}`, gw: v1odd, url },
    ]),
    { name: 'frontend of unknown kind, kept', gw: unknownFe, url: 'http://contoso.com/', frontend: 'private' as const },
    { name: 'the public frontend given on a gateway with only a public one', gw: gatewayWith(), url: 'http://contoso.com/', frontend: 'public' as const },
    { name: 'no listener on the private frontend for this port', gw: gatewayOfSites([site('priv', [], { frontend: 'fe-private' })], { frontendIpConfigurations: [gatewayWith().frontendIpConfigurations[0], privateFrontend()] }), url: 'http://contoso.com:81/', frontend: 'private' as const },
    ...['map', 'nomap', 'type', 'redir', 'probe', 'custom', 'nosettings', 'tourl', 'notarget', 'noport', 'noproto', 'other'].map((h) => ({ name: `references: ${h}`, gw: broken, url: `http://${h}.contoso.com/` })),
    { name: 'a rule without a listener', gw: missingListener, url: 'http://contoso.com/' },
    {
      name: 'backends partly healthy, one not in backend health',
      gw: mixedHealth,
      url: 'http://contoso.com/',
      ws: (gw) => workspace({ gateways: [gw], backendHealth: [health([{ address: '10.0.1.4', health: 'Healthy' }, { address: '10.0.1.5', health: 'Unhealthy' }])] }),
    },
    { name: 'a failed gateway', gw: gatewayWith({ provisioningState: 'Failed', operationalState: undefined }), url: 'http://contoso.com/' },
    ...['', '   ', 'contoso.com/x', 'http://', 'gopher://contoso.com/'].map((url) => ({ name: `unusable URL ${JSON.stringify(url)}`, gw: gatewayWith(), url })),
  ];
})();

describe('every step has its reason in Korean too, with the same facts', () => {
  const seen = new Set<string>();
  for (const c of [...cases, ...branches]) {
    it(c.name, () => {
      const ws = c.ws ? c.ws(c.gw) : workspace({ gateways: [c.gw] });
      const r = routeRequest(ws, c.gw, c.url, c.frontend ? { frontend: c.frontend } : {});
      expectBilingual(r.trace, c.gw, urlParts(c.url));
      for (const s of r.trace) seen.add(s.step);
    });
  }
  it('with the trace off (no reasons written), every scenario takes the same route', () => {
    for (const c of [...cases, ...branches]) {
      const ws = c.ws ? c.ws(c.gw) : workspace({ gateways: [c.gw] });
      const on = routeDetail(ws, c.gw, c.url, { frontend: c.frontend, trace: true });
      const off = routeDetail(ws, c.gw, c.url, { frontend: c.frontend, trace: false });
      expect(off.result.trace, c.name).toEqual([]);
      expect({ ...off.result, trace: [] }, c.name).toEqual({ ...on.result, trace: [] });
      expect([off.pathRule?.name, off.poolState], c.name).toEqual([on.pathRule?.name, on.poolState]);
    }
  });

  it('the scenarios reach every kind of step', () => {
    expect([...seen].sort()).toEqual([...STEP_KINDS].sort());
  });

  it('the frontend hint is worded for any caller (the CLI adds its own option)', () => {
    const gw = gatewayWith();
    const step = routeRequest(workspace({ gateways: [gw] }), gw, 'http://contoso.com/').trace.find((s) => s.step === 'frontend')!;
    expect(step.why).toMatch(/choose the public or private frontend to be exact$/);
    expect(step.why).not.toMatch(/--frontend/);
    expect(step.whyKo).toMatch(/공용 또는 사설 프런트엔드를 고르세요$/);
  });

  it('a shadowed listener says so in both languages (the English mark is what findingsOnRoute reads)', () => {
    const gw = gatewayOfSites(basicThenShop, { ...V1, backendAddressPools: POOLS });
    const shop = routeRequest(workspace({ gateways: [gw] }), gw, 'http://shop.contoso.com/').trace.find((s) => s.candidate === 'shop')!;
    expect(shop.why).toMatch(/is evaluated first, so this listener never sees this request$/);
    expect(shop.whyKo).toMatch(/하지만 catchall\(규칙 catchall-rule, 1번째로 나열됨\)이\(가\) 먼저 평가되므로 이 리스너는 이 요청을 받지 못합니다$/);
  });
});

describe('routeRequest never throws', () => {
  it('on arbitrary strings and URLs (fast-check)', async () => {
    const fc = await import('fast-check');
    const gw = gatewayOfSites([site('wild', ['*.contoso.com', 'w??.fabrikam.com'], { priority: 10 }), site('catchall', [], { priority: 20, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1') } })], {
      urlPathMaps: [urlPathMap('map1', [pathRule('map1', 'a', ['/a/*', '/b', '/c*', '/d/*.x'])])],
    });
    const ws = workspace({ gateways: [gw] });
    fc.assert(fc.property(fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('http://[::1]:8080/x', 'https://a.contoso.com/%', 'http://a/%E0%A4%A', 'HTTP://A.CONTOSO.COM/A/B')), (url) => {
      const r = routeRequest(ws, gw, url);
      expect(r.trace.length).toBeGreaterThan(0);
      expect(r.trace[0].step).toBe('url');
      for (const s of r.trace) expect(s.whyKo).toMatch(/[\uac00-\ud7a3]/);
    }), { numRuns: 300 });
  });
});
