// Draws the extension's icon (media/sourced.png, the `icon` of package.json: the extension page
// and the Extensions view want a PNG of at least 128x128) from the activity-bar icon
// media/sourced.svg, so that the two never drift apart: the SVG's strokes in light colours on a
// dark rounded square. Plain Node, no image library: the SVG's paths are flattened into line
// segments, every pixel is sampled on a 4x4 grid (anti-aliasing), and the pixels are written as an
// RGBA PNG with zlib. The output depends only on the SVG, so it is reproducible; a test checks that
// the committed PNG is what this script draws.
//
//   npx tsx scripts/icon.ts        rewrites media/sourced.png
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ICON_SVG = join(root, 'media', 'sourced.svg');
export const ICON_PNG = join(root, 'media', 'sourced.png');
/** 256 px: sharp on high-density screens, twice the 128 px the extension page asks for at least. */
export const ICON_SIZE = 256;

type Rgba = [number, number, number, number];
const BACKGROUND: Rgba = [0x1f, 0x3a, 0x5f, 255];
const STROKE: Rgba = [0xf4, 0xef, 0xe4, 255];
/** The last path of the SVG is the check mark: drawn in green so that "checked" reads at a glance. */
const CHECK: Rgba = [0x7f, 0xd6, 0x9b, 255];
/** How much of the square the drawing spans at most, so that it keeps a margin inside the rounded corners. */
const GLYPH_SHARE = 0.7;
/** Corner radius of the background square, as a share of its side. */
const CORNER_SHARE = 0.18;
const SAMPLES_PER_AXIS = 4;
const CURVE_STEPS = 16;

interface Point {
  x: number;
  y: number;
}
interface Segment {
  a: Point;
  b: Point;
}

/** The stroked paths of an SVG icon: each path's segments, in the SVG's user units, and the stroke width. */
export function readSvgPaths(svg: string): { viewBox: number; strokeWidth: number; paths: Segment[][] } {
  const viewBox = /viewBox="0 0 ([\d.]+) \1"/.exec(svg);
  const strokeWidth = /stroke-width="([\d.]+)"/.exec(svg);
  if (!viewBox || !strokeWidth) throw new Error('the SVG needs a square viewBox "0 0 N N" and a stroke-width');
  const paths = [...svg.matchAll(/<path d="([^"]+)"/g)].map((m) => flattenPath(m[1]!));
  if (!paths.length) throw new Error('the SVG has no <path d="…">');
  return { viewBox: Number(viewBox[1]), strokeWidth: Number(strokeWidth[1]), paths };
}

/** Line segments along an SVG path. Knows the commands the icon uses (M L H V C Z, absolute and relative), and refuses any other. */
export function flattenPath(d: string): Segment[] {
  const tokens = d.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?/g) ?? [];
  const segments: Segment[] = [];
  let at: Point = { x: 0, y: 0 };
  let start: Point = at;
  let command = '';
  let i = 0;
  const number = (): number => {
    const token = tokens[i++];
    if (token === undefined || /[a-zA-Z]/.test(token)) throw new Error(`path “${d}”: a number is missing after ${command}`);
    return Number(token);
  };
  const lineTo = (to: Point): void => {
    segments.push({ a: at, b: to });
    at = to;
  };
  while (i < tokens.length) {
    if (/[a-zA-Z]/.test(tokens[i]!)) command = tokens[i++]!;
    else if (!command || /[zZ]/.test(command)) throw new Error(`path “${d}”: a number without a command`);
    const relative = command === command.toLowerCase();
    const dx = relative ? at.x : 0;
    const dy = relative ? at.y : 0;
    switch (command.toUpperCase()) {
      case 'M':
        at = start = { x: dx + number(), y: dy + number() };
        // Pairs after a moveto are lineto's.
        command = relative ? 'l' : 'L';
        break;
      case 'L':
        lineTo({ x: dx + number(), y: dy + number() });
        break;
      case 'H':
        lineTo({ x: dx + number(), y: at.y });
        break;
      case 'V':
        lineTo({ x: at.x, y: dy + number() });
        break;
      case 'C': {
        const p0 = at;
        const p1 = { x: dx + number(), y: dy + number() };
        const p2 = { x: dx + number(), y: dy + number() };
        const p3 = { x: dx + number(), y: dy + number() };
        for (let step = 1; step <= CURVE_STEPS; step++) {
          const t = step / CURVE_STEPS;
          const u = 1 - t;
          lineTo({
            x: u * u * u * p0.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * p3.x,
            y: u * u * u * p0.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * p3.y,
          });
        }
        break;
      }
      case 'Z':
        lineTo(start);
        break;
      default:
        throw new Error(`path “${d}”: the icon script does not draw the command ${command}`);
    }
  }
  return segments;
}

