import { expression, latest, validateStyleMin, type StylePropertySpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { clusterFeatures, EXPLORE_LAYER_IDS, exploreLayerVisibility, explorePaint, hexFeatures, unitColourExpression, type ExploreView } from '../../src/map/exploreLayers';
import { constantOverState } from '../../src/map/featureStatePaint';
import { GI_BIN_COLOURS, giBinColour, hatchImage, NEED_CLASS_COLOURS } from '../../src/map/explorePalette';
import { createOfflineStyle } from '../../src/map/style';
import { MAP_COLOURS } from '../../src/map/palette';

const VIEW: ExploreView = { active: true, unit: 'street', colourMode: 'need', gaps: false, help: false, clusters: false, heatmap: false };

describe('explore layers', () => {
  it('keep the offline style valid, with fills under the street casings and outlines above the streets', () => {
    const style = createOfflineStyle('http://127.0.0.1/fonts/{fontstack}/{range}.pbf');
    expect(validateStyleMin(style)).toEqual([]);
    const order = style.layers.map((l) => l.id);
    expect(order.indexOf('explore-hex-fill')).toBeLessThan(order.indexOf('streets-casing'));
    expect(order.indexOf('explore-cluster-line')).toBeGreaterThan(order.indexOf('streets-line'));
    for (const id of EXPLORE_LAYER_IDS) expect(order).toContain(id);
  });

  it('colour classes 0–4 with YlOrRd and everything else (255 suppressed) with grey', () => {
    const need = unitColourExpression('need') as unknown[];
    expect(need.slice(2, 12)).toEqual([0, NEED_CLASS_COLOURS[0], 1, NEED_CLASS_COLOURS[1], 2, NEED_CLASS_COLOURS[2], 3, NEED_CLASS_COLOURS[3], 4, NEED_CLASS_COLOURS[4]]);
    expect(need.at(-1)).toBe('#cfcfcf');
    expect(giBinColour(3)).toBe('#d62f27');
    expect(giBinColour(-3)).toBe(GI_BIN_COLOURS[0]);
    expect(giBinColour(0)).toBe('#f7f7f2');
  });

  it('show only the chosen unit fills; the heatmap only when allowed (planners)', () => {
    const hex = exploreLayerVisibility({ ...VIEW, unit: 'hex', clusters: true, heatmap: true }, true);
    expect(Object.keys(hex).filter((id) => hex[id]).sort()).toEqual(['explore-cluster-halo', 'explore-cluster-label', 'explore-cluster-line', 'explore-heatmap', 'explore-hex-fill', 'explore-hex-hatch', 'explore-hex-line']);
    const partner = exploreLayerVisibility({ ...VIEW, heatmap: true }, false);
    expect(partner['explore-heatmap']).toBe(false);
    const off = exploreLayerVisibility({ ...VIEW, active: false }, true);
    expect(Object.values(off).every((v) => !v)).toBe(true);
  });

  it('colour streets only when streets are the unit', () => {
    const streetColour = (view: ExploreView) => explorePaint(view).find(([id, p]) => id === 'streets-line' && p === 'line-color')![2];
    expect(streetColour(VIEW)).toEqual(unitColourExpression('need'));
    expect(streetColour({ ...VIEW, unit: 'hex' })).toEqual(constantOverState(MAP_COLOURS.street));
    expect(streetColour({ ...VIEW, colourMode: 'hotSpots' })).toEqual(unitColourExpression('hotSpots'));
  });

  // Regression (1,000 malformed links e2e): `unit=street` → `unit=hex` set streets-line's line-color from a
  // feature-state expression to a constant; a setFeatureState before the street tiles were rebuilt made MapLibre
  // throw "this.expression.evaluate is not a function". A property state-dependent in one view must be in all.
  it('never switch a paint property between a feature-state expression and a constant', () => {
    const style = createOfflineStyle('http://127.0.0.1/fonts/{fontstack}/{range}.pbf');
    const typeOf = (id: string) => style.layers.find((l) => l.id === id)!.type;
    const stateDependent = (id: string, property: string, value: unknown): boolean => {
      const spec = (latest as unknown as Record<string, Record<string, StylePropertySpecification>>)[`paint_${typeOf(id)}`]![property]!;
      if (!expression.isExpression(value)) return false;
      const parsed = expression.createPropertyExpression(value, `${id}.${property}`, spec);
      expect(parsed.result, `${id} ${property}`).toBe('success');
      const compiled = parsed.value as { kind: string; isStateDependent?: boolean };
      return compiled.kind !== 'constant' && compiled.kind !== 'camera' && compiled.isStateDependent === true;
    };
    const views: ExploreView[] = [];
    for (const active of [true, false])
      for (const unit of ['street', 'estate', 'district', 'hex'] as const)
        for (const colourMode of ['need', 'hotSpots'] as const)
          for (const gaps of [true, false]) views.push({ active, unit, colourMode, gaps, help: gaps, clusters: false, heatmap: false });
    const kinds = new Map<string, Set<boolean>>();
    for (const view of views) {
      for (const [id, property, value] of explorePaint(view)) {
        const key = `${id} ${property}`;
        kinds.set(key, (kinds.get(key) ?? new Set()).add(stateDependent(id, property, value)));
      }
    }
    const mixed = [...kinds].filter(([, seen]) => seen.size > 1).map(([key]) => key);
    expect(mixed).toEqual([]);
    expect(kinds.get('streets-line line-color')).toEqual(new Set([true]));
    expect(kinds.get('streets-casing line-color')).toEqual(new Set([true]));
    // issue 13's value-by-alpha: the fill opacity reads feature-state `uncertain` in every view
    expect(kinds.get('explore-hex-fill fill-opacity')).toEqual(new Set([true]));
  });

  it('build closed hexagon rings from the 6 corners per unit, and cluster outlines with label points', () => {
    const corners = new Float64Array([0, 0, 1, 0, 2, 1, 1, 2, 0, 2, -1, 1]);
    const hexes = hexFeatures({ unitIds: ['hex250:0:0'], hexCorners: corners });
    expect(hexes.features[0]!.geometry.coordinates[0]).toEqual([[0, 0], [1, 0], [2, 1], [1, 2], [0, 2], [-1, 1], [0, 0]]);
    expect(hexes.features[0]!.properties.id).toBe('hex250:0:0');
    const clusters = clusterFeatures([{ id: 'hotcluster:0:0', geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] }, center: [0.3, 0.3] }], (i) => `Skupisko ${i + 1}`);
    expect(clusters.features.map((f) => [f.geometry.type, f.properties.id, f.properties.label])).toEqual([
      ['Polygon', 'hotcluster:0:0', 'Skupisko 1'],
      ['Point', 'hotcluster:0:0:label', 'Skupisko 1'],
    ]);
  });

  it('hatch tiles seamlessly: grey background, darker 45° lines', () => {
    const { width, data } = hatchImage(12, 2);
    const px = (x: number, y: number) => data[(y * width + x) * 4];
    expect(px(0, 0)).toBe(0x7a); // (0 + 0) mod 6 < 2: on a line
    expect(px(3, 0)).toBe(0xcf); // (3 + 0) mod 6 = 3: background
    expect(px(11, 1)).toBe(px(0, 0)); // (11 + 1) mod 6 = 0: the pattern continues across the tile edge
  });
});

describe('explore layers: residents’ help in the matching view', () => {
  it('outline the help units of the unit shown, only in the matching view', () => {
    const on = exploreLayerVisibility({ ...VIEW, unit: 'hex', gaps: true, help: true }, false);
    expect(on['explore-hex-help']).toBe(true);
    expect(on['explore-estate-help']).toBe(false);
    expect(on['explore-hex-gap']).toBe(true);
    expect(exploreLayerVisibility({ ...VIEW, unit: 'hex', help: false }, false)['explore-hex-help']).toBe(false);
  });
});
