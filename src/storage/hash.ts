/**
 * SHA-256 for the analysis cache key. crypto.subtle when the page has it; pages opened from file:// or
 * plain http on another host may not (subtle exists only in secure contexts), so a small pure-JS
 * SHA-256 (FIPS 180-4) is the fallback. Both give the same hex digest.
 */
import { ENGINE_VERSION } from '../core/version';

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** Pure-JS SHA-256 of bytes → lower-case hex. */
export function sha256Js(data: Uint8Array): string {
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const bitLen = data.length * 8;
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bitLen / 0x100000000));
  view.setUint32(padded.length - 4, bitLen >>> 0);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(off + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15], b = w[i - 2];
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h;
    for (let i = 0; i < 64; i++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K[i] + w[i]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
  return [...h].map((x) => x.toString(16).padStart(8, '0')).join('');
}

function hex(buf: ArrayBuffer): string {
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** SHA-256 hex of bytes: crypto.subtle when available, otherwise the pure-JS one. */
export async function sha256(data: Uint8Array): Promise<string> {
  const subtle = (globalThis.crypto as Crypto | undefined)?.subtle;
  if (subtle) {
    try {
      return hex(await subtle.digest('SHA-256', data as BufferSource));
    } catch {
      // fall through: some browsers refuse digest in opaque origins
    }
  }
  return sha256Js(data);
}

export interface HashableInput {
  name: string;
  text?: string;
  bytes?: Uint8Array;
  /**
   * A big log file read as a stream: its aggregate (traffic/stream.ts StreamedTraffic, a few hundred KB at most)
   * stands for its content in the key. It is computed from every byte of the file, so the key is as exact as a
   * hash of the bytes, without holding or hashing 500 MB.
   */
  traffic?: unknown;
}

/** The bytes the cache key is computed over: engine version, then every document (name, how it came, content) in order. */
export function cacheKeyBytes(inputs: HashableInput[], engineVersion = ENGINE_VERSION): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode(`appgw-502-doctor\u0000${engineVersion}\u0000${inputs.length}\u0000`)];
  for (const i of inputs) {
    const how = i.text !== undefined ? 't' : i.bytes !== undefined || i.traffic === undefined ? 'b' : 'r';
    const body = i.text !== undefined ? enc.encode(i.text) : how === 'r' ? enc.encode(JSON.stringify(i.traffic)) : (i.bytes ?? new Uint8Array());
    parts.push(enc.encode(`${i.name}\u0000${how}${body.length}\u0000`), body);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** The cache key of a set of inputs for this engine version (the same input never gets analysed twice). */
export function inputHash(inputs: HashableInput[], engineVersion = ENGINE_VERSION): Promise<string> {
  return sha256(cacheKeyBytes(inputs, engineVersion));
}

/** Bytes read from each end of a file for its fingerprint. */
export const FINGERPRINT_EDGE = 64 * 1024;

/**
 * Which file this is, without reading it all: name, size, last-modified time and SHA-256 of its first and last 64 KB.
 * Dropping the same big log again is recognised at once and its streamed aggregate reused (reading 500 MB again
 * would take seconds; hashing all of it as many). A log export that changed keeps neither its size, its time nor
 * its last rows; the analysis cache key itself (inputHash) is over the aggregate, which is exact.
 */
export async function fileFingerprint(file: Blob & { name?: string; lastModified?: number }): Promise<string> {
  const head = new Uint8Array(await file.slice(0, FINGERPRINT_EDGE).arrayBuffer());
  const tail = file.size > FINGERPRINT_EDGE ? new Uint8Array(await file.slice(Math.max(FINGERPRINT_EDGE, file.size - FINGERPRINT_EDGE)).arrayBuffer()) : new Uint8Array(0);
  return `${file.name ?? ''}\u0000${file.size}\u0000${file.lastModified ?? 0}\u0000${await sha256(head)}\u0000${await sha256(tail)}`;
}
