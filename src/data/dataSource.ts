import type { FirstPaintMap } from './firstPaint';
import type { CollectionName, CollectionRecord, InputIssue, LeaderContact, SurveyResponse, Workspace } from '../domain';

/** What loading a workspace yields: the records that validated, and every problem met on the way. */
export interface LoadedWorkspace {
  workspace: Workspace;
  /** Records that failed validation were left out; each is described here (source, row, field). */
  issues: InputIssue[];
  /**
   * True when the workspace is exactly the town the build drew for the first paint (`firstPaint`): the demo,
   * every file read and valid, no change of the user's on top. The map then keeps the sources it already drew.
   */
  asBuilt?: boolean;
}

/** One tile of a large town's map (src/map/tiledTown.ts): a layer named as the map's source, web-mercator z/x/y. */
export interface MapTileQuery {
  layer: 'streets' | 'addresses';
  z: number;
  x: number;
  y: number;
}

/** A Mapbox Vector Tile's bytes (zero-length: nothing there), or why it could not be read. */
export type MapTileResult = { ok: true; bytes: Uint8Array } | { ok: false; issues: InputIssue[] };

/** The outcome of a write: either done, or rejected with the problems that name the field. */
export type WriteResult = { ok: true } | { ok: false; issues: InputIssue[] };

/** The leader contacts a planner may read (expired ones already deleted), or why they cannot be read. */
export type LeaderContactsResult = { ok: true; contacts: LeaderContact[]; issues: InputIssue[] } | { ok: false; issues: InputIssue[] };

/** How many expired contacts a purge deleted, or why it failed. */
export type PurgeResult = { ok: true; deleted: number } | { ok: false; issues: InputIssue[] };

/**
 * Changes to several collections that belong together (an import of streets with their addresses, a workspace
 * replaced from a file): records to create or replace, and ids to delete, by collection. Absent or empty lists
 * change nothing. An id may not be both upserted and deleted in one collection.
 */
export interface WorkspaceChanges {
  upserts?: { [C in CollectionName]?: readonly CollectionRecord<C>[] };
  deletes?: { [C in CollectionName]?: readonly string[] };
}

/**
 * The one interface the UI reads and writes through. Two adapters implement it:
 * embedded (browser: demo data from data/ plus the user's changes in IndexedDB) and Supabase.
 * Every method validates what crosses it with the zod schemas of src/domain.
 */
export interface DataSource {
  readonly kind: 'embedded' | 'supabase';
  /** Embedded: which workspace of this browser is open (the demo town or a centre's own town). Supabase: absent. */
  readonly workspaceId?: string;
  /** Loads the whole workspace of the current organisation. An abort rejects with an AbortError. */
  loadWorkspace(signal?: AbortSignal): Promise<LoadedWorkspace>;
  /**
   * The town's map as the build made it, to draw before the workspace is loaded (issue #16 first paint), or null when
   * there is none (a centre's own workspace, `vite dev`). Known when the adapter is created (createDataSource), so the
   * map is created with these sources in its style: nothing is waited for between the map and its first tiles. The
   * user's changes on top of it are not waited for: the loaded workspace then comes without `asBuilt` and replaces the
   * drawing. Absent: an adapter without a build-time town (Supabase) draws from the loaded workspace only.
   */
  readonly firstPaint?: FirstPaintMap | null;
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
  /**
   * Applies upserts and deletes across collections ALL OR NOTHING. Everything is validated first (each record
   * with its collection's schema, each id); then one transaction writes it (embedded: one IndexedDB transaction;
   * Supabase: the apply_changes RPC, one database transaction), upserts in reference order (areas, streets,
   * addresses, … responses) and deletes after them in reverse. If anything fails, nothing is stored.
   * Issues name the collection (`source`), the 0-based `row` in that collection's upsert or delete list, and the
   * field. An abort before the commit rejects with an AbortError and stores nothing.
   *
   * @example
   * const result = await source.applyChanges({ upserts: { streets, addresses }, deletes: { addresses: ['addr-9'] } }, signal);
   * if (!result.ok) showIssues(result.issues); // e.g. { source: 'addresses', row: 3, field: 'location', message: '…' }
   */
  applyChanges(changes: WorkspaceChanges, signal?: AbortSignal): Promise<WriteResult>;
  /**
   * Leader contacts (src/domain/leaderContact.ts) are NOT part of the Workspace, so nothing that reads the workspace
   * (maps, aggregates, exports, share packages, partner views) can reach them. Embedded: a store of their own in
   * IndexedDB. Supabase: the `leader_contacts` table, which only the centre's admins and planners read (RLS).
   * Loading deletes the expired ones first (their `retainUntil` has passed), so an expired contact is never shown.
   */
  loadLeaderContacts(signal?: AbortSignal): Promise<LeaderContactsResult>;
  /**
   * Saves a household's answers together with the contact its resident consented to: both or neither (embedded:
   * one IndexedDB transaction; Supabase: the save_response_with_leader_contact RPC, one database transaction).
   * The contact must belong to the response (`responseId`). Issues name the source (`responses`, `leaderContacts`) and field.
   */
  saveResponseWithLeaderContact(response: SurveyResponse, contact: LeaderContact, signal?: AbortSignal): Promise<WriteResult>;
  /**
   * Brings a contact's deletion date forward (the planner keeps it for a shorter time than the 12 months the resident
   * agreed to; never longer: a later date is refused, naming `retainUntil`). A contact that is not there is an issue.
   */
  shortenLeaderContactRetention(id: string, retainUntil: string, signal?: AbortSignal): Promise<WriteResult>;
  /** Deletes one contact (the resident withdrew consent, or the planner no longer needs it). Missing is not an error. */
  deleteLeaderContact(id: string, signal?: AbortSignal): Promise<WriteResult>;
  /** Deletes every contact whose retention date has passed (embedded: also done on every loadWorkspace). */
  deleteExpiredLeaderContacts(signal?: AbortSignal): Promise<PurgeResult>;
  /**
   * Supabase: one vector tile of the centre's streets or addresses cut by the server (the map_tile RPC, for members
   * of the centre only), for a town too large for the browser to tile (src/map/tiledTown.ts): the same features as the
   * analysis worker would cut (src/map/townTiles.ts). Embedded: absent (the worker cuts them). Aborts reject.
   */
  mapTile?(query: MapTileQuery, signal?: AbortSignal): Promise<MapTileResult>;
  /** Embedded: drops the user's changes and returns to the demo town. Supabase: not available. */
  resetToDemo?(signal?: AbortSignal): Promise<void>;
}
