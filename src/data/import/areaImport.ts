import { parseZip } from 'shpjs';
import { Area, AREA_KINDS, issuesFromZod, type AreaKind, type Workspace } from '../../domain';
import type { AxisOrder, CrsChoice } from '../../domain/importing';
import { pointInGeometry } from '../../analysis/pointInArea';
import { overlappingAreas } from '../../analysis/areaOverlaps';
import { throwIfAborted } from '../abort';
import { createReprojector, CRS_LABELS, detectCrs, isConfidentGuess, type CrsCandidate } from './crs';
import { collectPositions, propertyText, readGeoJson, reprojectRawGeometry, type RawFeature } from './geojsonFile';
import { looksLikeXml, parseXmlWithDomParser, readGml, type XmlParser } from './gmlAreas';
import { IssueCollector, type ImportIssue } from './importIssues';
import { foldDiacritics } from './streetNames';
import { textOf } from './textDecoding';
import { centre, farFromTownKm } from './townDistance';

/**
 * Areas (districts, estates, care regions, the town outline) from a file a centre has: GeoJSON (any of the Polish
 * grids or WGS84, detected), or a zipped Shapefile as Polish municipal data and PRG come (.shp + .dbf + .prj; read
 * with shpjs, which reprojects by the .prj; without a .prj the numbers are detected like GeoJSON's), or GML (PRG,
 * municipal WFS; gmlAreas.ts, its srsName checked against the numbers). The user picks the
 * column with the name and the kind of the areas; estates get the district they lie in as parent. A file whose areas
 * lie far from the workspace's town is stopped with a question (`farFromTown`), never merged silently.
 */

export interface AreaImportSettings {
  /** The property holding each area's name; absent → the suggestion (a column named like "nazwa"/"name"). */
  nameField?: string;
  kind: AreaKind;
  /** The file's coordinate system; absent → the best detected one. */
  crs?: CrsChoice;
  /** The user confirmed that the file belongs to this workspace although it lies far from its town. */
  acceptFarFromTown?: boolean;
  /**
   * Features (0-based, in file order) the user left out, e.g. a whole-city outline in a file of its districts; absent →
   * the plan's suggestion (a feature enclosing all the others is left out, see AreaImportPlan.skippedFeatures).
   */
  skipFeatures?: readonly number[];
  /** Keep only the features whose TERYT code (`terytField`) is the workspace's gmina: its outline from a national file. */
  onlyOwnGmina?: boolean;
}

export interface AreaImportPlan {
  /** No error: `areas` can be committed (all of them, in one write). */
  ok: boolean;
  areas: Area[];
  issues: AreaImportIssue[];
  format: 'geojson' | 'shapefile' | 'gml';
  /** Property names of the features (for the name column choice) and the one used. */
  fields: string[];
  nameField: string | undefined;
  /** `fromPrj`: a Shapefile's .prj said its system and shpjs converted the numbers to WGS84 before detection. */
  crs: { used: CrsChoice | null; candidates: CrsCandidate[]; fromSettings: boolean; fromPrj: boolean };
  /** Set when the areas' centre lies more than FAR_FROM_TOWN_KM (townDistance.ts) from the workspace's data; blocks unless accepted. */
  farFromTown: { distanceKm: number } | null;
  /** Existing areas (same kind and name) that the import replaces, keeping their ids. */
  replaced: number;
  /** The features left out: the user's choice, or the suggested one (a whole-town outline enclosing the rest). */
  skippedFeatures: number[];
  /** Every area feature of the file with its name (before leaving any out), for the user to choose from. */
  features: Array<{ index: number; name: string }>;
  /** A property holding 7-digit TERYT gmina codes (PRG's JPT_KOD_JE, OSM's teryt:terc), and how many features are the workspace's gmina. */
  teryt: { field: string; ownGmina: number } | null;
}

/** A property whose values are mostly 7-digit TERYT gmina codes, or undefined. */
function terytFieldOf(features: readonly RawFeature[], fields: readonly string[]): string | undefined {
  let best: { field: string; share: number } | undefined;
  for (const field of fields) {
    const codes = features.filter((f) => /^\d{7}$/.test(propertyText(f.properties[field]).trim())).length;
    const share = features.length ? codes / features.length : 0;
    if (share >= 0.5 && (!best || share > best.share)) best = { field, share };
  }
  return best?.field;
}

