import { describe, expect, it } from 'vitest';
import type { LeaderContact, SurveyResponse } from '../../../src/domain';
import { collections, organisation } from '../embedded/fixtures';
import { ACCESS_TOKEN, ANON_KEY, replyMemberships, signedIn, stubFetch } from './stubFetch';

/**
 * Contract tests of the leader-contact calls of the Supabase adapter: the exact RPC requests (migration
 * 20250601001300_leader_contacts.sql) and how replies, refusals and malformed answers are read. Stubbed fetch.
 */

const asUser = { apikey: ANON_KEY, authorization: `Bearer ${ACCESS_TOKEN}` };
const response: SurveyResponse = { ...collections.responses[1]!, id: 'resp-9' };
const contact: LeaderContact = { id: 'lc-9', responseId: 'resp-9', name: 'Anna Nowak', email: 'anna@example.pl', consentDate: '2026-05-04', retainUntil: '2027-05-04' };

async function planner() {
  const stub = stubFetch();
  const source = await signedIn(stub);
  replyMemberships(stub, [{ organisation_id: organisation.id, role: 'planner' }]);
  return { stub, source };
}

describe('leader contacts over Supabase', () => {
  it('loadLeaderContacts: POST /rest/v1/rpc/list_leader_contacts; a row that fails the schema is reported, the rest kept', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: [contact, { ...contact, id: 'lc-10', name: 'X' }] });
    const result = await source.loadLeaderContacts();
    expect(stub.requests[1]).toEqual({
      method: 'POST', path: '/rest/v1/rpc/list_leader_contacts', headers: expect.objectContaining(asUser), body: { p_organisation_id: organisation.id },
    });
    expect(result).toMatchObject({ ok: true, contacts: [contact], issues: [{ source: 'leaderContacts', row: 1, field: 'name' }] });
  });

  it('loadLeaderContacts: a reply that is not a list is not trusted', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { contacts: [] } });
    expect(await source.loadLeaderContacts()).toMatchObject({ ok: false, issues: [{ source: 'supabase', field: '(server)' }] });
  });

  it('saveResponseWithLeaderContact: one RPC with both records; the server\'s refusal names its collection and field', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: true } });
    expect(await source.saveResponseWithLeaderContact(response, contact)).toEqual({ ok: true });
    expect(stub.requests[1]).toEqual({
      method: 'POST', path: '/rest/v1/rpc/save_response_with_leader_contact', headers: expect.objectContaining(asUser),
      body: { p_organisation_id: organisation.id, p_response: response, p_contact: contact },
    });
    stub.reply({ status: 200, json: { ok: false, issues: [{ collection: 'leaderContacts', field: '(record)', message: 'you may not write this record in this organisation' }] } });
    expect(await source.saveResponseWithLeaderContact(response, contact)).toEqual({
      ok: false, issues: [{ source: 'leaderContacts', field: '(record)', message: 'you may not write this record in this organisation' }],
    });
  });

  it('saveResponseWithLeaderContact: an invalid contact or one of another response is never sent', async () => {
    const stub = stubFetch();
    const source = await signedIn(stub);
    const bad = await source.saveResponseWithLeaderContact(response, { ...contact, email: 'anna@' });
    expect(bad).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'email' }] });
    const other = await source.saveResponseWithLeaderContact(response, { ...contact, responseId: 'resp-1' });
    expect(other).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'responseId' }] });
    expect(stub.requests.filter((r) => r.path.includes('/rpc/'))).toEqual([]);
  });

  it('deleteLeaderContact and deleteExpiredLeaderContacts: their RPCs, and a count that must be a whole number', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: true } });
    expect(await source.deleteLeaderContact('lc-9')).toEqual({ ok: true });
    expect(stub.requests[1]).toMatchObject({ path: '/rest/v1/rpc/delete_leader_contact', body: { p_organisation_id: organisation.id, p_id: 'lc-9' } });
    stub.reply({ status: 200, json: 3 });
    expect(await source.deleteExpiredLeaderContacts()).toEqual({ ok: true, deleted: 3 });
    expect(stub.requests[2]).toMatchObject({ path: '/rest/v1/rpc/delete_expired_leader_contacts', body: { p_organisation_id: organisation.id } });
    stub.reply({ status: 200, json: 'three' });
    expect(await source.deleteExpiredLeaderContacts()).toMatchObject({ ok: false, issues: [{ field: '(server)' }] });
    stub.reply({ status: 403, json: { code: '42501', message: 'permission denied', details: null, hint: null } });
    expect(await source.deleteLeaderContact('lc-9')).toMatchObject({ ok: false, issues: [{ field: '(permission)' }] });
  });

  it('shortenLeaderContactRetention: POST /rest/v1/rpc/shorten_leader_contact_retention; a malformed date is never sent', async () => {
    const { stub, source } = await planner();
    stub.reply({ status: 200, json: { ok: false, issues: [{ field: 'retainUntil', message: 'the retention may only be shortened' }] } });
    expect(await source.shortenLeaderContactRetention('lc-9', '2027-06-01')).toEqual({ ok: false, issues: [{ source: 'leaderContacts', field: 'retainUntil', message: 'the retention may only be shortened' }] });
    expect(stub.requests[1]).toMatchObject({ path: '/rest/v1/rpc/shorten_leader_contact_retention', body: { p_organisation_id: organisation.id, p_id: 'lc-9', p_retain_until: '2027-06-01' } });
    const before = stub.requests.length;
    expect(await source.shortenLeaderContactRetention('lc-9', '1.06.2027')).toMatchObject({ ok: false, issues: [{ source: 'leaderContacts', field: 'retainUntil' }] });
    expect(stub.requests.length).toBe(before);
  });
});
