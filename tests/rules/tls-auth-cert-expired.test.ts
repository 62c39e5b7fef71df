import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-auth-cert-expired';
import { certLookup, gatewayWith, ref, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('leaf-expired', 'leaf-cn');
const v1 = (fixture: string, used = true) =>
  gatewayWith({
    sku: { name: 'Standard_Small', tier: 'Standard' },
    generation: 'v1',
    authenticationCertificates: [{ id: sub('authenticationCertificates', 'backend'), name: 'backend', source: { document: 'test.json', pointer: '/authenticationCertificates/0' }, data: fx[fixture].b64 }],
    backendHttpSettingsCollection: [
      settings('settings1', used ? { protocol: 'Https', port: 443, authenticationCertificates: [ref('authenticationCertificates', 'backend')] } : {}),
      ...(used ? [] : [settings('spare', { protocol: 'Https', port: 443, authenticationCertificates: [ref('authenticationCertificates', 'backend')] })]),
    ],
  });

ruleTester(
  rule,
  {
    valid: [
      { name: 'valid backend certificate', ws: workspace({ gateways: [v1('leaf-cn')] }), certs: certLookup(fx) },
      { name: 'not parsed', ws: workspace({ gateways: [v1('leaf-expired')] }) },
    ],
    invalid: [
      { name: 'expired and used', ws: workspace({ gateways: [v1('leaf-expired')] }), certs: certLookup(fx), expect: [{ resource: 'backend', severity: 'error', messageIncludes: 'expired on 2021-01-01' }] },
      { name: 'expired, settings unused → info', ws: workspace({ gateways: [v1('leaf-expired', false)] }), certs: certLookup(fx), expect: [{ severity: 'info', messageIncludes: 'Used by backend settings: spare' }] },
    ],
  },
  it,
);

it('tls-auth-cert-expired: command replaces the authentication certificate', () => {
  const [f] = run(rule, workspace({ gateways: [v1('leaf-expired')] }), certLookup(fx));
  expect(f.commands.az).toEqual(['az network application-gateway auth-cert update -g rg1 --gateway-name gw1 -n backend --cert-file backend.cer']);
  expect(f.affected).toEqual(['listener1']);
});
