import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-backend-certificate-unknown';
import { certLookup, gatewayWith, listener, pool, run, ruleTester, settings, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('leaf-san');
const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'no HTTPS backends', ws: workspace() },
      { name: 'backend certificate supplied', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }), certs: certLookup(fx, { supplied: [{ document: 'backend.pem', certificates: fx['leaf-san'].parsed.certificates }] }) },
      { name: 'validateSNI off: no name check to do', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ validateSNI: false })] })] }) },
    ],
    invalid: [
      {
        name: 'host name override, certificate unknown',
        ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }),
        expect: [{ resource: 'gw1', severity: 'info', messageIncludes: 'settings1 → pool1: www.contoso.com' }],
      },
      {
        name: 'basic listener, IP members: any client host name',
        ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https()] })] }),
        expect: [{ messageIncludes: 'settings1 → pool1: *' }],
      },
      {
        name: 'multi-site listener and FQDN member: both names listed',
        ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: ['shop.contoso.com'] })], backendAddressPools: [pool('pool1', [{ fqdn: 'web01.contoso.com' }])], backendHttpSettingsCollection: [https()] })] }),
        expect: [{ messageIncludes: 'shop.contoso.com, web01.contoso.com' }],
      },
    ],
  },
  it,
);

it('tls-backend-certificate-unknown: once per gateway, with the backend-health command', () => {
  const g = gatewayWith({
    backendAddressPools: [pool('pool1'), pool('pool2')],
    backendHttpSettingsCollection: [https({ hostName: 'a.contoso.com' }), settings('settings2', { protocol: 'Https', port: 443, hostName: 'b.contoso.com' })],
    requestRoutingRules: [
      { ...gatewayWith().requestRoutingRules[0] },
      { ...gatewayWith().requestRoutingRules[0], id: 'x/requestRoutingRules/rule2', name: 'rule2', priority: 200, backendAddressPool: { id: 'x/backendAddressPools/pool2', name: 'pool2' }, backendHttpSettings: { id: 'x/backendHttpSettingsCollection/settings2', name: 'settings2' } },
    ],
  });
  const found = run(rule, workspace({ gateways: [g] }));
  expect(found).toHaveLength(1);
  expect(found[0].text.en.message).toContain('2 HTTPS backend(s)');
  expect(found[0].commands.az).toEqual(['az network application-gateway show-backend-health -g rg1 -n gw1']);
});
