import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEED_CATEGORY_IDS, type NeedCategoryId, type Workspace } from '../../src/domain';
import { parseWorkspacePayload } from '../../src/data/supabase/workspacePayload';
import { prepareDataset, type PreparedDataset } from '../../src/analysis/dataset';
import { aggregateDataset } from '../../src/analysis/needQueries';
import { unitLayer, type UnitSpec } from '../../src/analysis/unitLayers';
import { createLocalProjection } from '../../src/analysis/localProjection';
import { hexCellOf } from '../../src/analysis/hexGrid';
import type { Database } from './support/database';
import { differences, engineRows, openParityDemo, PARITY_PLANNER, PARITY_NEEDS, type SqlUnitRow } from './support/parityDemo';
import { asCaller } from './support/request';
import { converterOf } from '../scripts/recordConverters';

/**
 * Part 7 of issue 4: on the demo town, the SQL aggregates (campaign_aggregates_by_street | _by_area | _by_hex, what
 * share links show) equal the analysis engine's (prepareDataset + aggregateDataset, what the app shows): responses,
 * households, need counts, rates and Wilson bounds to 1e-9, suppression flags; both waves, three needs, severity ≥ 1
 * and ≥ 2, k = 5 and k = 20. One database for the file: migrations + seed.sql (2.7 MB) take most of its time.
 */

const PLANNER = PARITY_PLANNER;
const K_VALUES = [5, 20] as const;
const SEVERITIES = [1, 2] as const;

let db: Database;
let workspace: Workspace;
let ds: PreparedDataset;

beforeAll(async () => {
  ({ db, workspace, ds } = await openParityDemo());
});
afterAll(async () => {
  await db?.close();
});

const asPlanner = <T>(fn: (db: Database) => Promise<T>) => asCaller(db, { role: 'authenticated', userId: PLANNER }, fn);

async function sqlRows(unit: 'street' | 'area' | 'hex', campaign: string, need: NeedCategoryId, minSeverity: number, k: number): Promise<SqlUnitRow[]> {
  const org = workspace.organisation.id;
  return asPlanner((tx) => {
    if (unit === 'hex') {
      // The engine's hexagons are anchored at its projection origin (the data's bounding-box centre); the RPC's default
      // origin is the centre of the campaign's areas. Parity asks for the same grid, so the origin is passed.
      return tx.query<SqlUnitRow>(`select * from public.campaign_aggregates_by_hex($1, $2, array[$3::text]::public.need_category[], $4, $5, 250, $6, $7)`,
        [org, campaign, need, minSeverity, k, ds.projection.originLng, ds.projection.originLat]);
    }
    return tx.query<SqlUnitRow>(`select * from public.campaign_aggregates_by_${unit}($1, $2, array[$3::text]::public.need_category[], $4, $5)`, [org, campaign, need, minSeverity, k]);
  });
}

const campaigns = () => workspace.campaigns.map((c) => c.id).sort();

