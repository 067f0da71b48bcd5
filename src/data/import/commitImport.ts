import type { DataSource, WorkspaceChanges, WriteResult } from '../dataSource';
import type { ImportPlan } from './planImport';

/**
 * Writes a plan that has no errors with ONE `applyChanges` call: every collection of the plan (an OSM export gives
 * streets and the addresses on them) is stored in one transaction, or nothing is. A plan with errors writes nothing.
 * An abort before the commit rejects with an AbortError and stores nothing.
 */
export async function commitImport(plan: ImportPlan, dataSource: DataSource, signal?: AbortSignal): Promise<WriteResult> {
  if (!plan.ok) return { ok: false, issues: plan.issues.filter((i) => i.severity === 'error') };
  const upserts: NonNullable<WorkspaceChanges['upserts']> = {};
  if (plan.records.streets.length) upserts.streets = plan.records.streets;
  if (plan.records.addresses.length) upserts.addresses = plan.records.addresses;
  if (plan.records.resources.length) upserts.resources = plan.records.resources;
  if (plan.records.responses.length) upserts.responses = plan.records.responses;
  if (Object.keys(upserts).length === 0) return { ok: true };
  return dataSource.applyChanges({ upserts }, signal);
}
