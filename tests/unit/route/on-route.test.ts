import { describe, it, expect } from 'vitest';
import { routeRequest, findingsOnRoute, type FindingLike } from '../../../src/core/route/route';
import { gatewayOfSites, site, pool, workspace, settings, probe, pathRule, urlPathMap, ref, sub, GW_ID, GW } from '../../rules/helpers';

const map = urlPathMap('map1', [
  pathRule('map1', 'all', ['/*'], { backendAddressPool: ref('backendAddressPools', 'pool1') }),
  pathRule('map1', 'api', ['/api/*'], { backendAddressPool: ref('backendAddressPools', 'api-pool') }),
]);
const gw = gatewayOfSites(
  [site('app', ['app.contoso.com'], { priority: 10, rule: { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1') } }), site('other', ['other.contoso.com'], { priority: 20, pool: 'api-pool', settings: 'settings2' })],
  {
    urlPathMaps: [map],
    backendAddressPools: [pool('pool1'), pool('api-pool')],
    backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'probe1') }), settings('settings2')],
    probes: [probe('probe1')],
  },
);
const ws = workspace({ gateways: [gw] });
const f = (ruleId: string, type: string, name: string, over: Partial<FindingLike> = {}): FindingLike & { ruleId: string } => ({ ruleId, gateway: GW, gatewayId: GW_ID, resource: { type, name, id: name.startsWith('/') ? name : sub(type, name) }, affected: [], ...over });

const findings = [
  f('a', 'httpListeners', 'app'),
  f('b', 'requestRoutingRules', 'app-rule'),
  f('c', 'urlPathMaps', 'map1'),
  f('d', 'pathRules', `${sub('urlPathMaps', 'map1')}/pathRules/all`),
  f('e', 'backendHttpSettingsCollection', 'settings1'),
  f('g', 'probes', 'probe1'),
  f('h', 'backendAddressPools', 'pool1'),
  f('i', 'backendAddressPools', 'api-pool'),
  f('j', 'networkSecurityGroups', 'nsg1', { resource: { type: 'networkSecurityGroups', name: 'nsg1', id: '/subscriptions/x/providers/Microsoft.Network/networkSecurityGroups/nsg1' }, affected: ['app (app.contoso.com) /*'] }),
  f('k', 'networkSecurityGroups', 'nsg2', { resource: { type: 'networkSecurityGroups', name: 'nsg2', id: '/x/nsg2' }, affected: ['app (app.contoso.com) /api/*'] }),
  f('route-path-shadowed', 'pathRules', `${sub('urlPathMaps', 'map1')}/pathRules/api`),
  f('l', 'pathRules', `${sub('urlPathMaps', 'map1')}/pathRules/api`),
  f('m', 'backendAddressPools', 'pool1', { gateway: 'other-gw', gatewayId: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/applicationGateways/other-gw' }),
  f('n', 'applicationGateways', GW, { resource: { type: 'applicationGateways', name: GW, id: GW_ID } }),
  f('o', 'backendHttpSettingsCollection', 'settings2'),
];

describe('findingsOnRoute', () => {
  it('keeps the findings on the route, by id, by type and name, by affected label, and the trap that explains it', () => {
    const route = routeRequest(ws, gw, 'http://app.contoso.com/api/x');
    expect(route.pathRule).toBe('all');
    expect(findingsOnRoute(findings, route, gw).map((x) => x.ruleId)).toEqual(['a', 'b', 'c', 'd', 'e', 'g', 'h', 'j', 'route-path-shadowed']);
  });

  it('takes a report as well as a list, and matches report findings by gateway name', () => {
    const route = routeRequest(ws, gw, 'http://other.contoso.com/');
    const report = { findings: findings.map(({ gatewayId: _drop, ...rest }) => rest) };
    expect(findingsOnRoute(report, route, gw).map((x) => x.ruleId)).toEqual(['i', 'o']);
  });

  it('a route that found no listener carries nothing', () => {
    const route = routeRequest(ws, gw, 'http://nobody.example/');
    expect(route.listener).toBeNull();
    expect(findingsOnRoute(findings, route, gw)).toEqual([]);
  });
});
