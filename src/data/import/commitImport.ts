import type { DataSource, WriteResult } from '../dataSource';
import type { ImportPlan } from './planImport';

/**
 * Writes a plan that has no errors: one `saveRecords` per collection (each one IndexedDB transaction), streets before
 * the addresses that reference them. A plan with errors writes nothing. See README "Decisions" for the two-collection case.
 */
export async function commitImport(plan: ImportPlan, dataSource: DataSource, signal?: AbortSignal): Promise<WriteResult> {
  if (!plan.ok) return { ok: false, issues: plan.issues.filter((i) => i.severity === 'error') };
  if (!dataSource.saveRecords) {
    return { ok: false, issues: [{ source: 'import', field: '(storage)', message: 'this data source cannot import all or nothing; nothing was saved' }] };
  }
  for (const collection of ['streets', 'addresses', 'resources', 'responses'] as const) {
    const records = plan.records[collection];
    if (records.length === 0) continue;
    const result = await dataSource.saveRecords(collection, records as never, signal);
    if (!result.ok) return result;
  }
  return { ok: true };
}
