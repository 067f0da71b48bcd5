import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEED_CATEGORY_IDS, type NeedCategoryId, type Workspace } from '../../src/domain';
import { prepareDataset, type PreparedDataset } from '../../src/analysis/dataset';
import { disclosedUnits, publishedMemberships, type PublishedHexGrid } from '../../src/analysis/disclosureControl';
import { openMigratedDatabase, type Database } from './support/database';
import { loadDemoTown, SEED_PATH } from './support/parityDemo';

/**
 * Issue 11: the embedded partner package (src/analysis/disclosureControl.ts) hides the same cells as the SQL disclosure
 * layer (private.disclosed_units) on the demo town: which units are published, how each need count is shown (exact,
 * band, hidden) and its responses and need count — both waves, several need selections, k = 5 and k = 8, on the centre's
 * fixed grid.
 */

let db: Database;
let workspace: Workspace;
let ds: PreparedDataset;
let grid: PublishedHexGrid;

beforeAll(async () => {
  db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  const demo = await loadDemoTown();
  workspace = demo.workspace;
  ds = prepareDataset(workspace);
  const [row] = await db.query<{ size_meters: number; origin_lng: number; origin_lat: number }>('select size_meters, origin_lng, origin_lat from public.hex_grids where organisation_id = $1', [workspace.organisation.id]);
  grid = { sizeMeters: row!.size_meters, originLng: row!.origin_lng, originLat: row!.origin_lat };
}, 240_000);
afterAll(async () => {
  await db?.close();
});

type SqlUnit = { unit_kind: string; unit_id: string; responses: number; need_count: number; published: boolean; need_shown: string | null };

const CASES: { campaign: string; needs: NeedCategoryId[] | null; minSeverity: 1 | 2 | 3; k: number }[] = [
  { campaign: 'campaign-2025-w1', needs: ['addiction'], minSeverity: 1, k: 5 },
  { campaign: 'campaign-2025-w1', needs: null, minSeverity: 1, k: 5 },
  { campaign: 'campaign-2026-w2', needs: ['housing', 'unemployment'], minSeverity: 2, k: 5 },
  { campaign: 'campaign-2026-w2', needs: ['loneliness_seniors'], minSeverity: 1, k: 8 },
];

describe('the engine\'s partner package hides the same cells as the SQL', () => {
  for (const c of CASES) {
    it(`${c.campaign}, ${c.needs?.join('+') ?? 'any need'} ≥ ${c.minSeverity}, k = ${c.k}`, async () => {
      const sql = await db.query<SqlUnit>(`select * from private.disclosed_units($1, $2, $3::public.need_category[], $4, $5)`,
        [workspace.organisation.id, c.campaign, c.needs === null ? null : `{${c.needs.join(',')}}`, c.minSeverity, c.k]);
      const needIds: readonly NeedCategoryId[] = c.needs ?? NEED_CATEGORY_IDS;
      const mask = needIds.reduce<number>((m, id) => m | (1 << NEED_CATEGORY_IDS.indexOf(id)), 0);
      const masks = ds.needMasksBySeverity[c.minSeverity - 1]!;
      const homes = new Map(workspace.responses.map((r) => [r.id, r]));
      const engine = disclosedUnits(publishedMemberships(ds, c.campaign, (i) => (masks[i]! & mask) !== 0, grid, homes), c.k);
      const fromSql = new Map(sql.map((u) => [`${u.unit_kind}:${u.unit_id}`, [u.responses, u.need_count, u.published, u.need_shown]]));
      const fromEngine = new Map([...engine].map(([key, u]) => [key, [u.responses, u.needCount, u.published, u.needShown]]));
      const differences = [...new Set([...fromSql.keys(), ...fromEngine.keys()])]
        .filter((key) => JSON.stringify(fromSql.get(key)) !== JSON.stringify(fromEngine.get(key)))
        .map((key) => `${key}: SQL ${JSON.stringify(fromSql.get(key))} engine ${JSON.stringify(fromEngine.get(key))}`);
      expect(differences.slice(0, 10)).toEqual([]);
      const published = sql.filter((u) => u.published).length;
      expect(published).toBeGreaterThan(100);
      expect(sql.length - published).toBeGreaterThan(50); // both sides really hide cells
    }, 240_000);
  }
});
