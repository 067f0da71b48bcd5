import { describe, expect, it } from 'vitest';
import { drawMarker, resourceMarkerImages, shapeDistance } from '../../src/map/markerIcons';
import { RESOURCE_CATEGORIES, RESOURCE_CATEGORY_OF_KIND, RESOURCE_CATEGORY_STYLE } from '../../src/map/palette';
import { RESOURCE_KINDS } from '../../src/domain';

describe('resource markers', () => {
  it('every resource kind has a category, and categories differ in both colour and shape', () => {
    for (const kind of RESOURCE_KINDS) expect(RESOURCE_CATEGORIES).toContain(RESOURCE_CATEGORY_OF_KIND[kind]);
    const styles = RESOURCE_CATEGORIES.map((c) => RESOURCE_CATEGORY_STYLE[c]);
    expect(new Set(styles.map((s) => s.colour)).size).toBe(styles.length);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(styles.length);
  });

  it('shape distance: positive inside, negative outside', () => {
    expect(shapeDistance('circle', 0, 0)).toBe(1);
    expect(shapeDistance('circle', 2, 0)).toBe(-1);
    // Diamond with corners on the unit circle: the centre is 1/√2 from each edge.
    expect(shapeDistance('diamond', 0, 0)).toBeCloseTo(Math.SQRT1_2, 6);
    expect(shapeDistance('diamond', 0.9, 0.9)).toBeLessThan(0);
    for (const shape of ['square', 'triangle', 'triangle_down', 'hexagon', 'pentagon'] as const) {
      expect(shapeDistance(shape, 0, 0), shape).toBeGreaterThan(0);
      expect(shapeDistance(shape, 1.5, 1.5), shape).toBeLessThan(0);
    }
  });

  it('draws an opaque, coloured centre, a white ring and transparent corners', () => {
    const image = drawMarker('m', 'circle', '#0072b2', 18, 2);
    expect(image.width).toBe(36);
    expect(image.data.length).toBe(36 * 36 * 4);
    const at = (x: number, y: number) => Array.from(image.data.slice((y * 36 + x) * 4, (y * 36 + x) * 4 + 4));
    expect(at(18, 18)).toEqual([0x00, 0x72, 0xb2, 255]);
    expect(at(0, 0)[3]).toBe(0);
    // Near the rim (radius 16 px, ring 3 px): white.
    expect(at(18, 3)).toEqual([255, 255, 255, 255]);
  });

  it('makes one image per category', () => {
    expect(resourceMarkerImages(1).map((i) => i.id)).toEqual(RESOURCE_CATEGORIES.map((c) => `resource-${c}`));
  });
});
