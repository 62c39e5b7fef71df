/**
 * X.509 / PKCS#7 certificate reading for the Application Gateway backend-TLS checks.
 *
 * Accepted inputs (all handled by {@link parseCertificateData}, which never throws):
 *  - base64 of a DER certificate (`trustedRootCertificates[].data`, `authenticationCertificates[].data`),
 *    whitespace / line breaks / literal `\n` anywhere are ignored, base64url is accepted;
 *  - base64 of PEM text (some exports wrap the .cer PEM file in base64);
 *  - base64 of a PKCS#7 / CMS SignedData bundle (`sslCertificates[].publicCertData`, .p7b);
 *  - PEM text with one or more `CERTIFICATE` / `X509 CERTIFICATE` / `TRUSTED CERTIFICATE` / `PKCS7` / `CMS`
 *    blocks (other blocks, e.g. private keys, are skipped with a problem);
 *  - raw bytes: DER certificate(s) (also several concatenated), DER PKCS#7, or any of the text forms above.
 *
 * The certificate libraries (`pkijs`, `asn1js`) are loaded lazily with `import()` on first use so that they stay out
 * of the first page bundle. Only `import type` is used at the top level. Parsing needs no crypto engine; the optional
 * SHA-1 thumbprint uses `globalThis.crypto.subtle` when present (Node 20, browsers in secure contexts).
 * No signature is verified here.
 */
import type * as Pkijs from 'pkijs';
import type * as Asn1js from 'asn1js';
import type { SubjectAltName } from './hostname';

export interface CertInfo {
  /** RFC 4514 style, most specific first: `CN=www.contoso.com, O=Contoso, C=US`. */
  subject: string;
  /** The (last, i.e. most specific) subject CN, if any. */
  commonName?: string;
  /** Same format as `subject`. */
  issuer: string;
  /** DNS and IP SANs in certificate order (other SAN kinds are ignored). */
  subjectAltNames: SubjectAltName[];
  /** ISO 8601 */
  notBefore: string;
  /** ISO 8601 */
  notAfter: string;
  /** basicConstraints cA = TRUE */
  isCA: boolean;
  /** subject == issuer (names compared case-insensitively; the signature is not checked) */
  selfSigned: boolean;
  /** Upper-case hex, no separators, sign byte stripped (as shown by openssl / Azure). */
  serialNumber: string;
  /** Upper-case hex SHA-1 of the DER certificate (Windows / Azure "thumbprint"), when WebCrypto is available. */
  sha1Thumbprint?: string;
}

export interface CertificateParseResult {
  certificates: CertInfo[];
  problems: string[];
}

interface Libs {
  pkijs: typeof Pkijs;
  asn1js: typeof Asn1js;
}

let libsPromise: Promise<Libs> | undefined;

/** Load pkijs + asn1js once (lazy chunk). */
export function loadCertificateLibraries(): Promise<Libs> {
  if (!libsPromise) {
    libsPromise = Promise.all([import('asn1js'), import('pkijs')]).then(([asn1js, pkijs]) => ({ asn1js, pkijs }));
    libsPromise.catch(() => {
      libsPromise = undefined; // allow a retry after a failed chunk load
    });
  }
  return libsPromise;
}

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_SAN = '2.5.29.17';
const OID_BASIC_CONSTRAINTS = '2.5.29.19';
const OID_CN = '2.5.4.3';

const CERT_PEM_LABELS = new Set(['CERTIFICATE', 'X509 CERTIFICATE', 'TRUSTED CERTIFICATE', 'PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);

/** One chunk of binary data to be read as DER, with a human description of where it came from. */
interface DerItem {
  der: Uint8Array;
  source: string;
}

// ---------------------------------------------------------------- input decoding (sync, no library)

function describeError(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

function isTextLike(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b <= 0x7e)) continue;
    return false;
  }
  return true;
}

function stripUtf8Bom(bytes: Uint8Array): Uint8Array {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

function bytesToLatin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return s;
}

