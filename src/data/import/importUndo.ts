import type { Workspace } from '../../domain';
import type { WorkspaceChanges } from '../dataSource';
import type { ImportRecords } from './planImport';

/**
 * The changes that take an import back, computed before it is committed: every record the import adds is deleted, and
 * every record it replaces (same id, e.g. a street re-imported from a newer export) gets its previous version back.
 * Applied with one `DataSource.applyChanges`, so an import is undone in one step, all or nothing. O(records).
 *
 * @example const undo = importUndoChanges(plan.records, workspace); … await dataSource.applyChanges(undo);
 */
export function importUndoChanges(records: ImportRecords, workspace: Workspace): WorkspaceChanges {
  const upserts: NonNullable<WorkspaceChanges['upserts']> = {};
  const deletes: NonNullable<WorkspaceChanges['deletes']> = {};
  for (const collection of ['streets', 'addresses', 'resources', 'responses'] as const) {
    const before = new Map<string, unknown>((workspace[collection] as Array<{ id: string }>).map((r) => [r.id, r]));
    const restore: unknown[] = [];
    const remove: string[] = [];
    for (const record of records[collection] as Array<{ id: string }>) {
      const previous = before.get(record.id);
      if (previous) restore.push(previous);
      else remove.push(record.id);
    }
    if (restore.length) (upserts as Record<string, unknown[]>)[collection] = restore;
    if (remove.length) deletes[collection] = remove;
  }
  return { upserts, deletes };
}
