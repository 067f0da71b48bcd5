import { abortError } from '../abort';
import type { ReadDemoFile } from './demoLoader';

/**
 * The demo town as Vite assets. `?url` makes each JSON file a separate asset fetched at run time
 * (not inlined into the JavaScript bundle: addresses.json and responses.json are megabytes).
 * manifest.json describes the generator run and is not a collection.
 * Keys are paths relative to this file, e.g. `../../../data/demo/areas.json`.
 */
const DEMO_ASSET_URLS = import.meta.glob<string>(['../../../data/demo/*.json', '!../../../data/demo/manifest.json'], {
  query: '?url',
  import: 'default',
  eager: true,
});

const URL_BY_FILE_NAME = new Map(Object.entries(DEMO_ASSET_URLS).map(([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url]));

/**
 * Browser reader of the bundled demo files: fetches the asset URL Vite gave `fileName`.
 * Rejects with a readable Error when the file is not in the build or the server answers with an error status,
 * and with an AbortError when `signal` aborts.
 */
export const readBundledDemoFile: ReadDemoFile = async (fileName, signal) => {
  const url = URL_BY_FILE_NAME.get(fileName);
  if (url === undefined) throw new Error(`${fileName} is not part of this build (data/demo/ has no such file)`);
  try {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`.trim());
    return await response.text();
  } catch (error) {
    if (signal?.aborted) throw abortError();
    throw error;
  }
};
