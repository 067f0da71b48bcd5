import type { SupabaseClient } from '@supabase/supabase-js';
import { z } from 'zod';
import type { MapTileQuery, MapTileResult } from '../dataSource';
import { abortError } from '../abort';
import { malformedReplyIssue, serverIssue, serverSideIssue } from './serverIssues';

/**
 * One vector tile of the centre's streets or addresses, cut by the server (public.map_tile, migrations
 * 20250601001200_map_tiles.sql and 20250601001700_map_tile_layers.sql: ST_AsMVT for members of the centre only, one layer
 * named as the map's source, the features of src/map/mapData.ts). PostgREST sends a bytea result as JSON text
 * "\\x" + two hex digits a byte; it is checked with zod and decoded here. Every failure is an issue, never a throw.
 */

const MAX_ZOOM = 22;

/** What may be asked: the map's two tiled sources, a zoom of 0–22 and x, y inside it (as map_tile checks again). */
export const MapTileQuerySchema = z
  .object({
    layer: z.enum(['streets', 'addresses']),
    z: z.number().int().min(0).max(MAX_ZOOM),
    x: z.number().int().min(0),
    y: z.number().int().min(0),
  })
  .refine((q) => q.x < 2 ** q.z && q.y < 2 ** q.z, { message: 'x and y must be below 2^z', path: ['x'] });

/** PostgREST's text of a bytea: `\x` and an even number of hex digits (`\x` alone: an empty tile). */
export const ByteaHex = z.string().regex(/^\\x(?:[0-9a-fA-F]{2})*$/, 'expected a bytea as "\\x" and hex digits');

const HEX_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX_VALUE['0123456789abcdef'.charCodeAt(i)] = i;
  HEX_VALUE['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * The bytes of a checked `\x…` string; O(length), no per-byte string. @example hexToBytes('\\x1a02') → [0x1a, 0x02]
 */
export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array((hex.length - 2) / 2);
  for (let i = 0, j = 2; i < bytes.length; i++, j += 2) bytes[i] = (HEX_VALUE[hex.charCodeAt(j)]! << 4) | HEX_VALUE[hex.charCodeAt(j + 1)]!;
  return bytes;
}

/** Calls map_tile for one layer of the centre's tile z/x/y; an abort rejects with an AbortError. */
export async function fetchMapTile(client: SupabaseClient, organisationId: string, query: MapTileQuery, signal: AbortSignal | undefined): Promise<MapTileResult> {
  const what = 'read_map_tile' as const;
  const checked = MapTileQuerySchema.safeParse(query);
  if (!checked.success) {
    const first = checked.error.issues[0];
    const field = first?.path.map(String).join('.') || '(tile)';
    return { ok: false, issues: [serverSideIssue(field, { code: 'refused', action: what, detail: first?.message ?? 'invalid tile', tag: '', hint: '' }, `no tile ${query.layer} ${query.z}/${query.x}/${query.y}: ${first?.message ?? 'invalid'}`)] };
  }
  const { layer, z: zoom, x, y } = checked.data;
  let request = client.rpc('map_tile', { p_organisation_id: organisationId, p_z: zoom, p_x: x, p_y: y, p_layers: [layer] });
  if (signal) request = request.abortSignal(signal);
  const { data, error, status } = await request;
  if (signal?.aborted) throw abortError();
  if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
  const reply = ByteaHex.safeParse(data);
  if (!reply.success) return { ok: false, issues: [malformedReplyIssue(what, reply.error)] };
  return { ok: true, bytes: hexToBytes(reply.data) };
}
