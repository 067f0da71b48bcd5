-- Issue 14: the contacts of leader candidates (src/domain/leaderContact.ts LeaderContact), apart from the answers.
-- A survey response carries no name or phone; a resident who wants to be a local leader may, in a separate explicit
-- consent, leave a name and a phone or e-mail. Only the centre's admins and planners read or change them, and a
-- surveyor adds one with the answers they entered (RLS); no
-- partner RPC, share link, aggregate or load_workspace reads this table. Each contact is deleted automatically the day
-- after its retain_until (at most 12 months after the consent): on every list_leader_contacts call, and daily by
-- pg_cron where it is enabled (supabase/README.md).

create table public.leader_contacts (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  response_id public.record_id not null,
  name text not null
    constraint leader_contacts_name_check check (name = pg_catalog.btrim(name) and pg_catalog.char_length(name) between 2 and 100 and name !~ '[0-9<>@]'),
  phone text
    constraint leader_contacts_phone_check check (phone ~ '^\+?[0-9][0-9 -]*[0-9]$' and pg_catalog.length(pg_catalog.regexp_replace(phone, '[^0-9]', '', 'g')) between 9 and 15),
  email text
    constraint leader_contacts_email_check check (pg_catalog.char_length(email) <= 254 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  consent_date date not null,
  retain_until date not null,
  created_by uuid default auth.uid(),
  primary key (organisation_id, id),
  constraint leader_contacts_response_key unique (organisation_id, response_id),
  -- Deleting the household's answers deletes the contact.
  constraint leader_contacts_response_fkey foreign key (organisation_id, response_id)
    references public.survey_responses (organisation_id, id) on delete cascade,
  constraint leader_contacts_channel_check check (phone is not null or email is not null),
  -- date + interval clamps to the month's last day (2026-08-31 + 6 months = 2027-02-28), as src/domain addMonths.
  constraint leader_contacts_retention_check check (retain_until > consent_date and retain_until <= consent_date + interval '12 months')
);
create index leader_contacts_retain_until_idx on public.leader_contacts (retain_until);
comment on table public.leader_contacts is 'Contacts of leader candidates who consented to be contacted (src/domain/leaderContact.ts). Personal data: only admins and planners of the centre read them (a surveyor adds one with the answers they entered); never in partner RPCs, share links, aggregates or load_workspace. Deleted the day after retain_until.';
comment on column public.leader_contacts.retain_until is 'The last day the contact is kept (at most consent_date + 12 months); public.delete_expired_leader_contacts removes it after.';

alter table public.leader_contacts enable row level security;
revoke all on table public.leader_contacts from anon, authenticated;
grant select, insert, update, delete on table public.leader_contacts to authenticated;
grant all on table public.leader_contacts to service_role;

create policy leader_contacts_select on public.leader_contacts
  for select to authenticated
  using (organisation_id in (select private.my_organisations('{admin,planner}')));
-- A surveyor at the door records the contact a resident consented to, with the answers they entered themselves
-- (created_by), as themselves; they never read, list, change or delete one (no select, update or delete policy).
create policy leader_contacts_insert on public.leader_contacts
  for insert to authenticated
  with check (organisation_id in (select private.my_organisations('{admin,planner}'))
    or (organisation_id in (select private.my_organisations('{surveyor}'))
        and created_by = (select auth.uid())
        and exists (select 1 from public.survey_responses r
                    where r.organisation_id = leader_contacts.organisation_id and r.id = leader_contacts.response_id
                      and r.created_by = (select auth.uid()))));
create policy leader_contacts_update on public.leader_contacts
  for update to authenticated
  using (organisation_id in (select private.my_organisations('{admin,planner}')))
  with check (organisation_id in (select private.my_organisations('{admin,planner}')));
create policy leader_contacts_delete on public.leader_contacts
  for delete to authenticated
  using (organisation_id in (select private.my_organisations('{admin,planner}')));

-- A failed contact write as {field, message}: this table's constraints by their field, the rest as issue_from_error.
create function private.leader_contact_issue(state text, message text, error_column text, error_constraint text) returns jsonb
language sql stable
set search_path = ''
as $$
  select coalesce(
    (select pg_catalog.jsonb_build_object('field', v.field, 'message', v.message)
     from (values
       ('leader_contacts_name_check', 'name', 'name must be 2 to 100 characters without digits or markup'),
       ('leader_contacts_phone_check', 'phone', 'phone must have 9 to 15 digits (spaces, hyphens and a leading + allowed)'),
       ('leader_contacts_email_check', 'email', 'e-mail must look like name@example.pl'),
       ('leader_contacts_channel_check', 'phone', 'give a phone number or an e-mail address'),
       ('leader_contacts_retention_check', 'retainUntil', 'retainUntil must be after the consent date and at most 12 months after it'),
       ('leader_contacts_response_fkey', 'responseId', 'the contact belongs to a response that does not exist'),
       ('leader_contacts_response_key', 'responseId', 'this response already has a contact')
     ) as v (constraint_name, field, message)
     where v.constraint_name = leader_contact_issue.error_constraint and leader_contact_issue.state <> '42501'),
    private.issue_from_error(state, message, error_column, error_constraint))
$$;
comment on function private.leader_contact_issue(text, text, text, text) is 'An error of a leader contact write as {field, message}: its constraints name their field; anything else as private.issue_from_error.';

-- LeaderContact JSON (camelCase) to a row, strictly (unknown keys and wrong types name the field).
create function private.leader_contact_from_json(organisation text, r jsonb) returns public.leader_contacts
language plpgsql stable
set search_path = ''
as $$
declare
  res public.leader_contacts;
  f text;
begin
  perform private.json_check_keys(r, '{id,responseId,name,phone,email,consentDate,retainUntil}', '{id,responseId,name,consentDate,retainUntil}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'responseId'; res.response_id := private.json_text(r -> f, f);
  f := 'name'; res.name := pg_catalog.btrim(private.json_text(r -> f, f));
  f := 'phone'; res.phone := pg_catalog.btrim(private.json_text(r -> f, f));
  f := 'email'; res.email := pg_catalog.btrim(private.json_text(r -> f, f));
  f := 'consentDate'; res.consent_date := private.iso_date(private.json_text(r -> f, f));
  f := 'retainUntil'; res.retain_until := private.iso_date(private.json_text(r -> f, f));
  res.created_by := auth.uid();
  return res;
exception when invalid_datetime_format or data_exception then
  -- iso_date and the domains raise without a column: name the field being read.
  declare st text; msg text; col text;
  begin
    get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name;
    raise exception '%', msg using errcode = st, column = coalesce(nullif(col, ''), f);
  end;
end
$$;
comment on function private.leader_contact_from_json(text, jsonb) is 'A LeaderContact (camelCase JSON) as a leader_contacts row; errors name the field like zod''s issue path.';

-- The domain JSON of a row (the read path).
create function private.leader_contact_json(c public.leader_contacts) returns jsonb
language sql immutable
set search_path = ''
as $$
  select pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
    'id', c.id, 'responseId', c.response_id, 'name', c.name, 'phone', c.phone, 'email', c.email,
    'consentDate', pg_catalog.to_char(c.consent_date, 'YYYY-MM-DD'), 'retainUntil', pg_catalog.to_char(c.retain_until, 'YYYY-MM-DD')))
