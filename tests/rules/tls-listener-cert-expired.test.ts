import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-listener-cert-expired';
import { certLookup, gatewayWith, listener, ref, run, ruleTester, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('chain.p7b', 'leaf-expired');
const withCert = (fixture: string, keyVault = false) =>
  gatewayWith({
    sslCertificates: [{ id: sub('sslCertificates', 'cert1'), name: 'cert1', source: { document: 'test.json', pointer: '/sslCertificates/0' }, publicCertData: fx[fixture].b64, keyVaultSecretId: keyVault ? 'https://kv1.vault.azure.net/secrets/cert1' : undefined }],
    httpListeners: [listener('listener1', { protocol: 'Https', hostNames: ['www.contoso.com'], sslCertificate: ref('sslCertificates', 'cert1') })],
  });

ruleTester(
  rule,
  {
    valid: [
      { name: 'leaf valid until 2034 (p7b chain)', ws: workspace({ gateways: [withCert('chain.p7b')] }), certs: certLookup(fx) },
      { name: 'not parsed', ws: workspace({ gateways: [withCert('leaf-expired')] }) },
    ],
    invalid: [
      { name: 'expired', ws: workspace({ gateways: [withCert('leaf-expired')] }), certs: certLookup(fx), expect: [{ resource: 'cert1', severity: 'warning', messageIncludes: 'valid until 2021-01-01; the analysis date is 2026-11-25. Listeners: listener1 (www.contoso.com)' }] },
      { name: 'expires within 30 days → info', ws: workspace({ gateways: [withCert('chain.p7b')] }), certs: certLookup(fx, { now: new Date('2033-12-15T00:00:00Z') }), expect: [{ severity: 'info', messageIncludes: '2034-01-01' }] },
    ],
  },
  it,
);

it('tls-listener-cert-expired: Key Vault certificates get the Key Vault command', () => {
  const [f] = run(rule, workspace({ gateways: [withCert('leaf-expired', true)] }), certLookup(fx));
  expect(f.commands.az?.[0]).toContain('ssl-cert update -g rg1 --gateway-name gw1 -n cert1 --key-vault-secret-id');
  expect(f.commands.powershell).toBeUndefined();
});
