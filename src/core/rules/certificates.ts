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

export async function prepareCertificates(ws: Workspace, now: Date, supplied: CertificateLookup['supplied'] = []): Promise<CertificateLookup> {
  const blobs = certificateBlobs(ws);
  const parsed = new Map<string, ParsedCertificateData>();
  if (blobs.length) {
    const { parseCertificateData } = await import('../tls/x509');
    for (const b of blobs) {
      try {
        parsed.set(b, await parseCertificateData(b));
      } catch (e) {
        parsed.set(b, { certificates: [], problems: [String((e as Error)?.message ?? e)] });
      }
    }
  }
  return { get: (d) => parsed.get(d), supplied, now };
}
