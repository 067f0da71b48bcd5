import type { DataSource, WriteResult } from '../../data/dataSource';
import { COLLECTION_NAMES, type CollectionName, type CollectionRecord, type Workspace } from '../../domain';

/**
 * Replacing the whole workspace with one read from a workspace file, through the DataSource's record calls
 * (the interface has no "replace everything" call): every collection's records from the file are written with one
 * `saveRecords` each (each all or nothing), then records the file does not hold are deleted.
 * Records equal to the ones already stored are not written again.
 */
export interface WorkspaceReplacement {
  upserts: { [C in CollectionName]?: CollectionRecord<C>[] };
  deletes: Array<{ collection: CollectionName; id: string }>;
  /** True when the file's organisation differs from the current one: it is not a collection, so it stays. */
  organisationDiffers: boolean;
  unchanged: number;
}

/** The writes that turn `current` into `next`. Pure; O(records) (JSON comparison of records with the same id). */
export function planWorkspaceReplacement(current: Workspace, next: Workspace): WorkspaceReplacement {
  const upserts: WorkspaceReplacement['upserts'] = {};
  const deletes: WorkspaceReplacement['deletes'] = [];
  let unchanged = 0;
  for (const collection of COLLECTION_NAMES) {
    const before = new Map<string, string>();
    for (const record of current[collection] as Array<{ id: string }>) before.set(record.id, JSON.stringify(record));
    const incoming = next[collection] as Array<{ id: string }>;
    const changed: Array<{ id: string }> = [];
    const keep = new Set<string>();
    for (const record of incoming) {
      keep.add(record.id);
      if (before.get(record.id) === JSON.stringify(record)) unchanged++;
      else changed.push(record);
    }
    if (changed.length) (upserts as Record<string, unknown>)[collection] = changed;
    for (const id of before.keys()) if (!keep.has(id)) deletes.push({ collection, id });
  }
  return { upserts, deletes, organisationDiffers: JSON.stringify(current.organisation) !== JSON.stringify(next.organisation), unchanged };
}

/** Order of writes: what others refer to first (areas before streets before addresses before answers). */
const WRITE_ORDER: readonly CollectionName[] = ['areas', 'streets', 'addresses', 'campaigns', 'resources', 'groups', 'programmes', 'events', 'responses'];

/**
 * Applies a replacement. Stops at the first refusal and returns it; an abort rejects with an AbortError.
 * Each collection's write is all or nothing; across collections it is in order (see WRITE_ORDER).
 */
export async function applyWorkspaceReplacement(dataSource: DataSource, replacement: WorkspaceReplacement, signal?: AbortSignal): Promise<WriteResult> {
  if (!dataSource.saveRecords) {
    return { ok: false, issues: [{ source: 'workspace file', field: '(storage)', message: 'this data source cannot save many records at once; nothing was changed' }] };
  }
  for (const collection of WRITE_ORDER) {
    const records = replacement.upserts[collection];
    if (!records?.length) continue;
    const result = await dataSource.saveRecords(collection, records as never, signal);
    if (!result.ok) return result;
  }
  for (const { collection, id } of [...replacement.deletes].reverse()) {
    const result = await dataSource.deleteRecord(collection, id, signal);
    if (!result.ok) return result;
  }
  return { ok: true };
}
