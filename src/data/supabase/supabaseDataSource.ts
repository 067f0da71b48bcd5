import { createClient, type SupabaseClient, type SupabaseClientOptions } from '@supabase/supabase-js';
import { Id, issuesFromZod, type CollectionName, type CollectionRecord, type InputIssue, type LeaderContact, type ServerAction, type SurveyResponse } from '../../domain';
import type { DataSource, LeaderContactsResult, LoadedWorkspace, MapTileQuery, MapTileResult, PurgeResult, WorkspaceChanges, WriteResult } from '../dataSource';
import { abortError, throwIfAborted } from '../abort';
import { CHANGES_SOURCE, isCollectionName, unknownCollectionIssue as unknownCollection, validateChanges, validateCollectionRecords } from '../workspaceChanges';
import { callApplyChanges, MAX_CHANGES_PER_CALL } from './applyChangesRpc';
import { checkContactId, checkResponseWithContact, checkRetainUntil } from '../leaderContactChecks';
import { deleteExpiredLeaderContacts, deleteLeaderContact, listLeaderContacts, saveResponseWithLeaderContact, shortenLeaderContactRetention } from './leaderContacts';
import { fetchMapTile } from './mapTile';
import { malformedReplyIssue, serverIssue, serverSideIssue, WriteReply } from './serverIssues';
import { createSessionApi, type SessionApi } from './session';
import { emptyWorkspace, parseWorkspacePayload } from './workspacePayload';

export interface SupabaseDataSourceOptions {
  /** The project URL, `https://<ref>.supabase.co` or `http://127.0.0.1:54321` (supabase start). */
  url: string;
  /** The project's anon (publishable) key: public by design, RLS guards the data. */
  anonKey: string;
  /** Pins the centre when a user belongs to several (default: the first membership by organisation id). */
  organisationId?: string;
  /** Passed to supabase-js (tests give `{ global: { fetch } }`, Node gives `{ auth: { persistSession: false } }`). */
  clientOptions?: SupabaseClientOptions<'public'>;
}

/** The Supabase adapter: the DataSource plus the session API the sign-in form needs. */
export type SupabaseDataSource = DataSource & Required<Pick<DataSource, 'saveRecords' | 'mapTile'>> & SessionApi & { readonly client: SupabaseClient };

/** At most this many records go in one save_records call (the RPC's own limit); larger imports are refused. */
export const MAX_RECORDS_PER_BATCH = 10_000;

/**
 * supabase-js 2.119 builds its realtime client eagerly and, on Node 20 (no global WebSocket; it declares node >= 22),
 * throws in createClient. The app never subscribes to realtime channels, so where there is no WebSocket (Node 20:
 * tests, bench, scripts) the transport is one that says so if ever used. Browsers keep their native WebSocket.
 */
class NoRealtimeTransport {
  constructor() {
    throw new Error('CAL Map does not use Supabase realtime, and this runtime has no WebSocket');
  }
}

