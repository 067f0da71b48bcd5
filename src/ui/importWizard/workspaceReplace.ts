import type { DataSource, WriteResult } from '../../data/dataSource';
import { COLLECTION_NAMES, type CollectionName, type CollectionRecord, type Workspace } from '../../domain';

/**
 * Replacing the whole workspace with one read from a workspace file: the records of the file that differ from the
 * stored ones are upserted and the stored records the file does not hold are deleted, all in ONE
 * `DataSource.applyChanges` call, so the workspace is either wholly replaced or left as it was.
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

/**
 * Applies a replacement in one `applyChanges` call: all of it is stored, or (on any refusal, failure or abort)
 * nothing. The adapter orders the writes (what others refer to first; deletes after, in reverse).
 * Returns the refusal's issues; an abort rejects with an AbortError.
 */
export async function applyWorkspaceReplacement(dataSource: DataSource, replacement: WorkspaceReplacement, signal?: AbortSignal): Promise<WriteResult> {
  const deletes: { [C in CollectionName]?: string[] } = {};
  for (const { collection, id } of replacement.deletes) (deletes[collection] ??= []).push(id);
  if (Object.keys(replacement.upserts).length === 0 && replacement.deletes.length === 0) return { ok: true };
  return dataSource.applyChanges({ upserts: replacement.upserts, deletes }, signal);
}
