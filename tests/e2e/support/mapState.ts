import type { Page } from 'playwright-core';

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
