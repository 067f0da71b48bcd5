import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { NEED_CLASS_COLOURS } from '../../../src/map/explorePalette';
import { colourCounts } from './pixels';

/** Waits for the map to be idle (a repaint asked for, so 'idle' comes even when it already was); fails after 60 s. */
export const mapIdle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const map = window.__calmap!.map;
        const timer = setTimeout(() => reject(new Error(`map not idle after 60 s: tiles loaded ${map.areTilesLoaded()}, moving ${map.isMoving()}`)), 60_000);
        map.once('idle', () => {
          clearTimeout(timer);
          resolve();
        });
        map.triggerRepaint();
      }),
  );

/** performance.now() of the first frame drawn with the need map now shown (NaN before any). */
export const recolouredAt = (page: Page) => page.evaluate(() => window.__calmap?.explore?.recolouredAt ?? Number.NaN);

/**
 * Chooses another need in the explore select, waits for its colours to be drawn and the map to be idle, and counts
 * the map's pixels in need colours again: `changed` = pixels coloured by a need class both times, in another class.
 */
export async function recolourWithAnotherNeed(page: Page, before: { pixels: number[] }): Promise<{ after: { counts: number[]; pixels: number[] }; changed: number }> {
  const first = await recolouredAt(page);
  const needs = await page.locator('#explore-need option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  const current = await page.locator('#explore-need').inputValue();
  await page.selectOption('#explore-need', needs.find((n) => n !== current && n !== '')!);
  await expect.poll(() => recolouredAt(page), { timeout: 30_000 }).not.toBe(first);
  await mapIdle(page);
  const after = await colourCounts(page, NEED_CLASS_COLOURS);
  let changed = 0;
  for (let i = 0; i < after.pixels.length; i++) if (before.pixels[i]! >= 0 && after.pixels[i]! >= 0 && before.pixels[i] !== after.pixels[i]) changed++;
  return { after, changed };
}
