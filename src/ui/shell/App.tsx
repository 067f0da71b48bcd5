import { Suspense, useEffect, useMemo } from 'react';
import type { DataSource } from '../../data/dataSource';
import { DEMO_WORKSPACE_ID } from '../../data/embedded';
import { MapScreen } from '../explore/MapScreen';
import { translate } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { requestReload, select, useAppState, useAppStore } from './appStore';
import { Header } from './header/Header';
import { DataIssues } from './notices/DataIssues';
import { EmptyWorkspaceNotice, isEmptyWorkspace } from './notices/EmptyWorkspaceNotice';
import { UpdateNotice } from './notices/UpdateNotice';
import { LAZY_SCREENS } from './screens';
import { AnalysisProvider } from './useAnalysis';
import { useWorkspaceLoader } from './useWorkspaceLoader';
import { UrlNotice } from './url/UrlNotice';
import { useScreen } from './url/urlStore';
import { useAppUrlSync } from './url/urlSync';
import './app.css';

/** The planner's screen (UX.md): header, "what to show" on the left, the map, "what is selected" on the right. */
export function App({ dataSource }: { dataSource: DataSource }) {
  useWorkspaceLoader(dataSource);
  const store = useAppStore();
  const t = useT();
  const language = useAppState((s) => s.language);
  const load = useAppState((s) => s.load);
  const generation = useAppState((s) => s.loadGeneration);
  const view = useScreen();

  const workspace = load.status === 'ready' ? load.workspace : null;
  // The address always encodes the view (issue 6 part 2): selection, layers, language ⇄ URL; unknown ids dropped.
  useAppUrlSync(store, workspace);

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

  const Screen = view === 'map' ? null : LAZY_SCREENS[view];
  // Supabase: a large town's map tiles are cut by the server (map_tile), not by the analysis worker.
  const serverTiles = useMemo(() => dataSource.mapTile?.bind(dataSource), [dataSource]);

  return (
    <AnalysisProvider serverTiles={serverTiles}>
    <div className="app" data-view={view}>
      {view === 'map' ? (
        <a className="skip-link" href="#map">
          {t('skipToMap')}
        </a>
      ) : null}
      <Header town={workspace?.organisation.town} onResetDemo={onResetDemo} workspaceId={dataSource.workspaceId} view={view} />
      <UpdateNotice />
      <UrlNotice />
      {load.status === 'ready' ? <DataIssues key={generation} issues={load.issues} /> : null}
      {workspace && view === 'map' && isEmptyWorkspace(workspace) ? <EmptyWorkspaceNotice /> : null}
      {Screen ? (
        <Suspense fallback={<p role="status">{t('loading')}</p>}>
          <Screen dataSource={dataSource} workspace={workspace} />
        </Suspense>
      ) : (
        <MapScreen dataSource={dataSource} workspace={workspace} />
      )}
    </div>
    </AnalysisProvider>
  );
}
