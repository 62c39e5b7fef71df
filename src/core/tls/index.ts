// Backend TLS helpers. hostname.ts and validity.ts are synchronous and library-free; x509.ts loads pkijs/asn1js
// lazily (dynamic import) only when parseCertificateData is called.
export { matchesHostName, wildcardMatch, normalizeHostName, parseIp } from './hostname';
export type { SubjectAltName, HostNameCertView, HostNameMatch } from './hostname';
export { validityAt, daysUntilExpiry } from './validity';
export type { Validity, ValidityView } from './validity';
export { parseCertificateData, loadCertificateLibraries, decodeBase64Loose } from './x509';
export type { CertInfo, CertificateParseResult } from './x509';
