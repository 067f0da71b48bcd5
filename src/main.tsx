import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { createDataSource, supabaseSettings } from './data/createDataSource';
import { registerServiceWorker } from './sw/registerServiceWorker';
import { App } from './ui/shell/App';
import { AuthGate } from './ui/shell/auth/AuthGate';
import { partnerRouteOf, reloadOnPartnerSwitch } from './ui/shell/partnerRoute';
import { AppStoreContext, createAppStore, initialAppState } from './ui/shell/appStore';
import { safeLocalStorage } from './data/browserStorage';
import { loadLanguage, loadScreenWords } from './ui/i18n/dictionary';


const store = createAppStore(initialAppState(safeLocalStorage()));
// English words are a chunk of their own, fetched beside the data when English was chosen last time; Polish if they
// cannot be fetched.
const wordsLoaded = loadLanguage(store.getState().language).catch(() => store.setState((s) => ({ ...s, language: 'pl' })));
document.documentElement.lang = store.getState().language;
const env = import.meta.env as Record<string, string | undefined>;
const dataSourceEnv = { VITE_SUPABASE_URL: env.VITE_SUPABASE_URL, VITE_SUPABASE_ANON_KEY: env.VITE_SUPABASE_ANON_KEY };
// The partner view (`/s/<token>`, `#partner`) is decided before anything loads: it never creates the planner's
// DataSource, so no demo files, no IndexedDB, no service worker caching the demo town (issue 6 part 3).
const partnerRoute = partnerRouteOf(window.location.pathname, window.location.hash, import.meta.env.BASE_URL);
reloadOnPartnerSwitch(partnerRoute !== null, import.meta.env.BASE_URL);
const partnerSupabase = partnerRoute ? supabaseSettings(dataSourceEnv) : null;

// The partner view and the Supabase client are their own chunks: a planner on the embedded default never loads them.
const PartnerApp = lazy(async () => {
  const [{ PartnerApp: View }, supabase] = await Promise.all([import('./ui/partner/PartnerApp'), partnerSupabase ? import('./data/supabase') : null, loadScreenWords(['partnerView'])]);
  const client = partnerSupabase && supabase ? supabase.createSupabaseDataSource(partnerSupabase).client : null;
  return { default: () => <View route={partnerRoute ?? { kind: 'file' }} supabase={client} /> };
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const reactRoot = createRoot(root);

if (partnerRoute) {
  void wordsLoaded.then(() => reactRoot.render(
    <StrictMode>
      <AppStoreContext.Provider value={store}>
        <Suspense fallback={null}>
          <PartnerApp />
        </Suspense>
      </AppStoreContext.Provider>
    </StrictMode>,
  ));
} else {
  void Promise.all([createDataSource(dataSourceEnv), wordsLoaded]).then(([dataSource]) => {
    reactRoot.render(
      <StrictMode>
        <AppStoreContext.Provider value={store}>
          <AuthGate dataSource={dataSource}>
            <App dataSource={dataSource} />
          </AuthGate>
        </AppStoreContext.Provider>
      </StrictMode>,
    );
    // Offline use (the door-to-door form): built apps only, never the dev server (whose modules change under HMR).
    // `import.meta.hot` rather than `import.meta.env.PROD`: PROD follows NODE_ENV, which the test runner sets to "test"
    // while the e2e tests build the app that they then check offline.
    if (!import.meta.hot) registerServiceWorker();
  });
}
