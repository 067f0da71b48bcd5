import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBundledDemoFile } from '../../../src/data/embedded/bundledDemoFiles';
import { DEMO_FILE_NAMES } from '../../../src/data/embedded';

/** fetch as the browser would answer the asset URLs Vite gave the demo files; records what was asked. */
function stubFetch(answer: (url: string) => Response | Promise<Response>): string[] {
  const asked: string[] = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    asked.push(url);
    if (init?.signal?.aborted) return Promise.reject(new DOMException('aborted', 'AbortError'));
    return Promise.resolve(answer(url));
  });
  return asked;
}

afterEach(() => vi.unstubAllGlobals());

describe('readBundledDemoFile: the demo town as separate assets of the build', () => {
  it('fetches each collection file from its own asset URL and returns the text', async () => {
    const asked = stubFetch((url) => new Response(`text of ${url.slice(url.lastIndexOf('/') + 1)}`));
    for (const name of DEMO_FILE_NAMES) expect(await readBundledDemoFile(name)).toMatch(new RegExp(`^text of ${name.replace('.json', '')}`));
    expect(asked).toHaveLength(DEMO_FILE_NAMES.length);
    expect(new Set(asked).size).toBe(DEMO_FILE_NAMES.length); // one asset each, not one bundle
  });

  it('manifest.json (test truth, not a collection) and unknown names are not part of the build', async () => {
    const asked = stubFetch(() => new Response('{}'));
    await expect(readBundledDemoFile('manifest.json')).rejects.toThrow('manifest.json is not part of this build (data/demo/ has no such file)');
    await expect(readBundledDemoFile('people.json')).rejects.toThrow(/people\.json is not part of this build/);
    expect(asked).toEqual([]);
  });

  it('an error status is a readable error; an abort is an AbortError, not a failure', async () => {
    stubFetch(() => new Response('gone', { status: 404, statusText: 'Not Found' }));
    await expect(readBundledDemoFile('streets.json')).rejects.toThrow('the server answered 404 Not Found');
    await expect(readBundledDemoFile('streets.json', AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
