import { expect, it } from 'vitest';
import rule from '../../src/core/rules/tls-trusted-root-expired';
import type { Gateway } from '../../src/core/model/types';
import { certLookup, gatewayWith, ref, run, ruleTester, settings, sub, tlsFixtures, workspace } from './helpers';

const fx = await tlsFixtures('root-ca', 'leaf-expired');
const withRoot = (fixture: string, over: Partial<Gateway> = {}) =>
  gatewayWith({
    trustedRootCertificates: [{ id: sub('trustedRootCertificates', 'root1'), name: 'root1', source: { document: 'test.json', pointer: '/trustedRootCertificates/0' }, data: fx[fixture].b64 }],
    backendHttpSettingsCollection: [settings('settings1', { protocol: 'Https', port: 443, trustedRootCertificates: [ref('trustedRootCertificates', 'root1')] })],
    ...over,
  });
// The fixture root is valid 2024-01-01 .. 2044-01-01.
const in2045 = certLookup(fx, { now: new Date('2045-06-01T00:00:00Z') });

ruleTester(
  rule,
  {
    valid: [
      { name: 'valid root today', ws: workspace({ gateways: [withRoot('root-ca')] }), certs: certLookup(fx) },
      { name: 'data not parsed', ws: workspace({ gateways: [withRoot('leaf-expired')] }) },
    ],
    invalid: [
      { name: 'root expired (analysis in 2045)', ws: workspace({ gateways: [withRoot('root-ca')] }), certs: in2045, expect: [{ resource: 'root1', severity: 'error', messageIncludes: 'expired on 2044-01-01; the analysis date is 2045-06-01' }] },
      { name: 'expired certificate uploaded as root', ws: workspace({ gateways: [withRoot('leaf-expired')] }), certs: certLookup(fx), expect: [{ messageIncludes: 'CN=old.contoso.com' }] },
      { name: 'unused → info', ws: workspace({ gateways: [withRoot('root-ca', { backendHttpSettingsCollection: [settings('settings1')] })] }), certs: in2045, expect: [{ severity: 'info' }] },
    ],
  },
  it,
);

it('tls-trusted-root-expired: affected listeners', () => {
  const [f] = run(rule, workspace({ gateways: [withRoot('root-ca')] }), in2045);
  expect(f.affected).toEqual(['listener1']);
});
