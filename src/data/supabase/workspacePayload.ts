import type { z } from 'zod';
import {
  COLLECTION_NAMES,
  COLLECTION_SCHEMAS,
  Organisation,
  issuesFromZod,
  type CollectionName,
  type CollectionRecord,
  type InputIssue,
  type Workspace,
} from '../../domain';
import { serverSideIssue } from './serverIssues';

/**
 * Parses the reply of the load_workspace RPC (domain JSON, see supabase/migrations/…_load_workspace.sql) record by
 * record with the zod schemas of src/domain: a bad record is left out and reported with its collection, row and
 * field; a bad organisation or a reply of the wrong shape becomes an issue and an empty workspace. Never throws.
 * O(records).
 */

/** Shown while nobody is signed in, or when the server's organisation cannot be read; valid against Organisation. */
export const SIGNED_OUT_ORGANISATION: Organisation = Object.freeze({
  id: 'signed-out',
  name: 'Nie zalogowano',
  kind: 'other',
  gminaTeryt: '0000001',
  town: '—',
});

/** After this many bad records in one collection the rest are only counted (as the demo loader does). */
export const MAX_REPORTED_RECORDS_PER_COLLECTION = 50;

export function emptyWorkspace(organisation: Organisation = SIGNED_OUT_ORGANISATION): Workspace {
  return { v: 1, organisation, areas: [], streets: [], addresses: [], campaigns: [], responses: [], resources: [], groups: [], programmes: [], events: [] };
}

function parseCollection<C extends CollectionName>(collection: C, value: unknown, issues: InputIssue[]): CollectionRecord<C>[] {
  if (value === undefined) {
    issues.push(serverSideIssue('(collection)', { code: 'collection_missing' }, 'the server sent no records for this collection', collection));
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push(serverSideIssue('(collection)', { code: 'collection_not_list' }, 'the server sent something other than a list of records; nothing was loaded from it', collection));
    return [];
  }
  const schema = COLLECTION_SCHEMAS[collection] as unknown as z.ZodType<CollectionRecord<C>>;
  const records: CollectionRecord<C>[] = [];
  const seen = new Set<string>();
  let bad = 0;
  value.forEach((record: unknown, row) => {
    const result = schema.safeParse(record);
    const problems = result.success
      ? seen.has(result.data.id) ? [{ ...serverSideIssue('id', { code: 'duplicate_id', id: result.data.id }, `id "${result.data.id}" appears twice; the second was skipped`, collection), row }] : []
      : issuesFromZod(result.error, collection, row);
    if (problems.length > 0) {
      bad++;
      if (bad <= MAX_REPORTED_RECORDS_PER_COLLECTION) issues.push(...problems);
      return;
    }
    if (result.success) {
      seen.add(result.data.id);
      records.push(result.data);
    }
  });
  if (bad > MAX_REPORTED_RECORDS_PER_COLLECTION) {
    issues.push(serverSideIssue('(collection)', { code: 'more_invalid_records', count: bad - MAX_REPORTED_RECORDS_PER_COLLECTION }, `${bad - MAX_REPORTED_RECORDS_PER_COLLECTION} more invalid records were skipped and are not listed`, collection));
  }
  return records;
}

/**
 * The workspace in a load_workspace reply. `null` (the RPC's answer to a non-member) yields an empty workspace and
 * an issue saying so.
 * @example parseWorkspacePayload({ v: 1, organisation: {…}, areas: [...], … }) → { workspace, issues: [] }
 */
export function parseWorkspacePayload(payload: unknown): { workspace: Workspace; issues: InputIssue[] } {
  const issues: InputIssue[] = [];
  if (payload === null) {
    return { workspace: emptyWorkspace(), issues: [serverSideIssue('(organisation)', { code: 'not_member' }, 'you are not a member of this centre, or it does not exist; ask its admin to add you')] };
  }
  if (typeof payload !== 'object' || Array.isArray(payload)) {
    return { workspace: emptyWorkspace(), issues: [serverSideIssue('(server)', { code: 'workspace_not_object' }, 'the server sent a workspace that is not a JSON object; nothing was loaded')] };
  }
  const body = payload as Record<string, unknown>;
  if (body.v !== 1) {
    issues.push(serverSideIssue('v', { code: 'workspace_version', version: JSON.stringify(body.v) ?? 'undefined' }, `the server's workspace has version ${JSON.stringify(body.v)}; this app reads version 1 and loads what it can`));
  }
  const organisation = Organisation.safeParse(body.organisation);
  if (!organisation.success) {
    issues.push(...issuesFromZod(organisation.error, 'organisation'));
    issues.push(serverSideIssue('(record)', { code: 'organisation_unreadable' }, 'the centre could not be read; its records are still shown', 'organisation'));
  }
  const workspace = emptyWorkspace(organisation.success ? organisation.data : SIGNED_OUT_ORGANISATION);
  for (const collection of COLLECTION_NAMES) {
    (workspace as Record<CollectionName, unknown[]>)[collection] = parseCollection(collection, body[collection], issues);
  }
  return { workspace, issues };
}
