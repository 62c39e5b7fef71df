import { describe, it } from 'vitest';
import check from '../../src/core/rules/request-timeout-public-limit';
import { gatewayWith, pool, ruleTester, settings, workspace } from './helpers';

const gw = (requestTimeout: number, addresses: { ipAddress?: string; fqdn?: string }[]) =>
  gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { requestTimeout })], backendAddressPools: [pool('pool1', addresses)] });

describe('request-timeout-public-limit', () => {
  ruleTester(
    check,
    {
      valid: [
        { name: 'private backend with 600 s', ws: workspace({ gateways: [gw(600, [{ ipAddress: '10.0.1.4' }])] }) },
        { name: 'public backend with 240 s', ws: workspace({ gateways: [gw(240, [{ ipAddress: '20.50.1.1' }])] }) },
        { name: 'unknown private FQDN with 600 s', ws: workspace({ gateways: [gw(600, [{ fqdn: 'app.internal.contoso.com' }])] }) },
        { name: 'private endpoint name', ws: workspace({ gateways: [gw(600, [{ fqdn: 'app.privatelink.azurewebsites.net' }])] }) },
      ],
      invalid: [
        { name: 'public IP with 300 s', ws: workspace({ gateways: [gw(300, [{ ipAddress: '20.50.1.1' }])] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: 'has public members (20.50.1.1)' }] },
        { name: 'App Service with 600 s', ws: workspace({ gateways: [gw(600, [{ fqdn: 'app.azurewebsites.net' }])] }), expect: [{ resource: 'settings1', messageIncludes: 'public members (app.azurewebsites.net)' }] },
      ],
    },
    it,
  );
});
