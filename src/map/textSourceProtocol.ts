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
