/**
 * Writes the app icons (public/icons/*.png) from code: a path of three hops, the last one broken.
 * PNG by hand with node:zlib (no image tools). Run: npm run icons
 */
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const out = resolve(import.meta.dirname, '../../public/icons');

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

type RGBA = [number, number, number, number];
const BG: RGBA = [11, 92, 173, 255];
const WHITE: RGBA = [255, 255, 255, 255];
const RED: RGBA = [229, 57, 53, 255];

/** Colour of a point in the unit square (0..1); `pad` shrinks the drawing for maskable icons. */
function shade(x: number, y: number, maskable: boolean): RGBA {
  const pad = maskable ? 0.2 : 0;
  const inset = (v: number) => (v - pad) / (1 - 2 * pad);
  // Rounded square background (full bleed when maskable).
  if (!maskable) {
    const r = 0.18;
    const dx = Math.max(r - x, 0, x - (1 - r));
    const dy = Math.max(r - y, 0, y - (1 - r));
    if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  }
  const u = inset(x);
  const v = inset(y);
  const nodes: [number, number, RGBA][] = [[0.2, 0.5, WHITE], [0.5, 0.5, WHITE], [0.8, 0.5, RED]];
  for (const [cx, cy, col] of nodes) if ((u - cx) ** 2 + (v - cy) ** 2 < 0.1 ** 2) return col;
  // Links: solid from the first to the second node, dashed to the broken one.
  if (Math.abs(v - 0.5) < 0.03 && u > 0.2 && u < 0.5) return WHITE;
  if (Math.abs(v - 0.5) < 0.03 && u > 0.5 && u < 0.8 && Math.floor((u - 0.5) / 0.05) % 2 === 0) return WHITE;
  return BG;
}

function png(size: number, maskable: boolean): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  const ss = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size, maskable);
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = acc[3] / (ss * ss);
      raw[o] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      raw[o + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      raw[o + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      raw[o + 3] = Math.round(a);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'icon-192.png'), png(192, false));
writeFileSync(resolve(out, 'icon-512.png'), png(512, false));
writeFileSync(resolve(out, 'icon-maskable-512.png'), png(512, true));
writeFileSync(resolve(out, 'apple-touch-icon.png'), png(180, true));
console.log(`icons written to ${out}`);