function distanceToSegment(p: Point, { a, b }: Segment): number {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const length2 = vx * vx + vy * vy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * vx + (p.y - a.y) * vy) / length2));
  return Math.hypot(p.x - a.x - t * vx, p.y - a.y - t * vy);
}

function insideRoundedSquare(x: number, y: number, side: number, radius: number): boolean {
  const cx = Math.min(Math.max(x, radius), side - radius);
  const cy = Math.min(Math.max(y, radius), side - radius);
  return x >= 0 && y >= 0 && x <= side && y <= side && (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

/** The icon's pixels, RGBA row by row, drawn from the SVG text. */
export function renderIcon(svg: string, size = ICON_SIZE): Buffer {
  const { strokeWidth, paths } = readSvgPaths(svg);
  // Fit the drawing's bounding box (strokes included) into GLYPH_SHARE of the square, centred.
  const points = paths.flat().flatMap((s) => [s.a, s.b]);
  const minX = Math.min(...points.map((p) => p.x)) - strokeWidth / 2;
  const maxX = Math.max(...points.map((p) => p.x)) + strokeWidth / 2;
  const minY = Math.min(...points.map((p) => p.y)) - strokeWidth / 2;
  const maxY = Math.max(...points.map((p) => p.y)) + strokeWidth / 2;
  const scale = (GLYPH_SHARE * size) / Math.max(maxX - minX, maxY - minY);
  const place = (p: Point): Point => ({ x: (p.x - (minX + maxX) / 2) * scale + size / 2, y: (p.y - (minY + maxY) / 2) * scale + size / 2 });
  const layers = paths.map((segments, index) => ({ segments: segments.map((s) => ({ a: place(s.a), b: place(s.b) })), colour: index === paths.length - 1 ? CHECK : STROKE }));
  const halfWidth = (strokeWidth * scale) / 2;
  const radius = CORNER_SHARE * size;

  // A sample lies at most this far from its pixel's centre: a stroke whose distance from the centre
  // is further than this from the stroke's edge covers all of the pixel's samples or none, which
  // spares the per-sample distances for all pixels but those along the edges (same pixels, faster).
  const sampleReach = (0.5 - 0.5 / SAMPLES_PER_AXIS) * Math.SQRT2;
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const centre = { x: x + 0.5, y: y + 0.5 };
      const cover = layers.map(({ segments }) => {
        const distance = Math.min(...segments.map((s) => distanceToSegment(centre, s)));
        return distance + sampleReach <= halfWidth ? 'all' : distance - sampleReach > halfWidth ? 'none' : 'some';
      });
      // Premultiplied sums over the samples, so that partly covered edges blend correctly.
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SAMPLES_PER_AXIS; sy++) {
        for (let sx = 0; sx < SAMPLES_PER_AXIS; sx++) {
          const p = { x: x + (sx + 0.5) / SAMPLES_PER_AXIS, y: y + (sy + 0.5) / SAMPLES_PER_AXIS };
          if (!insideRoundedSquare(p.x, p.y, size, radius)) continue;
          let colour = BACKGROUND;
          layers.forEach((layer, i) => {
            if (cover[i] === 'all' || (cover[i] === 'some' && layer.segments.some((s) => distanceToSegment(p, s) <= halfWidth))) colour = layer.colour;
          });
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 255;
        }
      }
      const offset = (y * size + x) * 4;
      if (a === 0) continue;
      pixels[offset] = Math.round((r * 255) / a);
      pixels[offset + 1] = Math.round((g * 255) / a);
      pixels[offset + 2] = Math.round((b * 255) / a);
      pixels[offset + 3] = Math.round(a / (SAMPLES_PER_AXIS * SAMPLES_PER_AXIS));
    }
  }
  return pixels;
}

/** The scanlines a PNG compresses: each row of RGBA pixels after a filter byte 0 (none). */
export function pngScanlines(pixels: Buffer, size: number): Buffer {
  const rowBytes = size * 4;
  const raw = Buffer.alloc(size * (rowBytes + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  return raw;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A square 8-bit RGBA PNG. */
export function encodePng(pixels: Buffer, size: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // colour type: RGBA
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(pngScanlines(pixels, size), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const png = encodePng(renderIcon(readFileSync(ICON_SVG, 'utf8')), ICON_SIZE);
  writeFileSync(ICON_PNG, png);
  console.log(`wrote ${ICON_PNG} (${ICON_SIZE}x${ICON_SIZE}, ${png.length} bytes)`);
}
