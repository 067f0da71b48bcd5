/** What of a MapLibre map this needs (a `maplibregl.Map` is one). */
export interface LayerVisibilityTarget {
  getLayer(layerId: string): unknown;
  getLayoutProperty(layerId: string, name: 'visibility'): unknown;
  setLayoutProperty(layerId: string, name: 'visibility', value: 'visible' | 'none'): unknown;
}

/**
 * Shows or hides a layer, only when that changes what is drawn. MapLibre treats any new layout value as a change, and
 * a layout change re-tiles the layer's whole source in its worker: a layer with no `visibility` in its style (drawn)
 * set to 'visible' would re-tile streets, areas and addresses for nothing (issue #16: on the first load every town
 * source was tiled twice by the layer-group switch). A missing layer is left alone.
 *
 * @example setLayerVisible(map, 'streets-line', visibleGroups.streets);
 */
export function setLayerVisible(map: LayerVisibilityTarget, layerId: string, visible: boolean): void {
  if (!map.getLayer(layerId)) return;
  const shown = map.getLayoutProperty(layerId, 'visibility') !== 'none';
  if (shown !== visible) map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
}
