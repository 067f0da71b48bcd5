import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-600.css';
import '@fontsource/noto-sans/latin-ext-600.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDataSource } from './data/createDataSource';
import { App } from './ui/app/App';
import { AppStoreContext, createAppStore, initialAppState } from './ui/store/appStore';

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

const store = createAppStore(initialAppState(safeLocalStorage()));
document.documentElement.lang = store.getState().language;
const env = import.meta.env as Record<string, string | undefined>;
const dataSource = createDataSource({ VITE_SUPABASE_URL: env.VITE_SUPABASE_URL, VITE_SUPABASE_ANON_KEY: env.VITE_SUPABASE_ANON_KEY });

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <AppStoreContext.Provider value={store}>
      <App dataSource={dataSource} />
    </AppStoreContext.Provider>
  </StrictMode>,
);
