import { describe, expect, it, vi } from 'vitest';
import { createDataSource } from '../../../src/data/createDataSource';
import { isAbortError } from '../../../src/data/abort';
import { SIGNED_OUT_ORGANISATION } from '../../../src/data/supabase';
import { collections, organisation } from '../embedded/fixtures';
import { ACCESS_TOKEN, ANON_KEY, EMAIL, replyMemberships, SESSION_REPLY, signedIn, stubbedDataSource, stubFetch, USER_ID } from './stubFetch';

/**
 * Contract tests of the Supabase adapter: the exact HTTP requests supabase-js sends for each DataSource call
 * (method, path, apikey / Authorization, JSON body) and how the adapter reads realistic replies, malformed ones and
 * errors. The fetch is a recording stub with canned replies; no server, no PostgREST imitation.
 */

const MEMBERSHIPS_PATH = `/rest/v1/memberships?select=organisation_id%2Crole&user_id=eq.${USER_ID}&order=organisation_id.asc`;
const asUser = { apikey: ANON_KEY, authorization: `Bearer ${ACCESS_TOKEN}` };
const workspaceReply = () => ({ v: 1, organisation, ...structuredClone(collections) });
const event = collections.events[0]!;

describe('sign-in and session', () => {
  it('signs in with POST /auth/v1/token?grant_type=password carrying the anon key, and remembers the user', async () => {
    const stub = stubFetch();
    const source = stubbedDataSource(stub);
    expect(await source.currentUser()).toBeNull();
    stub.reply({ status: 200, json: SESSION_REPLY });
    expect(await source.signIn(` ${EMAIL} `, 'correct horse battery staple')).toEqual({ ok: true, user: { id: USER_ID, email: EMAIL } });
    expect(stub.requests).toEqual([{
      method: 'POST',
      path: '/auth/v1/token?grant_type=password',
      headers: expect.objectContaining({ apikey: ANON_KEY, authorization: `Bearer ${ANON_KEY}`, 'content-type': 'application/json;charset=UTF-8' }),
      body: { email: EMAIL, password: 'correct horse battery staple', gotrue_meta_security: {} },
    }]);
    expect(await source.currentUser()).toEqual({ id: USER_ID, email: EMAIL });
  });

  it('says "wrong e-mail or password" for GoTrue\'s 400 invalid_credentials, and stays signed out', async () => {
    const stub = stubFetch();
    const source = stubbedDataSource(stub);
    stub.reply({ status: 400, json: { code: 'invalid_credentials', error_code: 'invalid_credentials', msg: 'Invalid login credentials' } });
    expect(await source.signIn(EMAIL, 'wrong')).toEqual({ ok: false, message: 'wrong e-mail or password', failure: { code: 'wrong_credentials' } });
    expect(await source.currentUser()).toBeNull();
  });

  it('says the server could not be reached when the network fails, and asks for both fields before sending anything', async () => {
    const stub = stubFetch();
    const source = stubbedDataSource(stub);
    stub.reply({ networkError: 'fetch failed' });
    const result = await source.signIn(EMAIL, 'pw');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/could not be reached/);
    const before = stub.requests.length;
    expect(await source.signIn('  ', 'pw')).toEqual({ ok: false, message: 'enter your e-mail and password', failure: { code: 'missing' } });
    expect(stub.requests.length).toBe(before);
  });

  it('reads the role with GET /rest/v1/memberships (own rows, sorted) as the user, once per user', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: 'ops-a', role: 'surveyor' }, { organisation_id: 'ops-b', role: 'admin' }]);
    const first = await source.membership();
    expect(first).toEqual({ ok: true, memberships: [{ organisationId: 'ops-a', role: 'surveyor' }, { organisationId: 'ops-b', role: 'admin' }], current: { organisationId: 'ops-a', role: 'surveyor' } });
    expect(await source.membership()).toEqual(first);
    expect(stub.requests).toEqual([{ method: 'GET', path: MEMBERSHIPS_PATH, headers: expect.objectContaining(asUser), body: undefined }]);
  });

  it('uses the pinned organisation when the user belongs to several', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub, 'ops-b');
    replyMemberships(stub, [{ organisation_id: 'ops-a', role: 'surveyor' }, { organisation_id: 'ops-b', role: 'admin' }]);
    const result = await source.membership();
    expect(result.ok && result.current).toEqual({ organisationId: 'ops-b', role: 'admin' });
  });

  it('reports a membership row with an unknown role as a reply it did not understand', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: 'ops-a', role: 'owner' }]);
    const result = await source.membership();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ source: 'supabase', field: '(server)', message: expect.stringMatching(/not understood \(0\.role/) });
  });

  it('signs out with POST /auth/v1/logout?scope=local and forgets the user', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    stub.reply({ status: 204 });
    expect(await source.signOut()).toEqual({ ok: true });
    expect(stub.requests).toEqual([{ method: 'POST', path: '/auth/v1/logout?scope=local', headers: expect.objectContaining(asUser), body: undefined }]);
    expect(await source.currentUser()).toBeNull();
  });

  it('tells listeners about sign-in and sign-out', async () => {
    const stub = stubFetch();
    const source = stubbedDataSource(stub);
    const seen: (string | null)[] = [];
    const stop = source.onUserChange((user) => seen.push(user?.id ?? null));
    stub.reply({ status: 200, json: SESSION_REPLY });
    await source.signIn(EMAIL, 'pw');
    stub.reply({ status: 204 });
    await source.signOut();
    // auth-js may first report the initial (empty) session; after that: signed in, then signed out (it may tell
    // listeners a task later: wait for the second report instead of a fixed time).
    await vi.waitFor(() => expect(seen.slice(seen.indexOf(USER_ID))).toEqual([USER_ID, null]));
    stop();
  });
});

