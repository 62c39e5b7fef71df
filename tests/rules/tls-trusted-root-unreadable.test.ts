import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-trusted-root-unreadable';
import type { ParsedCertificateData } from '../../src/core/rules/certificates';
import { parseCertificateData } from '../../src/core/tls/x509';
import { certLookup, gatewayWith, ref, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('root-ca');
const garbage = 'TUlJQ2dhcmJhZ2U=';
const parsedGarbage: ParsedCertificateData = await parseCertificateData(garbage);
const withRoot = (data: string) =>
  gatewayWith({
    trustedRootCertificates: [{ id: sub('trustedRootCertificates', 'root1'), name: 'root1', source: { document: 'test.json', pointer: '/trustedRootCertificates/0' }, data }],
    backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })],
  });
const certs = certLookup({ ...fx, garbage: { b64: garbage, parsed: parsedGarbage } });

ruleTester(
  rule,
  {
    valid: [
      { name: 'readable root', ws: workspace({ gateways: [withRoot(fx['root-ca'].b64)] }), certs },
      { name: 'not parsed at all (no lookup entry)', ws: workspace({ gateways: [withRoot('bm90IHBhcnNlZA==')] }), certs },
    ],
    invalid: [{ name: 'garbage data', ws: workspace({ gateways: [withRoot(garbage)] }), certs, expect: [{ resource: 'root1', severity: 'warning', messageIncludes: 'could not be read as an X.509 certificate' }] }],
  },
  it,
);

it('tls-trusted-root-unreadable: the parser\'s problem is shown', () => {
  expect(parsedGarbage.certificates).toHaveLength(0);
  const [f] = run(rule, workspace({ gateways: [withRoot(garbage)] }), certs);
  expect(f.text.en.message).toContain(parsedGarbage.problems[0]);
  expect(f.affected).toEqual(['listener1']);
});
