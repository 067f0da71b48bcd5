import type { CollectionName, CollectionRecord, InputIssue, Workspace } from '../domain';

/** What loading a workspace yields: the records that validated, and every problem met on the way. */
export interface LoadedWorkspace {
  workspace: Workspace;
  /** Records that failed validation were left out; each is described here (source, row, field). */
  issues: InputIssue[];
}

/** The outcome of a write: either done, or rejected with the problems that name the field. */
export type WriteResult = { ok: true } | { ok: false; issues: InputIssue[] };

/**
 * The one interface the UI reads and writes through. Two adapters implement it:
 * embedded (browser: demo data from data/ plus the user's changes in IndexedDB) and Supabase.
 * Every method validates what crosses it with the zod schemas of src/domain.
 */
export interface DataSource {
  readonly kind: 'embedded' | 'supabase';
  /** Loads the whole workspace of the current organisation. An abort rejects with an AbortError. */
  loadWorkspace(signal?: AbortSignal): Promise<LoadedWorkspace>;
  /** Creates or replaces one record (matched by id). An abort before the write is done rejects with an AbortError. */
  saveRecord<C extends CollectionName>(collection: C, record: CollectionRecord<C>, signal?: AbortSignal): Promise<WriteResult>;
  /**
   * Creates or replaces many records of one collection, all or nothing (an import): every record is validated
   * first, issues carry the record's 0-based row, and if any record fails (or the write fails) nothing is stored.
   * Optional: an adapter without it cannot import atomically. An abort before the commit stores nothing.
   */
  saveRecords?<C extends CollectionName>(collection: C, records: readonly CollectionRecord<C>[], signal?: AbortSignal): Promise<WriteResult>;
  /** Deletes one record by id; deleting what is not there is not an error. */
  deleteRecord(collection: CollectionName, id: string, signal?: AbortSignal): Promise<WriteResult>;
  /** Embedded: drops the user's changes and returns to the demo town. Supabase: not available. */
  resetToDemo?(signal?: AbortSignal): Promise<void>;
}
