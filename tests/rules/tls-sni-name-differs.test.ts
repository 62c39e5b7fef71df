import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-sni-name-differs';
import { gatewayWith, listener, pool, ref, rule as routingRule, run, ruleTester, settings, workspace } from './helpers';

const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'no sniName', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }) },
      { name: 'sniName equals the host name', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'WWW.contoso.com', sniName: 'www.contoso.com.' })] })] }) },
      { name: 'client host unknown (basic listener)', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ sniName: 'www.contoso.com' })] })] }) },
      { name: 'validateSNI off', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'a.contoso.com', sniName: 'b.contoso.com', validateSNI: false })] })] }) },
    ],
    invalid: [
      { name: 'fixed host name differs', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com', sniName: 'backend.contoso.com' })] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'send SNI "backend.contoso.com" but the Host header www.contoso.com' }] },
      { name: 'client host names differ', ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: ['www.contoso.com', 'backend.contoso.com'] })], backendHttpSettingsCollection: [https({ sniName: 'backend.contoso.com' })] })] }), expect: [{ messageIncludes: 'Host header www.contoso.com to pool pool1' }] },
      {
        name: 'fixed host name: one finding for two pools',
        ws: workspace({
          gateways: [
            gatewayWith({
              httpListeners: [listener('listener1'), listener('listener2', { hostNames: ['x.contoso.com'] })],
              backendAddressPools: [pool('pool1'), pool('pool2')],
              backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com', sniName: 'backend.contoso.com' })],
              requestRoutingRules: [routingRule('rule1'), routingRule('rule2', { priority: 50, httpListener: ref('httpListeners', 'listener2'), backendAddressPool: ref('backendAddressPools', 'pool2') })],
            }),
          ],
        }),
        expect: [{ count: 1 }],
      },
    ],
  },
  it,
);

it('tls-sni-name-differs: az aligns the host name with the SNI', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com', sniName: 'backend.contoso.com' })] })] }));
  expect(f.commands.az?.[0]).toBe('az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --host-name backend.contoso.com');
});
