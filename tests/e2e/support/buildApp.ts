import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';

export const REPO_ROOT = resolve(import.meta.dirname, '../../..');

/**
 * Builds the app once with Vite's JS API into a fresh temporary folder (never the developer's dist/),
 * with no basemap configured: the e2e tests must run with no network. `appVersion` replaces the version the app shows;
 * `supabase` builds the app for a centre's server instead of the embedded default; `testHooks: false` builds without
 * the `window.__calmap…` hooks the tests read, as production is built (default: with them).
 */
export async function buildApp(options: { appVersion?: string; supabase?: { url: string; anonKey: string }; testHooks?: boolean } = {}): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'calmap-e2e-'));
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what users get.
  const previousNodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: REPO_ROOT,
      configFile: join(REPO_ROOT, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      define: {
        'import.meta.env.VITE_BASEMAP_STYLE': 'undefined',
        // The window.__calmap… hooks the tests read; without this define, vite.config.ts's (false) applies, as in production.
        ...(options.testHooks === false ? {} : { 'import.meta.env.CALMAP_TEST_HOOKS': 'true' }),
        // A second build that differs from the first (a new deployment, for the service-worker update test).
        ...(options.appVersion ? { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(options.appVersion) } : {}),
        // The app on a centre's server (the Supabase adapter); tests answer its requests with page.route.
        ...(options.supabase
          ? { 'import.meta.env.VITE_SUPABASE_URL': JSON.stringify(options.supabase.url), 'import.meta.env.VITE_SUPABASE_ANON_KEY': JSON.stringify(options.supabase.anonKey) }
          : {}),
      },
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    process.env.NODE_ENV = previousNodeEnv;
  }
  return outDir;
}
