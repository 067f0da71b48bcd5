import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests (domain, analysis, data, SQL on embedded PostGIS)
// and end-to-end tests that build the app and drive Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts', 'supabase/tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
          setupFiles: ['tests/setup/englishWords.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
