import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-dangling-reference';
import { gatewayWith, listener, pool, ref, rule as routingRule, run, ruleTester, settings, workspace } from './helpers';
import type { UrlPathMap } from '../../src/core/model/types';

const src = { document: 'test.json', pointer: '' };
const pathMap = (over: Partial<UrlPathMap> = {}): UrlPathMap => ({
  id: 'x/urlPathMaps/map1',
  name: 'map1',
  source: src,
  defaultBackendAddressPool: ref('backendAddressPools', 'pool1'),
  defaultBackendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'),
  pathRules: [{ id: 'x/urlPathMaps/map1/pathRules/api', name: 'api', source: src, paths: ['/api/*'], backendAddressPool: ref('backendAddressPools', 'pool-api'), backendHttpSettings: ref('backendHttpSettingsCollection', 'settings1') }],
  ...over,
});

ruleTester(
  rule,
  {
    valid: [
      { name: 'consistent gateway', ws: workspace() },
      {
        name: 'reference into a collection the input lost',
        ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [], lost: [{ part: 'backendAddressPools', reason: 'depth' }] })] }),
      },
      {
        name: 'lost collection spelled frontendIpConfigurations',
        ws: workspace({ gateways: [gatewayWith({ frontendIpConfigurations: [], lost: [{ part: 'frontendIpConfigurations', reason: 'depth' }] })] }),
      },
      {
        name: 'reference by a placeholder parent id (AGIC) still resolves',
        ws: workspace({ gateways: [gatewayWith({ requestRoutingRules: [routingRule('rule1', { backendAddressPool: { id: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Network/applicationGateways/--app-gw-name--/backendAddressPools/pool1', name: 'pool1' } })] })] }),
      },
      {
        name: 'console output without SslProfilesText: an SSL profile reference proves nothing',
        ws: workspace({ gateways: [gatewayWith({ form: 'ps-text', httpListeners: [listener('listener1', { sslProfile: ref('sslProfiles', 'profile1') })] })] }),
      },
      { name: 'path-based rule with everything present', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('pool-api')], urlPathMaps: [pathMap()], requestRoutingRules: [routingRule('rule1', { ruleType: 'PathBasedRouting', backendAddressPool: undefined, backendHttpSettings: undefined, urlPathMap: ref('urlPathMaps', 'map1') })] })] }) },
    ],
    invalid: [
      {
        name: 'rule → missing pool',
        ws: workspace({ gateways: [gatewayWith({ requestRoutingRules: [routingRule('rule1', { backendAddressPool: ref('backendAddressPools', 'gone') })] })] }),
        expect: [{ resource: 'rule1', severity: 'error', messageIncludes: 'requestRoutingRules[rule1].backendAddressPool refers to backendAddressPools "gone"' }],
      },
      {
        name: 'listener → missing port and frontend IP; settings → missing probe and trusted root',
        ws: workspace({
          gateways: [
            gatewayWith({
              httpListeners: [listener('listener1', { frontendPort: ref('frontendPorts', 'port8080'), frontendIpConfiguration: ref('frontendIPConfigurations', 'fe-private') })],
              backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'probe-x'), protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root-x')] })],
            }),
          ],
        }),
        expect: [
          { resource: 'listener1', messageIncludes: 'frontendPort' },
          { resource: 'listener1', messageIncludes: 'frontendIPConfiguration' },
          { resource: 'settings1', messageIncludes: 'probes "probe-x"' },
          { resource: 'settings1', messageIncludes: 'trustedRootCertificates "root-x"' },
        ],
      },
      {
        name: 'path rule → missing pool (other collections lost do not hide it)',
        ws: workspace({
          gateways: [
            gatewayWith({
              urlPathMaps: [pathMap()],
              requestRoutingRules: [routingRule('rule1', { ruleType: 'PathBasedRouting', backendAddressPool: undefined, backendHttpSettings: undefined, urlPathMap: ref('urlPathMaps', 'map1') })],
              lost: [{ part: 'probes', reason: 'depth' }, { part: 'backendAddressPools.backendAddresses', reason: 'depth' }],
            }),
          ],
        }),
        expect: [{ resource: 'map1/pathRules/api', messageIncludes: 'backendAddressPools "pool-api"' }],
      },
      {
        name: 'rule → missing listener and redirect; redirect → missing listener',
        ws: workspace({
          gateways: [
            gatewayWith({
              redirectConfigurations: [{ id: 'x/redirectConfigurations/r1', name: 'r1', source: src, targetListener: ref('httpListeners', 'https-gone') }],
              requestRoutingRules: [routingRule('rule1', { httpListener: ref('httpListeners', 'nope'), backendAddressPool: undefined, backendHttpSettings: undefined, redirectConfiguration: ref('redirectConfigurations', 'r-missing') })],
            }),
          ],
        }),
        expect: [
          { resource: 'rule1', messageIncludes: 'httpListeners "nope"' },
          { resource: 'rule1', messageIncludes: 'redirectConfigurations "r-missing"' },
          { resource: 'r1', messageIncludes: 'httpListeners "https-gone"' },
        ],
      },
    ],
  },
  it,
);

it('gateway-dangling-reference: names the listeners a missing pool cuts off', () => {
  const ws = workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: ['www.contoso.com'] })], requestRoutingRules: [routingRule('rule1', { backendAddressPool: ref('backendAddressPools', 'gone') })] })] });
  const [f] = run(rule, ws);
  expect(f.affected).toEqual(['listener1 (www.contoso.com)']);
  expect(f.text.en.effect).toContain('listener1 (www.contoso.com)');
  expect(f.text.ko.message).toContain('gone');
});
