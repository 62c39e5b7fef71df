import { describe, it, expect, vi, afterEach } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCertificateData, decodeBase64Loose } from '../../../src/core/tls/x509';
import type { CertInfo } from '../../../src/core/tls/x509';
import { matchesHostName, validityAt } from '../../../src/core/tls/index';
import { fixtureBytes, fixtureSha1, fixtureText } from './helpers';

const ROOT_SUBJECT = 'CN=Contoso Test Root CA, O=Contoso Test, C=US';

function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

async function parseOne(input: string | Uint8Array): Promise<CertInfo> {
  const r = await parseCertificateData(input);
  expect(r.problems).toEqual([]);
  expect(r.certificates).toHaveLength(1);
  return r.certificates[0] as CertInfo;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseCertificateData — forms', () => {
  it('reads a single PEM certificate with all fields', async () => {
    const c = await parseOne(fixtureText('leaf-san.pem'));
    expect(c).toEqual({
      subject: 'CN=legacy.contoso.com, O=Contoso Test, C=US',
      commonName: 'legacy.contoso.com',
      issuer: ROOT_SUBJECT,
      subjectAltNames: [
        { type: 'dns', value: 'www.contoso.com' },
        { type: 'dns', value: '*.api.contoso.com' },
        { type: 'ip', value: '10.0.0.4' },
      ],
      notBefore: '2024-01-01T00:00:00.000Z',
      notAfter: '2034-01-01T00:00:00.000Z',
      isCA: false,
      selfSigned: false,
      serialNumber: '1001',
      sha1Thumbprint: fixtureSha1('leaf-san'),
    });
  });

  it('reads several PEM certificates in order, ignoring text between them', async () => {
    const text = `subject=leaf\n${fixtureText('leaf-san.pem')}\nsome note\n${fixtureText('root-ca.pem')}${fixtureText('leaf-cn.pem')}`;
    const r = await parseCertificateData(text);
    expect(r.problems).toEqual([]);
    expect(r.certificates.map((c) => c.commonName)).toEqual(['legacy.contoso.com', 'Contoso Test Root CA', 'backend.contoso.com']);
  });

  it('reads PEM with CRLF line ends and with JSON-escaped \\n', async () => {
    const pem = fixtureText('leaf-cn.pem');
    expect((await parseOne(pem.replace(/\n/g, '\r\n'))).commonName).toBe('backend.contoso.com');
    expect((await parseOne(pem.replace(/\n/g, '\\n'))).commonName).toBe('backend.contoso.com');
  });

  it('skips non-certificate PEM blocks (private keys) with a problem', async () => {
    const text = `-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n${fixtureText('leaf-cn.pem')}`;
    const r = await parseCertificateData(text);
    expect(r.certificates).toHaveLength(1);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatch(/PRIVATE KEY.*not a certificate.*private key/);
  });

  it('reads base64 DER (trustedRootCertificates[].data)', async () => {
    const c = await parseOne(fixtureText('root-ca.b64'));
    expect(c.subject).toBe(ROOT_SUBJECT);
    expect(c.sha1Thumbprint).toBe(fixtureSha1('root-ca'));
  });

  it('reads base64 DER wrapped with whitespace and line breaks', async () => {
    const b64 = fixtureText('root-ca.b64').trim();
    const wrapped = `  ${b64.replace(/(.{64})/g, '$1\r\n ')}\n\t`;
    expect(wrapped).not.toBe(b64);
    const c = await parseOne(wrapped);
    expect(c.sha1Thumbprint).toBe(fixtureSha1('root-ca'));
  });

  it('reads base64url without padding', async () => {
    const b64url = fixtureText('leaf-cn.b64').trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect((await parseOne(b64url)).commonName).toBe('backend.contoso.com');
  });

  it('reads base64 of PEM text', async () => {
    const b64 = btoa(fixtureText('leaf-san.pem') + fixtureText('root-ca.pem'));
    const r = await parseCertificateData(b64);
    expect(r.problems).toEqual([]);
    expect(r.certificates.map((c) => c.commonName)).toEqual(['legacy.contoso.com', 'Contoso Test Root CA']);
  });

  it('reads a base64 PKCS#7 chain (sslCertificates[].publicCertData)', async () => {
    const r = await parseCertificateData(fixtureText('chain.p7b.b64'));
    expect(r.problems).toEqual([]);
    expect(r.certificates.map((c) => c.subject)).toEqual(['CN=legacy.contoso.com, O=Contoso Test, C=US', ROOT_SUBJECT]);
    expect(r.certificates.map((c) => c.sha1Thumbprint)).toEqual([fixtureSha1('leaf-san'), fixtureSha1('root-ca')]);
    expect(r.certificates.map((c) => c.isCA)).toEqual([false, true]);
  });

  it('reads raw DER, raw PKCS#7, PEM bytes and an ArrayBuffer', async () => {
    expect((await parseOne(fixtureBytes('leaf-cn.der'))).commonName).toBe('backend.contoso.com');
    const p7 = await parseCertificateData(fixtureBytes('chain.p7b'));
    expect(p7.certificates).toHaveLength(2);
    expect((await parseOne(new TextEncoder().encode(fixtureText('leaf-expired.pem')))).commonName).toBe('old.contoso.com');
    const der = fixtureBytes('root-ca.der');
    const ab = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
    const r = await parseCertificateData(ab);
    expect(r.certificates[0]?.subject).toBe(ROOT_SUBJECT);
  });

  it('reads concatenated DER certificates', async () => {
    const a = fixtureBytes('leaf-san.der');
    const b = fixtureBytes('root-ca.der');
    const both = new Uint8Array(a.length + b.length);
    both.set(a, 0);
    both.set(b, a.length);
    const r = await parseCertificateData(both);
    expect(r.problems).toEqual([]);
    expect(r.certificates.map((c) => c.sha1Thumbprint)).toEqual([fixtureSha1('leaf-san'), fixtureSha1('root-ca')]);
  });
});

