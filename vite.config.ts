import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static SPA: `vite build` writes dist/, which any static server can host.
export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 2000 },
  server: { host: '127.0.0.1' },
});
