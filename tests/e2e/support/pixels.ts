import type { Page } from 'playwright-core';
import { hexRgb } from '../../../src/map/explorePalette';

/** An image's pixels, RGBA row by row. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8Array;
  /** [r, g, b, a] at (x, y). */
  at(x: number, y: number): [number, number, number, number];
}

/**
 * Decodes a PNG (a screenshot, a downloaded map image) with the browser's own decoder, so the tests need no image
 * library: the page draws it on a canvas and hands the RGBA bytes back as base64.
 */
export async function pngPixels(page: Page, png: Uint8Array): Promise<Pixels> {
  const { width, height, base64 } = await page.evaluate(async (dataUrl) => {
    const image = new Image();
    image.src = dataUrl;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const bytes = context.getImageData(0, 0, canvas.width, canvas.height).data;
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, `data:image/png;base64,${Buffer.from(png).toString('base64')}`);
  const data = new Uint8Array(Buffer.from(base64, 'base64'));
  return {
    width,
    height,
    data,
    at: (x, y) => {
      const i = (y * width + x) * 4;
      return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    },
  };
}

/** Per colour, how many pixels of the map (a screenshot) are within `tolerance` of it; plus each pixel's colour index (−1: none). */
export async function colourCounts(page: Page, colours: readonly string[], tolerance = 18): Promise<{ counts: number[]; pixels: number[] }> {
  const box = (await page.locator('.map-canvas canvas').boundingBox())!;
  const { data } = await pngPixels(page, await page.screenshot({ clip: box }));
  const targets = colours.map(hexRgb);
  const counts = targets.map(() => 0);
  const pixels: number[] = [];
  for (let i = 0; i < data.length; i += 4) {
    const c = targets.findIndex(([r, g, b]) => Math.abs(data[i]! - r) + Math.abs(data[i + 1]! - g) + Math.abs(data[i + 2]! - b) <= tolerance);
    if (c >= 0) counts[c]!++;
    pixels.push(c);
  }
  return { counts, pixels };
}
