/**
 * Generates the SDF glyph PBFs MapLibre fetches from the style's `glyphs` URL, so map labels work
 * with no network at run time. Output: public/fonts/<fontstack>/<start>-<end>.pbf (committed).
 *
 * Run: `npx tsx scripts/generate-glyphs.ts` (only needed when the font or ranges change).
 *
 * Source font: Noto Sans (SIL OFL 1.1) from the npm package @fontsource/noto-sans, whose "latin" and
 * "latin-ext" WOFF subsets together cover Polish (ą ć ę ł ń ó ś ź ż, U+0100–017F).
 *
 * The signed distance field follows the conventions of Mapbox's sdf-glyph-foundry (used by fontnik and
 * maplibre/font-maker), which MapLibre's shader expects: 24 px em, 3 px border, 8 px radius, cutoff 0.25,
 * byte = 255 − clamp(d · 256/8 + 0.25 · 256), d the distance to the outline in px, negative inside;
 * `top` is the glyph's top above the baseline minus the font ascender. The distance is computed exactly
 * from the flattened outline (no rasterisation), O(pixels × segments) per glyph: a few seconds in all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import opentype from 'opentype.js';

// opentype.js ships no type declarations; these are the few members used here.
type PathCommand =
  | { type: 'M' | 'L'; x: number; y: number }
  | { type: 'Q'; x1: number; y1: number; x: number; y: number }
  | { type: 'C'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { type: 'Z' };
interface Font {
  unitsPerEm: number;
  ascender: number;
  charToGlyph(ch: string): { index: number; advanceWidth?: number; path: { commands: PathCommand[] } } | null;
}
const parse = (opentype as unknown as { parse(buffer: ArrayBuffer): Font }).parse;

const EM_PX = 24;
const BORDER_PX = 3;
const RADIUS_PX = 8;
const CUTOFF = 0.25;

/** 0–255 Basic Latin + Latin-1, 256–511 Latin Extended-A/B (Polish letters), 8192–8447 punctuation („ ” – …). */
export const GLYPH_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 255],
  [256, 511],
  [8192, 8447],
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const fontFiles = (weight: number) =>
  ['latin', 'latin-ext'].map((subset) => join(root, 'node_modules/@fontsource/noto-sans/files', `noto-sans-${subset}-${weight}-normal.woff`));

const FONTSTACKS: ReadonlyArray<{ name: string; weight: number }> = [
  { name: 'NotoSans-Regular', weight: 400 },
  { name: 'NotoSans-Bold', weight: 700 },
];

type Segment = [x1: number, y1: number, x2: number, y2: number];

/** Flattens a glyph path (font units, y up) into line segments in px, y up. */
function flatten(commands: PathCommand[], scale: number): Segment[] {
  const segments: Segment[] = [];
  let startX = 0, startY = 0, x = 0, y = 0;
  const lineTo = (nx: number, ny: number) => {
    if (nx !== x || ny !== y) segments.push([x, y, nx, ny]);
    x = nx;
    y = ny;
  };
  for (const c of commands) {
    if (c.type === 'M') {
      if (x !== startX || y !== startY) lineTo(startX, startY);
      x = startX = c.x * scale;
      y = startY = c.y * scale;
    } else if (c.type === 'L') {
      lineTo(c.x * scale, c.y * scale);
    } else if (c.type === 'Q') {
      const [x0, y0, cx, cy, ex, ey] = [x, y, c.x1 * scale, c.y1 * scale, c.x * scale, c.y * scale];
      const steps = Math.max(2, Math.ceil((Math.hypot(cx - x0, cy - y0) + Math.hypot(ex - cx, ey - cy)) / 0.5));
      for (let i = 1; i <= steps; i++) {
        const t = i / steps, u = 1 - t;
        lineTo(u * u * x0 + 2 * u * t * cx + t * t * ex, u * u * y0 + 2 * u * t * cy + t * t * ey);
      }
    } else if (c.type === 'C') {
      const [x0, y0, ax, ay, bx, by, ex, ey] = [x, y, c.x1 * scale, c.y1 * scale, c.x2 * scale, c.y2 * scale, c.x * scale, c.y * scale];
      const steps = Math.max(2, Math.ceil((Math.hypot(ax - x0, ay - y0) + Math.hypot(bx - ax, by - ay) + Math.hypot(ex - bx, ey - by)) / 0.5));
      for (let i = 1; i <= steps; i++) {
        const t = i / steps, u = 1 - t;
        lineTo(
          u * u * u * x0 + 3 * u * u * t * ax + 3 * u * t * t * bx + t * t * t * ex,
          u * u * u * y0 + 3 * u * u * t * ay + 3 * u * t * t * by + t * t * t * ey,
        );
      }
    } else if (c.type === 'Z') {
      lineTo(startX, startY);
    }
  }
  if (x !== startX || y !== startY) lineTo(startX, startY);
  return segments;
}

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
  const dx = x2 - x1, dy = y2 - y1;
  const l2 = dx * dx + dy * dy;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / l2));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Even-odd ray casting, as FreeType-based tools do. */
