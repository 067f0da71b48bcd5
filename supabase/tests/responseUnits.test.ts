import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, USERS, loadFixture } from './support/fixture';

/**
 * Issue 16: each response's units (street, areas, cell of the centre's grid) and need masks are stored when it is
 * written, and assigned again when the places they depend on change. Whatever the order of edits, the stored units
 * must equal what a recomputation from scratch gives (private.reassign_units(..., everything = true)); parity.test.ts
 * holds the rules themselves to the analysis engine. Edits are made as a planner, the way PostgREST makes them.
 */

let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
});
afterAll(async () => {
  await db?.close();
});

type Unit = { id: string; street: string | null; areas: string[]; hex: string | null; masks: number[]; home: string };

/** Every response of centre A with its stored units, as ids (the owner reads; no RLS). */
async function stored(): Promise<Map<string, Unit>> {
  const rows = await db.query<Unit>(`
    select r.id, s.id as street,
           array(select a.id::text from unnest(r.area_nos) as u (no) join public.areas a on a.unit_no = u.no order by 1) as areas,
           case when r.hex_q is null then null else r.hex_q || ',' || r.hex_r end as hex,
           array[r.need_mask_1, r.need_mask_2, r.need_mask_3] as masks, r.home
    from public.survey_responses r left join public.streets s on s.unit_no = r.street_no
    where r.organisation_id = $1 order by r.id`, [ORG_A]);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The units a recomputation from scratch gives (in a savepoint, undone), addresses' included. */
async function recomputed(): Promise<{ responses: Map<string, Unit>; addressesUnchanged: boolean }> {
  const addresses = `select string_agg(d.id || ':' || d.area_nos::text || ':' || coalesce(d.hex_q || ',' || d.hex_r, '-'), ' ' order by d.id) as a from public.addresses d where d.organisation_id = $1`;
  const [before] = await db.query<{ a: string }>(addresses, [ORG_A]);
  await db.query('savepoint fresh');
  await db.query(`select private.reassign_units($1, null, '{}', true)`, [ORG_A]);
  const responses = await stored();
  const [after] = await db.query<{ a: string }>(addresses, [ORG_A]);
  await db.query('rollback to savepoint fresh');
  return { responses, addressesUnchanged: before!.a === after!.a };
}

/** One statement as planner A, inside the open transaction (SET LOCAL ROLE and claims, as PostgREST). */
async function asPlanner<Row = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
  await db.query('set local role authenticated');
  await db.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: USERS.plannerA, role: 'authenticated' })]);
  try {
    return await db.query<Row>(sql, params);
  } finally {
    await db.query('reset role');
  }
}
const save = (collection: string, record: unknown) =>
  asPlanner<{ r: { ok: boolean } }>('select public.save_record($1, $2, $3::jsonb) as r', [ORG_A, collection, JSON.stringify(record)]);

const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

describe('units stored with each response', () => {
  it('stay equal to a recomputation from scratch through edits of streets, addresses, areas and answers', async () => {
    await db.query('begin');
    try {
      const fresh = async () => {
        const again = await recomputed();
        expect(again.addressesUnchanged).toBe(true);
        expect(await stored()).toEqual(again.responses);
        // The stored home is the disclosure rules' home (the address, else the point, else the street, else the response).
        const wrong = await db.query(`select r.id from public.survey_responses r where r.organisation_id = $1 and r.home is distinct from
          coalesce('a:' || r.address_id, 'p:' || extensions.st_astext(r.located_at), 's:' || r.assigned_street_id, 'r:' || r.id)`, [ORG_A]);
        expect(wrong).toEqual([]);
      };
      await fresh();
      const start = await stored();
      // Fixture (support/fixture.ts): r-12 is a bare point 167 m from any street; r-7 … r-9 name s-2 and have no point.
      expect(start.get('r-12')).toMatchObject({ street: null, areas: ['district-n'] });
      expect(start.get('r-7')).toMatchObject({ street: 's-2', areas: ['district-s'], hex: null, home: 's:s-2' });
      expect(start.get('r-12')!.home).toMatch(/^p:POINT\(/);
      expect(start.get('r-11')!.areas).toEqual(['district-s']);

      // A new street through r-12: it snaps to it.
      expect((await save('streets', { id: 's-9', prefix: 'ul.', name: 'Nowa', geometry: { type: 'MultiLineString', coordinates: [[[19.318, 50.109], [19.321, 50.109]]] } }))[0]!.r.ok).toBe(true);
      expect((await stored()).get('r-12')!.street).toBe('s-9');

      // A second record of s-2's street ('ul.', '  POLNA ': the engine merges records of one prefix and name), in
      // district-n, and an address on it with more households (20 > a-3's 8): one address each, so households decide
      // the merged street's majority district, and the point-less answers on s-2 move there.
      expect((await save('streets', { id: 's-2b', prefix: 'ul.', name: '  POLNA ', geometry: { type: 'MultiLineString', coordinates: [[[19.313, 50.1065], [19.318, 50.1065]]] } }))[0]!.r.ok).toBe(true);
      expect((await stored()).get('r-7')!.areas).toEqual(['district-s']);
      expect((await save('addresses', { id: 'a-9', streetId: 's-2b', houseNumber: '9', location: { type: 'Point', coordinates: [19.315, 50.1066] }, households: 20 }))[0]!.r.ok).toBe(true);
      expect((await stored()).get('r-7')!.areas).toEqual(['district-n']);

      // district-s shrinks west of 19.311: r-11 (19.312) leaves it, r-10 (19.310) stays.
      expect((await save('areas', { id: 'district-s', name: 'Południe', kind: 'district', geometry: box(19.3, 50.1, 19.311, 50.105) }))[0]!.r.ok).toBe(true);
      const shrunk = await stored();
      expect(shrunk.get('r-11')!.areas).toEqual([]);
      expect(shrunk.get('r-10')!.areas).toEqual(['district-s']);

      // r-1 loses its housing answer: bit 2 (housing is the third need category) leaves every mask.
      const housingBit = 1 << 2;
      expect(start.get('r-1')!.masks.map((m) => m & housingBit)).toEqual([housingBit, housingBit, housingBit]);
      await asPlanner(`delete from public.survey_response_needs where organisation_id = $1 and response_id = 'r-1' and category = 'housing'`, [ORG_A]);
      expect((await stored()).get('r-1')!.masks.map((m) => m & housingBit)).toEqual([0, 0, 0]);

      // A direct write of derived columns changes nothing.
      const r2 = (await stored()).get('r-2');
      await asPlanner(`update public.survey_responses set area_nos = '{}', street_no = null, hex_q = 0, need_mask_1 = 0, home = 'p:POINT(0 0)' where organisation_id = $1 and id = 'r-2'`, [ORG_A]);
      expect((await stored()).get('r-2')).toEqual(r2);

      // Deleting s-9 leaves r-12 without a street again.
      await asPlanner(`select public.delete_record($1, 'streets', 's-9')`, [ORG_A]);
      expect((await stored()).get('r-12')!.street).toBeNull();

      await fresh();
    } finally {
      await db.query('rollback');
    }
  });
});
