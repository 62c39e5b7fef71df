import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-host-vs-certificate';
import type { CertificateLookup } from '../../src/core/rules/certificates';
import type { Gateway } from '../../src/core/model/types';
import { certLookup, gatewayWith, listener, pool, probe, ref, rule as routingRule, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('leaf-san', 'leaf-cn', 'root-ca');
const leaf = (name: string) => fx[name].parsed.certificates;
/** The backend certificate as if the user pasted it (a PEM document). */
const supplied = (name: string, document = 'backend.pem'): CertificateLookup => certLookup(fx, { supplied: [{ document, certificates: leaf(name) }] });

const https = (over: Parameters<typeof settings>[1] = {}) => settings('settings1', { protocol: 'Https', port: 443, ...over });
const gw = (over: Partial<Gateway> = {}) => gatewayWith({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' })], ...over });
const authCert = (name: string) => ({ id: sub('authenticationCertificates', name), name, source: { document: 'test.json', pointer: `/authenticationCertificates/${name}` }, data: fx[name].b64 });
const v1 = (over: Partial<Gateway>) => gw({ sku: { name: 'Standard_Small', tier: 'Standard' }, generation: 'v1', ...over });

ruleTester(
  rule,
  {
    valid: [
      { name: 'host name on the SAN certificate', ws: workspace({ gateways: [gw()] }), certs: supplied('leaf-san') },
      { name: 'wildcard SAN covers the host name', ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'orders.api.contoso.com' })] })] }), certs: supplied('leaf-san') },
      { name: 'backend certificate unknown: no guess', ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'shop.contoso.com' })] })] }) },
      { name: 'Http settings are not checked', ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [settings('settings1', { hostName: 'shop.contoso.com' })] })] }), certs: supplied('leaf-san') },
      { name: 'validateSNI false: the name is not checked', ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'shop.contoso.com', validateSNI: false })] })] }), certs: supplied('leaf-san') },
      {
        name: 'supplied certificate named after another pool is not used',
        ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'shop.contoso.com' })] })] }),
        certs: certLookup(fx, { supplied: [{ document: 'orders-pool.pem', certificates: leaf('leaf-san') }, { document: 'x.pem', certificates: leaf('leaf-san') }] }),
      },
      { name: 'v1: CN matches the pool FQDN (SANs present)', ws: workspace({ gateways: [v1({ authenticationCertificates: [authCert('leaf-san')], backendAddressPools: [pool('pool1', [{ fqdn: 'legacy.contoso.com' }])], backendHttpSettingsCollection: [https({ authenticationCertificates: [ref('authenticationCertificates', 'leaf-san')] })] })] }), certs: certLookup(fx) },
      { name: 'client host names all on the certificate', ws: workspace({ gateways: [gw({ httpListeners: [listener('listener1', { hostNames: ['www.contoso.com', 'a.api.contoso.com'] })], backendHttpSettingsCollection: [https()] })] }), certs: supplied('leaf-san') },
    ],
    invalid: [
      {
        name: 'host name override not on the certificate',
        ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'shop.contoso.com' })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ resource: 'settings1', severity: 'error', messageIncludes: 'with the name(s) shop.contoso.com, but its certificate backend.pem is issued for DNS: www.contoso.com, *.api.contoso.com; IP: 10.0.0.4; CN: legacy.contoso.com' }],
      },
      {
        name: 'CN ignored when the certificate has SANs (v2)',
        ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'legacy.contoso.com' })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'error', messageIncludes: 'legacy.contoso.com' }],
      },
      {
        name: 'CN-only certificate, other name',
        ws: workspace({ gateways: [gw()] }),
        certs: supplied('leaf-cn'),
        expect: [{ severity: 'error', messageIncludes: 'issued for CN: backend.contoso.com' }],
      },
      {
        name: 'wildcard covers one label only',
        ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'a.b.api.contoso.com' })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ messageIncludes: 'a.b.api.contoso.com' }],
      },
      {
        name: 'client host names: only the listener whose name is missing is affected',
        ws: workspace({
          gateways: [
            gw({
              httpListeners: [listener('listener1', { hostNames: ['www.contoso.com'] }), listener('listener2', { hostNames: ['shop.contoso.com'] })],
              requestRoutingRules: [routingRule('rule1'), routingRule('rule2', { priority: 200, httpListener: ref('httpListeners', 'listener2') })],
              backendHttpSettingsCollection: [https()],
            }),
          ],
        }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'error', messageIncludes: 'name(s) shop.contoso.com,' }],
      },
      {
        name: 'client host mismatch that the FQDN member would fix → warning (docs differ on the SNI)',
        ws: workspace({ gateways: [gw({ httpListeners: [listener('listener1', { hostNames: ['shop.contoso.com'] })], backendAddressPools: [pool('pool1', [{ fqdn: 'www.contoso.com' }])], backendHttpSettingsCollection: [https()] })] }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'warning', messageIncludes: 'shop.contoso.com' }],
      },
      {
        name: 'custom probe host not on the certificate',
        ws: workspace({ gateways: [gw({ probes: [probe('probe1', { protocol: 'Https', host: 'health.contoso.com' })], backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com', probe: ref('probes', 'probe1') })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'error', messageIncludes: 'health.contoso.com' }],
      },
      {
        name: 'sniName not on the certificate',
        ws: workspace({ gateways: [gw({ backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com', sniName: 'shop.contoso.com' })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'error', messageIncludes: 'shop.contoso.com' }],
      },
      {
        name: 'pick host name from backend: FQDN member not on the certificate',
        ws: workspace({ gateways: [gw({ backendAddressPools: [pool('pool1', [{ fqdn: 'web01.internal.contoso.com' }])], backendHttpSettingsCollection: [https({ pickHostNameFromBackendAddress: true })] })] }),
        certs: supplied('leaf-san'),
        expect: [{ severity: 'error', messageIncludes: 'web01.internal.contoso.com' }],
      },
      {
        name: 'supplied certificate matched by pool name among several backends',
        ws: workspace({
          gateways: [
            gw({
              httpListeners: [listener('listener1'), listener('listener2', { hostNames: ['api.contoso.com'] })],
              backendAddressPools: [pool('pool1'), pool('orders', [{ ipAddress: '10.0.2.4' }])],
              backendHttpSettingsCollection: [https({ hostName: 'www.contoso.com' }), settings('orders-https', { protocol: 'Https', port: 443, hostName: 'orders.contoso.com' })],
              requestRoutingRules: [routingRule('rule1'), routingRule('rule2', { priority: 50, httpListener: ref('httpListeners', 'listener2'), backendAddressPool: ref('backendAddressPools', 'orders'), backendHttpSettings: ref('backendHttpSettingsCollection', 'orders-https') })],
            }),
          ],
        }),
        certs: certLookup(fx, { supplied: [{ document: 'orders.pem', certificates: leaf('leaf-san') }] }),
        expect: [{ resource: 'orders-https', messageIncludes: 'orders.contoso.com' }],
      },
      {
        name: 'v1: authentication certificate CN vs pool FQDN',
        ws: workspace({ gateways: [v1({ authenticationCertificates: [authCert('leaf-cn')], backendAddressPools: [pool('pool1', [{ fqdn: 'www.contoso.com' }])], backendHttpSettingsCollection: [https({ hostName: undefined, authenticationCertificates: [ref('authenticationCertificates', 'leaf-cn')] })] })] }),
        certs: certLookup(fx),
        expect: [{ severity: 'error', messageIncludes: 'certificate authenticationCertificates[leaf-cn] is issued for CN: backend.contoso.com' }],
      },
    ],
  },
  it,
);

it('tls-host-vs-certificate: evidence, affected listeners and a host name from the certificate in the fix', () => {
  const ws = workspace({ gateways: [gw({ httpListeners: [listener('listener1', { hostNames: ['shop.contoso.com'] })], backendHttpSettingsCollection: [https({ hostName: 'shop.contoso.com' })] })] });
  const [f] = run(rule, ws, supplied('leaf-san'));
  expect(f.affected).toEqual(['listener1 (shop.contoso.com)']);
  expect(f.evidence[0]).toMatchObject({ path: 'backendHttpSettingsCollection[settings1].hostName', value: 'shop.contoso.com' });
  expect(f.commands.az?.[0]).toBe('az network application-gateway http-settings update -g rg1 --gateway-name gw1 -n settings1 --host-name www.contoso.com');
  expect(f.commands.powershell).toContain("$s.HostName = 'www.contoso.com'; $s.PickHostNameFromBackendAddress = $false");
  expect(f.text.ko.message).toContain('shop.contoso.com');
});
