import type { AxisOrder, CrsCode } from '../../domain/importing';
import { CRS_DEFINITIONS } from './crs';
import type { RawFeature } from './geojsonFile';

/**
 * Areas from GML, the other format Polish boundary data comes in (PRG, municipal WFS downloads, QGIS/ogr exports):
 * GML 3.2 (and 3.1/2 where cheap) features whose geometry is a gml:Polygon, gml:Surface (PolygonPatch) or
 * gml:MultiSurface (GML 2's MultiPolygon too), and whose simple child elements become the properties the user picks
 * the name column from. Output is the GeoJSON-shaped RawFeature of the other readers, still in the file's numbers;
 * the declared system (srsName) and its axis order go to CRS detection, which checks them against the numbers.
 *
 * Axis order (OGC 08-038r7, GML 3.2 § 10.1.3.1): a URN or http URI srsName ('urn:ogc:def:crs:EPSG::4326',
 * 'http://www.opengis.net/def/crs/EPSG/0/2180') means the EPSG axis order: latitude first for 4326, northing first
 * for 2180 and the PUWG 2000 zones (Polish geodesy's x is the northing). A bare 'EPSG:4326' is read the traditional
 * way, easting/longitude first (GeoServer and ogr write it so).
 *
 * Parsing is the caller's: the browser's DOMParser (`parseXmlWithDomParser`); any parser whose elements offer the
 * few DOM members in XmlElementLike works (the Node tests use a small reader). O(elements + coordinates).
 */

/** The part of a DOM Element the reader uses. */
export interface XmlElementLike {
  readonly localName: string;
  readonly children: ArrayLike<XmlElementLike>;
  readonly textContent: string | null;
  getAttribute(name: string): string | null;
}

/** Parses XML text into its root element, or returns the parser's complaint. */
export type XmlParser = (text: string) => { ok: true; root: XmlElementLike } | { ok: false; reason: string };

/** The browser's DOMParser as an XmlParser; a parse error comes back as `{ ok: false }` with the parser's words. */
export const parseXmlWithDomParser: XmlParser = (text) => {
  if (typeof DOMParser === 'undefined') return { ok: false, reason: 'no XML parser in this environment' };
  const document = new DOMParser().parseFromString(text, 'application/xml');
  const error = document.getElementsByTagName('parsererror')[0];
  if (error || !document.documentElement) return { ok: false, reason: (error?.textContent ?? 'not XML').trim().slice(0, 300) };
  return { ok: true, root: document.documentElement };
};

/** What the file says about its coordinate system: the EPSG code and the axis order its srsName form implies. */
export interface GmlDeclaredCrs {
  srsName: string;
  code: CrsCode | null;
  axisOrder: AxisOrder;
}

/** A problem of the file as a code with parameters (the area import words it); `feature` is 0-based. */
export type GmlProblem =
  | { code: 'gml_unreadable'; params: { reason: string } }
  | { code: 'gml_geometry'; params: { detail: string }; feature: number }
  | { code: 'gml_mixed_crs'; params: { first: string; other: string } };

export interface GmlReadResult {
  features: RawFeature[];
  declared: GmlDeclaredCrs | null;
  problems: GmlProblem[];
}

/** Whether bytes/text look like XML (after a BOM and white space), so the area import reads them as GML. */
export const looksLikeXml = (text: string): boolean => /^\uFEFF?\s*</.test(text);

/** EPSG codes whose EPSG axis order is northing/latitude first (the ones we read). */
const NORTHING_FIRST = new Set(['4326', '2180', '2176', '2177', '2178', '2179']);

/**
 * The EPSG code and axis order an srsName means.
 * @example declaredCrs('urn:ogc:def:crs:EPSG::2180') → { code: 'EPSG:2180', axisOrder: 'yx' }
 * @example declaredCrs('EPSG:2180') → { code: 'EPSG:2180', axisOrder: 'xy' }
 */
