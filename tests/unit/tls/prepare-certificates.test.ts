import { describe, expect, it } from 'vitest';
import { prepareCertificates } from '../../../src/core/rules/certificates';
import { parseCertificateData } from '../../../src/core/tls/x509';
import type { Workspace } from '../../../src/core/model/types';
import { fixtureText } from './helpers';

const now = new Date('2026-11-25T00:00:00Z');
const root = fixtureText('root-ca.b64').trim();
const leaf = fixtureText('leaf-cn.b64').trim();
const san = fixtureText('leaf-san.b64').trim();
const chain = fixtureText('chain.p7b.b64').trim();

/** Only what certificateBlobs reads: the gateways' certificate lists. */
function workspaceWith(): Workspace {
  const gateway = {
    trustedRootCertificates: [...Array.from({ length: 50 }, () => ({ data: root })), { data: san }],
    authenticationCertificates: Array.from({ length: 50 }, () => ({ data: leaf })),
    sslCertificates: [...Array.from({ length: 50 }, () => ({ publicCertData: chain })), { publicCertData: 'not base64 at all!' }],
  };
  return { gateways: [gateway] } as unknown as Workspace;
}

describe('prepareCertificates', () => {
  it('parses each distinct blob to what the X.509 reader gives for it alone, however often it repeats', async () => {
    const lookup = await prepareCertificates(workspaceWith(), now);
    for (const blob of [root, leaf, san, chain, 'not base64 at all!']) {
      expect(lookup.get(blob)).toEqual(await parseCertificateData(blob));
    }
    expect(lookup.get(chain)!.certificates.length).toBe(2);
    expect(lookup.get(san)!.certificates[0].subject).not.toBe(lookup.get(root)!.certificates[0].subject);
    expect(lookup.get('not base64 at all!')!.problems[0]).toMatch(/^not a certificate/);
  });

  it('a later analysis of the same blobs gets equal results that share nothing with the earlier ones', async () => {
    const first = await prepareCertificates(workspaceWith(), now);
    const second = await prepareCertificates(workspaceWith(), now);
    expect(second.get(chain)).toEqual(first.get(chain));
    expect(second.get(chain)).not.toBe(first.get(chain));
    first.get(chain)!.certificates[0].subject = 'changed';
    first.get(root)!.problems.push('changed');
    const third = await prepareCertificates(workspaceWith(), now);
    expect(third.get(chain)!.certificates[0].subject).not.toBe('changed');
    expect(third.get(root)).toEqual(await parseCertificateData(root));
  });
});
