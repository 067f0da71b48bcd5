/**
 * Colours of the explore map (UX.md "Colour and map").
 * - Need intensity: ColorBrewer YlOrRd, 5 classes (Brewer, Harrower & Penn State 2002), sequential and
 *   colour-blind safe; light = lower need, dark red = higher need.
 * - Residents' resources (what households offer): ColorBrewer Greens, 5 classes, the same legend logic in green, so
 *   help is never read as need (UX.md "The resources side").
 * - Hot and cold spots: the diverging classes of ArcGIS's Hot Spot Analysis (Gi_Bin −3…3), so GIS users read them
 *   as they know them: red 99/95/90 %, near-white not significant, blue cold.
 * - Suppressed units (fewer than k answers) and units without data: neutral grey with a diagonal hatch, never a
 *   colour of the scale, so "too few answers" cannot be read as "low".
 */
export const NEED_CLASS_COLOURS = ['#ffffb2', '#fecc5c', '#fd8d3c', '#f03b20', '#bd0026'] as const;
/** ColorBrewer Greens, 5 classes: light = few households offer, dark green = many. */
export const OFFER_CLASS_COLOURS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;

/** The five class colours of a map of needs (YlOrRd) or of residents' resources (Greens). */
export const classColours = (subject: 'needs' | 'resources'): readonly string[] => (subject === 'resources' ? OFFER_CLASS_COLOURS : NEED_CLASS_COLOURS);

/** Gi_Bin → colour; index 0 is Gi_Bin −3 (cold 99 %), index 6 is +3 (hot 99 %). */
export const GI_BIN_COLOURS = ['#4575b5', '#849eba', '#c0ccbe', '#f7f7f2', '#fab984', '#ed7551', '#d62f27'] as const;
/**
 * LISA cluster map colours as GeoDa draws them (Anselin 1995): High-High red, Low-Low blue, Low-High light blue,
 * High-Low light red; not significant a light grey that is not the suppressed hatch. Indexed by GeoDa's codes.
 */
export const LISA_COLOURS = { notSignificant: '#eeeeea', highHigh: '#d62f27', lowLow: '#4575b5', lowHigh: '#a6bddb', highLow: '#f4a582' } as const;

export const giBinColour = (bin: number): string => GI_BIN_COLOURS[Math.max(-3, Math.min(3, Math.round(bin))) + 3]!;

export const EXPLORE_COLOURS = {
  /** Suppressed or no data: the hatch's background and its lines (lines 3:1 on the background). */
  suppressed: '#cfcfcf',
  suppressedLine: '#7a7a7a',
  /** Gaps (no resource for the need within reach): a purple outline, outside the YlOrRd and Gi* hues. */
  gap: '#5e3c99',
  /** Resources that serve the selected need: a green ring. */
  serves: '#1b7837',
  /** Units where residents offer help matching the need (matching view): a dashed green outline inside the unit. */
  help: '#1b7837',
  /**
   * A partner's unit published as a range only ("mniej niż 5 gospodarstw"): a slate grey outside the need, resources
   * and hot-spot hues and unlike the hatched grey of hidden units (3.9:1 on the map background).
   */
  banded: '#6f7b8f',
  /** Problem-cluster outlines: near-black, dashed, above every fill. */
  cluster: '#26241f',
  hexOutline: '#ffffff',
} as const;

/** The map image id of the suppressed hatch (registered with map.addImage). */
export const HATCH_IMAGE_ID = 'explore-hatch';

/**
 * The hatch as RGBA pixels: `size` × `size`, grey background with 45° lines that tile seamlessly
 * (a pixel is on a line when (x + y) mod period < width). O(size²).
 */
export function hatchImage(size = 12, lineWidth = 2): { width: number; height: number; data: Uint8ClampedArray } {
  const data = new Uint8ClampedArray(size * size * 4);
  const bg = hexRgb(EXPLORE_COLOURS.suppressed);
  const fg = hexRgb(EXPLORE_COLOURS.suppressedLine);
  const period = size / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const onLine = (x + y) % period < lineWidth;
      const [r, g, b] = onLine ? fg : bg;
      const i = (y * size + x) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

/** '#rrggbb' → [r, g, b]. */
export function hexRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
