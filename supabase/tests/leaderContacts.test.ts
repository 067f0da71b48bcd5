import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaderContact } from '../../src/domain';
import { openMigratedDatabase, type Database } from './support/database';
import { ORG_A, ORG_B, USERS, loadFixture } from './support/fixture';
import { asCaller, attempt, type Caller } from './support/request';

/** Issue 14: leader contacts on the server (migration 20250601001300_leader_contacts.sql). */
const SURVEYOR_B = '00000000-0000-4000-8000-0000000000b5';
let db: Database;
beforeAll(async () => {
  db = await openMigratedDatabase();
  await loadFixture(db);
  // Another centre's surveyor: a member of B only.
  await db.query('insert into auth.users (id) values ($1)', [SURVEYOR_B]);
  await db.query(`insert into public.memberships (user_id, organisation_id, role) values ($1, $2, 'surveyor')`, [SURVEYOR_B, ORG_B]);
});
afterAll(async () => {
  await db?.close();
});

const as = (userId: string): Caller => ({ role: 'authenticated', userId });
const response = (id: string) => ({ id, campaignId: 'c-1', streetId: 's-1', date: '2025-05-12', householdSize: 2, needs: [], nuisances: [], offers: ['organising_events'], leaderCandidate: { consent: true, interests: ['safety'] } });
const contact = (id: string, responseId: string, extra: Record<string, unknown> = {}) => ({ id, responseId, name: 'Anna Nowak', phone: '600 100 200', consentDate: '2026-05-04', retainUntil: '2027-05-04', ...extra });

const save = (tx: Database, r: object, c: object) =>
  tx.query<{ reply: { ok: boolean; issues?: { collection: string; field: string; message: string }[] } }>(
    'select public.save_response_with_leader_contact($1, $2::jsonb, $3::jsonb) as reply', [ORG_A, JSON.stringify(r), JSON.stringify(c)]);
const count = async (tx: Database, sql: string, params: unknown[] = []) => (await tx.query<{ n: number }>(sql, params))[0]!.n;