/**
 * The kind of gmina a TERYT code names (its last digit, "rodzaj gminy" of the TERC register). A file of gminas holds a
 * town and the rural gmina around it under one name (Bochnia 1201011 and 1201022): the kind tells them apart.
 */
const GMINA_KINDS: Record<string, string> = {
  '1': 'gmina miejska',
  '2': 'gmina wiejska',
  '3': 'gmina miejsko-wiejska',
  '4': 'miasto w gminie miejsko-wiejskiej',
  '5': 'obszar wiejski gminy miejsko-wiejskiej',
  '8': 'dzielnica',
  '9': 'delegatura',
};

/**
 * Names for features that share one name in the file: "Bochnia (gmina miejska)" and "Bochnia (gmina wiejska)" when the
 * TERYT codes give different kinds, else with the code too ("Dobra (gmina wiejska, TERYT 0806032)"); a name that is
 * unique, or a feature without a TERYT code, keeps its own. O(features).
 */
function terytAwareNames(features: readonly RawFeature[], nameOf: (f: RawFeature) => string, terytOf: (f: RawFeature) => string | undefined): Map<number, string> {
  const fold = (name: string) => foldDiacritics(name).toLowerCase();
  const count = (names: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const name of names) counts.set(fold(name), (counts.get(fold(name)) ?? 0) + 1);
    return counts;
  };
  const shared = count(features.map(nameOf).filter(Boolean));
  const withKind = new Map<number, { name: string; kind: string; code: string }>();
  for (const f of features) {
    const name = nameOf(f);
    const code = terytOf(f);
    const kind = code !== undefined && /^\d{7}$/.test(code) ? GMINA_KINDS[code.charAt(6)] : undefined;
    if (name && kind && code && (shared.get(fold(name)) ?? 0) > 1) withKind.set(f.index, { name, kind, code });
  }
  const stillShared = count([...withKind.values()].map((n) => `${n.name} (${n.kind})`));
  const names = new Map<number, string>();
  for (const [index, { name, kind, code }] of withKind) {
    const named = `${name} (${kind})`;
    names.set(index, (stillShared.get(fold(named)) ?? 0) > 1 ? `${name} (${kind}, TERYT ${code})` : named);
  }
  return names;
}

/** Messages of this import as codes with parameters: the UI words them (`areaMsg_<code>` in its dictionary). */
export const AREA_MESSAGE_CODES = [
  'zip_damaged', // {}
  'zip_unreadable', // {reason}
  'zip_layers', // {count, name}
  'no_such_field', // {field, fields}
  'no_name_field', // {}
  'no_crs', // {}
  'crs_guess', // {crs}
  'empty', // {}
  'not_an_area', // {type}
  'no_name', // {field}
  'duplicate_name', // {name}
  'replaced', // {name}
  'far_from_town', // {km, town}
  'none_chosen', // {}
  'encloses_others', // {name}
  'gml_unreadable', // {reason}
  'gml_geometry', // {detail}
  'gml_mixed_crs', // {first, other}
  'areas_overlap', // {first, second, squareMeters}
] as const;
export type AreaMessageCode = (typeof AREA_MESSAGE_CODES)[number];

/** An issue of the area import: an ImportIssue with its message code (absent for problems of the GeoJSON itself). */
export interface AreaImportIssue extends ImportIssue {
  areaCode?: AreaMessageCode;
  areaParams?: Record<string, string | number>;
}

function coded(issues: IssueCollector, severity: 'error' | 'warning', field: string, message: string, areaCode: AreaMessageCode, areaParams: Record<string, string | number> = {}, where: { row?: number; displayRow?: number; column?: string | undefined; value?: unknown } = {}): void {
  const { value, column, ...rest } = where;
  issues.add({ severity, field, message, ...rest, ...(column === undefined ? {} : { column }), ...(value === undefined ? {} : { value: propertyText(value) }), areaCode, areaParams } as Omit<AreaImportIssue, 'source'>);
}

const SOURCE = 'areas';
const NAME_HINTS = [/^nazwa$/, /^name$/, /^jpt_nazwa_?$/, /nazwa/, /name/, /^nzw/];