describe('loadWorkspace', () => {
  it('signed out: an empty workspace and an issue asking to sign in, without any request', async () => {
    const stub = stubFetch();
    const loaded = await stubbedDataSource(stub).loadWorkspace();
    expect(loaded.workspace.organisation).toEqual(SIGNED_OUT_ORGANISATION);
    expect(loaded.workspace.responses).toEqual([]);
    expect(loaded.issues).toEqual([{ source: 'supabase', field: '(session)', message: "you are not signed in; sign in to see your centre's data", server: { code: 'not_signed_in' } }]);
    expect(stub.requests).toEqual([]);
  });

  it('calls POST /rest/v1/rpc/load_workspace {p_organisation_id} and parses the domain JSON', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
    stub.reply({ status: 200, json: workspaceReply() });
    const loaded = await source.loadWorkspace();
    expect(loaded.issues).toEqual([]);
    expect(loaded.workspace).toEqual({ v: 1, organisation, ...collections });
    expect(stub.requests[1]).toEqual({ method: 'POST', path: '/rest/v1/rpc/load_workspace', headers: expect.objectContaining({ ...asUser, 'content-type': 'application/json' }), body: { p_organisation_id: organisation.id } });
  });

  it('leaves out bad records and names them (collection, row, field); keeps the rest', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
    const reply = workspaceReply() as Record<string, unknown> & { responses: Record<string, unknown>[]; addresses: Record<string, unknown>[] };
    reply.responses[1] = { ...reply.responses[1], householdSize: 'three' };
    reply.addresses.push({ ...reply.addresses[0], id: 'addr-9', location: { type: 'Point', coordinates: [200, 50] } });
    reply.events = 'not a list';
    delete reply.groups;
    stub.reply({ status: 200, json: reply });
    const { workspace, issues } = await source.loadWorkspace();
    expect(workspace.responses.map((r) => r.id)).toEqual(['resp-1']);
    expect(workspace.addresses.map((a) => a.id)).toEqual(['addr-1', 'addr-2', 'addr-3']);
    expect(workspace.events).toEqual([]);
    expect(workspace.groups).toEqual([]);
    expect(issues).toEqual([
      { source: 'addresses', row: 3, field: 'location.coordinates.0', message: 'longitude must be between -180 and 180', problem: { code: 'rule', rule: 'longitude_range' } },
      { source: 'responses', row: 1, field: 'householdSize', message: 'householdSize must be a whole number', problem: { code: 'wrong_type', expected: 'number' } },
      { source: 'groups', field: '(collection)', message: 'the server sent no records for this collection', server: { code: 'collection_missing' } },
      { source: 'events', field: '(collection)', message: 'the server sent something other than a list of records; nothing was loaded from it', server: { code: 'collection_not_list' } },
    ]);
  });

  it('turns null (not a member), a non-object and a bad organisation into issues, never a crash', async () => {
    for (const [json, field] of [[null, '(organisation)'], [[1, 2], '(server)'], ['text', '(server)']] as const) {
      const stub = stubFetch();
      const source = await signedIn(stub);
      replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
      stub.reply({ status: 200, json });
      const loaded = await source.loadWorkspace();
      expect(loaded.workspace.areas).toEqual([]);
      expect(loaded.issues.map((i) => i.field)).toEqual([field]);
    }
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
    stub.reply({ status: 200, json: { ...workspaceReply(), v: 2, organisation: { ...organisation, gminaTeryt: '12' } } });
    const loaded = await source.loadWorkspace();
    expect(loaded.workspace.organisation).toEqual(SIGNED_OUT_ORGANISATION);
    expect(loaded.workspace.areas.length).toBe(2);
    expect(loaded.issues.map((i) => `${i.source} ${i.field}`)).toEqual(['supabase v', 'organisation gminaTeryt', 'organisation (record)']);
  });

  it('says so when the account belongs to no centre', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, []);
    const loaded = await source.loadWorkspace();
    expect(loaded.issues).toEqual([{ source: 'supabase', field: '(organisation)', message: 'your account belongs to no centre yet; ask its admin to add you', server: { code: 'no_centre' } }]);
  });
});