describe('SQL aggregates equal the analysis engine on the demo town', () => {
  it('has the data the comparison needs: two waves, responses in both, every area kind', () => {
    expect(campaigns()).toEqual(['campaign-2025-w1', 'campaign-2026-w2']);
    expect(workspace.responses.length).toBeGreaterThan(5000);
    expect([...new Set(workspace.areas.map((a) => a.kind))].sort()).toEqual(['care_region', 'district', 'estate']);
  });

  it('by street: every street, both waves, three needs, severity ≥ 1 and ≥ 2, k 5 and 20', async () => {
    const problems: string[] = [];
    let compared = 0;
    let unsuppressed = 0;
    for (const campaign of campaigns()) {
      for (const need of PARITY_NEEDS) {
        for (const minSeverity of SEVERITIES) {
          for (const k of K_VALUES) {
            const sql = await sqlRows('street', campaign, need, minSeverity, k);
            const engine = engineRows(aggregateDataset(ds, { kind: 'street' }, { campaignIds: [campaign], needIds: [need], minSeverity, minResponses: k }));
            expect(sql.length).toBe(engine.size);
            problems.push(...differences(sql, engine, { compareHouseholds: true, engineUnitsWithoutResponses: 'listed' }).map((d) => `${campaign} ${need} ≥${minSeverity} k${k} ${d}`));
            compared += sql.length;
            unsuppressed += sql.filter((r) => !r.suppressed).length;
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // 243 streets × 24 queries; most streets have ≥ 5 answers in a wave.
    expect(compared).toBe(243 * 24);
    expect(unsuppressed).toBeGreaterThan(compared / 3);
  });

  it('by area: estates, districts and care regions (the RPC lists every area; the engine one layer per kind)', async () => {
    const problems: string[] = [];
    const kinds = [...new Set(workspace.areas.map((a) => a.kind))].sort();
    for (const campaign of campaigns()) {
      for (const need of PARITY_NEEDS) {
        for (const minSeverity of SEVERITIES) {
          const sql = await sqlRows('area', campaign, need, minSeverity, 5);
          expect(sql.length).toBe(workspace.areas.length);
          for (const areaKind of kinds) {
            const spec: UnitSpec = { kind: 'area', areaKind };
            const engine = engineRows(aggregateDataset(ds, spec, { campaignIds: [campaign], needIds: [need], minSeverity, minResponses: 5 }));
            const ofKind = sql.filter((row) => engine.has(row.unit_id));
            expect(ofKind.length).toBe(engine.size);
            problems.push(...differences(ofKind, engine, { compareHouseholds: true, engineUnitsWithoutResponses: 'listed' }).map((d) => `${campaign} ${need} ≥${minSeverity} ${areaKind} ${d}`));
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('by area where two estates overlap: an answer and a household in both count in both, on the server and in the engine', async () => {
    const org = workspace.organisation.id;
    const estate = workspace.areas.find((a) => a.kind === 'estate' && a.geometry.type === 'Polygon')!;
    if (estate.geometry.type !== 'Polygon') throw new Error('no estate drawn as one polygon');
    const ring = estate.geometry.coordinates[0]!;
    const width = Math.max(...ring.map((p) => p[0])) - Math.min(...ring.map((p) => p[0]));
    // The estate again, moved east by half its width: both hold the strip between (an estate drawn twice).
    const overlapping = { ...estate, id: 'estate-parity-overlap', name: 'Nakładka (test)', geometry: { type: 'Polygon' as const, coordinates: [ring.map(([x, y]) => [x + width / 2, y] as [number, number])] } };
    const { table, name } = converterOf('areas');
    await db.query(`insert into public.${table} select r.* from private.${name}_from_json($1, $2::jsonb) r`, [org, JSON.stringify(overlapping)]);
    try {
      const withOverlap = prepareDataset({ ...workspace, areas: [...workspace.areas, overlapping] });
      const campaign = campaigns()[0]!;
      const need = PARITY_NEEDS[0]!;
      const sql = await sqlRows('area', campaign, need, 1, 5);
      const engine = engineRows(aggregateDataset(withOverlap, { kind: 'area', areaKind: 'estate' }, { campaignIds: [campaign], needIds: [need], minSeverity: 1, minResponses: 5 }));
      const estates = sql.filter((row) => engine.has(row.unit_id));
      expect(estates.length).toBe(engine.size);
      expect(differences(estates, engine, { compareHouseholds: true, engineUnitsWithoutResponses: 'listed' })).toEqual([]);
      // The two really share answers: more than the overlap-free figures would give the pair.
      const pair = estates.filter((row) => row.unit_id === estate.id || row.unit_id === overlapping.id).reduce((sum, row) => sum + Number(row.responses), 0);
      const alone = engineRows(aggregateDataset(ds, { kind: 'area', areaKind: 'estate' }, { campaignIds: [campaign], needIds: [need], minSeverity: 1, minResponses: 5 })).get(estate.id)!.responses;
      const shared = (await db.query<{ n: number }>(`select count(*)::int as n from public.survey_responses r join public.areas a on a.unit_no = any(r.area_nos) join public.areas b on b.unit_no = any(r.area_nos)
        where r.organisation_id = $1 and r.campaign_id = $2 and a.id = $3 and b.id = $4`, [org, campaign, estate.id, overlapping.id]))[0]!.n;
      expect(shared).toBeGreaterThan(5);
      expect(pair).toBeGreaterThan(alone);
    } finally {
      await db.query('delete from public.areas where organisation_id = $1 and id = $2', [org, overlapping.id]);
    }
  });

  it('by 250 m hexagon at the engine\'s origin: the same cells with the same figures', async () => {
    const problems: string[] = [];
    let cells = 0;
    for (const campaign of campaigns()) {
      for (const need of PARITY_NEEDS) {
        for (const minSeverity of SEVERITIES) {
          const sql = await sqlRows('hex', campaign, need, minSeverity, 5);
          const engine = engineRows(aggregateDataset(ds, { kind: 'hex', sizeMeters: 250 }, { campaignIds: [campaign], needIds: [need], minSeverity, minResponses: 5 }));
          // The engine's cell set is every cell with an address or a response of any wave; the RPC lists the cells with
          // responses in the campaign. Cells without responses are compared only by their absence.
          problems.push(...differences(sql, engine, { compareHouseholds: true, engineUnitsWithoutResponses: 'omitted' }).map((d) => `${campaign} ${need} ≥${minSeverity} ${d}`));
          cells += sql.length;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(cells).toBeGreaterThan(100);
  });

  it('places a response with both an address and its own point at the address, as the engine does', async () => {
    const address = workspace.addresses[0]!;
    const response = { id: 'parity-both', campaignId: 'campaign-2025-w1', addressId: address.id, location: { type: 'Point', coordinates: [19.2, 50.1] },
      date: '2025-04-10', householdSize: 2, needs: [], nuisances: [], offers: [] };
    const engine = prepareDataset({ ...workspace, responses: [response as unknown as Workspace['responses'][number]] });
    expect([engine.responseLngs[0], engine.responseLats[0]]).toEqual(address.location.coordinates.slice(0, 2));
    const [row] = await asPlanner(async (tx) => {
      const saved = await tx.query<{ result: { ok: boolean } }>('select public.save_record($1, $2, $3::jsonb) as result', [workspace.organisation.id, 'responses', JSON.stringify(response)]);
      expect(saved[0]!.result).toEqual({ ok: true });
      return tx.query<{ lng: number; lat: number; street: string }>(`select extensions.st_x(located_at) as lng, extensions.st_y(located_at) as lat, assigned_street_id as street
        from public.survey_responses where organisation_id = $1 and id = 'parity-both'`, [workspace.organisation.id]);
    });
    expect([row!.lng, row!.lat]).toEqual(address.location.coordinates.slice(0, 2));
    expect(row!.street).toBe(address.streetId);
  });

  it('assigns every response, when it is written, the engine\'s street, areas and cell of the centre\'s grid', async () => {
    // Issue 16: the aggregates group the units stored with each response (street_no, area_nos, hex_q/hex_r), so each
    // response's stored units must be the engine's, one by one: street (address, street id, nearest within 60 m),
    // areas (the point by the half-open rule, else the street's majority area per kind), hexagon of the fixed grid.
    const org = workspace.organisation.id;
    const [grid] = await db.query<{ size_meters: number; origin_lng: number; origin_lat: number }>('select size_meters, origin_lng, origin_lat from public.hex_grids where organisation_id = $1', [org]);
    const stored = await db.query<{ id: string; street: string | null; areas: string[]; hex: string | null }>(`
      select r.id, s.id as street,
             array(select a.id::text from unnest(r.area_nos) as u (no) join public.areas a on a.unit_no = u.no order by 1) as areas,
             case when r.hex_q is null then null else r.hex_q || ',' || r.hex_r end as hex
      from public.survey_responses r left join public.streets s on s.unit_no = r.street_no
      where r.organisation_id = $1`, [org]);
    const layers = [...new Set(workspace.areas.map((a) => a.kind))].map((areaKind) => unitLayer(ds, { kind: 'area', areaKind }));
    const projection = createLocalProjection(grid!.origin_lng, grid!.origin_lat);
    const engine = new Map<string, string>();
    ds.responseIds.forEach((id, i) => {
      const street = ds.streetAssignment.unit[i]!;
      const areas = layers.flatMap((layer) => (layer.unitOfResponse[i]! >= 0 ? [layer.unitIds[layer.unitOfResponse[i]!]!] : [])).sort();
      const [lng, lat] = [ds.responseLngs[i]!, ds.responseLats[i]!];
      const hex = Number.isFinite(lng) && Number.isFinite(lat) ? hexCellOf(...projection.forward(lng, lat), grid!.size_meters).join(',') : null;
      engine.set(id, JSON.stringify([street >= 0 ? ds.streets.unitIds[street] : null, areas, hex]));
    });
    const differ = stored.filter((r) => engine.get(r.id) !== JSON.stringify([r.street, [...r.areas].sort(), r.hex]))
      .map((r) => `${r.id}: SQL ${JSON.stringify([r.street, r.areas, r.hex])} engine ${engine.get(r.id)}`);
    expect(differ.slice(0, 10)).toEqual([]);
    expect(stored.length).toBe(engine.size);
    // Every kind of assignment really occurs: by address, by street only (areas by majority), by a bare point.
    expect(stored.filter((r) => r.hex === null && r.areas.length > 0).length).toBeGreaterThan(10);
    expect(stored.filter((r) => r.street !== null && r.hex !== null).length).toBeGreaterThan(5000);
  });

  it('counts the same responses in total: Σ responses over streets (k = 1) = the engine\'s assigned responses', async () => {
    for (const campaign of campaigns()) {
      const sql = await sqlRows('street', campaign, 'housing', 1, 1);
      const agg = aggregateDataset(ds, { kind: 'street' }, { campaignIds: [campaign], needIds: ['housing'], minResponses: 1 });
      const sqlTotal = sql.reduce((sum, row) => sum + Number(row.responses ?? 0), 0);
      expect(sqlTotal).toBe(agg.totalResponses - agg.unassignedResponses);
      expect(sqlTotal).toBeGreaterThan(2500);
    }
  });
});

describe('load_workspace returns the workspace as domain JSON, under RLS', () => {
  it('gives a planner the demo town exactly as data/demo holds it (records sorted by id, needs by category)', async () => {
    const loaded = await asPlanner((tx) => tx.query<{ w: unknown }>('select public.load_workspace($1) as w', [workspace.organisation.id]));
    const parsed = parseWorkspacePayload(loaded[0]!.w);
    expect(parsed.issues).toEqual([]);
    const byId = <T extends { id: string }>(xs: readonly T[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const needOrder = new Map(NEED_CATEGORY_IDS.map((id, i) => [id, i]));
    const normalised = {
      ...workspace,
      // Stored as a one-part MultiPolygon (README: known limits).
      areas: byId(workspace.areas).map((a) => ({ ...a, geometry: a.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [a.geometry.coordinates] } : a.geometry })),
      programmes: byId(workspace.programmes).map((p) => ({ ...p, targetGeometry: p.targetGeometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [p.targetGeometry.coordinates] } : p.targetGeometry })),
      responses: byId(workspace.responses).map((r) => ({ ...r, needs: [...r.needs].sort((a, b) => needOrder.get(a.category)! - needOrder.get(b.category)!) })),
      streets: byId(workspace.streets), addresses: byId(workspace.addresses), campaigns: byId(workspace.campaigns),
      resources: byId(workspace.resources), groups: byId(workspace.groups), events: byId(workspace.events),
    };
    expect(parsed.workspace).toEqual(normalised);
  });

  it('gives a surveyor only their own responses, a partner none, a non-member null', async () => {
    const org = workspace.organisation.id;
    const users = { surveyor: '00000000-0000-4000-8000-0000000000a2', partner: '00000000-0000-4000-8000-0000000000a3', outsider: '00000000-0000-4000-8000-0000000000a4' };
    await db.query('insert into auth.users (id) select unnest($1::uuid[]) on conflict do nothing', [Object.values(users)]);
    await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $3, 'surveyor'), ($2, $3, 'partner') on conflict do nothing`, [users.surveyor, users.partner, org]);
    const mine = workspace.responses.slice(0, 3).map((r) => r.id);
    await db.query('update public.survey_responses set created_by = $1 where organisation_id = $2 and id = any($3::text[])', [users.surveyor, org, mine]);
    const load = (user: string) => asCaller(db, { role: 'authenticated', userId: user }, (tx) => tx.query<{ w: Record<string, unknown[]> | null }>('select public.load_workspace($1) as w', [org]));
    const surveyor = (await load(users.surveyor))[0]!.w!;
    expect((surveyor.responses as { id: string }[]).map((r) => r.id).sort()).toEqual([...mine].sort());
    expect(surveyor.streets!.length).toBe(workspace.streets.length);
    const partner = (await load(users.partner))[0]!.w!;
    expect(partner.responses).toEqual([]);
    expect(partner.areas!.length).toBe(workspace.areas.length);
    expect((await load(users.outsider))[0]!.w).toBeNull();
    await expect(asCaller(db, { role: 'anon' }, (tx) => tx.query('select public.load_workspace($1)', [org]))).rejects.toThrow(/permission denied/);
  });

  it('save_records saves a batch all or nothing and names the failing rows', async () => {
    const org = workspace.organisation.id;
    const events = [
      { id: 'batch-1', name: 'Piknik', kind: 'picnic', date: '2026-06-01', location: { type: 'Point', coordinates: [19.3, 50.15] }, placeName: 'Park', programme: [], participants: 40 },
      { id: 'batch-2', name: 'Warsztaty', kind: 'workshop', date: '2026-06-31', location: { type: 'Point', coordinates: [19.3, 50.15] }, placeName: 'Dom kultury', programme: [], participants: 12 },
    ];
    const [rejected, count, accepted] = await asPlanner(async (tx) => {
      const bad = await tx.query<{ r: unknown }>('select public.save_records($1, $2, $3::jsonb) as r', [org, 'events', JSON.stringify(events)]);
      const n = await tx.query<{ n: number }>(`select count(*)::int as n from public.events where organisation_id = $1 and id like 'batch-%'`, [org]);
      const good = await tx.query<{ r: unknown }>('select public.save_records($1, $2, $3::jsonb) as r', [org, 'events', JSON.stringify([events[0], { ...events[1], date: '2026-06-30' }])]);
      return [bad[0]!.r, n[0]!.n, good[0]!.r];
    });
    expect(rejected).toMatchObject({ ok: false, saved: 0, issues: [{ row: 1, field: 'date' }] });
    expect(count).toBe(0);
    expect(accepted).toEqual({ ok: true, saved: 2, issues: [] });
  });
});

