// Draws the Teams app icons: a column of five vertebrae with a gentle curve, under a crescent moon on the
// colour icon. color.png: 192x192, symbol inside the central 96x96, solid accent background. outline.png: 32x32,
// white on transparent, no padding. Usage: node draw-icons.js [folder]   (no packages needed)
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const ACCENT = [0x2e, 0x6d, 0xa4];
const WHITE = [255, 255, 255];

function roundedRect(cx, cy, w, h, r) {
  return (x, y) => {
    const dx = Math.max(Math.abs(x - cx) - (w / 2 - r), 0), dy = Math.max(Math.abs(y - cy) - (h / 2 - r), 0);
    return dx * dx + dy * dy <= r * r;
  };
}

function crescent(cx, cy, r) {
  return (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r && (x - cx - r * 0.55) ** 2 + (y - cy + r * 0.3) ** 2 > (r * 0.85) ** 2;
}

// Five vertebrae from top to bottom inside the box (left, top, size), shifted along a soft S-curve.
function spine(left, top, size, widthShare, curve) {
  const n = 5, pitch = size / n, w = size * widthShare, h = pitch * 0.68;
  return Array.from({ length: n }, (_, i) => {
    const cy = top + pitch * (i + 0.5), cx = left + size / 2 + Math.sin((i / (n - 1)) * Math.PI) * size * curve;
    return roundedRect(cx, cy, w * (0.82 + 0.045 * i), h, h * 0.45);
  });
}

// Coverage of each pixel by the shapes, 4x4 samples per pixel, so edges are smooth.
function draw(size, shapes) {
  const coverage = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const px = x + (sx + 0.5) / 4, py = y + (sy + 0.5) / 4;
          if (shapes.some(inside => inside(px, py))) hits++;
        }
      }
      coverage[y * size + x] = hits / 16;
    }
  }
  return coverage;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

// 8-bit RGBA, no interlace, filter 0 on every row.
function png(size, rgbaAt) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) raw.set(rgbaAt(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const folder = process.argv[2] || __dirname;

const colorCoverage = draw(192, [...spine(58, 50, 92, 0.4, 0.16), crescent(64, 66, 14)]);
fs.writeFileSync(path.join(folder, "color.png"), png(192, (x, y) => {
  const a = colorCoverage[y * 192 + x];
  return [...ACCENT.map((c, i) => Math.round(c + (WHITE[i] - c) * a)), 255];
}));

const outlineCoverage = draw(32, spine(-2, 0, 32, 0.5, 0.14));
fs.writeFileSync(path.join(folder, "outline.png"), png(32, (x, y) => [...WHITE, Math.round(outlineCoverage[y * 32 + x] * 255)]));