describe('HTTP errors become clear issues (PostgREST error JSON {code, message, details, hint})', () => {
  const cases: [string, { status: number; json: unknown } | { networkError: string }, string, RegExp][] = [
    ['400 invalid parameter', { status: 400, json: { code: '22023', message: 'unit must be street, area or hex', details: null, hint: null } }, '(server)', /^loading your centre's data: the server refused the request: unit must be street, area or hex \(22023\)\.$/],
    ['400 with details and hint', { status: 400, json: { code: '22P02', message: 'invalid input syntax for type json', details: 'Token "x" is invalid.', hint: 'Check the JSON.' } }, '(server)', /invalid input syntax for type json; Token "x" is invalid\. \(22P02\)\. Hint: Check the JSON\./],
    ['401 expired JWT', { status: 401, json: { code: 'PGRST301', message: 'JWT expired', details: null, hint: null } }, '(session)', /session has expired; sign in again \(PGRST301\)/],
    ['403 permission denied', { status: 403, json: { code: '42501', message: 'permission denied for function load_workspace', details: null, hint: null } }, '(permission)', /not allowed to do this in this centre \(42501\)/],
    ['404 function missing', { status: 404, json: { code: 'PGRST202', message: 'Could not find the function public.load_workspace(p_organisation_id) in the schema cache', details: 'Searched for the function public.load_workspace with parameter p_organisation_id', hint: null } }, '(server)', /apply supabase\/migrations.*\(PGRST202\)/],
    ['500 with an HTML page', { status: 500, text: '<html>Bad gateway</html>' } as never, '(server)', /refused the request: .*\(HTTP 500\)/],
    ['network down', { networkError: 'fetch failed' }, '(network)', /could not be reached \(TypeError: fetch failed\)/],
  ];
  for (const [name, reply, field, message] of cases) {
    it(name, async () => {
      const stub = stubFetch();
      const source = await signedIn(stub);
      replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
      stub.reply(reply);
      const loaded = await source.loadWorkspace();
      expect(loaded.workspace.areas).toEqual([]);
      expect(loaded.issues).toHaveLength(1);
      expect(loaded.issues[0]).toMatchObject({ source: 'supabase', field });
      expect(loaded.issues[0]!.message).toMatch(message);
    });
  }
});

describe('writes', () => {
  async function planner() {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
    return { stub, source };
  }

  it('saveRecord: POST /rest/v1/rpc/save_record {p_organisation_id, p_collection, p_record} → {ok: true}', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: true } });
    expect(await source.saveRecord('events', event)).toEqual({ ok: true });
    expect(stub.requests[1]).toEqual({
      method: 'POST', path: '/rest/v1/rpc/save_record', headers: expect.objectContaining({ ...asUser, 'content-type': 'application/json' }),
      body: { p_organisation_id: organisation.id, p_collection: 'events', p_record: event },
    });
  });

  it('saveRecord: the server\'s {ok: false, issues} become issues with the collection as source', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: false, issues: [{ field: 'streetId', message: 'street "street-9" does not exist in this organisation' }] } });
    expect(await source.saveRecord('addresses', { ...collections.addresses[0]!, streetId: 'street-9' })).toEqual({
      ok: false, issues: [{ source: 'addresses', field: 'streetId', message: 'street "street-9" does not exist in this organisation' }],
    });
  });

  it('saveRecord: a record zod rejects is never sent', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const result = await source.saveRecord('events', { ...event, participants: -1 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => `${i.source} ${i.field}`)).toEqual(['events participants']);
    expect(stub.requests).toEqual([]);
  });

  it('saveRecord: malformed replies ("yes", {ok: "true"}, issues without message) are reported, not trusted', async () => {
    for (const json of ['yes', { ok: 'true' }, { ok: false, issues: [{ field: 'id' }] }]) {
      const { stub, source } = await planner();
      stub.reply({ status: 200, json });
      const result = await source.saveRecord('events', event);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.issues[0]).toMatchObject({ source: 'supabase', field: '(server)', message: expect.stringMatching(/^saving: the server's reply was not understood/) });
    }
  });

  it('saveRecord: a 403 from PostgREST (RLS or grants) is a permission issue', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 403, json: { code: '42501', message: 'permission denied for function save_record', details: null, hint: null } });
    const result = await source.saveRecord('events', event);
    expect(!result.ok && result.issues).toEqual([{ source: 'supabase', field: '(permission)', message: 'saving: you are not allowed to do this in this centre (42501)', server: { code: 'not_allowed', action: 'save', tag: '42501' } }]);
  });

  it('saveRecords: POST /rest/v1/rpc/save_records with every record; row issues keep their row', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: false, saved: 0, issues: [{ row: 1, field: 'streetId', message: 'street "street-2" does not exist in this organisation' }] } });
    const result = await source.saveRecords('responses', collections.responses);
    expect(result).toEqual({ ok: false, issues: [{ source: 'responses', row: 1, field: 'streetId', message: 'street "street-2" does not exist in this organisation' }] });
    expect(stub.requests[1]).toMatchObject({ method: 'POST', path: '/rest/v1/rpc/save_records', body: { p_organisation_id: organisation.id, p_collection: 'responses', p_records: collections.responses } });
  });

  it('saveRecords: validates all rows first (duplicate ids too) and sends nothing when one fails; an empty list is done', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const result = await source.saveRecords('responses', [collections.responses[0]!, { ...collections.responses[1]!, householdSize: 0 }, collections.responses[0]!]);
    expect(!result.ok && result.issues.map((i) => `${i.row} ${i.field}`)).toEqual(['1 householdSize', '2 id']);
    expect(await source.saveRecords('responses', [])).toEqual({ ok: true });
    expect(stub.requests).toEqual([]);
  });

  it('deleteRecord: POST /rest/v1/rpc/delete_record {p_organisation_id, p_collection, p_id}; a bad id is never sent', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: true } });
    expect(await source.deleteRecord('events', 'ev-1')).toEqual({ ok: true });
    expect(stub.requests[1]).toMatchObject({ method: 'POST', path: '/rest/v1/rpc/delete_record', body: { p_organisation_id: organisation.id, p_collection: 'events', p_id: 'ev-1' } });
    const bad = await source.deleteRecord('events', "ev'; drop table events; --");
    expect(!bad.ok && bad.issues[0]!.field).toBe('id');
    expect(stub.requests.length).toBe(2);
  });

  it('refuses an unknown collection without a request', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const result = await source.deleteRecord('people' as never, 'p-1');
    expect(!result.ok && result.issues[0]).toMatchObject({ source: 'people', field: '(collection)' });
    expect(stub.requests).toEqual([]);
  });
});

