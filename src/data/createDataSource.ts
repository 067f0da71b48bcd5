import type { DataSource } from './dataSource';
import { createEmbeddedDataSource } from './embedded';

/** The build-time settings that choose the adapter; the app passes `import.meta.env`. */
export interface DataSourceEnv {
  VITE_SUPABASE_URL?: string;
  VITE_SUPABASE_ANON_KEY?: string;
}

/**
 * Picks the DataSource for the app. The rule: with VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY both set (non-blank),
 * the Supabase adapter (src/data/supabase/); otherwise the embedded one (demo town + the user's changes in IndexedDB).
 * The Supabase adapter is built under its own issue and does not exist yet, so for now every environment gets the
 * embedded adapter and `env` is not read; when that adapter lands, its branch goes here and callers do not change.
 *
 * @example const dataSource = createDataSource(import.meta.env);
 */
export function createDataSource(_env: DataSourceEnv): DataSource {
  return createEmbeddedDataSource();
}