export function declaredCrs(srsName: string): GmlDeclaredCrs {
  const name = srsName.trim();
  const crs84 = /CRS:?84$/i.test(name);
  const match = /EPSG(?::{1,2}|\/[\d.]+\/|\/)(?:[\d.]*:)?(\d{4,5})$/i.exec(name) ?? /epsg\.xml#(\d{4,5})$/i.exec(name);
  const number = crs84 ? '4326' : match?.[1];
  const code = number && `EPSG:${number}` in CRS_DEFINITIONS ? (`EPSG:${number}` as CrsCode) : null;
  // URN and http URI forms follow the EPSG axis order; 'EPSG:n', 'epsg.xml#n' and CRS84 are easting first.
  const uriForm = /^urn:|^https?:\/\/www\.opengis\.net\/def\//i.test(name) && !crs84;
  return { srsName: name, code, axisOrder: uriForm && number && NORTHING_FIRST.has(number) ? 'yx' : 'xy' };
}

const GEOMETRY_NAMES = new Set(['Polygon', 'Surface', 'MultiSurface', 'MultiPolygon', 'CompositeSurface', 'Point', 'LineString', 'Curve', 'MultiCurve', 'MultiLineString', 'MultiPoint', 'Envelope']);
const AREA_NAMES = new Set(['Polygon', 'Surface', 'MultiSurface', 'MultiPolygon', 'CompositeSurface']);
const MEMBER_NAMES = new Set(['featureMember', 'featureMembers', 'member', 'members']);
const SKIPPED_PROPERTIES = new Set(['boundedBy']);

const childrenOf = (element: XmlElementLike): XmlElementLike[] => Array.from(element.children);
const child = (element: XmlElementLike, name: string): XmlElementLike | undefined => childrenOf(element).find((c) => c.localName === name);

/** Inherited attribute lookup (srsName, srsDimension are often given once on the outer geometry). */
type Inherited = { srsName: string | null; dimension: number };

type Ring = Array<[number, number]>;
type PolygonRings = Ring[];

/** Thrown inside the reader and turned into one issue for the feature; never leaves readGml. */
class GmlGeometryError extends Error {}

function numbersOf(text: string): number[] {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  const values = parts.map(Number);
  const bad = parts.findIndex((_, i) => !Number.isFinite(values[i]!));
  if (bad >= 0) throw new GmlGeometryError(`"${parts[bad]!.slice(0, 40)}" is not a number`);
  return values;
}

/** A ring's positions from gml:posList, gml:pos elements, GML 2's gml:coordinates, or curve members of a gml:Ring. */
function ringPositions(ring: XmlElementLike, inherited: Inherited): Ring {
  const here = scope(ring, inherited);
  const posList = child(ring, 'posList');
  if (posList) {
    const dimension = Number(posList.getAttribute('srsDimension') ?? posList.getAttribute('dimension') ?? here.dimension) || 2;
    const values = numbersOf(posList.textContent ?? '');
    if (values.length % dimension !== 0) throw new GmlGeometryError(`a gml:posList holds ${values.length} numbers, not a multiple of its dimension ${dimension}`);
    const ringOut: Ring = [];
    for (let i = 0; i < values.length; i += dimension) ringOut.push([values[i]!, values[i + 1]!]);
    return ringOut;
  }
  const positions = childrenOf(ring).filter((c) => c.localName === 'pos');
  if (positions.length) {
    return positions.map((p) => {
      const values = numbersOf(p.textContent ?? '');
      if (values.length < 2) throw new GmlGeometryError('a gml:pos holds fewer than 2 numbers');
      return [values[0]!, values[1]!];
    });
  }
  const coordinates = child(ring, 'coordinates');
  if (coordinates) {
    const cs = coordinates.getAttribute('cs') ?? ',';
    const ts = coordinates.getAttribute('ts') ?? ' ';
    const decimal = coordinates.getAttribute('decimal') ?? '.';
    const tuples = (coordinates.textContent ?? '').trim().split(ts === ' ' ? /\s+/ : ts);
    return tuples.filter(Boolean).map((tuple) => {
      const values = tuple.split(cs).map((v) => Number(decimal === '.' ? v : v.split(decimal).join('.')));
      if (values.length < 2 || !Number.isFinite(values[0]!) || !Number.isFinite(values[1]!)) throw new GmlGeometryError(`"${tuple.slice(0, 40)}" is not a coordinate pair`);
      return [values[0]!, values[1]!];
    });
  }
  // gml:Ring of gml:curveMember / gml:Curve / gml:segments / gml:LineStringSegment (or gml:LineString): joined in order.
  const joined: Ring = [];
  for (const member of childrenOf(ring).filter((c) => c.localName === 'curveMember')) {
    for (const line of descendants(member, (e) => e.localName === 'LineStringSegment' || e.localName === 'LineString')) {
      const part = ringPositions(line, scope(member, here));
      const last = joined.at(-1);
      const first = part[0];
      joined.push(...(last && first && last[0] === first[0] && last[1] === first[1] ? part.slice(1) : part));
    }
  }
  if (joined.length) return joined;
  throw new GmlGeometryError(`a ring (gml:${ring.localName}) has no gml:posList, gml:pos or gml:coordinates`);
}