describe('save_response_with_leader_contact', () => {
  it('saves both for a planner, and lists the contact back exactly as the domain schema has it', async () => {
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      expect((await save(tx, response('lr-1'), contact('lc-1', 'lr-1')))[0]!.reply).toEqual({ ok: true });
      const [listed] = await tx.query<{ list: unknown[] }>('select public.list_leader_contacts($1) as list', [ORG_A]);
      expect(listed!.list).toEqual([contact('lc-1', 'lr-1')]);
      expect(LeaderContact.parse(listed!.list[0])).toEqual(contact('lc-1', 'lr-1'));
    });
  });

  it('saves neither when the contact is refused, and names its field', async () => {
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      for (const [bad, field] of [
        [contact('lc-2', 'lr-2', { phone: '12' }), 'phone'],
        [contact('lc-2', 'lr-2', { phone: undefined }), 'phone'],
        [contact('lc-2', 'lr-2', { email: 'x@', phone: undefined }), 'email'],
        [contact('lc-2', 'lr-2', { retainUntil: '2027-05-05' }), 'retainUntil'],
        [contact('lc-2', 'lr-2', { consentDate: '2026-02-30' }), 'consentDate'],
        [contact('lc-2', 'lr-2', { pesel: '80010112345' }), '(record)'],
        [contact('lc-2', 'r-1'), 'responseId'],
      ] as const) {
        const [{ reply }] = (await save(tx, response('lr-2'), bad)) as [{ reply: { ok: boolean; issues?: { collection: string; field: string }[] } }];
        expect(reply.ok, JSON.stringify(bad)).toBe(false);
        expect(reply.issues![0], JSON.stringify(bad)).toMatchObject({ collection: 'leaderContacts', field });
      }
      expect(await count(tx, `select count(*)::int as n from public.survey_responses where organisation_id = $1 and id = 'lr-2'`, [ORG_A])).toBe(0);
      expect(await count(tx, `select count(*)::int as n from public.leader_contacts where organisation_id = $1`, [ORG_A])).toBe(0);
    });
  });

  it('refuses a partner and another centre\'s admin and surveyor, saving no answer either (RLS)', async () => {
    for (const user of [USERS.partnerA, USERS.adminB, SURVEYOR_B]) {
      await asCaller(db, as(user), async (tx) => {
        const [{ reply }] = (await save(tx, response('lr-3'), contact('lc-3', 'lr-3'))) as [{ reply: { ok: boolean } }];
        expect(reply.ok, user).toBe(false);
      });
    }
    expect(await count(db, `select count(*)::int as n from public.survey_responses where id = 'lr-3'`)).toBe(0);
    expect(await count(db, `select count(*)::int as n from public.leader_contacts`)).toBe(0);
  });

  it('lets a surveyor add a contact with the answers they enter, but never read, list, change or delete one', async () => {
    const surveyor = as(USERS.surveyorA);
    await asCaller(db, surveyor, async (tx) => {
      expect((await save(tx, response('lr-4'), contact('lc-4', 'lr-4')))[0]!.reply).toEqual({ ok: true });
      // Sent again by the outbox after a lost reply: accepted, nothing changes; a changed copy changes nothing either.
      expect((await save(tx, response('lr-4'), contact('lc-4', 'lr-4')))[0]!.reply).toEqual({ ok: true });
      expect((await save(tx, response('lr-4'), contact('lc-4', 'lr-4', { name: 'Ktoś Inny', phone: '700 700 700' })))[0]!.reply).toEqual({ ok: true });
      expect(await count(tx, 'select count(*)::int as n from public.leader_contacts')).toBe(0);
      expect((await tx.query<{ list: unknown[] }>('select public.list_leader_contacts($1) as list', [ORG_A]))[0]!.list).toEqual([]);
      expect(await count(tx, `with c as (update public.leader_contacts set name = 'Ktoś' returning 1) select count(*)::int as n from c`)).toBe(0);
      expect(await count(tx, `with c as (delete from public.leader_contacts returning 1) select count(*)::int as n from c`)).toBe(0);
      expect((await tx.query<{ r: unknown }>(`select public.delete_leader_contact($1, 'lc-4') as r`, [ORG_A]))[0]!.r).toEqual({ ok: true });
      expect((await tx.query<{ r: { ok: boolean } }>(`select public.shorten_leader_contact_retention($1, 'lc-4', '2026-06-01') as r`, [ORG_A]))[0]!.r.ok).toBe(false);
    }, 'commit');
    const stored = await db.query<{ name: string; phone: string; created_by: string }>(`select name, phone, created_by from public.leader_contacts where organisation_id = $1 and id = 'lc-4'`, [ORG_A]);
    expect(stored).toEqual([{ name: 'Anna Nowak', phone: '600 100 200', created_by: USERS.surveyorA }]);
    // Not to a colleague's answers (r-3 was entered by someone else), and not as a raw insert under another's name.
    await asCaller(db, surveyor, async (tx) => {
      const [{ reply }] = (await save(tx, response('r-3'), contact('lc-5', 'r-3'))) as [{ reply: { ok: boolean } }];
      expect(reply.ok).toBe(false);
      const forged = await attempt(tx, `insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until, created_by)
        values ($1, 'lc-6', 'lr-4', 'Jan Kowalski', '600 300 400', current_date, current_date + 1, $2)`, [ORG_A, USERS.plannerA]);
      expect(forged.ok ? 'inserted' : forged.error.code).toBe('42501');
    });
    expect(await count(db, `select count(*)::int as n from public.leader_contacts where id in ('lc-5', 'lc-6')`)).toBe(0);
    await db.query(`delete from public.survey_responses where organisation_id = $1 and id = 'lr-4'`, [ORG_A]);
  });
});

