import type { FeatureCollection } from 'geojson';
import { textSourceUrl } from './textSourceProtocol';

/**
 * From this many features on, a GeoJSON source is handed to MapLibre as JSON text behind a Blob URL instead of as
 * objects. MapLibre (6.x) posts object data to its worker through its own serializer, a recursive walk of every
 * feature on the main thread (`serialize` in util/web_worker_transfer): 2.5 s for a city's 113,746 addresses and
 * 3,402 streets on this machine, a frozen page. Given a `calmap-text://` URL (textSourceProtocol.ts), its worker
 * fetches and parses the text itself. The demo town's addresses (8,112) go this way too; its streets (243) and areas
 * stay objects.
 */
export const TEXT_SOURCE_MIN_FEATURES = 2000;

/** The source's data as MapLibre's setData takes it, and how to release it (revokes the Blob URL; no-op for objects). */
export function sourceData(collection: FeatureCollection): { data: FeatureCollection | string; release(): void } {
  if (collection.features.length < TEXT_SOURCE_MIN_FEATURES) return { data: collection, release: () => {} };
  const url = URL.createObjectURL(new Blob([JSON.stringify(collection)], { type: 'application/geo+json' }));
  return { data: textSourceUrl(url), release: () => URL.revokeObjectURL(url) };
}
