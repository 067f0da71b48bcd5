// Loaded into MapLibre's workers by importScriptInWorkers (src/ui/common/map/MapView.tsx): lets them read the large
// sources the page hands over as JSON text (src/map/sourceText.ts, textSourceProtocol.ts) themselves, so neither the
// parsing nor MapLibre's serialization of the parsed objects runs on the main thread. Plain JS: it runs as it is.
const SCHEME = 'calmap-text';
self.addProtocol(SCHEME, async (params, abortController) => {
  const blobUrl = decodeURIComponent(params.url.slice(SCHEME.length + 3));
  const response = await fetch(blobUrl, { signal: abortController.signal });
  if (!response.ok) throw new Error(`the map data ${blobUrl} could not be read (${response.status})`);
  return { data: await response.json() };
});