/** The property most likely to hold the area's name: by header, then the first text property that varies. */
export function suggestNameField(features: readonly RawFeature[]): string | undefined {
  const fields = propertyNames(features);
  const folded = fields.map((f) => foldDiacritics(f).toLowerCase());
  for (const hint of NAME_HINTS) {
    const i = folded.findIndex((f) => hint.test(f));
    if (i >= 0) return fields[i];
  }
  return fields.find((f) => new Set(features.map((x) => propertyText(x.properties[f]))).size > 1 && features.every((x) => typeof x.properties[f] === 'string'));
}

function propertyNames(features: readonly RawFeature[]): string[] {
  const names = new Set<string>();
  for (const f of features.slice(0, 1000)) for (const key of Object.keys(f.properties)) names.add(key);
  return [...names];
}

const slug = (text: string) =>
  foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40) || 'obszar';

/**
 * Whether a zip's end-of-central-directory record is there and points inside the file. The unzip library under
 * shpjs loops forever on a truncated zip (its backward search wraps around), so a damaged upload is refused here.
 */
function zipLooksWhole(bytes: Uint8Array): boolean {
  return zipEntryNames(bytes) !== null;
}

/** The names in a zip's central directory, or null when the archive is not whole (see zipLooksWhole). */
function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65535); at--) {
    if (view.getUint32(at, true) !== 0x06054b50) continue;
    const entries = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 12, true);
    const offset = view.getUint32(at + 16, true);
    if (entries !== view.getUint16(at + 8, true) || offset + size > at) return null;
    const names: string[] = [];
    let p = offset;
    for (let i = 0; i < entries; i++) {
      if (p + 46 > at || view.getUint32(p, true) !== 0x02014b50) return null;
      const nameLength = view.getUint16(p + 28, true);
      const extra = view.getUint16(p + 30, true);
      const comment = view.getUint16(p + 32, true);
      if (p + 46 + nameLength > at) return null;
      names.push(new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength)));
      p += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return null;
}

