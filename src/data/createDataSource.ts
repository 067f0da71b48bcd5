import type { DataSource } from './dataSource';
import { createEmbeddedDataSource, createWorkspaceRegistry, DEMO_WORKSPACE_ID } from './embedded';

/** The build-time settings that choose the adapter; the app passes `import.meta.env`. */
export interface DataSourceEnv {
  VITE_SUPABASE_URL?: string;
  VITE_SUPABASE_ANON_KEY?: string;
}

/** The Supabase settings when both are set (non-blank), else null. */
export function supabaseSettings(env: DataSourceEnv): { url: string; anonKey: string } | null {
  const url = typeof env.VITE_SUPABASE_URL === 'string' ? env.VITE_SUPABASE_URL.trim() : '';
  const anonKey = typeof env.VITE_SUPABASE_ANON_KEY === 'string' ? env.VITE_SUPABASE_ANON_KEY.trim() : '';
  return url && anonKey ? { url, anonKey } : null;
}

/**
 * Picks the DataSource for the app. The rule: with VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY both set (non-blank),
 * the Supabase adapter (src/data/supabase/: sign-in, the centre's data under RLS); otherwise the embedded one (demo
 * town + the user's changes in IndexedDB). Check `dataSource.kind === 'supabase'` to show the sign-in form. The
 * Supabase adapter and its client are loaded only when configured: the embedded default never downloads them.
 *
 * @example const dataSource = await createDataSource(import.meta.env);
 */
export async function createDataSource(env: DataSourceEnv): Promise<DataSource> {
  const settings = supabaseSettings(env);
  if (settings) return (await import('./supabase')).createSupabaseDataSource(settings);
  // The embedded default opens the workspace chosen last in this browser (the demo town until a centre starts its own).
  const registry = createWorkspaceRegistry();
  const workspaceId = registry.currentId();
  // The demo town's map as the build drew it (a few hundred bytes of URLs and bounds): known before the first render,
  // so the map is created with it (issue #16 first paint). Missing under `vite dev`; a failed fetch only loses it.
  const demoMap = workspaceId === DEMO_WORKSPACE_ID ? await import('./embedded/demoMapAsset').then((m) => m.DEMO_MAP, () => null) : null;
  return createEmbeddedDataSource({ registry, workspaceId, demoMap, preloadDemo: true });
}