describe('cancellation', () => {
  it('rejects with an AbortError when the signal is already aborted, before any request', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const controller = new AbortController();
    controller.abort();
    await expect(source.loadWorkspace(controller.signal)).rejects.toSatisfy(isAbortError);
    await expect(source.saveRecord('events', event, controller.signal)).rejects.toSatisfy(isAbortError);
    expect(stub.requests).toEqual([]);
  });

  it('rejects with an AbortError when aborted while the RPC is in flight (the signal reaches fetch)', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
    stub.reply({ hangUntilAborted: true });
    const controller = new AbortController();
    const pending = source.loadWorkspace(controller.signal);
    await stub.hanging(); // the RPC has reached fetch and waits for its reply
    expect(stub.requests.map((r) => r.path)).toEqual([MEMBERSHIPS_PATH, '/rest/v1/rpc/load_workspace']);
    controller.abort();
    await expect(pending).rejects.toSatisfy(isAbortError);
    expect(stub.abortedInFlight()).toBe(1);
  });
});

describe('createDataSource', () => {
  it('picks Supabase when VITE_SUPABASE_URL and VITE_SUPABASE_ANON_KEY are both set, else the embedded adapter', async () => {
    expect((await createDataSource({ VITE_SUPABASE_URL: 'https://example.supabase.co', VITE_SUPABASE_ANON_KEY: 'anon' })).kind).toBe('supabase');
    expect((await createDataSource({ VITE_SUPABASE_URL: 'https://example.supabase.co', VITE_SUPABASE_ANON_KEY: '  ' })).kind).toBe('embedded');
    expect((await createDataSource({ VITE_SUPABASE_ANON_KEY: 'anon' })).kind).toBe('embedded');
    expect((await createDataSource({})).kind).toBe('embedded');
  });
});