describe('parseCertificateData — bad data never throws', () => {
  const bad: [string, string | Uint8Array][] = [
    ['garbage text', 'this is not a certificate!'],
    ['empty string', ''],
    ['whitespace only', '  \n\t '],
    ['empty bytes', new Uint8Array()],
    ['base64 of non-DER bytes', btoa('\u0001\u0002hello world, not ASN.1 at all\u00ff')],
    ['valid DER that is not a certificate', toBase64(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]))],
    ['truncated DER', fixtureBytes('leaf-san.der').subarray(0, 200)],
    ['PEM without END line', '-----BEGIN CERTIFICATE-----\nMIIB\n'],
    ['PEM with broken base64 body', '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n'],
  ];
  for (const [label, input] of bad) {
    it(`reports "${label}" as a problem`, async () => {
      const r = await parseCertificateData(input);
      expect(r.certificates).toEqual([]);
      expect(r.problems.length).toBeGreaterThan(0);
      expect(r.problems[0]).toMatch(/^not a certificate: /);
    });
  }

  it('does not throw on null-ish or random inputs', async () => {
    await expect(parseCertificateData(undefined as unknown as string)).resolves.toMatchObject({ certificates: [] });
    let seed = 12345;
    const rnd = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed & 0xff;
    };
    const der = fixtureBytes('leaf-san.der');
    for (let i = 0; i < 50; i++) {
      const mutated = new Uint8Array(der);
      for (let k = 0; k < 5; k++) mutated[rnd() * 3 % mutated.length] = rnd();
      const r = await parseCertificateData(mutated);
      expect(Array.isArray(r.problems)).toBe(true);
      expect(r.certificates.length + r.problems.length).toBeGreaterThan(0);
    }
  });

  it('reports trailing junk after a certificate but keeps the certificate', async () => {
    const der = fixtureBytes('leaf-cn.der');
    const withJunk = new Uint8Array(der.length + 3);
    withJunk.set(der);
    withJunk.set([0xff, 0xfe, 0xfd], der.length);
    const r = await parseCertificateData(withJunk);
    expect(r.certificates).toHaveLength(1);
    expect(r.problems.join('\n')).toMatch(/trailing bytes/);
  });
});