function inside(px: number, py: number, segments: Segment[]): boolean {
  let crossings = false;
  for (const [x1, y1, x2, y2] of segments) {
    if (y1 > py !== y2 > py && px < ((x2 - x1) * (py - y1)) / (y2 - y1) + x1) crossings = !crossings;
  }
  return crossings;
}

interface SdfGlyph { id: number; bitmap?: Uint8Array; width: number; height: number; left: number; top: number; advance: number }

function renderGlyph(font: Font, codepoint: number): SdfGlyph | undefined {
  const glyph = font.charToGlyph(String.fromCodePoint(codepoint));
  if (!glyph || glyph.index === 0) return undefined;
  const scale = EM_PX / font.unitsPerEm;
  const advance = Math.round((glyph.advanceWidth ?? 0) * scale);
  const ascender = Math.ceil(font.ascender * scale);
  const segments = flatten(glyph.path.commands, scale);
  if (segments.length === 0) return { id: codepoint, width: 0, height: 0, left: 0, top: -ascender, advance };

  let xMin = Infinity, yMin = Infinity, xMax = -Infinity, yMax = -Infinity;
  for (const [x1, y1, x2, y2] of segments) {
    xMin = Math.min(xMin, x1, x2); xMax = Math.max(xMax, x1, x2);
    yMin = Math.min(yMin, y1, y2); yMax = Math.max(yMax, y1, y2);
  }
  [xMin, yMin, xMax, yMax] = [Math.round(xMin), Math.round(yMin), Math.round(xMax), Math.round(yMax)];
  const width = xMax - xMin, height = yMax - yMin;
  if (width === 0 || height === 0) return { id: codepoint, width: 0, height: 0, left: 0, top: -ascender, advance };

  const bufferedWidth = width + 2 * BORDER_PX, bufferedHeight = height + 2 * BORDER_PX;
  const bitmap = new Uint8Array(bufferedWidth * bufferedHeight);
  for (let row = 0; row < bufferedHeight; row++) {
    // Bitmap rows run top-down; outline y runs up.
    const py = yMin - BORDER_PX + (bufferedHeight - row - 1) + 0.5;
    for (let col = 0; col < bufferedWidth; col++) {
      const px = xMin - BORDER_PX + col + 0.5;
      let d = Infinity;
      for (const s of segments) d = Math.min(d, distanceToSegment(px, py, s));
      if (d > RADIUS_PX) d = RADIUS_PX * 2; // beyond the radius: fully outside or fully inside
      if (inside(px, py, segments)) d = -d;
      const n = Math.max(0, Math.min(255, Math.floor(d * (256 / RADIUS_PX) + CUTOFF * 256)));
      bitmap[row * bufferedWidth + col] = 255 - n;
    }
  }
  return { id: codepoint, bitmap, width, height, left: xMin, top: yMax - ascender, advance };
}

/** Minimal protobuf writer: varints, zigzag sint32, length-delimited fields. */
class ProtoWriter {
  private bytes: number[] = [];
  varint(value: number): this {
    let v = value >>> 0;
    while (v > 0x7f) { this.bytes.push((v & 0x7f) | 0x80); v >>>= 7; }
    this.bytes.push(v);
    return this;
  }
  uint32(field: number, value: number): this { return this.varint((field << 3) | 0).varint(value); }
  sint32(field: number, value: number): this { return this.uint32(field, (value << 1) ^ (value >> 31)); }
  bytesField(field: number, data: Uint8Array): this {
    this.varint((field << 3) | 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }
  string(field: number, value: string): this { return this.bytesField(field, new TextEncoder().encode(value)); }
  finish(): Uint8Array { return Uint8Array.from(this.bytes); }
}

/** glyphs { repeated fontstack stacks = 1 }; fontstack { name = 1; range = 2; repeated glyph glyphs = 3 }. */
function encodeRange(name: string, start: number, end: number, glyphs: SdfGlyph[]): Uint8Array {
  const stack = new ProtoWriter().string(1, name).string(2, `${start}-${end}`);
  for (const g of glyphs) {
    const message = new ProtoWriter().uint32(1, g.id);
    if (g.bitmap) message.bytesField(2, g.bitmap);
    message.uint32(3, g.width).uint32(4, g.height).sint32(5, g.left).sint32(6, g.top).uint32(7, g.advance);
    stack.bytesField(3, message.finish());
  }
  return new ProtoWriter().bytesField(1, stack.finish()).finish();
}

function main(): void {
  for (const { name, weight } of FONTSTACKS) {
    const fonts = fontFiles(weight).map((file) => {
      const data = readFileSync(file);
      return parse(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    });
    const outDir = join(root, 'public/fonts', name);
    mkdirSync(outDir, { recursive: true });
    for (const [start, end] of GLYPH_RANGES) {
      const glyphs: SdfGlyph[] = [];
      for (let cp = start; cp <= end; cp++) {
        for (const font of fonts) {
          const g = renderGlyph(font, cp);
          if (g) { glyphs.push(g); break; }
        }
      }
      writeFileSync(join(outDir, `${start}-${end}.pbf`), encodeRange(name, start, end, glyphs));
      console.log(`${name} ${start}-${end}: ${glyphs.length} glyphs`);
    }
  }
}

main();
