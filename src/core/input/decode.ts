/**
 * Bytes → text. UTF-8 (with or without BOM) and UTF-16 LE/BE (with BOM, or recognisable by its zero
 * bytes): Windows PowerShell 5.1's `> file.json` and `Out-File` write UTF-16 LE with a BOM.
 */
import type { Problem } from '../model/types';

export interface Decoded {
  text: string;
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';
  problems: Problem[];
}

function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  // ASCII-heavy UTF-16 without a BOM: every other byte is zero.
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.6 && evenZero < pairs * 0.1) return 'utf-16le';
  if (evenZero > pairs * 0.6 && oddZero < pairs * 0.1) return 'utf-16be';
  return undefined;
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const problems: Problem[] = [];
  let encoding: Decoded['encoding'] = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    start = 3;
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else {
    encoding = guessUtf16(bytes) ?? 'utf-8';
  }
  const body = bytes.subarray(start);
  let text: string;
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    if (body.length % 2 === 1) {
      problems.push({ message: 'The UTF-16 file has an odd number of bytes: its last character is cut off.', line: 0, column: 0, severity: 'warning' });
    }
    text = new TextDecoder(encoding).decode(body);
  } else {
    text = new TextDecoder('utf-8').decode(body);
  }
  return { text, encoding, problems };
}

/** Does decoded text look like binary data (images, archives, executables)? Returns the offset of the evidence. */
export function binaryEvidence(text: string): number | undefined {
  const n = Math.min(text.length, 8192);
  let control = 0;
  let first: number | undefined;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0 || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) {
      control++;
      first ??= i;
    }
  }
  if (first === undefined) return undefined;
  return control > Math.max(2, n * 0.02) || text.charCodeAt(first) === 0 ? first : undefined;
}
