import { MultiLineStringGeometry, Street, type Position } from '../../domain';
import { streetMergeKey } from '../../analysis/streetUnits';
import type { Reprojector } from './crs';
import { propertyText, reprojectRawGeometry, type RawFeature } from './geojsonFile';
import type { IssueCollector } from './importIssues';
import { normaliseStreetName, splitStreetPrefix } from './streetNames';
import { slugOf } from '../../domain/text';
import { importMessage } from './importMessages';

/**
 * Streets from an OpenStreetMap export (Overpass, QGIS, OSMnx): every named line feature joins the street of its name,
 * as one MultiLineString. OSM splits a street at every junction (Rzeszów's Krakowska is 124 ways); the analysis
 * groups by name too (src/analysis/streetUnits.ts), so merged records and merge keys agree.
 */

export interface UnnamedWay {
  /** 0-based feature index. */
  index: number;
  /** OSM id ("way/123") if the export kept it. */
  osmId?: string;
  highway?: string;
}

export interface OsmStreetsResult {
  streets: Street[];
  /** Line features without a name: not imported, listed for the user (service roads, links, `noname=yes`). */
  unnamed: UnnamedWay[];
  /** Street id of every merge key, for address points in the same file. */
  streetIdByKey: Map<string, string>;
}

/** ASCII slug for ids: "Aleja Armii Krajowej" → "aleja-armii-krajowej". */
export const idSlug = (text: string, maxLength = 40): string => slugOf(text, maxLength) || 'x';

/**
 * OSMnx writes merged attributes as a Python list: "['Elizy Orzeszkowej', 'Boczna']". Returns the names in it,
 * or the text itself when it is a plain name.
 */
export function namesInOsmValue(value: string): string[] {
  const text = value.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return text === '' ? [] : [text];
  const names = [...text.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2] ?? '').trim()).filter((n) => n !== '');
  return names;
}

/**
 * Groups named line features into streets. `nameProperty` defaults to `name`. Streets whose merge key already exists in
 * the workspace keep that street's id (the import replaces its geometry; a warning says so). O(vertices).
 */
