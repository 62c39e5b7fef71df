import { describe, it } from 'vitest';
import check from '../../src/core/rules/default-probe-host-sensitive-backend';
import { gatewayWith, health, listener, pool, probe, ref, ruleTester, settings, workspace } from './helpers';

const appService = pool('pool1', [{ fqdn: 'contoso-app.azurewebsites.net' }]);

describe('default-probe-host-sensitive-backend', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'IP pool behind a basic listener, no host name', ws: workspace() },
        {
          name: 'App Service pool with a custom probe',
          ws: workspace({
            gateways: [gatewayWith({ backendAddressPools: [appService], probes: [probe('p1')], backendHttpSettingsCollection: [settings('settings1', { probe: ref('probes', 'p1') })] })],
          }),
        },
        {
          name: 'App Service pool, backend health shows the default probe works',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [appService] })], backendHealth: [health([{ address: 'contoso-app.azurewebsites.net', health: 'Healthy' }])] }),
        },
        {
          name: 'settings with a host name that no rule uses',
          ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1'), settings('spare', { hostName: 'www.contoso.com' })] })] }),
        },
        {
          name: 'a non-PaaS FQDN that merely contains a PaaS name',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'azurewebsites.net.contoso.com' }])] })] }),
        },
      ],
      invalid: [
        {
          name: 'App Service member with the default probe',
          ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [appService] })] }),
          expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'contoso-app.azurewebsites.net' }],
        },
        {
          name: 'settings override the host name',
          ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { hostName: 'www.contoso.com' })] })] }),
          expect: [{ resource: 'settings1', messageIncludes: 'hostName = www.contoso.com' }],
        },
        {
          name: 'settings pick the host from the backend address',
          ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { pickHostNameFromBackendAddress: true })] })] }),
          expect: [{ resource: 'settings1', messageIncludes: 'pickHostNameFromBackendAddress = true' }],
        },
        {
          name: 'multi-site listener in front; the URL of the default probe is shown',
          ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: ['www.contoso.com'] })] })] }),
          expect: [{ resource: 'settings1', messageIncludes: 'GET http://127.0.0.1:80/' }],
        },
        {
          name: 'several reasons give one finding; Unhealthy health does not silence it',
          ws: workspace({
            gateways: [gatewayWith({ backendAddressPools: [appService], httpListeners: [listener('listener1', { hostNames: ['shop.contoso.com'] })], backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, pickHostNameFromBackendAddress: true })] })],
            backendHealth: [health([{ address: 'contoso-app.azurewebsites.net', health: 'Unhealthy', log: 'Received:404' }])],
          }),
          expect: [{ resource: 'settings1', count: 1, messageIncludes: 'https://127.0.0.1:443/' }],
        },
      ],
    },
    it,
  );
});
