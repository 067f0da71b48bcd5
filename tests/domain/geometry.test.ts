import { describe, expect, it } from 'vitest';
import { AreaGeometry, MultiLineStringGeometry, PointGeometry, issuesFromZod, formatIssue } from '../../src/domain';

/** Messages as a user would read them, for exact assertions. */
function problems(schema: { safeParse(v: unknown): { success: boolean; error?: import('zod').ZodError } }, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error!, 'geometry').map((i) => `${i.field}: ${i.message}`);
}

const square = [[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.11], [19.3, 50.1]];

describe('geometry schemas', () => {
  it('accepts a valid point, line and polygon', () => {
    expect(problems(PointGeometry, { type: 'Point', coordinates: [19.3, 50.1] })).toEqual([]);
    expect(problems(MultiLineStringGeometry, { type: 'MultiLineString', coordinates: [[[19.3, 50.1], [19.31, 50.1]]] })).toEqual([]);
    expect(problems(AreaGeometry, { type: 'Polygon', coordinates: [square] })).toEqual([]);
    expect(problems(AreaGeometry, { type: 'MultiPolygon', coordinates: [[square]] })).toEqual([]);
  });

  it('rejects an unclosed ring and names the ring', () => {
    const open = square.slice(0, 4).concat([[19.3, 50.105]]);
    expect(problems(AreaGeometry, { type: 'Polygon', coordinates: [open] })).toEqual([
      'coordinates.0: polygon ring is not closed: its first and last positions differ',
    ]);
  });

  it('rejects a ring with fewer than 4 positions', () => {
    expect(problems(AreaGeometry, { type: 'Polygon', coordinates: [[[0, 0], [1, 1], [0, 0]]] })).toEqual([
      'coordinates.0: a polygon ring needs at least 4 positions (3 corners and the closing one)',
    ]);
  });

  it('rejects NaN, Infinity and out-of-range coordinates, naming the position', () => {
    expect(problems(PointGeometry, { type: 'Point', coordinates: [Number.NaN, 50] })).toEqual([
      'coordinates.0: longitude must be a finite number (not NaN, Infinity or text)',
    ]);
    expect(problems(PointGeometry, { type: 'Point', coordinates: [19, Number.POSITIVE_INFINITY] })).toEqual([
      'coordinates.1: latitude must be a finite number (not NaN, Infinity or text)',
    ]);
    expect(problems(PointGeometry, { type: 'Point', coordinates: [181, 50] })).toEqual(['coordinates.0: longitude must be between -180 and 180']);
    expect(problems(PointGeometry, { type: 'Point', coordinates: [19, -90.5] })).toEqual(['coordinates.1: latitude must be between -90 and 90']);
    // EPSG:2180 metres pasted as degrees are out of range: the typical import mistake.
    expect(problems(PointGeometry, { type: 'Point', coordinates: [566_000, 244_000] })).toEqual([
      'coordinates.0: longitude must be between -180 and 180',
      'coordinates.1: latitude must be between -90 and 90',
    ]);
  });

  it('rejects empty geometries', () => {
    expect(problems(MultiLineStringGeometry, { type: 'MultiLineString', coordinates: [] })).toEqual(['coordinates: a MultiLineString must not be empty']);
    expect(problems(MultiLineStringGeometry, { type: 'MultiLineString', coordinates: [[[19, 50]]] })).toEqual(['coordinates.0: a line needs at least 2 positions']);
    // A line of one point repeated (PostGIS refuses it: "Too few points in geometry component"), named by its line.
    const onePoint = MultiLineStringGeometry.safeParse({ type: 'MultiLineString', coordinates: [[[19.3, 50.1], [19.31, 50.1]], [[19.2, 50.2], [19.2, 50.2], [19.2, 50.2]]] });
    expect(problems(MultiLineStringGeometry, { type: 'MultiLineString', coordinates: [[[19.3, 50.1], [19.31, 50.1]], [[19.2, 50.2], [19.2, 50.2], [19.2, 50.2]]] }))
      .toEqual(['coordinates.1: a line needs at least 2 different positions: all of its positions are the same point']);
    expect(issuesFromZod(onePoint.error!, 'geometry')[0]!.problem).toEqual({ code: 'rule', rule: 'line_one_point' });
    // The same point twice with another between is a line (a loop), not one point.
    expect(problems(MultiLineStringGeometry, { type: 'MultiLineString', coordinates: [[[19.2, 50.2], [19.21, 50.2], [19.2, 50.2]]] })).toEqual([]);
    expect(problems(AreaGeometry, { type: 'Polygon', coordinates: [] })).toEqual(['coordinates: a polygon must have an outer ring']);
    expect(problems(AreaGeometry, { type: 'MultiPolygon', coordinates: [] })).toEqual(['coordinates: a MultiPolygon must not be empty']);
  });

  it('rejects a wrong geometry type and extra keys', () => {
    expect(problems(AreaGeometry, { type: 'LineString', coordinates: [[0, 0], [1, 1]] })).toEqual(['type: geometry must be a GeoJSON Polygon or MultiPolygon']);
    expect(problems(PointGeometry, { type: 'Point', coordinates: [19, 50], crs: 'EPSG:2180' })).toEqual(['(record): Unrecognized key: "crs"']);
  });

  it('formats an issue with a 1-based row for people', () => {
    const r = PointGeometry.safeParse({ type: 'Point', coordinates: [19, 95] });
    expect(r.success).toBe(false);
    const [issue] = issuesFromZod(r.error!, 'addresses.json', 41);
    expect(formatIssue(issue!)).toBe('addresses.json row 42, field coordinates.1: latitude must be between -90 and 90');
  });
});