$$;
comment on function private.leader_contact_json(public.leader_contacts) is 'A leader_contacts row as LeaderContact JSON (camelCase, absent phone or e-mail left out).';

-- Deletes contacts past their last day. SECURITY INVOKER: a planner deletes their centre's (RLS); the scheduled job
-- (pg_cron, as the database owner) and the service role delete every centre's when p_organisation_id is null.
create function public.delete_expired_leader_contacts(p_organisation_id text default null) returns integer
language plpgsql
set search_path = ''
as $$
declare
  deleted integer;
begin
  if p_organisation_id is not null then
    perform private.check_record_id(p_organisation_id, 'organisationId');
  end if;
  delete from public.leader_contacts c
  where (p_organisation_id is null or c.organisation_id = p_organisation_id) and c.retain_until < current_date;
  get diagnostics deleted = row_count;
  return deleted;
end
$$;
comment on function public.delete_expired_leader_contacts(text) is 'RPC and scheduled job: deletes leader contacts whose retain_until has passed (of one centre, or all when null, under the caller''s RLS); returns how many.';
revoke all on function public.delete_expired_leader_contacts(text) from public, anon;
grant execute on function public.delete_expired_leader_contacts(text) to authenticated, service_role;

-- The planner's list: expired contacts are deleted first, so none is ever shown. Under RLS: anyone but the centre's
-- admins and planners gets an empty list.
create function public.list_leader_contacts(p_organisation_id text) returns jsonb
language plpgsql
set search_path = ''
as $$
begin
  perform private.check_record_id(p_organisation_id, 'organisationId');
  perform public.delete_expired_leader_contacts(p_organisation_id);
  return coalesce((
    select pg_catalog.jsonb_agg(private.leader_contact_json(c) order by c.consent_date, c.id)
    from public.leader_contacts c where c.organisation_id = p_organisation_id), '[]'::jsonb);
end
$$;
comment on function public.list_leader_contacts(text) is 'RPC: the centre''s leader contacts as LeaderContact JSON, after deleting the expired ones; empty for anyone but its admins and planners (RLS).';
revoke all on function public.list_leader_contacts(text) from public, anon;
grant execute on function public.list_leader_contacts(text) to authenticated, service_role;

