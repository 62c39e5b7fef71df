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

/** The encoding of a text file from its first bytes (a BOM, or UTF-16's zero bytes in the first 4 KB), and where its text starts. */
export function sniffEncoding(bytes: Uint8Array): { encoding: Decoded['encoding']; start: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8-bom', start: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', start: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', start: 2 };
  return { encoding: guessUtf16(bytes) ?? 'utf-8', start: 0 };
}

const labelOf = (e: Decoded['encoding']) => (e === 'utf-16le' || e === 'utf-16be' ? e : 'utf-8');

function oddUtf16(encoding: Decoded['encoding'], bodyLength: number): Problem[] {
  return (encoding === 'utf-16le' || encoding === 'utf-16be') && bodyLength % 2 === 1
    ? [{ message: 'The UTF-16 file has an odd number of bytes: its last character is cut off.', line: 0, column: 0, severity: 'warning' }]
    : [];
}

export function decodeBytes(bytes: Uint8Array): Decoded {
  const { encoding, start } = sniffEncoding(bytes);
  const body = bytes.subarray(start);
  const text = new TextDecoder(labelOf(encoding)).decode(body);
  return { text, encoding, problems: oddUtf16(encoding, body.length) };
}

/** Bytes the streaming decoder holds back before choosing the encoding (what sniffEncoding looks at). */
const SNIFF_BYTES = 4096;

export interface StreamDecoder {
  /** The text of these bytes (a character cut between two chunks comes out with the next one). */
  push(bytes: Uint8Array): string;
  /** The rest of the text, the encoding and the same problems decodeBytes gives for the whole. */
  end(): { text: string; encoding: Decoded['encoding']; problems: Problem[] };
}

/**
 * decodeBytes for a file read in chunks (the Web Worker's big-file path): the same encoding choice, the same text
 * (the concatenation of every push and end equals decodeBytes(all).text) and the same problems, holding no more than
 * the first 4 KB back.
 */
export function createStreamDecoder(): StreamDecoder {
  let head: Uint8Array | undefined = new Uint8Array(0);
  let decoder: TextDecoder | undefined;
  let encoding: Decoded['encoding'] = 'utf-8';
  let bodyLength = 0;
  const open = (bytes: Uint8Array): string => {
    const sniffed = sniffEncoding(bytes);
    encoding = sniffed.encoding;
    decoder = new TextDecoder(labelOf(encoding));
    head = undefined;
    const body = bytes.subarray(sniffed.start);
    bodyLength += body.length;
    return decoder.decode(body, { stream: true });
  };
  return {
    push(bytes) {
      if (decoder) {
        bodyLength += bytes.length;
        return decoder.decode(bytes, { stream: true });
      }
      const joined = new Uint8Array(head!.length + bytes.length);
      joined.set(head!);
      joined.set(bytes, head!.length);
      if (joined.length < SNIFF_BYTES) {
        head = joined;
        return '';
      }
      return open(joined);
    },
    end() {
      const text = (decoder ? '' : open(head!)) + decoder!.decode();
      return { text, encoding, problems: oddUtf16(encoding, bodyLength) };
    },
  };
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
