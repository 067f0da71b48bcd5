import type { DataSource, WorkspaceChanges, WriteResult } from '../dataSource';
import type { ImportPlan } from './planImport';

export interface CommitOptions {
  /**
   * Write only the rows without errors (`plan.partial.records`) of a plan that has errors, when `plan.partial.allowed`.
   * Still ONE applyChanges: every chosen row is stored, or none is.
   */
  validRowsOnly?: boolean;
}

/**
 * Writes a plan that has no errors with ONE `applyChanges` call: every collection of the plan (an OSM export gives
 * streets and the addresses on them) is stored in one transaction, or nothing is. A plan with errors writes nothing.
 * An abort before the commit rejects with an AbortError and stores nothing.
 */
export async function commitImport(plan: ImportPlan, dataSource: DataSource, signal?: AbortSignal, options: CommitOptions = {}): Promise<WriteResult> {
  const validRowsOnly = options.validRowsOnly === true && !plan.ok;
  if (!plan.ok && !(validRowsOnly && plan.partial.allowed)) return { ok: false, issues: plan.issues.filter((i) => i.severity === 'error') };
  const records = validRowsOnly ? plan.partial.records : plan.records;
  const upserts: NonNullable<WorkspaceChanges['upserts']> = {};
  if (records.streets.length) upserts.streets = records.streets;
  if (records.addresses.length) upserts.addresses = records.addresses;
  if (records.resources.length) upserts.resources = records.resources;
  if (records.responses.length) upserts.responses = records.responses;
  if (Object.keys(upserts).length === 0) return { ok: true };
  return dataSource.applyChanges({ upserts }, signal);
}
