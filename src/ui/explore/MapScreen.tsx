import type { Map as MapLibreMap } from 'maplibre-gl';
import { useCallback, useMemo, useState } from 'react';
import { buildWorkspaceIndex } from '../../analysis/workspaceIndex';
import { streetLabel } from '../../domain';
import { buildMapData } from '../../map/mapData';
import { analysisTileKey } from '../../map/tiledTown';
import { formatHouseholds } from '../common/format';
import { RESOURCE_KIND_LABELS, translate } from '../i18n/dictionary';
import { dataAttribution } from '../i18n/attribution';
import { useT } from '../i18n/useT';
import { refitDone, requestReload, select, useAppState, useAppStore, type FeatureRef } from '../shell/appStore';
import { LoadStatus } from '../shell/notices/LoadStatus';
import type { ScreenProps } from '../shell/screens';
import { DetailsPanel } from './DetailsPanel';
import { ExploreMap } from './ExploreMap';
import { ExportMenu } from './export/ExportMenu';
import { LayerPanel } from './LayerPanel';
import { MapSummary } from './MapSummary';
import { ShareButton } from './share/ShareButton';
import { ExploreProvider } from './useExplore';

type NarrowPanel = 'layers' | 'details' | null;

/** The map screen (UX.md): "what to show" on the left, the map, "what is selected" on the right. */
export function MapScreen({ dataSource, workspace }: ScreenProps) {
  const store = useAppStore();
  const t = useT();
  const language = useAppState((s) => s.language);
  const load = useAppState((s) => s.load);
  const visibleGroups = useAppState((s) => s.visibleGroups);
  const selection = useAppState((s) => s.selection);
  const focus = useAppState((s) => s.focus);
  // After an import the town is fitted into view once its new workspace is loaded (not the previous one still shown).
  const refitGeneration = useAppState((s) => s.refitGeneration);
  const fitKey = refitGeneration !== null && load.status === 'ready' && (load.generation ?? -1) >= refitGeneration ? refitGeneration : null;
  const onFitted = useCallback((generation: number) => refitDone(store, generation), [store]);
  const [mapDrawn, setMapDrawn] = useState(false);
  const [narrowPanel, setNarrowPanel] = useState<NarrowPanel>(null);
  const [exportMap, setExportMap] = useState<MapLibreMap | null>(null);
  // A large town's streets and addresses are drawn from the analysis worker's tiles (map/tiledTown.ts).
  const mapData = useMemo(() => (workspace ? buildMapData(workspace, { tileKey: analysisTileKey(workspace) }) : null), [workspace]);
  const asBuilt = load.status === 'ready' && load.asBuilt === true;
  // The town as the build drew it, shown while the workspace loads (issue #16 first paint).
  const firstPaint = dataSource.firstPaint ?? null;
  const index = useMemo(() => (workspace ? buildWorkspaceIndex(workspace) : null), [workspace]);

  const onSelect = useCallback(
    (ref: FeatureRef | null) => {
      select(store, ref);
      if (ref) setNarrowPanel((p) => (p === 'layers' ? p : 'details'));
    },
    [store],
  );

  const describe = useCallback(
    (ref: FeatureRef): string | undefined => {
      if (!index) return undefined;
      const households = (count: number | undefined) => translate(language, 'tooltipHouseholds', { count: formatHouseholds(language, count) });
      switch (ref.kind) {
        case 'street': {
          const street = index.streets.get(ref.id);
          return street ? `${streetLabel(street)} · ${households(index.streetTally(street.id).households)}` : undefined;
        }
        case 'estate': {
          const estate = index.areas.get(ref.id);
          return estate ? `${estate.name} · ${households(index.areaTally(estate.id).households)}` : undefined;
        }
        case 'address': {
          const address = index.addresses.get(ref.id);
          return address ? `${index.addressLabel(address)} · ${households(address.households)}` : undefined;
        }
        case 'resource': {
          const resource = index.resources.get(ref.id);
          return resource ? `${resource.name} · ${RESOURCE_KIND_LABELS[resource.kind][language]}` : undefined;
        }
      }
    },
    [index, language],
  );

  // A street drawn as several records is selected whole.
  const recordsOf = useCallback((ref: FeatureRef): readonly string[] => (ref.kind === 'street' && index ? index.streetRecords(ref.id) : [ref.id]), [index]);

  const togglePanel = (panel: Exclude<NarrowPanel, null>) => setNarrowPanel((p) => (p === panel ? null : panel));

  return (
    <ExploreProvider>
      <div className="narrow-bar">
        <button type="button" className="header-button" aria-expanded={narrowPanel === 'layers'} aria-controls="panel-layers" onClick={() => togglePanel('layers')}>
          {t('whatToShow')}
        </button>
        <button type="button" className="header-button" aria-expanded={narrowPanel === 'details'} aria-controls="panel-details" onClick={() => togglePanel('details')}>
          {t('details')}
        </button>
      </div>
      <main className="app-main" data-narrow-panel={narrowPanel ?? 'none'}>
        <aside id="panel-layers" className="panel panel-left" aria-label={t('whatToShow')}>
          <LayerPanel workspace={workspace} />
          <ShareButton dataSource={dataSource} />
        </aside>
        <div id="map" className="map-area" tabIndex={-1}>
          <ExploreMap mapData={mapData} firstPaint={firstPaint} asBuilt={asBuilt} visibleGroups={visibleGroups} selection={selection} focus={focus} onSelect={onSelect} describe={describe} onDrawn={setMapDrawn} onMapInstance={setExportMap} recordsOf={recordsOf} fitKey={fitKey} onFitted={onFitted} />
          <ExportMenu map={exportMap} />
          <LoadStatus load={load} mapDrawn={mapDrawn} onRetry={() => requestReload(store)} />
          {workspace && index ? <MapSummary workspace={workspace} totalHouseholds={index.totalHouseholds} visibleGroups={visibleGroups} /> : null}
          <p className="map-attribution">{dataAttribution(language, workspace?.organisation)}</p>
        </div>
        <aside id="panel-details" className="panel panel-right" aria-label={t('details')}>
          <DetailsPanel index={index} selection={selection} language={language} onClear={() => select(store, null)} />
        </aside>
      </main>
    </ExploreProvider>
  );
}
