import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { Workspace } from '../../../domain';
import { roundMapPosition, type ViewState } from '../../../share/viewState';
import { LAYER_GROUPS } from '../../../map/layers';
import { select, setGroupVisible, setLanguage, sameRef, type AppState, type AppStore } from '../appStore';
import { getUrlSnapshot, setUrlNotice, subscribeUrl, subscribeUrlReads, updateUrlState, urlReadPending } from './urlStore';

/* The glue between the URL view state (urlStore.ts) and the app's stores: the app store (selection, layer groups,
 * language), the explore controller (wave, need, weights, unit, overlays) and the MapLibre camera. Each side is
 * applied when the address is read (readTick) and written back when the app changes. */

function hiddenOf(state: AppState): ViewState['hidden'] {
  return LAYER_GROUPS.filter((g) => !state.visibleGroups[g]);
}

/**
 * Keeps the app store (selection, hidden layer groups, language) and the URL in step, and once the workspace is
 * loaded drops ids it does not have (a wave or a street from another town) with a notice. Call once, in App.
 */
export function useAppUrlSync(store: AppStore, workspace: Workspace | null): void {
  useEffect(() => {
    let lastTick = -1;
    const fromUrl = () => {
      const { state, readTick } = getUrlSnapshot();
      if (readTick === lastTick) return;
      lastTick = readTick;
      select(store, state.selection);
      for (const group of LAYER_GROUPS) setGroupVisible(store, group, !state.hidden.includes(group));
      if (state.lang && state.lang !== store.getState().language) setLanguage(store, state.lang);
    };
    let previous = store.getState();
    const toUrl = () => {
      const s = store.getState();
      const before = previous;
      previous = s;
      if (urlReadPending(lastTick)) return; // a newer link waits to be applied
      updateUrlState((url) => {
        let next = url;
        if (!sameRef(url.selection, s.selection)) next = { ...next, selection: s.selection };
        const hidden = hiddenOf(s);
        if (hidden.join() !== url.hidden.join()) next = { ...next, hidden };
        if (s.language !== before.language && s.language !== url.lang) next = { ...next, lang: s.language };
        return next;
      });
    };
    fromUrl();
    const offUrl = subscribeUrlReads(fromUrl);
    const offStore = store.subscribe(toUrl);
    return () => {
      offUrl();
      offStore();
    };
  }, [store]);

  // Ids the workspace does not have: dropped, with a notice (each time a link is read and the workspace is there).
  useEffect(() => {
    if (!workspace) return;
    let checkedTick = -1;
    const check = () => {
      const { state, readTick } = getUrlSnapshot();
      if (readTick === checkedTick) return;
      checkedTick = readTick;
      const unknown: string[] = [];
      let next = state;
      if (state.campaignId !== null && !workspace.campaigns.some((c) => c.id === state.campaignId)) {
        unknown.push('wave');
        next = { ...next, campaignId: null };
      }
      const sel = state.selection;
      if (sel && !selectionExists(workspace, sel.kind, sel.id)) {
        unknown.push('sel');
        next = { ...next, selection: null };
        select(store, null);
      }
      if (unknown.length) {
        updateUrlState(() => next);
        const notice = getUrlSnapshot().notice;
        const params = [...(notice && notice.kind !== 'default' ? notice.params : []), ...unknown];
        setUrlNotice({ kind: 'unknown', params: [...new Set(params)] });
      }
    };
    check();
    return subscribeUrl(check);
  }, [workspace, store]);
}

/** Whether a selected feature is in the workspace (hexagons and clusters are computed, so always accepted). */
function selectionExists(workspace: Workspace, kind: string, id: string): boolean {
  switch (kind) {
    case 'street':
      return workspace.streets.some((s) => s.id === id);
    case 'estate':
    case 'district':
      return workspace.areas.some((a) => a.id === id);
    case 'address':
      return workspace.addresses.some((a) => a.id === id);
    case 'resource':
      return workspace.resources.some((r) => r.id === id);
    default:
      return true;
  }
}

/** The camera a link asks for, to create the map with (null: fit the town into view). */
export const initialMapCamera = (): { center: [number, number]; zoom: number } | null => {
  const map = getUrlSnapshot().state.map;
  return map ? { center: [map.lon, map.lat], zoom: map.zoom } : null;
};

/** Writes the camera to the URL after each move (throttled replaceState) and follows links that move it. */
export function useMapUrlSync(map: MapLibreMap | null): void {
  useEffect(() => {
    if (!map) return;
    let lastTick = getUrlSnapshot().readTick;
    const onMoveEnd = () => {
      if (urlReadPending(lastTick)) return; // the camera of a link that waits to be applied wins
      const center = map.getCenter();
      const camera = roundMapPosition({ zoom: map.getZoom(), lat: center.lat, lon: center.lng });
      updateUrlState((url) => (url.map && url.map.zoom === camera.zoom && url.map.lat === camera.lat && url.map.lon === camera.lon ? url : { ...url, map: camera }));
    };
    const fromUrl = () => {
      const { state, readTick } = getUrlSnapshot();
      if (readTick === lastTick) return;
      lastTick = readTick;
      if (state.map) map.jumpTo({ center: [state.map.lon, state.map.lat], zoom: state.map.zoom });
      else onMoveEnd(); // a link without a camera keeps the map where it is, and says so in the address
    };
    map.on('moveend', onMoveEnd);
    // A map created already fitted (the first paint, MapView) moved before this listener: say where it is now.
    if (!getUrlSnapshot().state.map) onMoveEnd();
    const off = subscribeUrlReads(fromUrl);
    return () => {
      map.off('moveend', onMoveEnd);
      off();
    };
  }, [map]);
}