/** Decode base64 / base64url after removing whitespace and literal `\n` / `\r` escapes; undefined if not base64. */
export function decodeBase64Loose(text: string): Uint8Array | undefined {
  let s = text.replace(/\\[nrt]/g, '').replace(/\s+/g, '');
  if (s === '') return undefined;
  if (/[-_]/.test(s)) {
    if (/[+/]/.test(s)) return undefined; // mixed alphabets
    s = s.replace(/-/g, '+').replace(/_/g, '/');
  }
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return undefined;
  const unpadded = s.replace(/=+$/, '');
  if (unpadded.length % 4 === 1) return undefined;
  const padded = unpadded + '='.repeat((4 - (unpadded.length % 4)) % 4);
  try {
    const bin = atob(padded);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function decodePem(text: string, problems: string[]): DerItem[] {
  const items: DerItem[] = [];
  const re = /-----BEGIN ([A-Z0-9 #]+)-----([\s\S]*?)-----END \1-----/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) !== null) {
    n++;
    const label = m[1] as string;
    const where = `PEM block #${n} (${label})`;
    if (!CERT_PEM_LABELS.has(label)) {
      const secret = /PRIVATE KEY/.test(label) ? ' — a private key should not be shared; only the public certificate is needed' : '';
      problems.push(`skipped ${where}: not a certificate${secret}`);
      continue;
    }
    const body = (m[2] as string).replace(/^[A-Za-z-]+:.*$/gm, ''); // RFC 1421 headers, if any
    const der = decodeBase64Loose(body);
    if (!der) {
      problems.push(`not a certificate: ${where} does not contain valid base64`);
      continue;
    }
    items.push({ der, source: where });
  }
  if (n === 0) problems.push('not a certificate: the text has a "-----BEGIN" marker but no complete PEM block (missing or mismatched "-----END" line)');
  return items;
}

function decodeText(raw: string, problems: string[], depth: number): DerItem[] {
  const text = raw.replace(/^\uFEFF/, '').trim();
  if (text === '') {
    problems.push('not a certificate: the certificate data is empty');
    return [];
  }
  if (text.includes('-----BEGIN')) return decodePem(text.replace(/\\r\\n|\\n|\\r/g, '\n'), problems);
  const bytes = decodeBase64Loose(text);
  if (!bytes) {
    const hint = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    problems.push(`not a certificate: the text is neither PEM nor base64 ("${hint}")`);
    return [];
  }
  const inner = stripUtf8Bom(bytes);
  if (depth === 0 && inner.length > 0 && isTextLike(inner)) {
    const innerText = bytesToLatin1(inner);
    if (innerText.includes('-----BEGIN')) return decodeText(innerText, problems, depth + 1);
  }
  return [{ der: bytes, source: depth === 0 ? 'base64 data' : 'base64 data inside base64' }];
}

function decodeInput(input: string | Uint8Array | ArrayBuffer, problems: string[]): DerItem[] {
  if (typeof input === 'string') return decodeText(input, problems, 0);
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length === 0) {
    problems.push('not a certificate: the certificate data is empty');
    return [];
  }
  const body = stripUtf8Bom(bytes);
  if (isTextLike(body)) return decodeText(bytesToLatin1(body), problems, 0);
  return [{ der: bytes, source: 'binary data' }];
}

// ---------------------------------------------------------------- ASN.1 → CertInfo

const NAME_KEYS: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.17': 'PostalCode',
  '2.5.4.42': 'G',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  '2.5.4.15': 'businessCategory',
};

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s.toUpperCase();
}

function attrValueText(value: unknown): string {
  const v = value as { valueBlock?: { value?: unknown }; toBER?: () => ArrayBuffer };
  if (v && v.valueBlock && typeof v.valueBlock.value === 'string') return v.valueBlock.value;
  if (v && typeof v.toBER === 'function') return `#${toHex(new Uint8Array(v.toBER())).toLowerCase()}`;
  return String(value);
}

