/**
 * Certificates are parsed before the rules run (the X.509 library loads only when the input carries
 * certificate data), so rules stay synchronous and read the results here.
 */
import type { Workspace } from '../model/types';

export interface CertSummary {
  subject: string;
  commonName?: string;
  issuer: string;
  subjectAltNames: { type: 'dns' | 'ip'; value: string }[];
  notBefore: string;
  notAfter: string;
  isCA: boolean;
  selfSigned: boolean;
}

export interface ParsedCertificateData {
  certificates: CertSummary[];
  problems: string[];
}

export interface CertificateLookup {
  /** Parsed form of a base64/PEM blob from the input, if it was parsed. */
  get(data: string): ParsedCertificateData | undefined;
  /** Backend certificates the user supplied (PEM/DER documents), with their document names. */
  supplied: { document: string; certificates: CertSummary[] }[];
  /** The time the analysis treats as "now" (fixed in tests). */
  now: Date;
}

export function certificateBlobs(ws: Workspace): string[] {
  const out = new Set<string>();
  for (const g of ws.gateways) {
    for (const c of [...g.trustedRootCertificates, ...g.authenticationCertificates]) if (c.data) out.add(c.data);
    for (const c of g.sslCertificates) if (c.publicCertData) out.add(c.publicCertData);
  }
  return [...out];
}

/**
 * Parsed blobs of recent analyses, most recently used last. Re-analysing the same gateway (a document added,
 * the language switched, the bench's runs) finds its certificates here instead of parsing them again
 * (a PKCS#7 chain costs milliseconds in the ASN.1 library). Bounded in entries and in blob size.
 */
const recent = new Map<string, ParsedCertificateData>();
const RECENT_MAX = 64;
const RECENT_MAX_BLOB = 256 * 1024;

function remember(blob: string, result: ParsedCertificateData): void {
  if (blob.length > RECENT_MAX_BLOB) return;
  recent.delete(blob);
  recent.set(blob, result);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
}

/** A copy, so that nothing a caller does to one analysis' results reaches another's. */
function copy(p: ParsedCertificateData): ParsedCertificateData {
  return structuredClone(p);
}

export async function prepareCertificates(ws: Workspace, now: Date, supplied: CertificateLookup['supplied'] = []): Promise<CertificateLookup> {
  // Each distinct blob is parsed once per analysis (a gateway repeats the same data in many certificates).
  const blobs = certificateBlobs(ws);
  const parsed = new Map<string, ParsedCertificateData>();
  const toParse: string[] = [];
  for (const b of blobs) {
    const known = recent.get(b);
    if (known) {
      remember(b, known);
      parsed.set(b, copy(known));
    } else toParse.push(b);
  }
  if (toParse.length) {
    const { parseCertificateData } = await import('../tls/x509');
    for (const b of toParse) {
      let result: ParsedCertificateData;
      try {
        result = await parseCertificateData(b);
      } catch (e) {
        result = { certificates: [], problems: [String((e as Error)?.message ?? e)] };
      }
      parsed.set(b, result);
      try {
        remember(b, copy(result));
      } catch {
        // not cloneable: simply not remembered
      }
    }
  }
  return { get: (d) => parsed.get(d), supplied, now };
}
