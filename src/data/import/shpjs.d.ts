/** shpjs 6 ships no types: the one call the area import uses. */
declare module 'shpjs' {
  interface ShpFeatureCollection {
    type: 'FeatureCollection';
    features: Array<{ type: 'Feature'; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> }>;
    fileName?: string;
  }
  /** Reads a zipped Shapefile (.shp, .dbf, optional .prj and .cpg); reprojects to WGS84 when a .prj is there. One layer → one collection. */
  export function parseZip(buffer: ArrayBuffer | Uint8Array, whiteList?: string[]): Promise<ShpFeatureCollection | ShpFeatureCollection[]>;
}