function escapeRdnValue(s: string): string {
  let out = s.replace(/[\\,+"<>;]/g, (c) => `\\${c}`);
  if (out.startsWith('#') && !/^#[0-9a-f]+$/.test(out)) out = `\\${out}`;
  if (out.startsWith(' ')) out = `\\${out}`;
  if (out.endsWith(' ') && out.length > 1) out = `${out.slice(0, -1)}\\ `;
  return out;
}

function formatName(name: Pkijs.RelativeDistinguishedNames): { text: string; cn?: string } {
  let cn: string | undefined;
  const parts: string[] = [];
  for (const tv of name.typesAndValues) {
    const value = attrValueText(tv.value);
    if (tv.type === OID_CN) cn = value;
    parts.push(`${NAME_KEYS[tv.type] ?? tv.type}=${escapeRdnValue(value)}`);
  }
  return { text: parts.reverse().join(', '), cn };
}

function formatIp(bytes: Uint8Array): string | undefined {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length !== 16) return undefined;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
  // RFC 5952: compress the longest run (>= 2) of zero groups, first one on ties.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

function isoOrEmpty(d: Date | undefined): string {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d.toISOString() : '';
}

interface ParsedCert {
  info: CertInfo;
  der: Uint8Array;
}

function certToInfo(libs: Libs, cert: Pkijs.Certificate, where: string, problems: string[]): CertInfo {
  const subject = formatName(cert.subject);
  const issuer = formatName(cert.issuer);
  const subjectAltNames: SubjectAltName[] = [];
  let isCA = false;
  for (const ext of cert.extensions ?? []) {
    if (ext.extnID === OID_SAN) {
      const alt = ext.parsedValue as Pkijs.AltName | undefined;
      if (!alt || !Array.isArray(alt.altNames)) {
        problems.push(`${where}: the subjectAltName extension could not be read`);
        continue;
      }
      for (const gn of alt.altNames) {
        if (gn.type === 2 && typeof gn.value === 'string') {
          subjectAltNames.push({ type: 'dns', value: gn.value });
        } else if (gn.type === 7) {
          const raw = gn.value instanceof libs.asn1js.OctetString ? gn.value.valueBlock.valueHexView : undefined;
          const ip = raw ? formatIp(raw) : undefined;
          if (ip) subjectAltNames.push({ type: 'ip', value: ip });
          else problems.push(`${where}: an IP address SAN has an invalid length and was ignored`);
        }
      }
    } else if (ext.extnID === OID_BASIC_CONSTRAINTS) {
      const bc = ext.parsedValue as Pkijs.BasicConstraints | undefined;
      isCA = bc?.cA === true;
    }
  }
  const serialBytes = cert.serialNumber.valueBlock.valueHexView;
  let start = 0;
  while (start < serialBytes.length - 1 && serialBytes[start] === 0) start++;
  const notBefore = isoOrEmpty(cert.notBefore?.value);
  const notAfter = isoOrEmpty(cert.notAfter?.value);
  if (!notBefore || !notAfter) problems.push(`${where}: the validity dates could not be read`);
  const info: CertInfo = {
    subject: subject.text,
    issuer: issuer.text,
    subjectAltNames,
    notBefore,
    notAfter,
    isCA,
    selfSigned: subject.text.toLowerCase() === issuer.text.toLowerCase(),
    serialNumber: toHex(serialBytes.subarray(start)),
  };
  if (subject.cn !== undefined) info.commonName = subject.cn;
  return info;
}

function readElement(libs: Libs, element: Asn1js.AsnType, der: Uint8Array, where: string, out: ParsedCert[], problems: string[]): void {
  const { asn1js, pkijs } = libs;
  // PKCS#7 / CMS ContentInfo: SEQUENCE { OID, [0] EXPLICIT content }
  if (element instanceof asn1js.Sequence) {
    const first = element.valueBlock.value[0];
    if (first instanceof asn1js.ObjectIdentifier) {
      const oid = first.valueBlock.toString();
      if (oid !== OID_SIGNED_DATA) {
        problems.push(`not a certificate: ${where} is a PKCS#7 / CMS structure of type ${oid}, not a SignedData certificate bundle`);
        return;
      }
      let certs: Pkijs.CertificateSetItem[];
      try {
        const ci = new pkijs.ContentInfo({ schema: element });
        const sd = new pkijs.SignedData({ schema: ci.content });
        certs = sd.certificates ?? [];
      } catch (e) {
        problems.push(`not a certificate: ${where} is not a readable PKCS#7 SignedData bundle (${describeError(e)})`);
        return;
      }
      let found = 0;
      certs.forEach((c, i) => {
        const w = `${where}, certificate #${i + 1} of the PKCS#7 bundle`;
        if (!(c instanceof pkijs.Certificate)) {
          problems.push(`${w}: not an X.509 certificate, skipped`);
          return;
        }
        found++;
        out.push({ info: certToInfo(libs, c, w, problems), der: new Uint8Array(c.toSchema(true).toBER(false)) });
      });
      if (found === 0) problems.push(`not a certificate: ${where} is a PKCS#7 bundle that holds no certificates`);
      return;
    }
    // PKCS#12 / PFX: SEQUENCE { INTEGER 3, ContentInfo, ... }
    const second = element.valueBlock.value[1];
    if (first instanceof asn1js.Integer && first.valueBlock.valueDec === 3 && second instanceof asn1js.Sequence) {
      const inner = second.valueBlock.value[0];
      if (inner instanceof asn1js.ObjectIdentifier && inner.valueBlock.toString().startsWith('1.2.840.113549.1.7.')) {
        problems.push(`not a certificate: ${where} looks like a PKCS#12 (.pfx) file; supply the public certificate (.cer / PEM) instead`);
        return;
      }
    }
  }
  let cert: Pkijs.Certificate;
  try {
    cert = new pkijs.Certificate({ schema: element });
  } catch {
    problems.push(`not a certificate: ${where} is DER/ASN.1 but not an X.509 certificate or PKCS#7 bundle`);
    return;
  }
  out.push({ info: certToInfo(libs, cert, where, problems), der });
}

function readDer(libs: Libs, item: DerItem, out: ParsedCert[], problems: string[]): void {
  const { asn1js } = libs;
  const bytes = item.der;
  let offset = 0;
  let index = 0;
  while (offset < bytes.length) {
    const rest = bytes.subarray(offset);
    if (index > 0 && rest.every((b) => b === 0)) break; // zero padding after the data
    const parsed = asn1js.fromBER(rest);
    if (parsed.offset === -1 || parsed.offset === 0) {
      const detail = parsed.result.error ? ` (${parsed.result.error})` : '';
      problems.push(
        index === 0
          ? `not a certificate: ${item.source} is not DER-encoded ASN.1${detail}`
          : `${item.source}: ${rest.length} trailing bytes after the certificate data are not DER and were ignored`,
      );
      return;
    }
    const where = index === 0 && parsed.offset === bytes.length ? item.source : `${item.source}, element #${index + 1}`;
    readElement(libs, parsed.result, rest.subarray(0, parsed.offset), where, out, problems);
    offset += parsed.offset;
    index++;
  }
}

async function sha1Hex(der: Uint8Array): Promise<string | undefined> {
  const subtle = (globalThis as { crypto?: Crypto }).crypto?.subtle;
  if (!subtle) return undefined;
  try {
    const copy = new Uint8Array(der); // plain ArrayBuffer-backed copy
    return toHex(new Uint8Array(await subtle.digest('SHA-1', copy)));
  } catch {
    return undefined;
  }
}

/**
 * Read every certificate in `input` (see the module comment for the accepted forms). Never throws: anything that
 * cannot be read is reported in `problems` (messages for unreadable data start with "not a certificate: ").
 * Certificates are returned in input order (for a PKCS#7 bundle: the bundle's order, which is not necessarily
 * leaf → root).
 */
export async function parseCertificateData(input: string | Uint8Array | ArrayBuffer): Promise<CertificateParseResult> {
  const problems: string[] = [];
  const certificates: CertInfo[] = [];
  try {
    if (input === null || input === undefined) {
      problems.push('not a certificate: the certificate data is empty');
      return { certificates, problems };
    }
    const items = decodeInput(input, problems);
    if (items.length === 0) {
      if (problems.length === 0) problems.push('not a certificate: no certificate data found');
      return { certificates, problems };
    }
    const libs = await loadCertificateLibraries();
    const parsed: ParsedCert[] = [];
    for (const item of items) {
      try {
        readDer(libs, item, parsed, problems);
      } catch (e) {
        problems.push(`not a certificate: ${item.source} could not be read (${describeError(e)})`);
      }
    }
    for (const p of parsed) {
      const thumb = await sha1Hex(p.der);
      if (thumb) p.info.sha1Thumbprint = thumb;
      certificates.push(p.info);
    }
  } catch (e) {
    problems.push(`the certificate reader failed: ${describeError(e)}`);
  }
  return { certificates, problems };
}
