import { describe, it, expect } from 'vitest';
import { decodeBytes, binaryEvidence } from '../../../src/core/input/decode';

const enc = new TextEncoder();
function utf16le(s: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + s.length * 2);
  let o = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    o = 2;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[o + i * 2] = c & 0xff;
    out[o + i * 2 + 1] = c >> 8;
  }
  return out;
}
function utf16be(s: string): Uint8Array {
  const le = utf16le(s, false);
  const out = new Uint8Array(2 + le.length);
  out[0] = 0xfe;
  out[1] = 0xff;
  for (let i = 0; i < le.length; i += 2) {
    out[2 + i] = le[i + 1];
    out[2 + i + 1] = le[i];
  }
  return out;
}

describe('decodeBytes', () => {
  const text = '{"Name": "agw-한국"}';
  it('UTF-8 without BOM', () => expect(decodeBytes(enc.encode(text))).toMatchObject({ text, encoding: 'utf-8' }));
  it('UTF-8 with BOM', () => expect(decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode(text)]))).toMatchObject({ text, encoding: 'utf-8-bom' }));
  it('UTF-16 LE with BOM (Windows PowerShell 5.1 > file.json)', () => expect(decodeBytes(utf16le(text))).toMatchObject({ text, encoding: 'utf-16le' }));
  it('UTF-16 BE with BOM', () => expect(decodeBytes(utf16be(text))).toMatchObject({ text, encoding: 'utf-16be' }));
  it('UTF-16 LE without BOM is recognised by its zero bytes', () => expect(decodeBytes(utf16le(text, false))).toMatchObject({ text, encoding: 'utf-16le' }));
  it('an odd UTF-16 byte count is a warning, not a crash', () => {
    const b = utf16le(text);
    const d = decodeBytes(b.subarray(0, b.length - 1));
    expect(d.problems[0].message).toMatch(/odd number of bytes/);
  });
});

describe('binaryEvidence', () => {
  it('finds NUL bytes', () => expect(binaryEvidence('PK\u0003\u0004\u0000\u0000abc')).toBe(2));
  it('passes ordinary text', () => expect(binaryEvidence('Name : agw\r\n\tId : x')).toBeUndefined());
});
