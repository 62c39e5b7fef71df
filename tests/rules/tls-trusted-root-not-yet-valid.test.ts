import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-trusted-root-not-yet-valid';
import { certLookup, gatewayWith, ref, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('root-ca');
const withRoot = () =>
  gatewayWith({
    trustedRootCertificates: [{ id: sub('trustedRootCertificates', 'root1'), name: 'root1', source: { document: 'test.json', pointer: '/trustedRootCertificates/0' }, data: fx['root-ca'].b64 }],
    backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })],
  });
// The fixture root is valid from 2024-01-01.
const in2023 = certLookup(fx, { now: new Date('2023-06-01T00:00:00Z') });

ruleTester(
  rule,
  {
    valid: [
      { name: 'valid today', ws: workspace({ gateways: [withRoot()] }), certs: certLookup(fx) },
      { name: 'not parsed', ws: workspace({ gateways: [withRoot()] }) },
    ],
    invalid: [{ name: 'analysed before notBefore', ws: workspace({ gateways: [withRoot()] }), certs: in2023, expect: [{ resource: 'root1', severity: 'error', messageIncludes: 'valid only from 2024-01-01; the analysis date is 2023-06-01' }] }],
  },
  it,
);

it('tls-trusted-root-not-yet-valid: command replaces the root', () => {
  const [f] = run(rule, workspace({ gateways: [withRoot()] }), in2023);
  expect(f.commands.powershell?.[1]).toBe('Set-AzApplicationGatewayTrustedRootCertificate -ApplicationGateway $gw -Name root1 -CertificateFile .\\root-ca.cer');
});