function descendants(element: XmlElementLike, test: (e: XmlElementLike) => boolean): XmlElementLike[] {
  const found: XmlElementLike[] = [];
  const stack = childrenOf(element).reverse();
  while (stack.length) {
    const e = stack.pop()!;
    if (test(e)) found.push(e);
    else stack.push(...childrenOf(e).reverse());
  }
  return found;
}

function scope(element: XmlElementLike, inherited: Inherited): Inherited {
  const srsName = element.getAttribute('srsName');
  const dimension = Number(element.getAttribute('srsDimension'));
  return { srsName: srsName ?? inherited.srsName, dimension: dimension > 0 ? dimension : inherited.dimension };
}

/** A closed ring of at least 4 positions, closed here when the file left the last position out. */
function closed(ring: Ring): Ring {
  const first = ring[0];
  const last = ring.at(-1);
  if (first && last && (first[0] !== last[0] || first[1] !== last[1])) ring.push([first[0], first[1]]);
  return ring;
}

/** gml:Polygon or gml:PolygonPatch: exterior (GML 2: outerBoundaryIs) and interiors. */
function polygonRings(polygon: XmlElementLike, inherited: Inherited): PolygonRings {
  const here = scope(polygon, inherited);
  const rings: PolygonRings = [];
  for (const boundary of childrenOf(polygon)) {
    const outer = boundary.localName === 'exterior' || boundary.localName === 'outerBoundaryIs';
    const inner = boundary.localName === 'interior' || boundary.localName === 'innerBoundaryIs';
    if (!outer && !inner) continue;
    const ring = childrenOf(boundary)[0];
    if (!ring) throw new GmlGeometryError(`gml:${boundary.localName} holds no ring`);
    const positions = closed(ringPositions(ring, scope(boundary, here)));
    if (outer) rings.unshift(positions);
    else rings.push(positions);
  }
  if (rings.length === 0) throw new GmlGeometryError('a polygon has no gml:exterior ring');
  return rings;
}

/** Every polygon of an area geometry element, in file order. */
function areaPolygons(geometry: XmlElementLike, inherited: Inherited): PolygonRings[] {
  const here = scope(geometry, inherited);
  switch (geometry.localName) {
    case 'Polygon':
      return [polygonRings(geometry, here)];
    case 'Surface': {
      const patches = child(geometry, 'patches');
      const list = patches ? childrenOf(patches).filter((p) => p.localName === 'PolygonPatch') : [];
      if (list.length === 0) throw new GmlGeometryError('a gml:Surface has no gml:PolygonPatch');
      return list.map((p) => polygonRings(p, scope(patches!, here)));
    }
    default: {
      // MultiSurface / CompositeSurface (surfaceMember, surfaceMembers), GML 2 MultiPolygon (polygonMember).
      const polygons: PolygonRings[] = [];
      for (const member of childrenOf(geometry)) {
        if (!/^(surfaceMembers?|polygonMembers?)$/.test(member.localName)) continue;
        for (const part of childrenOf(member)) if (AREA_NAMES.has(part.localName)) polygons.push(...areaPolygons(part, scope(member, here)));
      }
      if (polygons.length === 0) throw new GmlGeometryError(`a gml:${geometry.localName} has no polygons`);
      return polygons;
    }
  }
}

/** The feature elements of a document: members of a (WFS or GML) feature collection, or the root itself. */
function featureElements(root: XmlElementLike): XmlElementLike[] {
  const members = childrenOf(root).filter((c) => MEMBER_NAMES.has(c.localName));
  if (members.length === 0) return [root];
  return members.flatMap((m) => childrenOf(m));
}