describe('parseCertificateData — certificate properties', () => {
  it('has no SAN and keeps the CN for the CN-only leaf', async () => {
    const c = await parseOne(fixtureText('leaf-cn.pem'));
    expect(c.subjectAltNames).toEqual([]);
    expect(c.commonName).toBe('backend.contoso.com');
    expect(c.serialNumber).toBe('1002');
  });

  it('sets isCA from basicConstraints and selfSigned from subject == issuer', async () => {
    const root = await parseOne(fixtureText('root-ca.pem'));
    expect([root.isCA, root.selfSigned]).toEqual([true, true]);
    const selfNoCa = await parseOne(fixtureText('selfsigned-noca.pem'));
    expect([selfNoCa.isCA, selfNoCa.selfSigned]).toEqual([false, true]);
    expect(selfNoCa.subject).toBe('CN=selfsigned.contoso.com');
    expect(selfNoCa.issuer).toBe('CN=selfsigned.contoso.com');
    const leaf = await parseOne(fixtureText('leaf-cn.pem'));
    expect([leaf.isCA, leaf.selfSigned]).toEqual([false, false]);
  });

  it('reads validity dates (expired leaf)', async () => {
    const c = await parseOne(fixtureText('leaf-expired.pem'));
    expect([c.notBefore, c.notAfter]).toEqual(['2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z']);
    expect(validityAt(c, new Date('2020-06-01T00:00:00Z'))).toBe('valid');
    expect(validityAt(c, new Date('2025-01-01T00:00:00Z'))).toBe('expired');
    expect(validityAt(c, new Date('2019-12-31T00:00:00Z'))).toBe('not-yet-valid');
  });

  it('omits the thumbprint when WebCrypto is unavailable', async () => {
    vi.stubGlobal('crypto', undefined);
    const r = await parseCertificateData(fixtureText('leaf-cn.pem'));
    expect(r.problems).toEqual([]);
    expect(r.certificates[0]?.commonName).toBe('backend.contoso.com');
    expect(r.certificates[0]?.sha1Thumbprint).toBeUndefined();
  });
});

describe('host-name check on parsed certificates', () => {
  it('uses SANs of the SAN leaf (wildcard one label, IP SAN, CN ignored)', async () => {
    const c = await parseOne(fixtureText('leaf-san.pem'));
    expect(matchesHostName('www.contoso.com', c)).toMatchObject({ matches: true, matchedBy: 'san' });
    expect(matchesHostName('Orders.API.contoso.com.', c)).toMatchObject({ matches: true, candidate: '*.api.contoso.com' });
    expect(matchesHostName('api.contoso.com', c).matches).toBe(false);
    expect(matchesHostName('a.b.api.contoso.com', c).matches).toBe(false);
    expect(matchesHostName('10.0.0.4', c)).toMatchObject({ matches: true, matchedBy: 'san' });
    expect(matchesHostName('10.0.0.5', c).matches).toBe(false);
    expect(matchesHostName('legacy.contoso.com', c).matches).toBe(false);
  });
  it('falls back to the CN for the CN-only leaf', async () => {
    const c = await parseOne(fixtureBytes('leaf-cn.der'));
    expect(matchesHostName('backend.contoso.com', c)).toMatchObject({ matches: true, matchedBy: 'cn' });
    expect(matchesHostName('www.contoso.com', c).matches).toBe(false);
  });
});

describe('decodeBase64Loose', () => {
  it('decodes loose base64 and rejects non-base64', () => {
    expect(Array.from(decodeBase64Loose('AQI D\nBA==') ?? [])).toEqual([1, 2, 3, 4]);
    expect(decodeBase64Loose('not base64!')).toBeUndefined();
    expect(decodeBase64Loose('A')).toBeUndefined();
    expect(decodeBase64Loose('')).toBeUndefined();
  });
});

describe('lazy loading', () => {
  it('loads pkijs / asn1js only through dynamic import()', () => {
    const dir = fileURLToPath(new URL('../../../src/core/tls/', import.meta.url));
    for (const file of ['x509.ts', 'hostname.ts', 'validity.ts', 'index.ts']) {
      const src = readFileSync(dir + file, 'utf8');
      const staticImports = src.match(/^\s*(import|export)\s+(?!type\b)[^;]*from\s+['"](pkijs|asn1js)['"]/gm) ?? [];
      expect(staticImports, file).toEqual([]);
    }
    const x509 = readFileSync(dir + 'x509.ts', 'utf8');
    expect(x509).toContain("import('pkijs')");
    expect(x509).toContain("import('asn1js')");
  });
});