export function streetsFromOsm(
  features: readonly RawFeature[],
  project: Reprojector,
  existing: readonly Street[],
  issues: IssueCollector,
  nameProperty = 'name',
): OsmStreetsResult {
  const existingIdByKey = new Map<string, string>();
  for (const s of existing) {
    const key = streetMergeKey(s);
    if (key !== '' && !existingIdByKey.has(key)) existingIdByKey.set(key, s.id);
  }
  const groups = new Map<string, { prefix: Street['prefix']; name: string; lines: Position[][]; firstIndex: number }>();
  const aliasName = new Map<string, string>();
  const unnamed: UnnamedWay[] = [];
  for (const feature of features) {
    const geometry = feature.geometry;
    if (!geometry || (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString')) continue;
    const names = namesInOsmValue(propertyText(feature.properties[nameProperty]));
    if (names.length === 0) {
      const highway = propertyText(feature.properties.highway);
      unnamed.push({ index: feature.index, ...(feature.id ? { osmId: feature.id } : {}), ...(highway ? { highway } : {}) });
      continue;
    }
    if (names.length > 1) {
      issues.warning(nameProperty, importMessage('line_several_names', { names, first: names[0]! }), { row: feature.index, displayRow: feature.index + 1, column: nameProperty, value: propertyText(feature.properties[nameProperty]) });
    }
    const reprojected = reprojectRawGeometry(geometry, project);
    if (!reprojected.ok) {
      issues.error(reprojected.field, reprojected.msg, { row: feature.index, displayRow: feature.index + 1, column: 'geometry' });
      continue;
    }
    const { prefix, name } = splitStreetPrefix(names[0]!);
    const key = streetMergeKey({ prefix, name });
    let group = groups.get(key);
    if (!group) {
      group = { prefix, name, lines: [], firstIndex: feature.index };
      groups.set(key, group);
      aliasName.set(key, `${prefix} ${name}`);
    }
    const coordinates = reprojected.geometry.coordinates as Position[] | Position[][];
    const lines = geometry.type === 'LineString' ? [coordinates as Position[]] : (coordinates as Position[][]);
    // A line whose points all lie in one place (a stub in OSM) is no street and PostGIS refuses it: left out, said.
    const onePoint = (line: Position[]) => line.every((p) => p[0] === line[0]![0] && p[1] === line[0]![1]);
    if (lines.some(onePoint)) issues.warning('geometry', importMessage('line_one_point_left_out', { street: `${prefix} ${name}` }), { row: feature.index, displayRow: feature.index + 1, column: 'geometry' });
    group.lines.push(...lines.filter((line) => !onePoint(line)));
  }
  // One street written two ways in the same file ("1 Pułku Szwoleżerów" on nine lines, "1. Pułku Szwoleżerów" on one;
  // "Jana Pawła II" / "Jana Pawła 2"): the same prefix and the same name once case, diacritics, punctuation, titles and
  // numerals are set aside (normaliseStreetName, the key the address and survey imports match on). Kept apart they
  // would be two streets, and addresses written either way would all land on one of them. Merged under the spelling
  // of most lines (the first met on a tie), with a warning naming the other spellings.
  const aliasOf = new Map<string, string>();
  const bySpelling = new Map<string, string[]>();
  for (const [key, group] of groups) {
    const loose = `${group.prefix}|${normaliseStreetName(group.name)}`;
    if (normaliseStreetName(group.name) === '') continue;
    bySpelling.set(loose, [...(bySpelling.get(loose) ?? []), key]);
  }
  for (const keys of bySpelling.values()) {
    if (keys.length < 2) continue;
    const main = keys.reduce((a, b) => (groups.get(b)!.lines.length > groups.get(a)!.lines.length ? b : a));
    const target = groups.get(main)!;
    const others = keys.filter((k) => k !== main);
    let moved = 0;
    for (const k of others) {
      const g = groups.get(k)!;
      target.lines.push(...g.lines);
      target.firstIndex = Math.min(target.firstIndex, g.firstIndex);
      moved += g.lines.length;
      aliasOf.set(k, main);
      groups.delete(k);
    }
    issues.warning(nameProperty, importMessage('street_spellings_merged', { street: `${target.prefix} ${target.name}`, others: others.map((k) => aliasName.get(k)!), lines: moved }), { row: target.firstIndex, displayRow: target.firstIndex + 1, column: nameProperty, value: target.name });
  }
  if (unnamed.length > 0) {
    // The plan's unnamedWays lists them all; the message names the first ten.
    issues.warning(nameProperty, importMessage('unnamed_lines', { count: unnamed.length, features: unnamed.slice(0, 10).map((u) => u.index + 1) }));
  }

  const streets: Street[] = [];
  const streetIdByKey = new Map<string, string>();
  const usedIds = new Set(existing.map((s) => s.id));
  const ordered = [...groups.entries()].sort((a, b) => a[1].firstIndex - b[1].firstIndex);
  for (const [key, group] of ordered) {
    if (group.lines.length === 0) continue; // every line of one point (left out above, with a warning)
    let id = existingIdByKey.get(key);
    if (id !== undefined) {
      issues.warning('name', importMessage('street_replaced', { street: `${group.prefix} ${group.name}` }), { row: group.firstIndex, displayRow: group.firstIndex + 1, column: nameProperty, value: group.name });
    } else {
      const base = `street-${idSlug(group.prefix === 'ul.' ? group.name : `${group.prefix} ${group.name}`)}`;
      id = base;
      for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    }
    usedIds.add(id);
    const geometry = MultiLineStringGeometry.safeParse({ type: 'MultiLineString', coordinates: group.lines });
    if (!geometry.success) {
      issues.fromZod(geometry.error, { row: group.firstIndex, displayRow: group.firstIndex + 1 }, () => 'geometry');
      continue;
    }
    const street = Street.safeParse({ id, prefix: group.prefix, name: group.name, geometry: geometry.data });
    if (!street.success) {
      issues.fromZod(street.error, { row: group.firstIndex, displayRow: group.firstIndex + 1 }, (field) => (field === 'name' ? nameProperty : undefined), (field) => (field === 'name' ? group.name : undefined));
      continue;
    }
    streets.push(street.data);
    streetIdByKey.set(key, id);
  }
  // Address points of the same file written with a merged spelling find the street too.
  for (const [alias, main] of aliasOf) {
    const id = streetIdByKey.get(main);
    if (id !== undefined) streetIdByKey.set(alias, id);
  }
  return { streets, unnamed, streetIdByKey };
}
