import { afterEach, describe, expect, it } from 'vitest';
import { failedTileOf, loadTile, reloadFailedTiles, tileUrlTemplate } from '../../src/map/tileProtocol';
import { setTileFetcher, type TileRequestQuery } from '../../src/map/tiledTown';

describe('the calmap-tile:// protocol on the page (the analysis worker answers)', () => {
  afterEach(() => setTileFetcher(null));

  it('reads key, source and z/x/y from the URL MapLibre fills in, and hands back the bytes as an ArrayBuffer', async () => {
    const asked: TileRequestQuery[] = [];
    setTileFetcher(async (query) => {
      asked.push(query);
      return Uint8Array.of(1, 2, 3);
    });
    const url = tileUrlTemplate(7, 'addresses').replace('{z}', '14').replace('{x}', '9133').replace('{y}', '5560');
    expect(url).toBe('calmap-tile://7/addresses/14/9133/5560');
    const answer = await loadTile({ url }, new AbortController());
    expect(asked).toEqual([{ key: 7, source: 'addresses', z: 14, x: 9133, y: 5560 }]);
    expect(Array.from(new Uint8Array(answer.data))).toEqual([1, 2, 3]);
  });

  it('waits for the worker when the map asks first, and refuses an address that is not a tile', async () => {
    const url = 'calmap-tile://3/streets/2/1/1';
    const pending = loadTile({ url }, new AbortController());
    setTileFetcher(async (query) => Uint8Array.of(query.z, query.x, query.y));
    expect(Array.from(new Uint8Array((await pending).data))).toEqual([2, 1, 1]);
    await expect(loadTile({ url: 'calmap-tile://3/areas/2/1/1' }, new AbortController())).rejects.toThrow('not a tile address');
    await expect(loadTile({ url: 'calmap-tile://x/streets/2/1/1' }, new AbortController())).rejects.toThrow('not a tile address');
  });
});

describe('failed tiles of the town', () => {
  const event = (sourceId: string | undefined, canonical?: { x: number; y: number; z: number }) =>
    ({ type: 'error', error: new Error('503'), ...(sourceId ? { sourceId } : {}), ...(canonical ? { tile: { tileID: { canonical } } } : {}) }) as never;

  it('names the tiled source and the tile of a map error event, and nothing for other errors', () => {
    expect(failedTileOf(event('streets', { x: 4, y: 5, z: 12 }))).toEqual({ source: 'streets', x: 4, y: 5, z: 12 });
    expect(failedTileOf(event('addresses', { x: 1, y: 2, z: 14 }))).toEqual({ source: 'addresses', x: 1, y: 2, z: 14 });
    expect(failedTileOf(event('districts', { x: 1, y: 2, z: 14 }))).toBeNull();
    expect(failedTileOf(event('streets'))).toBeNull();
    expect(failedTileOf(event(undefined))).toBeNull();
  });

  it('asks again for exactly the failed tiles of each source that is still a vector source', () => {
    const calls: unknown[] = [];
    const map = {
      getSource: (id: string) => ({ type: id === 'streets' ? 'vector' : 'geojson' }),
      refreshTiles: (id: string, tiles: unknown) => calls.push([id, tiles]),
    } as never;
    reloadFailedTiles(map, [{ source: 'streets', x: 4, y: 5, z: 12 }, { source: 'addresses', x: 1, y: 2, z: 14 }, { source: 'streets', x: 5, y: 5, z: 12 }]);
    expect(calls).toEqual([['streets', [{ x: 4, y: 5, z: 12 }, { x: 5, y: 5, z: 12 }]]]);
  });
});