-- The form's save: the household's answers and the contact in one transaction, or neither.
create function public.save_response_with_leader_contact(p_organisation_id text, p_response jsonb, p_contact jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  stage text := 'responses';
  st text; msg text; col text; con text;
begin
  if pg_catalog.pg_column_size(p_response) + pg_catalog.pg_column_size(p_contact) > 1048576 then
    return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('collection', stage, 'field', '(record)', 'message', 'record is larger than 1 MB')));
  end if;
  perform private.upsert_record(p_organisation_id, 'responses', p_response);
  stage := 'leaderContacts';
  if p_contact ->> 'responseId' is distinct from p_response ->> 'id' then
    raise exception 'the contact belongs to another response' using errcode = '22023', column = 'responseId';
  end if;
  if exists (select 1 from private.my_organisations('{admin,planner}') as o where o = p_organisation_id) then
    insert into public.leader_contacts select * from private.leader_contact_from_json(p_organisation_id, p_contact)
    on conflict (organisation_id, id) do update set name = excluded.name, phone = excluded.phone, email = excluded.email,
      consent_date = excluded.consent_date, retain_until = excluded.retain_until;
  else
    -- Anyone else (RLS lets only a surveyor of the centre through, for a response they entered) writes and never
    -- changes: the same contact sent again (the phone's outbox after a lost reply) is a no-op, never an overwrite.
    -- Not ON CONFLICT: with RLS it also needs the SELECT policy, which a surveyor does not have.
    begin
      insert into public.leader_contacts select * from private.leader_contact_from_json(p_organisation_id, p_contact);
    exception when unique_violation then
      get stacked diagnostics con = constraint_name;
      if con <> 'leader_contacts_pkey' then
        raise;
      end if;
    end;
  end if;
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  -- The block is a subtransaction: the response written above is rolled back with the contact.
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
    private.leader_contact_issue(st, msg, col, con) || pg_catalog.jsonb_build_object('collection', stage)));
end
$$;
comment on function public.save_response_with_leader_contact(text, jsonb, jsonb) is 'RPC: saves a SurveyResponse and its LeaderContact together, all or nothing. Returns {ok: true} or {ok: false, issues: [{collection, field, message}]}. Admins and planners write or update contacts; a surveyor of the centre only adds one to a response they entered (sent again: no change), and reads none (RLS).';
revoke all on function public.save_response_with_leader_contact(text, jsonb, jsonb) from public, anon;
grant execute on function public.save_response_with_leader_contact(text, jsonb, jsonb) to authenticated, service_role;

create function public.delete_leader_contact(p_organisation_id text, p_id text) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  st text; msg text; col text; con text;
begin
  perform private.check_record_id(p_organisation_id, 'organisationId');
  perform private.check_record_id(p_id, 'id');
  delete from public.leader_contacts c where c.organisation_id = p_organisation_id and c.id = p_id;
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(private.issue_from_error(st, msg, col, con)));
end
$$;
comment on function public.delete_leader_contact(text, text) is 'RPC: deletes one leader contact (consent withdrawn); deleting what is not there, or what RLS hides, is not an error.';
revoke all on function public.delete_leader_contact(text, text) from public, anon;
grant execute on function public.delete_leader_contact(text, text) to authenticated, service_role;

-- The planner keeps a contact for a shorter time than the resident agreed to (never longer).
create function public.shorten_leader_contact_retention(p_organisation_id text, p_id text, p_retain_until text) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  current_until date;
  new_until date;
  st text; msg text; col text; con text;
begin
  perform private.check_record_id(p_organisation_id, 'organisationId');
  perform private.check_record_id(p_id, 'id');
  begin
    new_until := private.iso_date(p_retain_until);
  exception when others then
    raise exception 'date must be a real calendar date written YYYY-MM-DD' using errcode = '22007', column = 'retainUntil';
  end;
  select c.retain_until into current_until from public.leader_contacts c where c.organisation_id = p_organisation_id and c.id = p_id;
  if not found then
    return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', 'id', 'message', 'there is no such contact (it may have been deleted)')));
  end if;
  if new_until > current_until then
    return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', 'retainUntil', 'message', 'the retention may only be shortened')));
  end if;
  update public.leader_contacts c set retain_until = new_until where c.organisation_id = p_organisation_id and c.id = p_id;
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(private.leader_contact_issue(st, msg, col, con)));
end
$$;
comment on function public.shorten_leader_contact_retention(text, text, text) is 'RPC: brings a leader contact''s retain_until forward (never later; after the consent date). {ok} or {ok: false, issues: [{field, message}]}; a contact RLS hides is "no such contact".';
revoke all on function public.shorten_leader_contact_retention(text, text, text) from public, anon;
grant execute on function public.shorten_leader_contact_retention(text, text, text) to authenticated, service_role;

-- The daily deletion where pg_cron is enabled (Supabase: Database → Extensions → pg_cron, before this migration, or
-- run the same statement after enabling it). Without pg_cron the list call above still never shows an expired one.
do $$
begin
  if exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron') then
    execute $cron$select cron.schedule('delete-expired-leader-contacts', '15 3 * * *', 'select public.delete_expired_leader_contacts()')$cron$;
  end if;
end
$$;
