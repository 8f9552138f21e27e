// Draws images/icon.png (128x128): an empty container image (the outline
// of a box on Go's cyan) with a warning badge. Generated rather than drawn
// so that it can be changed and rebuilt: node scripts/icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4; // supersampling per axis, for anti-aliased edges

// Signed distance to a rounded rectangle centred at (cx, cy).
function roundRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;

// Layers from the back; each is [inside(x, y), [r, g, b, a]].
const layers = [
  [(x, y) => roundRect(x, y, 64, 64, 62, 62, 22) < 0, [0x00, 0xad, 0xd8, 255]],
  // The box: a thick white outline, empty inside.
  [(x, y) => {
    const d = roundRect(x, y, 56, 60, 34, 30, 6);
    return d < 0 && d > -8;
  }, [255, 255, 255, 255]],
  // Its lid line.
  [(x, y) => Math.abs(y - 44) < 4 && Math.abs(x - 56) < 34, [255, 255, 255, 255]],
  // Badge: an orange disc with a white exclamation mark.
  [(x, y) => circle(x, y, 96, 96, 26) < 0, [0x1e, 0x2a, 0x38, 255]],
  [(x, y) => circle(x, y, 96, 96, 21) < 0, [0xf5, 0x8a, 0x07, 255]],
  [(x, y) => roundRect(x, y, 96, 90, 3.5, 10, 3.5) < 0 || circle(x, y, 96, 108, 4) < 0, [255, 255, 255, 255]],
];

const raw = Buffer.alloc(size * (size * 4 + 1));
for (let py = 0; py < size; py++) {
  raw[py * (size * 4 + 1)] = 0; // filter: none
  for (let px = 0; px < size; px++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < samples; sy++) {
      for (let sx = 0; sx < samples; sx++) {
        const x = px + (sx + 0.5) / samples;
        const y = py + (sy + 0.5) / samples;
        let c = [0, 0, 0, 0];
        for (const [inside, color] of layers) {
          if (inside(x, y)) {
            c = color;
          }
        }
        // Premultiplied, so that transparent samples do not darken edges.
        acc[0] += c[0] * c[3];
        acc[1] += c[1] * c[3];
        acc[2] += c[2] * c[3];
        acc[3] += c[3];
      }
    }
    const o = py * (size * 4 + 1) + 1 + px * 4;
    const a = acc[3];
    raw[o] = a ? Math.round(acc[0] / a) : 0;
    raw[o + 1] = a ? Math.round(acc[1] / a) : 0;
    raw[o + 2] = a ? Math.round(acc[2] / a) : 0;
    raw[o + 3] = Math.round(a / (samples * samples));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) {
    c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  }
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(size, 0);
ihdr.writeUInt32BE(size, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
