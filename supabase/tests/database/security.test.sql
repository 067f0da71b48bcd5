-- pgTAP: the security matrix's core and issue 11's disclosure rules, on a database with the migrations and the demo
-- seed (CI: `supabase db push --include-seed` on a scratch database, then `pg_prove`; `supabase test db` runs the same
-- files where Docker is available). Everything happens in one transaction that is rolled back.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = extensions, public;

select plan(36);

-- Users of every role of the demo centre, and a stranger.
insert into auth.users (id) values
  ('00000000-0000-4000-8000-0000000000f0'), ('00000000-0000-4000-8000-0000000000f1'),
  ('00000000-0000-4000-8000-0000000000f2'), ('00000000-0000-4000-8000-0000000000f3');
insert into public.memberships (user_id, organisation_id, role) values
  ('00000000-0000-4000-8000-0000000000f0', 'mops-debowo', 'planner'),
  ('00000000-0000-4000-8000-0000000000f1', 'mops-debowo', 'partner'),
  ('00000000-0000-4000-8000-0000000000f2', 'mops-debowo', 'surveyor');

create function pg_temp.act_as(who text) returns void language plpgsql as $$
begin
  if who = 'anon' then
    perform set_config('role', 'anon', true);
    perform set_config('request.jwt.claims', '{"role":"anon"}', true);
  else
    perform set_config('role', 'authenticated', true);
    perform set_config('request.jwt.claims', json_build_object('sub', who, 'role', 'authenticated')::text, true);
  end if;
end $$;
grant execute on function pg_temp.act_as(text) to anon, authenticated;

-- Tables: partners, surveyors' colleagues, strangers and anon read no answer.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f1');
select is((select count(*) from public.survey_responses), 0::bigint, 'a partner reads no response');
select is((select count(*) from public.survey_response_needs), 0::bigint, 'a partner reads no need answer');
select is((select count(*) from public.share_links), 0::bigint, 'a partner reads no share link');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f3');
select is((select count(*) from public.areas), 0::bigint, 'a stranger reads no area');
select is((select count(*) from public.audit_log), 0::bigint, 'a stranger reads no audit entry');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f2');
select is((select count(*) from public.survey_responses), 0::bigint, 'a surveyor who entered nothing reads no response');
reset role;
select pg_temp.act_as('anon');
select throws_ok($$select count(*) from public.survey_responses$$, '42501', null, 'anon reads no table');
select throws_ok($$select * from public.campaign_aggregates_by_street('mops-debowo', 'campaign-2025-w1')$$, '42501', null, 'anon calls no member RPC');
reset role;

-- Share links: only through the RPCs; revocation one-way.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f0');
create temp table link on commit drop as
  select * from public.create_share_link('mops-debowo', 'campaign-2025-w1', '{"v":1,"unit":"area","needs":["addiction"]}');
grant select on link to anon; -- the test's own note of the token, for the anonymous call below
select matches((select token from link), '^[0-9a-f]{64}$', 'the server mints a 64-hex token');
select throws_ok($$insert into public.share_links (organisation_id, campaign_id, token_sha256, view, expires_at)
  values ('mops-debowo', 'campaign-2025-w1', sha256('guessable'), '{"v":1,"unit":"street"}', now() + interval '1 day')$$, '42501', null, 'a planner cannot insert a link directly');
select ok(public.revoke_share_link((select id from link)), 'a planner revokes a link');
select throws_ok(format($$update public.share_links set revoked_at = null where id = %L$$, (select id from link)), '42501', null, 'a planner cannot revive it directly');
reset role;
select throws_ok(format($$update public.share_links set revoked_at = null where id = %L$$, (select id from link)), '42501', 'a revoked share link stays revoked', 'not even the owner revives it');
select pg_temp.act_as('anon');
select is((select count(*) from public.shared_aggregates((select token from link))), 0::bigint, 'a revoked link shows nothing');
reset role;
select is((select array_agg(action order by id) from public.audit_log where share_link_id = (select id from link)),
  array['share_link_created', 'share_link_revoked'], 'creation and revocation are audited');

-- Leader contacts (issue 14): only the centre's admins and planners read them; a surveyor adds one with the answers
-- they enter; never anon or partners.
insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until)
  select 'mops-debowo', 'lc-pgtap', r.id, 'Anna Nowak', '600 100 200', current_date, current_date + 30
  from public.survey_responses r where r.organisation_id = 'mops-debowo' order by r.id limit 1;
insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until)
  select 'mops-debowo', 'lc-expired', r.id, 'Jan Kowalski', '600 300 400', current_date - 400, current_date - 40
  from public.survey_responses r where r.organisation_id = 'mops-debowo' order by r.id offset 1 limit 1;
create temp table a_response on commit drop as select id from public.survey_responses where organisation_id = 'mops-debowo' order by id offset 2 limit 1;
grant select on a_response to authenticated; -- the surveyor sees no response of their own: the id to forge a contact with
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f1');
select is((select count(*) from public.leader_contacts), 0::bigint, 'a partner reads no leader contact');
select is(public.list_leader_contacts('mops-debowo'), '[]'::jsonb, 'a partner''s list of leader contacts is empty');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f2');
select throws_ok($$insert into public.leader_contacts (organisation_id, id, response_id, name, phone, consent_date, retain_until)
  select 'mops-debowo', 'lc-forged', a.id, 'Ktoś', '600 500 600', current_date, current_date + 1 from a_response a$$,
  '42501', null, 'a surveyor cannot write a leader contact to answers they did not enter');
