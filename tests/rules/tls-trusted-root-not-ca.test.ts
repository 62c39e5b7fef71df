import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-trusted-root-not-ca';
import type { Gateway } from '../../src/core/model/types';
import { certLookup, gatewayWith, ref, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('root-ca', 'leaf-san', 'selfsigned-noca');
const root = (name: string, fixture: string, data = fx[fixture].b64) => ({ id: sub('trustedRootCertificates', name), name, source: { document: 'test.json', pointer: `/trustedRootCertificates/${name}` }, data });
const withRoot = (fixture: string, over: Partial<Gateway> = {}) =>
  gatewayWith({
    trustedRootCertificates: [root('root1', fixture)],
    backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, hostName: 'www.contoso.com', trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })],
    ...over,
  });
const certs = certLookup(fx);

ruleTester(
  rule,
  {
    valid: [
      { name: 'a real root CA', ws: workspace({ gateways: [withRoot('root-ca')] }), certs },
      { name: 'certificate data not parsed (no lookup)', ws: workspace({ gateways: [withRoot('leaf-san')] }) },
      { name: 'no data in the input (console output)', ws: workspace({ gateways: [gatewayWith({ trustedRootCertificates: [{ ...root('root1', 'leaf-san'), data: undefined }] })] }), certs },
    ],
    invalid: [
      { name: 'leaf uploaded as root, used by traffic → error', ws: workspace({ gateways: [withRoot('leaf-san')] }), certs, expect: [{ resource: 'root1', severity: 'error', messageIncludes: 'is CN=legacy.contoso.com, O=Contoso Test, C=US, issued by CN=Contoso Test Root CA' }] },
      { name: 'self-signed non-CA', ws: workspace({ gateways: [withRoot('selfsigned-noca')] }), certs, expect: [{ severity: 'error', messageIncludes: '(self-signed)' }] },
      { name: 'not used by any rule → info', ws: workspace({ gateways: [withRoot('leaf-san', { backendHttpSettingsCollection: [settings('settings1'), settings('spare', { protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })] })] }), certs, expect: [{ severity: 'info', messageIncludes: 'Used by backend settings: spare' }] },
      {
        name: 'chain validation off → info',
        ws: workspace({ gateways: [withRoot('leaf-san', { backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, validateCertChainAndExpiry: false, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })] })] }),
        certs,
        expect: [{ severity: 'info' }],
      },
    ],
  },
  it,
);

it('tls-trusted-root-not-ca: replaces the root with the user\'s names', () => {
  const [f] = run(rule, workspace({ gateways: [withRoot('leaf-san')] }), certs);
  expect(f.commands.az?.[0]).toBe('az network application-gateway root-cert update -g rg1 --gateway-name gw1 -n root1 --cert-file root-ca.cer');
  expect(f.affected).toEqual(['listener1']);
  expect(f.evidence[0].source?.pointer).toBe('/trustedRootCertificates/root1');
});
