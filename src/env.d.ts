/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set in vite.config.ts: package.json's version, or VITE_APP_VERSION from the deployment's environment. */
  readonly VITE_APP_VERSION?: string;
  readonly VITE_SUPABASE_URL?: string;
  readonly VITE_SUPABASE_ANON_KEY?: string;
  readonly VITE_BASEMAP_STYLE?: string;
}
