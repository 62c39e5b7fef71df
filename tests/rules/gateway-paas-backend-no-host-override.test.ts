import { expect, it } from 'vitest';
import rule from '../../src/core/rules/gateway-paas-backend-no-host-override';
import { gatewayWith, listener, pool, ref, rule as routingRule, run, ruleTester, settings, workspace } from './helpers';

const app = [{ fqdn: 'contoso-web.azurewebsites.net' }];

ruleTester(
  rule,
  {
    valid: [
      { name: 'VM backend', ws: workspace() },
      { name: 'App Service with pick host name', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', app)], backendHttpSettingsCollection: [settings('settings1', { pickHostNameFromBackendAddress: true })] })] }) },
      { name: 'App Service with a fixed host name', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', app)], backendHttpSettingsCollection: [settings('settings1', { hostName: 'www.contoso.com' })] })] }) },
      { name: 'not-a-suffix look-alike', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'azurewebsites.net.contoso.com' }])] })] }) },
      { name: 'pool not used by any rule', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1'), pool('apps', app)] })] }) },
    ],
    invalid: [
      {
        name: 'App Service behind a basic listener → error',
        ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', app)] })] }),
        expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'App Service member(s) contoso-web.azurewebsites.net' }],
      },
      {
        name: 'Container Apps behind a multi-site listener → warning (may be a bound custom domain)',
        ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: ['www.contoso.com'] })], backendAddressPools: [pool('pool1', [{ fqdn: 'web.kindfield-1234.koreacentral.azurecontainerapps.io' }])] })] }),
        expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'client\'s host: www.contoso.com' }],
      },
      {
        name: 'one finding per settings across pools',
        ws: workspace({
          gateways: [
            gatewayWith({
              httpListeners: [listener('listener1'), listener('listener2', { hostNames: ['api.contoso.com'] })],
              backendAddressPools: [pool('pool1', app), pool('apim', [{ fqdn: 'contoso.azure-api.net' }])],
              requestRoutingRules: [routingRule('rule1'), routingRule('rule2', { priority: 50, httpListener: ref('httpListeners', 'listener2'), backendAddressPool: ref('backendAddressPools', 'apim') })],
            }),
          ],
        }),
        expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'App Service, API Management' }],
      },
    ],
  },
  it,
);

it('gateway-paas-backend-no-host-override: fix turns on pick host name', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', app)] })] }));
  expect(f.commands.az).toEqual(['az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --host-name-from-backend-pool true']);
  expect(f.affected).toEqual(['listener1']);
});
