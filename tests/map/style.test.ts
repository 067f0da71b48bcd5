import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { glyphsUrl } from '../../src/map/fonts';
import { INTERACTIVE_LAYERS, LAYERS_OF_GROUP, LAYER_GROUPS, SOURCE_IDS, SOURCE_OF_KIND, dataLayers, emptySources } from '../../src/map/layers';
import { basemapMutePaint, createOfflineStyle } from '../../src/map/style';
import { EXPLORE_LAYER_IDS, exploreLayerVisibility, explorePaint } from '../../src/map/exploreLayers';
import { setLayerVisible } from '../../src/map/visibility';
import { exploreView, initialExploreSettings } from '../../src/ui/common/exploreSettings';

const GLYPHS = 'http://127.0.0.1:5173/fonts/{fontstack}/{range}.pbf';

describe('the offline style', () => {
  it('validates against the MapLibre style specification', () => {
    expect(validateStyleMin(createOfflineStyle(GLYPHS))).toEqual([]);
  });

  it('needs no network: no tiles, no sprite, glyphs from our own origin', () => {
    const style = createOfflineStyle(GLYPHS);
    expect(style.sprite).toBeUndefined();
    expect(style.glyphs).toBe(GLYPHS);
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson');
      expect(JSON.stringify(source)).not.toMatch(/https?:/);
    }
  });

  it('promotes record ids to feature ids on every source (feature-state hover and selection)', () => {
    const sources = emptySources();
    expect(Object.keys(sources).sort()).toEqual(Object.values(SOURCE_IDS).sort());
    for (const source of Object.values(sources)) expect(source).toMatchObject({ type: 'geojson', promoteId: 'id' });
  });

  it('uses only the two font stacks whose glyphs are generated', () => {
    const fonts = new Set(dataLayers().flatMap((l) => (l.type === 'symbol' ? ((l.layout?.['text-font'] as string[]) ?? []) : [])));
    expect([...fonts].sort()).toEqual(['NotoSans-Bold', 'NotoSans-Regular']);
  });
});

describe('layer groups and interaction', () => {
  const layerIds = new Set(dataLayers().map((l) => l.id));

  it('every layer a group switches exists, and every data layer belongs to exactly one group', () => {
    const grouped = LAYER_GROUPS.flatMap((g) => LAYERS_OF_GROUP[g]);
    for (const id of grouped) expect(layerIds.has(id)).toBe(true);
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(grouped.sort()).toEqual([...layerIds].sort());
  });

  it('interactive layers exist and read from the source their kind sets feature-state on', () => {
    const layers = new Map(dataLayers().map((l) => [l.id, l]));
    for (const { layerId, kind } of INTERACTIVE_LAYERS) {
      const layer = layers.get(layerId);
      expect(layer && 'source' in layer ? layer.source : undefined).toBe(SOURCE_OF_KIND[kind]);
    }
  });
});

describe('glyphsUrl', () => {
  it('joins origin, base path and the tokens MapLibre fills in', () => {
    expect(glyphsUrl('http://127.0.0.1:5173', '/')).toBe(GLYPHS);
    expect(glyphsUrl('https://example.org', '/calmap/')).toBe('https://example.org/calmap/fonts/{fontstack}/{range}.pbf');
    expect(glyphsUrl('https://example.org', '/calmap')).toBe('https://example.org/calmap/fonts/{fontstack}/{range}.pbf');
  });
});

describe('basemapMutePaint', () => {
  it('mutes imagery and vector fills of an optional online basemap, leaves unknown layer types alone', () => {
    expect(basemapMutePaint({ id: 'sat', type: 'raster' })).toEqual([['raster-opacity', 0.45], ['raster-saturation', -0.7]]);
    expect(basemapMutePaint({ id: 'water', type: 'fill' })).toEqual([['fill-opacity', 0.35]]);
    expect(basemapMutePaint({ id: 'hills', type: 'hillshade' })).toEqual([]);
  });
});

describe('the style as the map screen first sets it (issue #16: no source tiled twice on the first load)', () => {
  it('already holds the paint and visibility the map screen sets before a need is coloured', () => {
    const style = createOfflineStyle(GLYPHS);
    const view = exploreView(initialExploreSettings());
    const layer = (id: string) => style.layers.find((l) => l.id === id) as { paint?: Record<string, unknown>; layout?: Record<string, unknown> } | undefined;
    for (const [id, property, value] of explorePaint(view)) expect(layer(id)?.paint?.[property], `${id} ${property}`).toEqual(value);
    const visible = exploreLayerVisibility(view, true);
    for (const id of EXPLORE_LAYER_IDS) expect((layer(id)?.layout?.visibility ?? 'visible') !== 'none', id).toBe(visible[id]);
  });

  it('takes the first paint files as the sources they replace, the others empty', () => {
    const style = createOfflineStyle(GLYPHS, { [SOURCE_IDS.streets]: '/assets/demo-map-streets-1.geojson' });
    expect(style.sources[SOURCE_IDS.streets]).toMatchObject({ type: 'geojson', data: '/assets/demo-map-streets-1.geojson', promoteId: 'id' });
    expect(style.sources[SOURCE_IDS.addresses]).toMatchObject({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  });
});

describe('setLayerVisible', () => {
  /** The three calls it makes, over a style's layers as MapLibre reports them (`visibility` absent = drawn). */
  const styleOf = (layers: Record<string, 'visible' | 'none' | undefined>) => {
    const set: string[] = [];
    return {
      set,
      map: {
        getLayer: (id: string) => (id in layers ? { id } : undefined),
        getLayoutProperty: (id: string) => layers[id],
        setLayoutProperty: (id: string, _name: string, value: 'visible' | 'none') => {
          set.push(`${id}=${value}`);
          layers[id] = value;
        },
      },
    };
  };

  it('changes a layout only when what is drawn changes (a layout change re-tiles the source)', () => {
    const { map, set } = styleOf({ plain: undefined, shown: 'visible', hidden: 'none' });
    for (const id of ['plain', 'shown']) setLayerVisible(map, id, true);
    setLayerVisible(map, 'hidden', false);
    setLayerVisible(map, 'missing', true);
    expect(set).toEqual([]);
    setLayerVisible(map, 'plain', false);
    setLayerVisible(map, 'hidden', true);
    setLayerVisible(map, 'plain', false);
    expect(set).toEqual(['plain=none', 'hidden=visible']);
  });
});
