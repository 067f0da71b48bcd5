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
  /** Creates or replaces one record (matched by id). */
  saveRecord<C extends CollectionName>(collection: C, record: CollectionRecord<C>): Promise<WriteResult>;
  /** Deletes one record by id; deleting what is not there is not an error. */
  deleteRecord(collection: CollectionName, id: string): Promise<WriteResult>;
  /** Embedded: drops the user's changes and returns to the demo town. Supabase: not available. */
  resetToDemo?(): Promise<void>;
}
