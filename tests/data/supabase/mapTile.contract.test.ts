import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader as Pbf } from 'pbf';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../../../src/data/supabase/mapTile';
import { TownTiles } from '../../../src/map/townTiles';
import { organisation } from '../embedded/fixtures';
import { ACCESS_TOKEN, ANON_KEY, replyMemberships, signedIn, stubFetch } from './stubFetch';

/**
 * Contract tests of the adapter's map tiles (supabase/migrations/20250601001700_map_tile_layers.sql): the exact
 * map_tile request, PostgREST's bytea reply ("\\x" + hex) decoded to the tile's bytes, and every failure an issue.
 * Stubbed fetch; the tile bytes the stub answers with are a real tile (cut by TownTiles from two addresses).
 */

const asUser = { apikey: ANON_KEY, authorization: `Bearer ${ACCESS_TOKEN}` };

// Two addresses in the zoom-14 tile 9133/5559 (19.6875–19.7095 E); a tile as the server would send it.
const town = {
  streets: [],
  addresses: [
    { id: 'a-1', streetId: 's-1', houseNumber: '1', location: { type: 'Point' as const, coordinates: [19.69, 50.06] as [number, number] }, households: 4 },
    { id: 'a-2', streetId: 's-1', houseNumber: '2', location: { type: 'Point' as const, coordinates: [19.7, 50.061] as [number, number] } },
  ],
};
const tileX = Math.floor(((19.69 + 180) / 360) * 2 ** 14);
const tileY = Math.floor(((1 - Math.log(Math.tan((50.06 * Math.PI) / 180) + 1 / Math.cos((50.06 * Math.PI) / 180)) / Math.PI) / 2) * 2 ** 14);
const bytes = new TownTiles(town).tile('addresses', 14, tileX, tileY);
const hex = `\\x${Buffer.from(bytes).toString('hex')}`;

async function planner() {
  const stub = stubFetch();
  const source = await signedIn(stub);
  replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
  return { stub, source };
}

describe('map tiles over Supabase', () => {
  it('hexToBytes: "\\x" and two hex digits a byte, either case', () => {
    expect([...hexToBytes('\\x1a02ff0A')]).toEqual([0x1a, 0x02, 0xff, 0x0a]);
    expect(hexToBytes('\\x').byteLength).toBe(0);
  });

  it('mapTile: POST /rest/v1/rpc/map_tile for one layer; the bytea reply decodes to the tile the server sent', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: hex });
    const result = await source.mapTile({ layer: 'addresses', z: 14, x: tileX, y: tileY });
    expect(stub.requests[1]).toEqual({
      method: 'POST', path: '/rest/v1/rpc/map_tile', headers: expect.objectContaining(asUser),
      body: { p_organisation_id: organisation.id, p_z: 14, p_x: tileX, p_y: tileY, p_layers: ['addresses'] },
    });
    if (!result.ok) throw new Error(result.issues[0]!.message);
    expect(result.bytes).toEqual(bytes);
    const layer = new VectorTile(new Pbf(result.bytes)).layers.addresses!;
    expect(Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties)).toEqual([
      { id: 'a-1', streetId: 's-1', households: 4 },
      { id: 'a-2', streetId: 's-1', households: 1 },
    ]);
    // Nothing there: "\\x", a tile of no bytes (MapLibre draws nothing).
    stub.reply({ status: 200, json: '\\x' });
    expect(await source.mapTile({ layer: 'streets', z: 14, x: 0, y: 0 })).toEqual({ ok: true, bytes: new Uint8Array(0) });
  });

  it('a reply that is not a bytea (odd digits, not hex, not text) is not trusted', async () => {
    const { stub, source } = await planner();
    for (const json of ['\\x1a0', '1a02', '\\xzz', { mvt: hex }, null]) {
      stub.reply({ status: 200, json });
      const result = await source.mapTile({ layer: 'streets', z: 14, x: tileX, y: tileY });
      expect(result, JSON.stringify(json)).toMatchObject({ ok: false, issues: [{ source: 'supabase', field: '(server)', server: { code: 'reply_not_understood', action: 'read_map_tile' } }] });
    }
  });

  it('an error reply is an issue with the server\'s words: a refusal, a missing function, no network', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 400, json: { code: '22023', message: 'tile zoom must be a whole number from 0 to 22', details: null, hint: null } });
    expect(await source.mapTile({ layer: 'streets', z: 14, x: 1, y: 1 })).toEqual({
      ok: false,
      issues: [{
        source: 'supabase', field: '(server)',
        server: { code: 'refused', action: 'read_map_tile', detail: 'tile zoom must be a whole number from 0 to 22', tag: '22023', hint: '' },
        message: 'loading a map tile: the server refused the request: tile zoom must be a whole number from 0 to 22 (22023).',
      }],
    });
    stub.reply({ status: 404, json: { code: 'PGRST202', message: 'Could not find the function public.map_tile(p_layers, p_organisation_id, p_x, p_y, p_z)', details: null, hint: null } });
    expect(await source.mapTile({ layer: 'streets', z: 14, x: 1, y: 1 })).toMatchObject({ ok: false, issues: [{ server: { code: 'missing_function', action: 'read_map_tile' } }] });
    stub.reply({ networkError: 'Failed to fetch' });
    expect(await source.mapTile({ layer: 'streets', z: 14, x: 1, y: 1 })).toMatchObject({ ok: false, issues: [{ field: '(network)', server: { code: 'unreachable' } }] });
  });

  it('a tile outside its zoom is never asked for; an abort rejects with an AbortError', async () => {
    const { stub, source } = await planner();
    expect(await source.mapTile({ layer: 'streets', z: 2, x: 4, y: 0 })).toMatchObject({ ok: false, issues: [{ field: 'x' }] });
    expect(await source.mapTile({ layer: 'streets', z: 23, x: 0, y: 0 })).toMatchObject({ ok: false, issues: [{ field: 'z' }] });
    expect(stub.requests.filter((r) => r.path.includes('/rpc/'))).toEqual([]);
    const controller = new AbortController();
    stub.reply({ hangUntilAborted: true });
    const pending = source.mapTile({ layer: 'streets', z: 14, x: 1, y: 1 }, controller.signal);
    await stub.hanging();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(stub.abortedInFlight()).toBe(1);
  });
});
