import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-ase-ilb-by-ip';
import { gatewayWith, listener, pool, probe, ref, run, ruleTester, settings, workspace } from './helpers';

const ase = 'orders.contoso-ase.appserviceenvironment.net';
const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'ASE reached by FQDN', ws: workspace({ gateways: [gatewayWith({ backendAddressPools: [pool('pool1', [{ fqdn: ase }])], backendHttpSettingsCollection: [https({ hostName: ase })] })] }) },
      { name: 'IP backend, ordinary host name', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })] })] }) },
      { name: 'Http to the ASE by IP', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [settings('settings1', { hostName: ase })] })] }) },
    ],
    invalid: [
      { name: 'settings host name is an ASE name, pool by IP', ws: workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: ase })] })] }), expect: [{ resource: 'settings1', severity: 'warning', messageIncludes: `name ${ase} but reach pool pool1 by IP address (10.0.1.4)` }] },
      { name: 'probe host is an ASE name', ws: workspace({ gateways: [gatewayWith({ probes: [probe('probe1', { protocol: 'Https', host: ase })], backendHttpSettingsCollection: [https({ probe: ref('probes', 'probe1') })] })] }), expect: [{ messageIncludes: ase }] },
      { name: 'listener host is an ASE name', ws: workspace({ gateways: [gatewayWith({ httpListeners: [listener('listener1', { hostNames: [ase] })], backendHttpSettingsCollection: [https()] })] }), expect: [{ messageIncludes: ase }] },
    ],
  },
  it,
);

it('tls-ase-ilb-by-ip: puts the FQDN in the pool', () => {
  const [f] = run(rule, workspace({ gateways: [gatewayWith({ backendHttpSettingsCollection: [https({ hostName: ase })] })] }));
  expect(f.commands.az?.[0]).toBe(`az network application-gateway address-pool update -g rg1 --gateway-name gw1 -n pool1 --servers ${ase}`);
});
