/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Set in vite.config.ts: package.json's version, or VITE_APP_VERSION from the deployment's environment. */
  readonly VITE_APP_VERSION?: string;
  readonly VITE_SUPABASE_URL?: string;
  readonly VITE_SUPABASE_ANON_KEY?: string;
  readonly VITE_BASEMAP_STYLE?: string;
  /**
   * True only in the build the end-to-end tests make (tests/e2e/support/buildApp.ts); vite.config.ts defines it false
   * for every other build. Code that sets a `window.__calmap…` test hook runs under `if (import.meta.env.CALMAP_TEST_HOOKS)`,
   * so the bundler drops it and a production bundle holds no hook (tests/e2e/productionBundle.test.ts checks).
   */
  readonly CALMAP_TEST_HOOKS?: boolean;
}

/** The demo town's map made at build time (data/demoMapPlugin.ts); null under `vite dev` and in Supabase builds. */
declare module 'virtual:demo-map' {
  const demoMap: import('./data/firstPaint').FirstPaintMap | null;
  export default demoMap;
}

/** SHA-256 of each data/demo collection file the build validated (data/demoMapPlugin.ts); null under `vite dev`. */
declare module 'virtual:demo-digests' {
  const demoDigests: Readonly<Record<string, string>> | null;
  export default demoDigests;
}
