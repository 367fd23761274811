/**
 * Draws every tray and app icon with plain pixel code: `npx tsx scripts/make-icons.ts`.
 * The outputs in assets/ are committed; run this again only when the drawing changes.
 *
 * Each state has its own SHAPE, so it reads without colour (users.md #1): idle = a ring,
 * running = a thin ring with a thick arc up to the progress step and a centre dot,
 * failed = a ring with "!", offline = a ring struck through by a diagonal slash.
 * Linux/Windows icons are white with a dark outline (visible on dark and light panels);
 * macOS gets black-on-transparent `…Template.png` images the menu bar recolours itself.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeIco, encodeIcns, encodePng, type Rgba } from './icon-formats';

/** A signed distance in unit coordinates (0..1, y down): negative inside the shape. */
type Shape = (x: number, y: number) => number;

const CENTER = 0.5;
const RING_RADIUS = 0.36;
const RING_HALF = 0.075;

const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    Math.min(...shapes.map((shape) => shape(x, y)));

const ring =
  (half: number): Shape =>
  (x, y) =>
    Math.abs(Math.hypot(x - CENTER, y - CENTER) - RING_RADIUS) - half;

const disc =
  (cx: number, cy: number, radius: number): Shape =>
  (x, y) =>
    Math.hypot(x - cx, y - cy) - radius;

/** A capsule: the segment a-b thickened by `half`, with round ends. */
function capsule(ax: number, ay: number, bx: number, by: number, half: number): Shape {
  return (x, y) => {
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) - half;
  };
}

/** The ring's arc from 12 o'clock clockwise over `fraction` of the turn, with round ends. */
function arc(fraction: number, half: number): Shape {
  if (fraction <= 0) return () => Number.POSITIVE_INFINITY;
  if (fraction >= 1) return ring(half);
  const end = fraction * 2 * Math.PI;
  const endX = CENTER + RING_RADIUS * Math.sin(end);
  const endY = CENTER - RING_RADIUS * Math.cos(end);
  return (x, y) => {
    // Angle measured clockwise from 12 o'clock, 0..2π.
    let angle = Math.atan2(x - CENTER, -(y - CENTER));
    if (angle < 0) angle += 2 * Math.PI;
    if (angle <= end) return Math.abs(Math.hypot(x - CENTER, y - CENTER) - RING_RADIUS) - half;
    const toStart = Math.hypot(x - CENTER, y - (CENTER - RING_RADIUS));
    const toEnd = Math.hypot(x - endX, y - endY);
    return Math.min(toStart, toEnd) - half;
  };
}

const idleShape: Shape = ring(RING_HALF);
const runningShape = (step: number): Shape =>
  union(ring(RING_HALF * 0.38), arc(step / 100, RING_HALF * 1.25), disc(CENTER, CENTER, 0.08));
const failedShape: Shape = union(
  ring(RING_HALF),
  capsule(CENTER, 0.31, CENTER, 0.53, 0.06),
  disc(CENTER, 0.67, 0.065),
);
const offlineShape: Shape = union(ring(RING_HALF), capsule(0.16, 0.84, 0.84, 0.16, 0.06));

const SUPERSAMPLE = 4;

/** How much of each pixel lies within `grow` of the shape (0..1), by 4x4 supersampling. */
function coverage(shape: Shape, size: number, grow: number): Float64Array {
  const out = new Float64Array(size * size);
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLE; sx += 1) {
          const x = (px + (sx + 0.5) / SUPERSAMPLE) / size;
          const y = (py + (sy + 0.5) / SUPERSAMPLE) / size;
          if (shape(x, y) <= grow) hits += 1;
        }
      }
      out[py * size + px] = hits / (SUPERSAMPLE * SUPERSAMPLE);
    }
  }
  return out;
}

interface Paint {
  fill: Rgba;
  /** Drawn under the fill, grown by `outline` pixels; none for template images. */
  outline?: { color: Rgba; pixels: number };
  background?: (x: number, y: number) => Rgba | null;
}