select is(public.save_response_with_leader_contact('mops-debowo',
    jsonb_build_object('id', 'r-pgtap-door', 'campaignId', 'campaign-2025-w1', 'streetId', (select min(id) from public.streets where organisation_id = 'mops-debowo'),
      'date', '2025-05-12', 'householdSize', 2, 'needs', '[]'::jsonb, 'nuisances', '[]'::jsonb, 'offers', '["organising_events"]'::jsonb,
      'leaderCandidate', '{"consent": true, "interests": ["safety"]}'::jsonb),
    jsonb_build_object('id', 'lc-door', 'responseId', 'r-pgtap-door', 'name', 'Ewa Lis', 'phone', '600 700 800',
      'consentDate', to_char(current_date, 'YYYY-MM-DD'), 'retainUntil', to_char(current_date + 30, 'YYYY-MM-DD'))),
  '{"ok": true}'::jsonb, 'a surveyor saves the answers they enter with the contact the resident consented to');
select is((select count(*) from public.leader_contacts), 0::bigint, 'and reads no leader contact, not even that one');
select pg_temp.act_as('anon');
select throws_ok($$select count(*) from public.leader_contacts$$, '42501', null, 'anon reads no leader contact');
reset role;
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f0');
select is((select jsonb_agg(c ->> 'id' order by c ->> 'id') from jsonb_array_elements(public.list_leader_contacts('mops-debowo')) as c), '["lc-door", "lc-pgtap"]'::jsonb,
  'a planner lists the live contact; the expired one is deleted first');
select is((select count(*) from public.leader_contacts where id = 'lc-expired'), 0::bigint, 'the expired contact is gone from the table');
reset role;
select is((public.load_workspace('mops-debowo'))::text like '%Anna Nowak%', false, 'the workspace the app loads carries no contact');

-- A residents' resources link (issue 14): anon gets published offer aggregates only (k = 5 on answers and homes),
-- never a suppressed row, a household or a contact.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f0');
create temp table offer_link on commit drop as
  select * from public.create_share_link('mops-debowo', 'campaign-2025-w1', '{"v":1,"unit":"street","offers":{"kind":"offer","offerId":"senior_care"}}');
grant select on offer_link to anon;
select pg_temp.act_as('anon');
create temp table offer_rows on commit drop as select * from public.shared_aggregates((select token from offer_link));
select ok((select count(*) > 50 and bool_and(not suppressed and responses >= 5) from offer_rows), 'an offers link lists only published streets, each with at least 5 answers');
select ok((select bool_and(need_count is null or (need_count >= 5 and responses - need_count >= 5)) from offer_rows), 'an exact offer count and its complement are both at least 5; else a band');
select is((select count(*) from offer_rows where (to_jsonb(offer_rows))::text ~ 'Anna Nowak|600 100 200|Ewa Lis'), 0::bigint, 'no contact in an offers link');
reset role;

-- Restricted readers: the fixed grid, k ≥ 5, homes, dominance, no suppressed rows.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f1');
select throws_ok($$select * from public.campaign_aggregates_by_hex('mops-debowo', 'campaign-2025-w1', null, 1, 5, 10000, 19.3, 50.16)$$,
  '42501', null, 'a partner cannot choose a hexagon size and origin');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f2');
select throws_ok($$select * from public.campaign_aggregates_by_hex('mops-debowo', 'campaign-2025-w1', null, 1, 1, 25)$$,
  '42501', null, 'a surveyor cannot ask for 25 m cells');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000f1');
create temp table partner_streets on commit drop as
  select * from public.campaign_aggregates_by_street('mops-debowo', 'campaign-2025-w1', '{addiction}', 1, 1);
reset role;
select is((select count(*) from partner_streets where suppressed), 0::bigint, 'no suppressed street is listed to a partner');
select is((select count(*) from partner_streets where responses < 5), 0::bigint, 'k = 1 asked, k = 5 given');
select is((select count(*) from partner_streets p
           where (select count(distinct coalesce(r.address_id::text, r.id::text)) from public.survey_responses r
                  where r.organisation_id = 'mops-debowo' and r.campaign_id = 'campaign-2025-w1' and r.assigned_street_id = p.unit_id) < 5),
  0::bigint, 'every listed street has responses from at least 5 homes');
select is((select count(*) from partner_streets p
           where (select max(n) * 4 from (select count(*) as n from public.survey_responses r
                  where r.organisation_id = 'mops-debowo' and r.campaign_id = 'campaign-2025-w1' and r.assigned_street_id = p.unit_id
                  group by coalesce(r.address_id::text, r.id::text)) as h) > p.responses * 3),
  0::bigint, 'no listed street has one home above 3/4 of its responses');
select is((select count(*) from partner_streets where need_count is not null and (need_count < 5 or responses - need_count < 5)),
  0::bigint, 'an exact need count and its complement are both at least 5');
select is((select count(*) from partner_streets where need_count is null and not (need_count_low <= need_count_high)),
  0::bigint, 'a banded need count carries its bounds');
select is((select count(*) from public.audit_log where actor = '00000000-0000-4000-8000-0000000000f1' and action = 'restricted_read'),
  1::bigint, 'the partner''s read is audited (refused calls are not reads)');

select * from finish();
rollback;
