import { addProtocol, importScriptInWorkers } from 'maplibre-gl';

/**
 * The scheme of large GeoJSON sources handed to MapLibre as JSON text (sourceText.ts): `calmap-text://<Blob URL,
 * URI-encoded>`. MapLibre's workers read such a URL themselves once textSourceWorker.mjs has registered the scheme in
 * them (importScriptInWorkers, the documented way to add a protocol inside the workers); until then, or if that
 * failed, a worker asks the main thread, where `loadTextSource` is registered with addProtocol as well: slower, never wrong.
 */
export const TEXT_SOURCE_SCHEME = 'calmap-text';

export const textSourceUrl = (blobUrl: string): string => `${TEXT_SOURCE_SCHEME}://${encodeURIComponent(blobUrl)}`;

/** The load function MapLibre's addProtocol takes: fetches the Blob URL inside and parses its JSON. */
export async function loadTextSource(params: { url: string }, abortController: AbortController): Promise<{ data: object }> {
  const blobUrl = decodeURIComponent(params.url.slice(TEXT_SOURCE_SCHEME.length + 3));
  const response = await fetch(blobUrl, { signal: abortController.signal });
  if (!response.ok) throw new Error(`the map data ${blobUrl} could not be read (${response.status})`);
  return { data: (await response.json()) as object };
}

let registered = false;

/**
 * Registers the scheme, once per page: on the main thread (the fallback) and, through `workerScriptUrl`
 * (textSourceWorker.mjs as the build emits it), in MapLibre's workers. Call before the first large setData.
 */
export function registerTextSourceProtocol(workerScriptUrl: string): void {
  if (registered) return;
  registered = true;
  addProtocol(TEXT_SOURCE_SCHEME, loadTextSource);
  importScriptInWorkers(new URL(workerScriptUrl, window.location.href).href).catch((error: unknown) =>
    console.warn('the map workers could not load the text-source protocol; they will ask the page for large sources', error),
  );
}
