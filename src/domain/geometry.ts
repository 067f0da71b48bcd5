import { z } from 'zod';

/**
 * GeoJSON geometry schemas in WGS84 (EPSG:4326), positions as [lng, lat].
 * They reject what PostGIS or MapLibre would choke on: NaN or infinite numbers,
 * coordinates outside lon/lat ranges, too few positions, lines of one point, unclosed rings, empty geometries.
 * Error messages name the offending position through the zod path (e.g. `geometry.coordinates.0.3`).
 */

const finite = (what: string) =>
  z.number({ error: `${what} must be a finite number (not NaN, Infinity or text)` }).refine(Number.isFinite, { message: `${what} must be a finite number (not NaN or Infinity)`, params: { rule: 'not_finite' } });

/** A position [lng, lat] or [lng, lat, elevation]; elevation is kept but ignored. */
export const Position = z
  .tuple(
    [
      finite('longitude').refine((v) => v >= -180 && v <= 180, { message: 'longitude must be between -180 and 180', params: { rule: 'longitude_range' } }),
      finite('latitude').refine((v) => v >= -90 && v <= 90, { message: 'latitude must be between -90 and 90', params: { rule: 'latitude_range' } }),
    ],
    finite('elevation'),
    { error: 'position must be [longitude, latitude]' },
  )
  .refine((p) => p.length <= 3, { message: 'position has more than 3 numbers', params: { rule: 'position_too_long' } });
export type Position = z.infer<typeof Position>;

const samePosition = (a: Position, b: Position): boolean => a[0] === b[0] && a[1] === b[1];

// PostGIS refuses a line whose positions are all one point ("Too few points in geometry component").
const LineCoordinates = z
  .array(Position)
  .min(2, { message: 'a line needs at least 2 positions' })
  .refine((line) => line.length < 2 || line.some((p) => !samePosition(p, line[0]!)), {
    message: 'a line needs at least 2 different positions: all of its positions are the same point',
    params: { rule: 'line_one_point' },
  });

const LinearRing = z
  .array(Position)
  .min(4, { message: 'a polygon ring needs at least 4 positions (3 corners and the closing one)' })
  .refine((ring) => ring.length < 4 || samePosition(ring[0]!, ring[ring.length - 1]!), {
    message: 'polygon ring is not closed: its first and last positions differ',
    params: { rule: 'ring_not_closed' },
  });

export const PointGeometry = z.strictObject({ type: z.literal('Point'), coordinates: Position });
export type PointGeometry = z.infer<typeof PointGeometry>;

export const LineStringGeometry = z.strictObject({ type: z.literal('LineString'), coordinates: LineCoordinates });
export type LineStringGeometry = z.infer<typeof LineStringGeometry>;

export const MultiLineStringGeometry = z.strictObject({
  type: z.literal('MultiLineString'),
  coordinates: z.array(LineCoordinates).min(1, { message: 'a MultiLineString must not be empty' }),
});
export type MultiLineStringGeometry = z.infer<typeof MultiLineStringGeometry>;

const PolygonCoordinates = z.array(LinearRing).min(1, { message: 'a polygon must have an outer ring' });

export const PolygonGeometry = z.strictObject({ type: z.literal('Polygon'), coordinates: PolygonCoordinates });
export type PolygonGeometry = z.infer<typeof PolygonGeometry>;

export const MultiPolygonGeometry = z.strictObject({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(PolygonCoordinates).min(1, { message: 'a MultiPolygon must not be empty' }),
});
export type MultiPolygonGeometry = z.infer<typeof MultiPolygonGeometry>;

/** Area boundaries: a Polygon or a MultiPolygon. */
export const AreaGeometry = z.discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry], {
  error: 'geometry must be a GeoJSON Polygon or MultiPolygon',
});
export type AreaGeometry = z.infer<typeof AreaGeometry>;
