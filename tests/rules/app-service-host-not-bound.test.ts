import { describe, expect, it } from 'vitest';
import rule from '../../src/core/rules/app-service-host-not-bound';
import { gatewayWith, pool, probe, ref, run, ruleTester, settings, workspace } from './helpers';
import { withTraffic } from './traffic-helpers';

const hostnames = JSON.stringify([
  { name: 'contoso-web/contoso-web.azurewebsites.net', siteName: 'contoso-web', hostNameType: 'Verified', type: 'Microsoft.Web/sites/hostNameBindings' },
  { name: 'contoso-web/shop.contoso.com', siteName: 'contoso-web', hostNameType: 'Verified', type: 'Microsoft.Web/sites/hostNameBindings' },
]);
const gw = (s: Parameters<typeof settings>[1], probes: ReturnType<typeof probe>[] = []) =>
  gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: 'contoso-web.azurewebsites.net' }])], backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, ...s })], probes });

describe('app-service-host-not-bound', () => {
  ruleTester(rule, {
    valid: [
      { name: 'no App Service input', ws: workspace({ gateways: [gw({ hostName: 'wrong.contoso.com' })] }) },
      { name: 'a bound custom domain', ws: withTraffic(workspace({ gateways: [gw({ hostName: 'shop.contoso.com' })] }), { 'hn.json': hostnames }) },
      { name: 'pick host name from the backend target', ws: withTraffic(workspace({ gateways: [gw({ pickHostNameFromBackendAddress: true })] }), { 'hn.json': hostnames }) },
      { name: 'a pool that is not this app', ws: withTraffic(workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { hostName: 'wrong.contoso.com' })] })] }), { 'hn.json': hostnames }) },
    ],
    invalid: [
      { name: 'settings override the host with a name the app does not have', ws: withTraffic(workspace({ gateways: [gw({ hostName: 'www.contoso.com' })] }), { 'hn.json': hostnames }), expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'BackendHttpSettings settings1 sends Host "www.contoso.com" to App Service contoso-web (contoso-web.azurewebsites.net)' }] },
      {
        name: 'a custom probe with an unbound host',
        ws: withTraffic(workspace({ gateways: [gw({ pickHostNameFromBackendAddress: true, probe: ref('probes', 'probe1') }, [probe('probe1', { protocol: 'Https', host: 'health.contoso.com' })])] }), { 'hn.json': hostnames }),
        expect: [{ resource: 'probe1', messageIncludes: 'Probe probe1 sends Host "health.contoso.com"' }],
      },
    ],
  }, it);

  it('lists the bound names and gives the fix', () => {
    const [f] = run(rule, withTraffic(workspace({ gateways: [gw({ hostName: 'www.contoso.com' })] }), { 'hn.json': hostnames }));
    expect(f.text.en.message).toContain('contoso-web.azurewebsites.net, shop.contoso.com');
    expect(f.commands.az?.[0]).toContain('--host-name-from-backend-pool true');
    expect(f.text.ko.fix).toContain('az webapp config hostname add');
  });
});