/** "Source over" compositing of one colour with coverage onto the pixel buffer. */
function blend(pixels: Uint8Array, index: number, color: Rgba, amount: number): void {
  const alpha = (color[3] / 255) * amount;
  if (alpha <= 0) return;
  const o = index * 4;
  const dstAlpha = (pixels[o + 3] ?? 0) / 255;
  const outAlpha = alpha + dstAlpha * (1 - alpha);
  for (let c = 0; c < 3; c += 1) {
    const src = color[c] ?? 0;
    const dst = pixels[o + c] ?? 0;
    pixels[o + c] = Math.round((src * alpha + dst * dstAlpha * (1 - alpha)) / outAlpha);
  }
  pixels[o + 3] = Math.round(outAlpha * 255);
}

function render(shape: Shape, size: number, paint: Paint): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  if (paint.background) {
    for (let y = 0; y < size; y += 1)
      for (let x = 0; x < size; x += 1) {
        const color = paint.background((x + 0.5) / size, (y + 0.5) / size);
        if (color) blend(pixels, y * size + x, color, 1);
      }
  }
  if (paint.outline) {
    const halo = coverage(shape, size, paint.outline.pixels / size);
    halo.forEach((amount, index) => blend(pixels, index, paint.outline!.color, amount));
  }
  coverage(shape, size, 0).forEach((amount, index) => blend(pixels, index, paint.fill, amount));
  return pixels;
}

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];
const OUTLINE: Rgba = [24, 24, 27, 230];

const trayShapes = (): Record<string, Shape> => {
  const shapes: Record<string, Shape> = { idle: idleShape, failed: failedShape, offline: offlineShape };
  for (let step = 0; step <= 100; step += 10) shapes[`running-${step}`] = runningShape(step);
  return shapes;
};

function writePng(path: string, shape: Shape, size: number, paint: Paint): Buffer {
  const png = encodePng(size, size, render(shape, size, paint));
  writeFileSync(path, png);
  return png;
}

function makeTrayIcons(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (const [name, shape] of Object.entries(trayShapes())) {
    for (const [suffix, size] of [
      ['', 16],
      ['@2x', 32],
    ] as const) {
      // A 1 px dark halo at 16 px (2 px at 32) keeps the white glyph visible on light panels.
      writePng(join(dir, `${name}${suffix}.png`), shape, size, {
        fill: WHITE,
        outline: { color: OUTLINE, pixels: size / 16 },
      });
      writePng(join(dir, `${name}Template${suffix}.png`), shape, size, { fill: BLACK });
      count += 2;
    }
  }
  return count;
}

/** The app icon: the running glyph at 70 % on a dark rounded square. */
function makeAppIcons(dir: string): void {
  mkdirSync(join(dir, 'icons'), { recursive: true });
  const glyph: Shape = (x, y) => runningShape(70)((x - 0.5) / 0.8 + 0.5, (y - 0.5) / 0.8 + 0.5) * 0.8;
  const tile = (x: number, y: number): Rgba | null => {
    const inset = 0.06;
    const radius = 0.2;
    const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - radius), 0);
    const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - radius), 0);
    return Math.hypot(qx, qy) <= radius ? [30, 58, 95, 255] : null;
  };
  const paint: Paint = { fill: WHITE, background: tile };
  const pngs = new Map<number, Buffer>();
  for (const size of [16, 32, 48, 64, 128, 256, 512, 1024]) {
    pngs.set(size, writePng(join(dir, 'icons', `${size}x${size}.png`), glyph, size, paint));
  }
  const png = (size: number) => pngs.get(size)!;
  writeFileSync(join(dir, 'icon.png'), png(512));
  writeFileSync(join(dir, 'icon-256.png'), png(256));
  writeFileSync(
    join(dir, 'icon.ico'),
    encodeIco([16, 32, 48, 256].map((size) => ({ size, png: png(size) }))),
  );
  writeFileSync(
    join(dir, 'icon.icns'),
    encodeIcns([256, 512, 1024].map((size) => ({ size, png: png(size) }))),
  );
}

const root = join(import.meta.dirname, '..', 'assets');
const trayCount = makeTrayIcons(join(root, 'tray'));
makeAppIcons(join(root, 'app'));
console.log(`wrote ${trayCount} tray icons and the app icons under ${root}`);
