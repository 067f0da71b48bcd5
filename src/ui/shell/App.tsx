import type { Map as MapLibreMap } from 'maplibre-gl';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import { streetLabel } from '../../domain';
import { buildMapData } from '../../map/mapData';
import { AnalysisProvider } from './useAnalysis';
import { DetailsPanel } from '../explore/DetailsPanel';
import { ExportMenu } from '../explore/export/ExportMenu';
import { ExploreProvider } from '../explore/useExplore';
import { Header } from './header/Header';
import { RESOURCE_KIND_LABELS, translate } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { LayerPanel } from '../explore/LayerPanel';
import { MapSummary } from '../explore/MapSummary';
import { MapView } from '../common/map/MapView';
import { DataIssues } from './notices/DataIssues';
import { LoadStatus } from './notices/LoadStatus';
import { UpdateNotice } from './notices/UpdateNotice';
import { EmptyWorkspaceNotice, isEmptyWorkspace } from './notices/EmptyWorkspaceNotice';
import { DEMO_WORKSPACE_ID } from '../../data/embedded';
import { requestReload, select, useAppState, useAppStore, type FeatureRef } from './appStore';
import { SurveyFormView } from '../surveyForm/SurveyFormView';
import { useAppView } from '../importWizard/importHash';
import { ResourcesView } from '../resources/ResourcesView';
import { useTableView } from '../resources/tableViewRoute';
import { useReportRoute } from '../report/reportRoute';
import { useProgrammesView } from '../programmes/programmesRoute';
import { CampaignsView } from '../surveys/CampaignsView';
import { buildWorkspaceIndex } from '../workspace/workspaceIndex';
import { useWorkspaceLoader } from './useWorkspaceLoader';
import { UrlNotice } from './url/UrlNotice';
import { dataAttribution } from '../i18n/attribution';
import { useAppUrlSync } from './url/urlSync';
import { ShareDialog } from '../explore/share/ShareDialog';
import './app.css';

// The import wizard brings the CSV/GeoJSON reader and proj4: loaded when it is opened, never on the map's first paint.
const ImportWizardView = lazy(() => import('../importWizard/ImportWizardView').then((m) => ({ default: m.ImportWizardView })));
// The printable report is opened rarely: its own chunk.
// The programmes view brings terra-draw: loaded when opened, not on the map's first paint.
const ProgrammesView = lazy(() => import('../programmes/ProgrammesView').then((m) => ({ default: m.ProgrammesView })));
const ReportView = lazy(() => import('../report/ReportView').then((m) => ({ default: m.ReportView })));

type NarrowPanel = 'layers' | 'details' | null;

/** The planner's screen (UX.md): header, "what to show" on the left, the map, "what is selected" on the right. */
export function App({ dataSource }: { dataSource: DataSource }) {
  useWorkspaceLoader(dataSource);
  const store = useAppStore();
  const t = useT();
  const language = useAppState((s) => s.language);
  const load = useAppState((s) => s.load);
  const visibleGroups = useAppState((s) => s.visibleGroups);
  const selection = useAppState((s) => s.selection);
  const generation = useAppState((s) => s.loadGeneration);
  const focus = useAppState((s) => s.focus);
  const [mapDrawn, setMapDrawn] = useState(false);
  const [narrowPanel, setNarrowPanel] = useState<NarrowPanel>(null);
  const tableView = useTableView();
  const otherView = useAppView();
  const reportView = useReportRoute();
  const programmesView = useProgrammesView() ? ('programmes' as const) : null;
  const view = reportView ?? programmesView ?? tableView ?? otherView;
  const [exportMap, setExportMap] = useState<MapLibreMap | null>(null);

  const workspace = load.status === 'ready' ? load.workspace : null;
  // The address always encodes the view (issue 6 part 2): selection, layers, language ⇄ URL; unknown ids dropped.
  useAppUrlSync(store, workspace);
  const mapData = useMemo(() => (workspace ? buildMapData(workspace) : null), [workspace]);
  const index = useMemo(() => (workspace ? buildWorkspaceIndex(workspace) : null), [workspace]);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = workspace ? `${translate(language, 'appName')} · ${workspace.organisation.town}` : translate(language, 'appName');
  }, [language, workspace]);

  // Esc clears the selection (unless a dialog or menu is handling it).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      select(store, null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);

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
      const households = (count: number) => translate(language, 'tooltipHouseholds', { count });
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

  // Only the demo workspace can be reset to the demo; a centre's own town is left by switching workspaces.
  const isDemo = dataSource.workspaceId === undefined || dataSource.workspaceId === DEMO_WORKSPACE_ID;
  const resetToDemo = isDemo ? dataSource.resetToDemo?.bind(dataSource) : undefined;
  const onResetDemo = useMemo(
    () =>
      resetToDemo
        ? async () => {
            await resetToDemo();
            requestReload(store);
          }
        : undefined,
    [resetToDemo, store],
  );

  const togglePanel = (panel: Exclude<NarrowPanel, null>) => setNarrowPanel((p) => (p === panel ? null : panel));

  return (
    <AnalysisProvider>
    <div className="app" data-narrow-panel={narrowPanel ?? 'none'} data-view={view}>
      {view === 'map' ? (
        <a className="skip-link" href="#map">
          {t('skipToMap')}
        </a>
      ) : null}
      <Header town={workspace?.organisation.town} onResetDemo={onResetDemo} workspaceId={dataSource.workspaceId} view={view} />
      <UpdateNotice />
      <UrlNotice language={language} />
      {load.status === 'ready' ? <DataIssues key={generation} issues={load.issues} /> : null}
      {workspace && view === 'map' && isEmptyWorkspace(workspace) ? <EmptyWorkspaceNotice /> : null}
      {view === 'survey' ? <SurveyFormView dataSource={dataSource} /> : null}
      {view === 'import' ? (
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <ImportWizardView dataSource={dataSource} />
        </Suspense>
      ) : null}
      {view === 'campaigns' ? <CampaignsView workspace={workspace} dataSource={dataSource} /> : null}
      {view === 'resources' ? <ResourcesView workspace={workspace} /> : null}
      {view === 'programmes' ? (
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <ProgrammesView workspace={workspace} dataSource={dataSource} />
        </Suspense>
      ) : null}
      {view === 'report' ? (
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <ReportView />
        </Suspense>
      ) : null}
      {view === 'map' ? (
        <ExploreProvider>
          <div className="narrow-bar">
            <button type="button" className="header-button" aria-expanded={narrowPanel === 'layers'} aria-controls="panel-layers" onClick={() => togglePanel('layers')}>
              {t('whatToShow')}
            </button>
            <button type="button" className="header-button" aria-expanded={narrowPanel === 'details'} aria-controls="panel-details" onClick={() => togglePanel('details')}>
              {t('details')}
            </button>
          </div>
          <main className="app-main">
            <aside id="panel-layers" className="panel panel-left" aria-label={t('whatToShow')}>
              <LayerPanel streets={workspace?.streets ?? null} />
              <ShareDialog dataSource={dataSource} />
            </aside>
            <div id="map" className="map-area" tabIndex={-1}>
              <MapView mapData={mapData} visibleGroups={visibleGroups} selection={selection} focus={focus} onSelect={onSelect} describe={describe} onDrawn={setMapDrawn} onMapInstance={setExportMap} />
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
      ) : null}
    </div>
    </AnalysisProvider>
  );
}
