import { fileURLToPath } from 'node:url';
import { defineConfig, loadEnv } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };
import { demoMapPlugin } from './data/demoMapPlugin';

// The app is a static SPA: `vite build` writes dist/, which any static server can host.
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'VITE_');
  // With a Supabase project the town comes from the server: the bundled demo town is not cached for offline use.
  const usesSupabase = Boolean(env.VITE_SUPABASE_URL);
  return {
    plugins: [
      react(),
      // The demo town's map as GeoJSON files made from data/demo at build time (validated), drawn at first paint.
      demoMapPlugin({ demoDir: fileURLToPath(new URL('./data/demo', import.meta.url)), enabled: !usesSupabase }),
      // The service worker (Workbox, generated from the build): every file of this build is precached at the first
      // online visit, so the door-to-door form and the map open with no network. A new deployment installs beside
      // the old one and waits; the app says a new version is ready and reloads only when the volunteer agrees
      // (registerType 'prompt'), so a half-filled form is never lost. Answers never pass through the worker: they
      // live in IndexedDB (the outbox), which a cache update does not touch.
      VitePWA({
        strategies: 'generateSW',
        registerType: 'prompt',
        injectRegister: false,
        filename: 'sw.js',
        manifest: {
          name: 'CAL Map — mapa zasobów i potrzeb',
          short_name: 'CAL Map',
          lang: 'pl',
          start_url: '.',
          display: 'standalone',
          background_color: '#f3f1ec',
          theme_color: '#1d3557',
          icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
        },
        workbox: {
          globPatterns: ['**/*.{html,js,mjs,css,json,geojson,woff2,pbf,svg,webmanifest}'],
          // online-check.txt must always come from the server (src/data/connectivity.ts); source maps are for developers.
          globIgnores: ['**/online-check.txt', '**/*.map', ...(usesSupabase ? ['**/assets/{addresses,areas,campaigns,events,groups,organisation,programmes,resources,responses,streets}-*.json', '**/assets/demo-map-*.geojson'] : [])],
          // The demo town's answers and addresses are over 1 MB each.
          maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
          // Every page of this SPA (the map, #ankieta, a partner's /s/<token>) is index.html.
          navigateFallback: 'index.html',
          cleanupOutdatedCaches: true,
          clientsClaim: false,
          skipWaiting: false,
        },
      }),
    ],
    // The version the app shows (the survey form's footer): package.json's, or VITE_APP_VERSION set by a deployment.
    // Test hooks (window.__calmap…) are compiled out of every build but the end-to-end tests' (tests/e2e/support/buildApp.ts).
    define: { 'import.meta.env.VITE_APP_VERSION': JSON.stringify(env.VITE_APP_VERSION || packageJson.version), 'import.meta.env.CALMAP_TEST_HOOKS': 'false' },
    worker: { format: 'es' },
    build: {
      target: 'es2022',
      sourcemap: true,
      chunkSizeWarningLimit: 2000,
      // Every module the first paint loads goes into the entry chunk: Rolldown otherwise splits the modules the entry
      // shares with lazy chunks (zod, the domain, the words) into seven small files that the first paint fetches
      // anyway, each compressed on its own (initial JS 450.5 -> 446.9 kB gzip -9, issue #16). Lazy screens stay lazy.
      rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] } } },
    },
    server: { host: '127.0.0.1' },
  };
});
