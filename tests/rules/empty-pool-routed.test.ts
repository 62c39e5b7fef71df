import { describe, expect, it } from 'vitest';
import check from '../../src/core/rules/empty-pool-routed';
import type { UrlPathMap } from '../../src/core/model/types';
import { gatewayWith, pool, ref, rule, run, ruleTester, sub, workspace } from './helpers';

const src = { document: 'test.json', pointer: '' };
const pathMap = (defaultPool: string): UrlPathMap => ({
  id: sub('urlPathMaps', 'map1'),
  name: 'map1',
  source: src,
  defaultBackendAddressPool: ref('backendAddressPools', defaultPool),
  defaultBackendHttpSettings: ref('backendHttpSettingsCollection', 'settings1'),
  pathRules: [{ id: `${sub('urlPathMaps', 'map1')}/pathRules/api`, name: 'api', source: src, paths: ['/api/*'], backendAddressPool: ref('backendAddressPools', 'pool1'), backendHttpSettings: ref('backendHttpSettingsCollection', 'settings1') }],
});
const pathRule = rule('rule1', { ruleType: 'PathBasedRouting', urlPathMap: ref('urlPathMaps', 'map1'), backendAddressPool: undefined, backendHttpSettings: undefined });
const empty = (name: string) => pool(name, []);

describe('empty-pool-routed', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'pool with a member', ws: workspace() },
        { name: 'empty pool no rule uses', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), empty('spare')] })] }) },
        { name: 'pool members lost from the input', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [empty('pool1')], lost: [{ part: 'backendAddressPools', reason: 'depth' }] })] }) },
        { name: 'pool with NIC members only', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [{ ...empty('pool1'), backendIpConfigurations: [ref('x', 'y')] }] })] }) },
      ],
      invalid: [
        { name: 'basic rule to an empty pool', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [empty('pool1')] })] }), expect: [{ resource: 'pool1', severity: 'error', messageIncludes: 'routed to it by: requestRoutingRules/rule1' }] },
        {
          name: 'AGIC: empty defaultaddresspool as the path map default',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), empty('defaultaddresspool')], urlPathMaps: [pathMap('defaultaddresspool')], requestRoutingRules: [pathRule] })] }),
          expect: [{ resource: 'defaultaddresspool', messageIncludes: 'urlPathMaps/map1 (defaultBackendAddressPool)' }],
        },
        {
          name: 'blank entries do not count as members',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [{ ...empty('pool1'), blankAddresses: 2 }] })] }),
          expect: [{ resource: 'pool1', messageIncludes: 'has no members' }],
        },
        {
          name: 'empty pool behind a path rule',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [empty('pool1'), pool('other')], urlPathMaps: [pathMap('other')], requestRoutingRules: [pathRule] })] }),
          expect: [{ resource: 'pool1', messageIncludes: 'urlPathMaps/map1/pathRules/api (/api/*)' }],
        },
      ],
    },
    it,
  );
});

describe('empty-pool-routed effect', () => {
  it('says "requests that match no path rule" for a path map default', () => {
    const ws = workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), empty('defaultaddresspool')], urlPathMaps: [pathMap('defaultaddresspool')], requestRoutingRules: [pathRule] })] });
    const f = run(check, ws)[0];
    expect(f.text.en.effect).toContain('requests that match no path rule');
    expect(f.text.ko.effect).toContain('어떤 경로 규칙에도 맞지 않는 요청');
    expect(f.commands.az!.join('\n')).toContain('kubectl get ingress');
  });
});
