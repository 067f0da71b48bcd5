import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser';
import { buildApp, REPO_ROOT } from './buildApp';
import { startStaticServer, type StaticServer } from './staticServer';

export const ARTIFACTS = join(REPO_ROOT, 'tests/e2e/artifacts');

/**
 * The app built for a test file (buildApp options), served on 127.0.0.1 and Debian's Chromium, set up before the
 * file's tests and torn down after them. Read the fields inside tests (they are set in beforeAll).
 */
export function useBuiltApp(options: Parameters<typeof buildApp>[0] = {}): { server: StaticServer; browser: Browser; dist: string } {
  const app = {} as { server: StaticServer; browser: Browser; dist: string };
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    app.dist = await buildApp(options);
    app.server = await startStaticServer(app.dist);
    app.browser = await launchChromium();
  });
  afterAll(async () => {
    await app.browser?.close();
    await app.server?.close();
    if (app.dist) rmSync(app.dist, { recursive: true, force: true });
  });
  return app;
}