const isZip = (bytes: Uint8Array) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Reads the file into raw features (geometry in the file's numbers) and the declared CRS, if any. */
async function readAreaFile(
  input: Uint8Array | ArrayBuffer | string,
  issues: IssueCollector,
  parseXml: XmlParser,
): Promise<{ format: AreaImportPlan['format']; features: RawFeature[]; crsMember?: unknown; axisOrder?: AxisOrder; hasPrj?: boolean; unreadable?: Set<number> }> {
  const bytes = typeof input === 'string' ? undefined : input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes && isZip(bytes)) {
    let parsed: unknown;
    if (!zipLooksWhole(bytes)) {
      coded(issues, 'error', '(file)', 'the zip file is damaged or incomplete (its table of contents is missing); download or pack it again', 'zip_damaged');
      return { format: 'shapefile', features: [] };
    }
    try {
      parsed = await parseZip(bytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      coded(issues, 'error', '(file)', `the zip file holds no readable Shapefile (.shp with its .dbf): ${reason}`, 'zip_unreadable', { reason });
      return { format: 'shapefile', features: [] };
    }
    const layers = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{ features?: unknown[]; fileName?: string }>;
    const polygonLayers = layers.filter((layer) => layer.features?.some((f) => /Polygon$/.test(String((f as { geometry?: { type?: string } }).geometry?.type))));
    if (polygonLayers.length > 1) coded(issues, 'warning', '(file)', `the zip holds ${polygonLayers.length} layers of areas; the first ("${polygonLayers[0]!.fileName ?? ''}") is read`, 'zip_layers', { count: polygonLayers.length, name: polygonLayers[0]!.fileName ?? '' });
    const layer = polygonLayers[0] ?? layers[0];
    const { features } = readGeoJson(JSON.stringify({ type: 'FeatureCollection', features: layer?.features ?? [] }), issues);
    // shpjs reprojects to WGS84 when the zip has a .prj; detection below still checks the numbers land in Poland.
    return { format: 'shapefile', features, hasPrj: (zipEntryNames(bytes) ?? []).some((name) => /\.prj$/i.test(name)) };
  }
  const text = textOf(input).text;
  if (looksLikeXml(text)) {
    const gml = readGml(text, parseXml);
    const unreadable = new Set<number>();
    for (const problem of gml.problems) {
      if (problem.code === 'gml_unreadable') coded(issues, 'error', '(file)', `the file is not readable XML (${problem.params.reason})`, problem.code, problem.params);
      else if (problem.code === 'gml_mixed_crs') coded(issues, 'warning', '(crs)', `the file mixes coordinate systems (${problem.params.first} and ${problem.params.other}); all geometries are read as ${problem.params.first}`, problem.code, problem.params);
      else {
        unreadable.add(problem.feature);
        coded(issues, 'error', 'geometry', `feature ${problem.feature + 1}: ${problem.params.detail}`, problem.code, problem.params, { row: problem.feature, displayRow: problem.feature + 1, column: 'geometry' });
      }
    }
    const crsMember = gml.declared?.code ? { type: 'name', properties: { name: gml.declared.code } } : undefined;
    return { format: 'gml', features: gml.features, crsMember, axisOrder: gml.declared?.axisOrder ?? 'xy', unreadable };
  }
  const { features, crsMember } = readGeoJson(text, issues);
  return { format: 'geojson', features, crsMember };
}

/** A point inside-ish the area for the parent test: the mean of its outer ring (good enough for convex-ish estates). */
function ringCentre(area: Area): [number, number] {
  const ring = area.geometry.type === 'Polygon' ? area.geometry.coordinates[0]! : area.geometry.coordinates[0]![0]!;
  return centre(ring.slice(0, -1) as Array<[number, number]>)!;
}

/**
 * Plans an import of areas: reads, reprojects, validates and names every feature. Never throws on bad input (every
 * problem is an issue naming the feature number and the field); an abort rejects with an AbortError.
 *
 * @example
 * const plan = await planAreaImport(zipBytes, { kind: 'estate' }, workspace, { fileName: 'osiedla.zip' });
 * if (plan.ok) await dataSource.applyChanges({ upserts: { areas: plan.areas } });
 */
export async function planAreaImport(
  input: Uint8Array | ArrayBuffer | string,
  settings: AreaImportSettings,
  workspace: Workspace,
  options: { signal?: AbortSignal; parseXml?: XmlParser } = {},
): Promise<AreaImportPlan> {
  throwIfAborted(options.signal);
  const issues = new IssueCollector(SOURCE);
  const file = await readAreaFile(input, issues, options.parseXml ?? parseXmlWithDomParser);
  throwIfAborted(options.signal);
  const fields = propertyNames(file.features);
  const nameField = settings.nameField && fields.includes(settings.nameField) ? settings.nameField : suggestNameField(file.features);
  if (settings.nameField && !fields.includes(settings.nameField)) coded(issues, 'error', '(columns)', `the file has no property "${settings.nameField}"; its properties are: ${fields.join(', ') || 'none'}`, 'no_such_field', { field: settings.nameField, fields: fields.join(', ') });
  if (!nameField && file.features.length) coded(issues, 'error', '(columns)', 'choose the property that holds the names of the areas (none is called "nazwa" or "name")', 'no_name_field');
  if (!(AREA_KINDS as readonly string[]).includes(settings.kind)) issues.problem('(kind)', { code: 'not_one_of', values: [...AREA_KINDS] }, `the kind of areas must be one of: ${AREA_KINDS.join(', ')}`);

  const positions = collectPositions(file.features);
  const candidates = detectCrs(positions, file.crsMember, file.axisOrder);
  const used: CrsChoice | null = settings.crs ?? (candidates[0] ? { code: candidates[0].code, axisOrder: candidates[0].axisOrder } : null);
  if (!used && positions.length) coded(issues, 'error', '(crs)', `the coordinates fit no supported coordinate system in Poland (${Object.values(CRS_LABELS).join('; ')})`, 'no_crs');
  else if (used && !settings.crs && !isConfidentGuess(candidates)) coded(issues, 'warning', '(crs)', `the coordinate system is a guess: ${candidates[0]?.reason ?? ''}; check the areas on the map`, 'crs_guess', { crs: used.code });
  if (file.features.length === 0 && issues.errorCount === 0) coded(issues, 'error', '(file)', 'the file holds no areas', 'empty');

  const terytField = terytFieldOf(file.features, fields);
  const ownGmina = (f: RawFeature) => terytField !== undefined && propertyText(f.properties[terytField]).trim() === workspace.organisation.gminaTeryt;
  const enclosing = settings.skipFeatures === undefined && !settings.onlyOwnGmina ? enclosingFeature(file.features) : undefined;
  const skipped = new Set(settings.skipFeatures ?? (enclosing === undefined ? [] : [enclosing]));
  if (enclosing !== undefined) {
    const name = nameField ? propertyText(file.features[enclosing]!.properties[nameField]).trim() : '';
    coded(issues, 'warning', 'geometry', `feature ${enclosing + 1} ("${name}") encloses all the others (a whole-town outline?): it is left out; tick it in the list to import it`, 'encloses_others', { name }, { row: enclosing, displayRow: enclosing + 1, column: 'geometry' });
  }
  // Names the file shares, told apart by their TERYT codes: over the whole file, so a feature keeps its name (and the
  // id made from it) whichever features an import takes.
  const rawName = (f: RawFeature) => (nameField ? propertyText(f.properties[nameField]).trim() : '');
  const distinctNames = terytField ? terytAwareNames(file.features, rawName, (f) => propertyText(f.properties[terytField]).trim()) : new Map<number, string>();
  const nameOf = (f: RawFeature) => distinctNames.get(f.index) ?? rawName(f);
  const featureList = file.features
    .filter((f) => f.geometry && /^(Multi)?Polygon$/.test(f.geometry.type))
    .map((f) => ({ index: f.index, name: nameOf(f) }));

  const areas: Area[] = [];
  const usedIds = new Set(workspace.areas.map((a) => a.id));
  const existingByName = new Map(workspace.areas.filter((a) => a.kind === settings.kind).map((a) => [foldDiacritics(a.name).toLowerCase(), a.id]));
  const namesSeen = new Set<string>();
  let replaced = 0;
  const project = used ? createReprojector(used) : null;
  for (const feature of file.features) {
    if (skipped.has(feature.index) || (settings.onlyOwnGmina && terytField && !ownGmina(feature))) continue;
    const where = { row: feature.index, displayRow: feature.index + 1 };
    if (file.unreadable?.has(feature.index)) continue; // its geometry problem is listed already
    if (!feature.geometry || !/^(Multi)?Polygon$/.test(feature.geometry.type)) {
      const type = feature.geometry?.type ?? '—';
      coded(issues, 'error', 'geometry', `feature ${feature.index + 1} is not an area (its geometry is ${type}; Polygon or MultiPolygon expected)`, 'not_an_area', { type }, { ...where, column: 'geometry', value: type });
      continue;
    }
    const name = nameOf(feature);
    if (!name) {
      coded(issues, 'error', 'name', `feature ${feature.index + 1} has no name in "${nameField ?? ''}"`, 'no_name', { field: nameField ?? '' }, { ...where, column: nameField ?? '(name)', value: feature.properties[nameField ?? ''] ?? '' });
      continue;
    }
    const key = foldDiacritics(name).toLowerCase();
    if (namesSeen.has(key)) coded(issues, 'warning', 'name', `"${name}" appears more than once in the file; each part is kept as its own area`, 'duplicate_name', { name }, { ...where, column: nameField, value: name });
    namesSeen.add(key);
    if (!project) continue;
    const reprojected = reprojectRawGeometry(feature.geometry, project);
    if (!reprojected.ok) {
      issues.error(reprojected.field, reprojected.msg, { ...where, column: 'geometry' });
      continue;
    }
    let id = existingByName.get(key);
    if (id && !namesSeen.has(`${key}#replaced`)) {
      replaced++;
      namesSeen.add(`${key}#replaced`);
      coded(issues, 'warning', 'name', `an area of this kind named "${name}" exists already: it is replaced (same id)`, 'replaced', { name }, { ...where, column: nameField, value: name });
    } else {
      const base = `area-${settings.kind === 'care_region' ? 'rejon' : settings.kind === 'district' ? 'dzielnica' : settings.kind === 'estate' ? 'osiedle' : 'obszar'}-${slug(name)}`;
      id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    }
    usedIds.add(id);
    const checked = Area.safeParse({ id, name, kind: settings.kind, geometry: reprojected.geometry });
    if (!checked.success) {
      for (const issue of issuesFromZod(checked.error, SOURCE, feature.index)) issues.problem(issue.field, issue.problem!, issue.message, { ...where, column: issue.field.startsWith('geometry') ? 'geometry' : nameField });
      continue;
    }
    areas.push(checked.data);
  }

  if (areas.length === 0 && featureList.length > 0 && issues.errorCount === 0) coded(issues, 'error', '(file)', 'every area of the file was left out: choose at least one', 'none_chosen');

  // Areas of one kind should not share ground: households there would be in two areas of one layer. Named, both of them
  // (an imported area against another imported one or against one of the workspace that stays).
  const importedIds = new Set(areas.map((a) => a.id));
  const kept = workspace.areas.filter((a) => a.kind === settings.kind && !importedIds.has(a.id));
  const sameKind = [...areas, ...kept];
  for (const { first, second, overlapSquareMeters } of overlappingAreas(sameKind.map((a) => a.geometry))) {
    if (first >= areas.length) continue; // two areas already in the workspace: not this import's doing
    const [a, b] = [sameKind[first]!, sameKind[second]!];
    const squareMeters = Math.round(overlapSquareMeters / 100) * 100 || Math.round(overlapSquareMeters);
    coded(issues, 'warning', 'geometry', `"${a.name}" and "${b.name}" overlap (about ${squareMeters} m²): areas of one kind should not share ground`, 'areas_overlap', { first: a.name, second: b.name, squareMeters }, { column: 'geometry', value: a.name });
  }

  // Estates and care regions inside a district (of the workspace or of this file) get it as parent.
  if (settings.kind !== 'district') {
    const districts = [...workspace.areas, ...areas].filter((a) => a.kind === 'district');
    for (const area of areas) {
      const parent = districts.find((d) => pointInGeometry(...ringCentre(area), d.geometry));
      if (parent) area.parentId = parent.id;
    }
  }

  // Far from the town this workspace is about: most likely the wrong file (or the wrong workspace).
  let farFromTown: AreaImportPlan['farFromTown'] = null;
  const km = farFromTownKm(workspace, centre(areas.map(ringCentre)));
  if (km !== null) {
    farFromTown = { distanceKm: km };
    if (!settings.acceptFarFromTown) coded(issues, 'error', '(file)', `these areas lie about ${km} km from ${workspace.organisation.town}: is this the right file for this workspace?`, 'far_from_town', { km, town: workspace.organisation.town });
  }

  const ok = issues.errorCount === 0;
  return {
    ok,
    areas: ok ? areas : [],
    issues: issues.listed,
    format: file.format,
    fields,
    nameField,
    crs: { used, candidates, fromSettings: Boolean(settings.crs), fromPrj: file.hasPrj === true },
    farFromTown,
    replaced,
    features: featureList,
    skippedFeatures: [...skipped].sort((a, b) => a - b),
    teryt: terytField ? { field: terytField, ownGmina: file.features.filter(ownGmina).length } : null,
  };
}

/**
 * A feature whose area holds the inner point of every other area feature (at least 3 others): Warsaw's outline in a
 * file of its 18 districts. Works on the file's own numbers (any planar or lon/lat system). O(features² · vertices).
 */
function enclosingFeature(features: readonly RawFeature[]): number | undefined {
  const polygons = features.filter((f) => f.geometry && /^(Multi)?Polygon$/.test(f.geometry.type));
  if (polygons.length < 4) return undefined;
  const geometryOf = (f: RawFeature) => f.geometry as unknown as Area['geometry'];
  const inner = (f: RawFeature): [number, number] | null => {
    const g = geometryOf(f);
    const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0];
    if (!ring || ring.length < 4) return null;
    return centre(ring.slice(0, -1).map((p) => [p[0]!, p[1]!] as [number, number]));
  };
  const points = polygons.map(inner);
  for (const [i, candidate] of polygons.entries()) {
    const others = points.filter((_, j) => j !== i);
    if (others.every((p) => p !== null && pointInGeometry(p[0], p[1], geometryOf(candidate)))) return candidate.index;
  }
  return undefined;
}
