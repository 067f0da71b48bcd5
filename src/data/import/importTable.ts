import { centerOfMass } from '@turf/turf';
import { PointGeometry, type Position } from '../../domain';
import type { CsvTable } from './csvTable';
import { parseNumberCell } from './cells';
import type { Reprojector } from './crs';
import { propertyText, reprojectRawGeometry, type RawFeature } from './geojsonFile';
import type { IssueCollector } from './importIssues';
import { importMessage } from './importMessages';

/**
 * CSV rows and GeoJSON features seen the same way: a table of text cells, each row with its file row number and,
 * for GeoJSON, a geometry. Row converters read cells by header; the file's numbering is kept for issues.
 */
export interface ImportTable {
  headers: string[];
  rows: string[][];
  /** 0-based file row (CSV: header = 0) or feature index (GeoJSON). The user sees `rowNumbers[i] + 1`. */
  rowNumbers: number[];
  /** GeoJSON only: the raw geometry of each row. */
  geometries?: (RawFeature['geometry'])[];
}

export function tableFromCsv(csv: CsvTable): ImportTable {
  return { headers: csv.headers, rows: csv.rows, rowNumbers: csv.rowNumbers };
}

/** Property keys in order of first appearance become the headers; values become text cells. */
export function tableFromFeatures(features: readonly RawFeature[]): ImportTable {
  const index = new Map<string, number>();
  for (const f of features) for (const key of Object.keys(f.properties)) if (!index.has(key)) index.set(key, index.size);
  const headers = [...index.keys()];
  const rows = features.map((f) => {
    const cells = new Array<string>(headers.length).fill('');
    for (const [key, value] of Object.entries(f.properties)) cells[index.get(key)!] = propertyText(value);
    return cells;
  });
  return { headers, rows, rowNumbers: features.map((f) => f.index), geometries: features.map((f) => f.geometry) };
}

/** Reads cells by header name; `undefined` for an unmapped column. */
export function cellReader(table: ImportTable): (i: number, column: string | undefined) => string | undefined {
  const index = new Map(table.headers.map((h, j) => [h, j]));
  return (i, column) => {
    if (column === undefined) return undefined;
    const j = index.get(column);
    return j === undefined ? undefined : (table.rows[i]![j] ?? '');
  };
}

export const where = (table: ImportTable, i: number, column?: string, value?: unknown) => ({
  row: table.rowNumbers[i]!,
  displayRow: table.rowNumbers[i]! + 1,
  ...(column === undefined ? {} : { column }),
  ...(value === undefined ? {} : { value: typeof value === 'string' ? value : propertyText(value) }),
});

/**
 * The point a row stands for: its GeoJSON geometry (a Polygon's centre of mass, e.g. an OSM building), or its x/y cells,
 * reprojected. `undefined` when the row has neither (not an error by itself); `null` after reporting an error.
 */
export function rowPoint(
  table: ImportTable,
  i: number,
  cell: (i: number, column: string | undefined) => string | undefined,
  columns: { x?: string; y?: string },
  project: Reprojector | undefined,
  issues: IssueCollector,
): PointGeometry | null | undefined {
  const raw = table.geometries?.[i];
  if (raw && project) {
    const reprojected = reprojectRawGeometry(raw, project);
    if (!reprojected.ok) {
      issues.error(reprojected.field, reprojected.msg, where(table, i, 'geometry'));
      return null;
    }
    const g = reprojected.geometry;
    let position: Position;
    if (g.type === 'Point') position = g.coordinates as Position;
    else if (g.type === 'Polygon' || g.type === 'MultiPolygon') {
      try {
        position = centerOfMass(g as never).geometry.coordinates as Position;
      } catch {
        issues.error('geometry', importMessage('polygon_no_centre'), where(table, i, 'geometry'));
        return null;
      }
    } else {
      issues.error('geometry.type', importMessage('geometry_not_point', { type: g.type }), where(table, i, 'geometry', g.type));
      return null;
    }
    return checkedPoint(position, table, i, 'geometry', issues);
  }
  const xText = cell(i, columns.x);
  const yText = cell(i, columns.y);
  if (xText === undefined && yText === undefined) return undefined;
  if ((xText ?? '').trim() === '' && (yText ?? '').trim() === '') return undefined;
  const x = parseNumberCell(xText);
  const y = parseNumberCell(yText);
  if (x === undefined || Number.isNaN(x)) {
    issues.error('x', importMessage('x_not_number'), where(table, i, columns.x, xText ?? ''));
    return null;
  }
  if (y === undefined || Number.isNaN(y)) {
    issues.error('y', importMessage('y_not_number'), where(table, i, columns.y, yText ?? ''));
    return null;
  }
  if (!project) return undefined;
  return checkedPoint(project(x, y), table, i, columns.x ?? 'x', issues, `${xText}; ${yText}`);
}

function checkedPoint(position: Position, table: ImportTable, i: number, column: string, issues: IssueCollector, value?: string): PointGeometry | null {
  const point = PointGeometry.safeParse({ type: 'Point', coordinates: position });
  if (!point.success) {
    issues.fromZod(point.error, { row: table.rowNumbers[i]!, displayRow: table.rowNumbers[i]! + 1 }, () => column, () => value ?? position);
    return null;
  }
  return point.data;
}