describe('reading and deleting leader contacts', () => {
  beforeAll(async () => {
    // As the owner: one live and one expired contact in each centre.
    await db.query(`insert into public.survey_responses (organisation_id, id, campaign_id, street_id, date, household_size) values ($1, 'r-2', 'c-1', 's-1', '2025-05-12', 2)`, [ORG_B]);
    for (const org of [ORG_A, ORG_B]) {
      await db.query(`insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until) values
        ($1, 'lc-live', 'r-1', 'Anna Nowak', '600 100 200', current_date - 10, current_date),
        ($1, 'lc-old', 'r-2', 'Jan Kowalski', '600 300 400', current_date - 400, current_date - 40)`, [org]);
    }
  });

  it('are invisible to partners, surveyors, strangers and anon; load_workspace never carries them', async () => {
    for (const user of [USERS.partnerA, USERS.surveyorA, USERS.outsider, USERS.adminB]) {
      await asCaller(db, as(user), async (tx) => {
        expect(await count(tx, 'select count(*)::int as n from public.leader_contacts where organisation_id = $1', [ORG_A]), user).toBe(0);
        expect((await tx.query<{ list: unknown[] }>('select public.list_leader_contacts($1) as list', [ORG_A]))[0]!.list, user).toEqual([]);
      });
    }
    await asCaller(db, { role: 'anon' }, async (tx) => {
      for (const sql of [`select * from public.leader_contacts`, `select public.list_leader_contacts('${ORG_A}')`, `select public.delete_expired_leader_contacts()`]) {
        const result = await attempt(tx, sql);
        expect(result.ok ? 'allowed' : result.error.code, sql).toBe('42501');
      }
    });
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      const [{ workspace }] = (await tx.query<{ workspace: unknown }>('select public.load_workspace($1) as workspace', [ORG_A])) as [{ workspace: unknown }];
      expect(JSON.stringify(workspace)).toContain('"r-1"');
      expect(JSON.stringify(workspace)).not.toMatch(/Anna|Nowak|600 100 200|lc-live/);
    });
  });

  it('lists only live ones to a planner, deleting the expired ones of that centre first (kept on their last day)', async () => {
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      const [{ list }] = (await tx.query<{ list: { id: string }[] }>('select public.list_leader_contacts($1) as list', [ORG_A])) as [{ list: { id: string }[] }];
      expect(list.map((c) => c.id)).toEqual(['lc-live']);
      expect(await count(tx, `select count(*)::int as n from public.leader_contacts`)).toBe(1);
    });
    // Centre B's expired one is still there until its own planner lists, or the daily job runs.
    expect(await count(db, `select count(*)::int as n from public.leader_contacts where organisation_id = $1 and id = 'lc-old'`, [ORG_B])).toBe(1);
  });

  it('the daily job deletes every centre\'s expired contacts; a planner deletes one with a click', async () => {
    await db.query('begin');
    try {
      expect((await db.query<{ n: number }>('select public.delete_expired_leader_contacts() as n'))[0]!.n).toBe(2);
      expect(await count(db, `select count(*)::int as n from public.leader_contacts where id = 'lc-old'`)).toBe(0);
    } finally {
      await db.query('rollback');
    }
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      expect((await tx.query<{ r: unknown }>(`select public.delete_leader_contact($1, 'lc-live') as r`, [ORG_A]))[0]!.r).toEqual({ ok: true });
      expect(await count(tx, `select count(*)::int as n from public.leader_contacts where organisation_id = $1 and id = 'lc-live'`, [ORG_A])).toBe(0);
      // Not another centre's: RLS hides it, and the answer is the same.
      expect((await tx.query<{ r: unknown }>(`select public.delete_leader_contact($1, 'lc-live') as r`, [ORG_B]))[0]!.r).toEqual({ ok: true });
    });
    expect(await count(db, `select count(*)::int as n from public.leader_contacts where organisation_id = $1 and id = 'lc-live'`, [ORG_B])).toBe(1);
  });

  it('are kept for a shorter time by a planner, never longer, and not at all by anyone else', async () => {
    const shorten = (tx: Database, org: string, date: string) =>
      tx.query<{ r: { ok: boolean; issues?: { field: string }[] } }>(`select public.shorten_leader_contact_retention($1, 'lc-live', $2) as r`, [org, date]);
    await asCaller(db, as(USERS.plannerA), async (tx) => {
      // lc-live: consent 10 days ago, kept until today.
      const today = (await tx.query<{ d: string }>(`select to_char(current_date, 'YYYY-MM-DD') as d`))[0]!.d;
      const yesterday = (await tx.query<{ d: string }>(`select to_char(current_date - 1, 'YYYY-MM-DD') as d`))[0]!.d;
      const tomorrow = (await tx.query<{ d: string }>(`select to_char(current_date + 1, 'YYYY-MM-DD') as d`))[0]!.d;
      expect((await shorten(tx, ORG_A, tomorrow))[0]!.r).toMatchObject({ ok: false, issues: [{ field: 'retainUntil' }] });
      expect((await shorten(tx, ORG_A, '2026-02-30'))[0]!.r).toMatchObject({ ok: false, issues: [{ field: 'retainUntil' }] });
      expect((await shorten(tx, ORG_A, yesterday))[0]!.r).toEqual({ ok: true });
      expect((await tx.query<{ d: string }>(`select to_char(retain_until, 'YYYY-MM-DD') as d from public.leader_contacts where organisation_id = $1 and id = 'lc-live'`, [ORG_A]))[0]!.d).toBe(yesterday);
      expect(today > yesterday).toBe(true);
    });
    await asCaller(db, as(USERS.partnerA), async (tx) => {
      expect((await shorten(tx, ORG_A, '2000-01-01'))[0]!.r).toMatchObject({ ok: false, issues: [{ field: 'id' }] });
    });
  });

  it('go with the response they belong to', async () => {
    await asCaller(db, as(USERS.adminB), async (tx) => {
      await tx.query(`delete from public.survey_responses where organisation_id = $1 and id = 'r-1'`, [ORG_B]);
      expect(await count(tx, `select count(*)::int as n from public.leader_contacts where organisation_id = $1 and id = 'lc-live'`, [ORG_B])).toBe(0);
    });
  });
});
