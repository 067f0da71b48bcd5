import { validateStyleMin, type StyleSpecification } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { glyphsUrl } from '../../src/map/fonts';
import { MAP_COLOURS } from '../../src/map/palette';
import { PROGRAMME_COLOUR, PROGRAMME_LAYER_IDS, PROGRAMME_SOURCE_IDS, programmeLayers, programmeSources } from '../../src/map/programmeLayers';

describe('the "Programy" map layers', () => {
  it('form a valid MapLibre style with their sources', () => {
    const style: StyleSpecification = { version: 8, glyphs: glyphsUrl('http://127.0.0.1', '/'), sources: programmeSources(), layers: programmeLayers() };
    expect(validateStyleMin(style)).toEqual([]);
  });

  it('draw candidates below saved programmes, a programme’s white casing below its dashed line, labels, then its partners on top', () => {
    expect(programmeLayers().map((l) => l.id)).toEqual([
      PROGRAMME_LAYER_IDS.candidateFill,
      PROGRAMME_LAYER_IDS.candidateLine,
      PROGRAMME_LAYER_IDS.programmeCasing,
      PROGRAMME_LAYER_IDS.programmeLine,
      PROGRAMME_LAYER_IDS.programmeLabel,
      PROGRAMME_LAYER_IDS.partnerCircle,
      PROGRAMME_LAYER_IDS.partnerLabel,
    ]);
    expect(programmeLayers().map((l) => 'source' in l && l.source)).toEqual([
      'programme-candidates', 'programme-candidates', 'programmes', 'programmes', 'programme-labels', 'programme-partners', 'programme-partners',
    ]);
  });

  it('show the selection through feature-state (no rebuilt source): ids promoted, selected fill 0.28, hovered 0.14, else 0.04', () => {
    for (const id of Object.values(PROGRAMME_SOURCE_IDS)) expect(programmeSources()[id]).toMatchObject({ type: 'geojson', promoteId: 'id' });
    const fill = programmeLayers()[0]!;
    expect(fill.type === 'fill' && fill.paint).toEqual({
      'fill-color': MAP_COLOURS.selected,
      'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.28, ['boolean', ['feature-state', 'hover'], false], 0.14, 0.04],
    });
    const line = programmeLayers()[3]!;
    expect(line.type === 'line' && line.paint?.['line-color']).toBe(PROGRAMME_COLOUR);
    expect(PROGRAMME_COLOUR).not.toBe(MAP_COLOURS.selected); // saved programmes never look like the selection
  });
});
