import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { NeedCategoryId, Workspace } from '../../../src/domain';
import { prepareDataset, type PreparedDataset } from '../../../src/analysis/dataset';
import { openMigratedDatabase, type Database } from './database';
import { loadDemoWorkspace, type LoadedDemo } from '../../../src/data/embedded/demoLoader';
import type { UnitAggregates } from '../../../src/analysis/unitAggregates';
import { UNIT_SUPPRESSED } from '../../../src/analysis/unitAggregates';

/**
 * The demo town (data/demo) for the SQL ↔ analysis-engine parity test: the same files the app bundles,
 * read through the embedded adapter's loader, and a comparison of one RPC answer with one engine answer.
 */

export const DEMO_DIR = join(import.meta.dirname, '..', '..', '..', 'data', 'demo');
export const SEED_PATH = join(import.meta.dirname, '..', '..', 'seed.sql');

export function loadDemoTown(): Promise<LoadedDemo> {
  return loadDemoWorkspace((fileName) => readFile(join(DEMO_DIR, fileName), 'utf8'));
}

/** The planner of the demo centre in the parity databases. */
export const PARITY_PLANNER = '00000000-0000-4000-8000-0000000000a1';

/**
 * A migrated database holding seed.sql (the demo town) with PARITY_PLANNER a planner of its centre, beside the same
 * town as the engine reads it (the demo files, prepared). Throws when the demo files load with issues.
 */
export async function openParityDemo(): Promise<{ db: Database; workspace: Workspace; ds: PreparedDataset }> {
  const db = await openMigratedDatabase();
  await db.exec(readFileSync(SEED_PATH, 'utf8'));
  const demo = await loadDemoTown();
  if (demo.issues.length > 0) throw new Error(`the demo town loads with issues: ${demo.issues.map((i) => i.message).join('; ')}`);
  await db.query('insert into auth.users (id) values ($1)', [PARITY_PLANNER]);
  await db.query('insert into public.memberships (user_id, organisation_id, role) values ($1, $2, $3)', [PARITY_PLANNER, demo.workspace.organisation.id, 'planner']);
  return { db, workspace: demo.workspace, ds: prepareDataset(demo.workspace) };
}

/** One row of campaign_aggregates_by_street | _by_area | _by_hex. */
export interface SqlUnitRow {
  unit_id: string;
  label: string | null;
  households: number | null;
  responses: number | null;
  need_count: number | null;
  need_rate: number | null;
  rate_low: number | null;
  rate_high: number | null;
  suppressed: boolean;
}

/** The engine's figures of one unit for need column 0, in the RPC's vocabulary. */
export interface EngineUnitRow {
  unit_id: string;
  households: number;
  responses: number;
  need_count: number;
  need_rate: number;
  rate_low: number;
  rate_high: number;
  suppressed: boolean;
}

/** Engine rows keyed by the RPC's unit id (hexagons: `hex250:q:r` → `q,r`), for one answer column (default 0). */
export function engineRows(agg: UnitAggregates<string>, column = 0): Map<string, EngineUnitRow> {
  const rows = new Map<string, EngineUnitRow>();
  for (let u = 0; u < agg.unitCount; u++) {
    const id = agg.kind === 'hex' ? agg.unitIds[u]!.split(':').slice(1).join(',') : agg.unitIds[u]!;
    const j = u * agg.needCount + column; // a need query asks for one need: column 0
    rows.set(id, {
      unit_id: id,
      households: agg.households[u]!,
      responses: agg.responses[u]!,
      need_count: agg.needCounts[j]!,
      need_rate: agg.needRates[j]!,
      rate_low: agg.needLower[j]!,
      rate_high: agg.needUpper[j]!,
      suppressed: (agg.flags[u]! & UNIT_SUPPRESSED) !== 0,
    });
  }
  return rows;
}

export const TOLERANCE = 1e-9;

/**
 * Every difference between the RPC's rows and the engine's, as readable lines (empty = parity).
 * Suppressed units: the RPC hides every figure, so only the flag (and households, which are not survey answers)
 * are compared. `compareHouseholds` is off where the RPC does not report households.
 */
export function differences(sql: readonly SqlUnitRow[], engine: Map<string, EngineUnitRow>, options: { compareHouseholds: boolean; engineUnitsWithoutResponses: 'listed' | 'omitted' }): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const row of sql) {
    seen.add(row.unit_id);
    const e = engine.get(row.unit_id);
    if (!e) {
      out.push(`${row.unit_id}: in SQL only (responses ${row.responses})`);
      continue;
    }
    if (row.suppressed !== e.suppressed) out.push(`${row.unit_id}: suppressed SQL ${row.suppressed} engine ${e.suppressed} (engine responses ${e.responses})`);
    if (options.compareHouseholds && Number(row.households) !== e.households) out.push(`${row.unit_id}: households SQL ${row.households} engine ${e.households}`);
    if (row.suppressed) {
      if (row.responses !== null || row.need_count !== null || row.need_rate !== null || row.rate_low !== null || row.rate_high !== null) out.push(`${row.unit_id}: suppressed but SQL shows figures`);
      continue;
    }
    if (Number(row.responses) !== e.responses) out.push(`${row.unit_id}: responses SQL ${row.responses} engine ${e.responses}`);
    if (Number(row.need_count) !== e.need_count) out.push(`${row.unit_id}: need_count SQL ${row.need_count} engine ${e.need_count}`);
    for (const key of ['need_rate', 'rate_low', 'rate_high'] as const) {
      if (!(Math.abs(Number(row[key]) - e[key]) <= TOLERANCE)) out.push(`${row.unit_id}: ${key} SQL ${row[key]} engine ${e[key]}`);
    }
  }
  for (const [id, e] of engine) {
    if (seen.has(id)) continue;
    if (e.responses === 0 && options.engineUnitsWithoutResponses === 'omitted') continue;
    out.push(`${id}: in engine only (responses ${e.responses})`);
  }
  return out;
}

/** The cases of the parity test: both waves × needs (with a planted cluster and without) × minimum severity. */
export const PARITY_NEEDS: readonly NeedCategoryId[] = ['unemployment', 'loneliness_seniors', 'housing'];