function withRealtimeTransport(clientOptions: SupabaseClientOptions<'public'> | undefined): SupabaseClientOptions<'public'> | undefined {
  if (typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function' || clientOptions?.realtime?.transport) return clientOptions;
  return { ...clientOptions, realtime: { ...clientOptions?.realtime, transport: NoRealtimeTransport as never } };
}

/** Validated before sending, so the server sees only records the domain accepts (the server checks again). */
const validate = validateCollectionRecords;

/**
 * Creates the adapter over supabase-js. Reads go through the load_workspace RPC (RLS applies: a surveyor sees their
 * own responses, a partner none), writes through save_record, save_records, delete_record and apply_changes, a large town's map tiles through map_tile; every reply is parsed
 * with zod and every failure is an InputIssue. Aborts reject with an AbortError.
 *
 * @example
 * const source = createSupabaseDataSource({ url: env.VITE_SUPABASE_URL, anonKey: env.VITE_SUPABASE_ANON_KEY });
 * const signedIn = await source.signIn(email, password);
 * if (!signedIn.ok) showError(signedIn.message);
 * const { workspace, issues } = await source.loadWorkspace(controller.signal);
 */
export function createSupabaseDataSource(options: SupabaseDataSourceOptions): SupabaseDataSource {
  const client = createClient(options.url, options.anonKey, withRealtimeTransport(options.clientOptions));
  const session = createSessionApi(client, options.organisationId);

  /** The centre to read and write, or the issue that says why there is none. */
  async function organisation(signal: AbortSignal | undefined): Promise<{ ok: true; id: string } | { ok: false; issues: InputIssue[] }> {
    const result = await session.membership(signal);
    if (!result.ok) return result;
    if (!result.current) {
      const issue = options.organisationId === undefined
        ? serverSideIssue('(organisation)', { code: 'no_centre' }, 'your account belongs to no centre yet; ask its admin to add you')
        : serverSideIssue('(organisation)', { code: 'not_member_of', organisation: options.organisationId }, `your account is not a member of centre "${options.organisationId}"`);
      return { ok: false, issues: [issue] };
    }
    return { ok: true, id: result.current.organisationId };
  }

  /** One write RPC: its reply parsed, its issues given the collection as source. */
  async function write(what: ServerAction, collection: CollectionName, fn: string, args: Record<string, unknown>, signal: AbortSignal | undefined): Promise<WriteResult> {
    let call = client.rpc(fn, args);
    if (signal) call = call.abortSignal(signal);
    const { data, error, status } = await call;
    if (signal?.aborted) throw abortError();
    if (error) return { ok: false, issues: [serverIssue(error, status, what)] };
    const reply = WriteReply.safeParse(data);
    if (!reply.success) return { ok: false, issues: [malformedReplyIssue(what, reply.error)] };
    if (reply.data.ok) return { ok: true };
    const issues = (reply.data.issues ?? []).map((issue): InputIssue => ({
      source: collection,
      ...(typeof issue.row === 'number' ? { row: issue.row } : {}),
      field: issue.field,
      message: issue.message,
    }));
    return { ok: false, issues: issues.length ? issues : [serverSideIssue('(record)', { code: 'refused_without_reason', action: what }, `${what}: the server refused it without saying why`, collection)] };
  }

  return {
    kind: 'supabase',
    client,
    ...session,

    async loadWorkspace(signal?: AbortSignal): Promise<LoadedWorkspace> {
      throwIfAborted(signal);
      const org = await organisation(signal);
      if (!org.ok) return { workspace: emptyWorkspace(), issues: org.issues };
      let call = client.rpc('load_workspace', { p_organisation_id: org.id });
      if (signal) call = call.abortSignal(signal);
      const { data, error, status } = await call;
      if (signal?.aborted) throw abortError();
      if (error) return { workspace: emptyWorkspace(), issues: [serverIssue(error, status, 'load_workspace')] };
      return parseWorkspacePayload(data);
    },

    async saveRecord<C extends CollectionName>(collection: C, record: CollectionRecord<C>, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollection(collection)] };
      const checked = validate(collection, [record], false);
      if (!checked.ok) return checked;
      const org = await organisation(signal);
      if (!org.ok) return org;
      return write('save', collection, 'save_record', { p_organisation_id: org.id, p_collection: collection, p_record: checked.parsed[0] }, signal);
    },

    async saveRecords<C extends CollectionName>(collection: C, records: readonly CollectionRecord<C>[], signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollection(collection)] };
      if (!Array.isArray(records)) return { ok: false, issues: [serverSideIssue('(records)', { code: 'records_not_list' }, 'records must be a list', collection)] };
      if (records.length > MAX_RECORDS_PER_BATCH) {
        return { ok: false, issues: [serverSideIssue('(records)', { code: 'too_many_records', max: MAX_RECORDS_PER_BATCH }, `at most ${MAX_RECORDS_PER_BATCH.toLocaleString('en')} records can be imported at once; split the file`, collection)] };
      }
      const checked = validate(collection, records, true);
      if (!checked.ok) return checked;
      if (checked.parsed.length === 0) return { ok: true };
      const org = await organisation(signal);
      if (!org.ok) return org;
      return write('import', collection, 'save_records', { p_organisation_id: org.id, p_collection: collection, p_records: checked.parsed }, signal);
    },

    async deleteRecord(collection: CollectionName, id: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      if (!isCollectionName(collection)) return { ok: false, issues: [unknownCollection(collection)] };
      const validId = Id.safeParse(id);
      if (!validId.success) return { ok: false, issues: issuesFromZod(validId.error, collection).map((issue) => ({ ...issue, field: 'id' })) };
      const org = await organisation(signal);
      if (!org.ok) return org;
      return write('delete', collection, 'delete_record', { p_organisation_id: org.id, p_collection: collection, p_id: validId.data }, signal);
    },

    async applyChanges(changes: WorkspaceChanges, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const validated = validateChanges(changes);
      if (!validated.ok) return validated;
      if (validated.changes.count > MAX_CHANGES_PER_CALL) {
        const message = `at most ${MAX_CHANGES_PER_CALL.toLocaleString('en')} records and deletions can be saved at once (this change has ${validated.changes.count.toLocaleString('en')}); split the file`;
        return { ok: false, issues: [{ source: CHANGES_SOURCE, field: '(changes)', message }] };
      }
      if (validated.changes.count === 0) return { ok: true };
      const org = await organisation(signal);
      if (!org.ok) return org;
      return callApplyChanges(client, org.id, validated.changes, signal);
    },

    async loadLeaderContacts(signal?: AbortSignal): Promise<LeaderContactsResult> {
      throwIfAborted(signal);
      const org = await organisation(signal);
      if (!org.ok) return org;
      return listLeaderContacts(client, org.id, signal);
    },

    async saveResponseWithLeaderContact(response: SurveyResponse, contact: LeaderContact, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const checked = checkResponseWithContact(response, contact);
      if (!checked.ok) return checked;
      const org = await organisation(signal);
      if (!org.ok) return org;
      return saveResponseWithLeaderContact(client, org.id, checked.response, checked.contact, signal);
    },

    async deleteLeaderContact(id: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const checked = checkContactId(id);
      if (!checked.ok) return checked;
      const org = await organisation(signal);
      if (!org.ok) return org;
      return deleteLeaderContact(client, org.id, checked.id, signal);
    },

    async shortenLeaderContactRetention(id: string, retainUntil: string, signal?: AbortSignal): Promise<WriteResult> {
      throwIfAborted(signal);
      const checkedId = checkContactId(id);
      if (!checkedId.ok) return checkedId;
      const checkedDate = checkRetainUntil(retainUntil);
      if (!checkedDate.ok) return checkedDate;
      const org = await organisation(signal);
      if (!org.ok) return org;
      return shortenLeaderContactRetention(client, org.id, checkedId.id, checkedDate.retainUntil, signal);
    },

    async deleteExpiredLeaderContacts(signal?: AbortSignal): Promise<PurgeResult> {
      throwIfAborted(signal);
      const org = await organisation(signal);
      if (!org.ok) return org;
      return deleteExpiredLeaderContacts(client, org.id, signal);
    },

    async mapTile(query: MapTileQuery, signal?: AbortSignal): Promise<MapTileResult> {
      throwIfAborted(signal);
      const org = await organisation(signal);
      if (!org.ok) return org;
      return fetchMapTile(client, org.id, query, signal);
    },
  };
}
