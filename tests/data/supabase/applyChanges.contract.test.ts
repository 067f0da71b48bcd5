import { describe, expect, it } from 'vitest';
import { collections, organisation } from '../embedded/fixtures';
import { ACCESS_TOKEN, ANON_KEY, replyMemberships, signedIn, stubFetch } from './stubFetch';

/**
 * Contract of DataSource.applyChanges on Supabase: one POST /rest/v1/rpc/apply_changes carrying every collection's
 * upserts and deletes (the RPC writes them in one transaction), and how its replies are read. Stubbed fetch, no server.
 */

async function planner() {
  const stub = stubFetch();
  const source = await signedIn(stub);
  replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
  return { stub, source };
}

const streets = collections.streets;
const addresses = collections.addresses;

describe('Supabase applyChanges', () => {
  it('sends ONE POST /rest/v1/rpc/apply_changes {p_organisation_id, p_changes: {upserts, deletes}} → {ok: true}', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: true, saved: 5, deleted: 1, issues: [] } });
    // Key order and empty lists in the call do not matter: only non-empty lists are sent.
    const result = await source.applyChanges({ upserts: { addresses, streets, events: [] }, deletes: { responses: ['resp-2'], areas: [] } });
    expect(result).toEqual({ ok: true });
    expect(stub.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      expect.stringMatching(/^GET \/rest\/v1\/memberships\?/) as unknown as string,
      'POST /rest/v1/rpc/apply_changes',
    ]);
    expect(stub.requests[1]).toEqual({
      method: 'POST',
      path: '/rest/v1/rpc/apply_changes',
      headers: expect.objectContaining({ apikey: ANON_KEY, authorization: `Bearer ${ACCESS_TOKEN}`, 'content-type': 'application/json' }) as unknown as Record<string, string>,
      body: {
        p_organisation_id: organisation.id,
        p_changes: { upserts: { streets, addresses }, deletes: { responses: ['resp-2'] } },
      },
    });
  });

  it('reads the server\'s refusal: each issue keeps its collection, row and field', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: false, saved: 0, deleted: 0, issues: [
      { collection: 'addresses', row: 1, field: 'streetId', message: 'street "street-9" does not exist in this organisation' },
      { field: 'organisationId', message: 'organisationId must be an id of 1 to 64 letters, digits and . _ : -' },
    ] } });
    const result = await source.applyChanges({ upserts: { streets, addresses } });
    expect(result).toEqual({ ok: false, issues: [
      { source: 'addresses', row: 1, field: 'streetId', message: 'street "street-9" does not exist in this organisation' },
      { source: 'supabase', field: 'organisationId', message: 'organisationId must be an id of 1 to 64 letters, digits and . _ : -' },
    ] });
  });

  it('validates every collection first and sends nothing when one row fails; nothing to change is done without a request', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const result = await source.applyChanges({ upserts: { streets, addresses: [addresses[0]!, { ...addresses[1]!, households: 0 }] }, deletes: { events: ["ev'; drop table events; --"] } });
    expect(!result.ok && result.issues.map((i) => `${i.source} ${i.row} ${i.field}`)).toEqual(['addresses 1 households', 'events 0 id']);
    expect(await source.applyChanges({ upserts: { streets: [] } })).toEqual({ ok: true });
    expect(stub.requests).toEqual([]);
  });

  it('refuses more than 10,000 records and deletions in one call before sending', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const ids = Array.from({ length: 10_001 }, (_, i) => `ev-${i}`);
    expect(await source.applyChanges({ deletes: { events: ids } })).toEqual({ ok: false, issues: [
      { source: 'changes', field: '(changes)', message: 'at most 10,000 records and deletions can be saved at once (this change has 10,001); split the file' },
    ] });
    expect(stub.requests).toEqual([]);
  });

  it('a missing migration (PGRST202), a 403 and a malformed reply are issues a user can act on', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ code: 'PGRST202', message: 'Could not find the function public.apply_changes(p_changes, p_organisation_id) in the schema cache' }, 404, /the database lacks a function the app needs; apply supabase\/migrations/],
      [{ code: '42501', message: 'permission denied for function apply_changes' }, 403, /you are not allowed to do this in this centre \(42501\)/],
      [{ ok: 'yes' }, 200, /the server's reply was not understood/],
    ];
    for (const [json, status, message] of cases) {
      const { stub, source } = await planner();
      stub.reply({ status, json });
      const result = await source.applyChanges({ upserts: { streets } });
      expect(!result.ok && result.issues).toEqual([{ source: 'supabase', field: expect.any(String) as unknown as string, message: expect.stringMatching(message) as unknown as string, server: expect.objectContaining({ action: 'save_changes' }) as unknown }]);
    }
  });

  it('an abort while the request is on its way rejects with an AbortError', async () => {
    const { stub, source } = await planner();
    stub.reply({ hangUntilAborted: true });
    const controller = new AbortController();
    const pending = source.applyChanges({ upserts: { streets } }, controller.signal);
    await stub.hanging(); // the request is on its way: abort now, not after a guessed number of milliseconds
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(stub.abortedInFlight()).toBe(1); // the signal reached fetch
  });
});
