import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../../fixtures/tls/', import.meta.url));

/** Text of a fixture file (PEM, base64, sha1). */
export function fixtureText(name: string): string {
  return readFileSync(dir + name, 'utf8');
}

/** Bytes of a fixture file (DER, p7b). */
export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(dir + name));
}

/** Expected SHA-1 thumbprint written by make.sh (openssl x509 -fingerprint -sha1). */
export function fixtureSha1(name: string): string {
  return fixtureText(`${name}.sha1`).trim();
}
