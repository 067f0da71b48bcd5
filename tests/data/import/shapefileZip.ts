/**
 * Writes a zipped polygon Shapefile the way GIS software does, for tests: .shp (ESRI Shapefile Technical
 * Description, 1998: type 5 Polygon, outer rings clockwise), .dbf (dBASE III, text fields), optional .prj and .cpg,
 * in a zip archive with stored (uncompressed) entries (PKWARE APPNOTE 4.3). No library: the bytes are the spec's.
 */

export interface ShapefilePolygon {
  /** Rings of [x, y] in the file's coordinate system, outer ring first; closed or not (closed here). */
  rings: Array<Array<[number, number]>>;
  attributes: Record<string, string>;
}

const signedArea = (ring: ReadonlyArray<[number, number]>) => {
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) a += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return a / 2;
};
const closed = (ring: Array<[number, number]>) => (ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring : [...ring, ring[0]!]);

function shp(polygons: readonly ShapefilePolygon[]): Uint8Array {
  // Shapefile rings: outer clockwise (negative signed area), holes counter-clockwise.
  const shapes = polygons.map((p) => p.rings.map(closed).map((ring, i) => ((i === 0) === signedArea(ring) > 0 ? [...ring].reverse() : ring)));
  const contentBytes = shapes.map((rings) => 4 + 32 + 4 + 4 + 4 * rings.length + 16 * rings.reduce((n, r) => n + r.length, 0));
  const total = 100 + contentBytes.reduce((n, c) => n + 8 + c, 0);
  const view = new DataView(new ArrayBuffer(total));
  const all = shapes.flat(2);
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  view.setInt32(0, 9994, false);
  view.setInt32(24, total / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, 5, true);
  box.forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
  let at = 100;
  shapes.forEach((rings, index) => {
    view.setInt32(at, index + 1, false);
    view.setInt32(at + 4, contentBytes[index]! / 2, false);
    at += 8;
    const points = rings.flat();
    view.setInt32(at, 5, true);
    [Math.min(...points.map((p) => p[0])), Math.min(...points.map((p) => p[1])), Math.max(...points.map((p) => p[0])), Math.max(...points.map((p) => p[1]))].forEach((v, i) => view.setFloat64(at + 4 + 8 * i, v, true));
    view.setInt32(at + 36, rings.length, true);
    view.setInt32(at + 40, points.length, true);
    let start = 0;
    rings.forEach((ring, i) => {
      view.setInt32(at + 44 + 4 * i, start, true);
      start += ring.length;
    });
    let p = at + 44 + 4 * rings.length;
    for (const [x, y] of points) {
      view.setFloat64(p, x, true);
      view.setFloat64(p + 8, y, true);
      p += 16;
    }
    at = p;
  });
  return new Uint8Array(view.buffer);
}

function dbf(polygons: readonly ShapefilePolygon[]): Uint8Array {
  const encoder = new TextEncoder();
  const names = Object.keys(polygons[0]?.attributes ?? {});
  const widths = names.map((name) => Math.max(1, ...polygons.map((p) => encoder.encode(p.attributes[name] ?? '').length)));
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const bytes = new Uint8Array(headerLength + recordLength * polygons.length + 1);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x03;
  bytes.set([126, 12, 4], 1);
  view.setUint32(4, polygons.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  names.forEach((name, i) => {
    bytes.set(encoder.encode(name.slice(0, 10)), 32 + 32 * i);
    bytes[32 + 32 * i + 11] = 'C'.charCodeAt(0);
    bytes[32 + 32 * i + 16] = widths[i]!;
  });
  bytes[headerLength - 1] = 0x0d;
  polygons.forEach((polygon, r) => {
    let at = headerLength + r * recordLength;
    bytes[at++] = 0x20;
    names.forEach((name, i) => {
      const value = encoder.encode(polygon.attributes[name] ?? '');
      bytes.fill(0x20, at, at + widths[i]!);
      bytes.set(value, at);
      at += widths[i]!;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A zip archive of the given files, stored without compression. */
export function zip(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = encoder.encode(file.name);
    const crc = crc32(file.bytes);
    const local = new DataView(new ArrayBuffer(30 + name.length));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, file.bytes.length, true);
    local.setUint32(22, file.bytes.length, true);
    local.setUint16(26, name.length, true);
    new Uint8Array(local.buffer).set(name, 30);
    const central = new DataView(new ArrayBuffer(46 + name.length));
    central.setUint32(0, 0x02014b50, true);
    central.setUint16(4, 20, true);
    central.setUint16(6, 20, true);
    central.setUint32(16, crc, true);
    central.setUint32(20, file.bytes.length, true);
    central.setUint32(24, file.bytes.length, true);
    central.setUint16(28, name.length, true);
    central.setUint32(42, offset, true);
    new Uint8Array(central.buffer).set(name, 46);
    locals.push(new Uint8Array(local.buffer), file.bytes);
    centrals.push(new Uint8Array(central.buffer));
    offset += 30 + name.length + file.bytes.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, centralSize, true);
  end.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, new Uint8Array(end.buffer)];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** ESRI WKT of PUWG 1992 (EPSG:2180), as QGIS and ArcGIS write it into the .prj. */
export const PRJ_2180 =
  'PROJCS["ETRS89_Poland_CS92",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",-5300000.0],PARAMETER["Central_Meridian",19.0],PARAMETER["Scale_Factor",0.9993],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** osiedla.zip: osiedla.shp, .dbf, and (optionally) .prj and a .cpg saying UTF-8. */
export function zippedShapefile(polygons: readonly ShapefilePolygon[], options: { prj?: string; name?: string } = {}): Uint8Array {
  const name = options.name ?? 'osiedla';
  const encoder = new TextEncoder();
  return zip([
    { name: `${name}.shp`, bytes: shp(polygons) },
    { name: `${name}.dbf`, bytes: dbf(polygons) },
    { name: `${name}.cpg`, bytes: encoder.encode('UTF-8') },
    ...(options.prj ? [{ name: `${name}.prj`, bytes: encoder.encode(options.prj) }] : []),
  ]);
}