/**
 * A feature's properties: each child element with text only, by its local name; nested simple values (PRG's
 * identifiers) by a dotted path of property elements ("idIIP.lokalnyId" for idIIP/BT_Identyfikator/lokalnyId). The gml:id attribute becomes `gml_id`, as ogr names it.
 */
function featureProperties(feature: XmlElementLike, geometryHolder: XmlElementLike | undefined): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const gmlId = feature.getAttribute('gml:id') ?? feature.getAttribute('fid');
  if (gmlId) properties.gml_id = gmlId;
  const visit = (element: XmlElementLike, prefix: string, depth: number) => {
    for (const c of childrenOf(element)) {
      if (c === geometryHolder || SKIPPED_PROPERTIES.has(c.localName) || GEOMETRY_NAMES.has(c.localName)) continue;
      const key = prefix ? `${prefix}.${c.localName}` : c.localName;
      if (c.children.length === 0) {
        const value = (c.textContent ?? '').trim();
        if (!(key in properties)) properties[key] = value;
        else if (value) properties[key] = `${String(properties[key])}; ${value}`; // repeated element: values joined
      } else if (depth < 3) visit(c, /^[A-Z]/.test(c.localName) ? prefix : key, depth + 1); // GML's object elements (capitalised) add no step
    }
  };
  visit(feature, '', 0);
  return properties;
}

/** The property element that holds the feature's area geometry (the first), and the geometry element itself. */
function geometryOf(feature: XmlElementLike): { holder: XmlElementLike; geometry: XmlElementLike } | undefined {
  for (const c of childrenOf(feature)) {
    if (SKIPPED_PROPERTIES.has(c.localName)) continue;
    const inner = childrenOf(c).find((g) => GEOMETRY_NAMES.has(g.localName) && g.localName !== 'Envelope');
    if (inner) return { holder: c, geometry: inner };
  }
  return undefined;
}

/** The first srsName in document order (a collection's boundedBy envelope, or the first geometry's). */
function firstSrsName(root: XmlElementLike): string | null {
  const stack = [root];
  while (stack.length) {
    const e = stack.pop()!;
    const name = e.getAttribute('srsName');
    if (name) return name;
    stack.push(...childrenOf(e).reverse());
  }
  return null;
}

/**
 * Reads GML text into raw features (geometry in the file's numbers, GeoJSON shape), the declared system and the
 * problems (a feature whose geometry cannot be read keeps its properties, with geometry null). Never throws on bad input.
 * @example readGml(text, parseXmlWithDomParser).features[0].properties.nazwa → 'Śródmieście'
 */
export function readGml(text: string, parse: XmlParser = parseXmlWithDomParser): GmlReadResult {
  const problems: GmlProblem[] = [];
  const parsed = parse(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return { features: [], declared: null, problems: [{ code: 'gml_unreadable', params: { reason: parsed.reason } }] };
  const root = parsed.root;
  const rootSrs = firstSrsName(root);
  const features: RawFeature[] = [];
  const elements = featureElements(root);
  let otherSrs: string | null = null;
  for (const [index, element] of elements.entries()) {
    const found = geometryOf(element);
    const properties = featureProperties(element, found?.holder);
    if (!found) {
      features.push({ index, geometry: null, properties });
      continue;
    }
    const inherited = scope(found.holder, scope(element, { srsName: rootSrs, dimension: 2 }));
    const geometryScope = scope(found.geometry, inherited);
    if (geometryScope.srsName && rootSrs && geometryScope.srsName !== rootSrs) otherSrs = geometryScope.srsName;
    if (!AREA_NAMES.has(found.geometry.localName)) {
      features.push({ index, geometry: { type: found.geometry.localName, coordinates: [] }, properties });
      continue;
    }
    try {
      const polygons = areaPolygons(found.geometry, inherited);
      features.push({ index, geometry: polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons }, properties });
    } catch (error) {
      if (!(error instanceof GmlGeometryError)) throw error;
      problems.push({ code: 'gml_geometry', params: { detail: error.message }, feature: index });
      features.push({ index, geometry: null, properties });
    }
  }
  if (otherSrs && rootSrs) problems.push({ code: 'gml_mixed_crs', params: { first: rootSrs, other: otherSrs } });
  return { features, declared: rootSrs ? declaredCrs(rootSrs) : null, problems };
}
