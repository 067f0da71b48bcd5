-- Organisations (one per centre) and who belongs to them, with which role.
-- Every other table carries organisation_id; policies ask private.my_organisations(...) which
-- organisations the caller belongs to in the roles that may do the thing.

create table public.organisations (
  id public.record_id primary key,
  name public.record_name not null,
  kind public.organisation_kind not null,
  gmina_teryt text not null constraint organisations_gmina_teryt_check check (gmina_teryt ~ '^[0-9]{6}[1-5]$'),
  town public.record_name not null,
  created_at timestamptz not null default pg_catalog.now()
);
comment on table public.organisations is 'A social-welfare centre working as a CAL; every record belongs to one (src/domain/organisation.ts).';
comment on column public.organisations.gmina_teryt is 'TERYT code of the gmina: 6 digits and the gmina type 1-5.';

create table public.memberships (
  user_id uuid not null references auth.users (id) on delete cascade,
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default pg_catalog.now(),
  primary key (user_id, organisation_id)
);
create index memberships_organisation_idx on public.memberships (organisation_id);
comment on table public.memberships is 'A user''s role in an organisation: admin, planner, surveyor or partner. One role per user and organisation.';

-- The organisations in which the caller holds one of the roles (any role when roles is null).
-- SECURITY DEFINER so that policies on memberships itself can use it without recursing into their own RLS.
-- Policies call it as `organisation_id in (select private.my_organisations(...))`: evaluated once per statement.
create function private.my_organisations(roles public.member_role[] default null)
returns setof public.record_id
language sql stable security definer
set search_path = ''
as $$
  select m.organisation_id
  from public.memberships m
  where m.user_id = auth.uid()
    and (roles is null or m.role = any (roles))
$$;
comment on function private.my_organisations(public.member_role[]) is 'Organisations where the caller (auth.uid()) holds one of the given roles (any role when null). For RLS policies.';
revoke all on function private.my_organisations(public.member_role[]) from public;
grant execute on function private.my_organisations(public.member_role[]) to authenticated, service_role;

-- organisations: members read their own; admins edit it. Creating and deleting organisations is for
-- the service role (onboarding), which bypasses RLS.
alter table public.organisations enable row level security;
revoke all on table public.organisations from anon, authenticated;
grant select, update on table public.organisations to authenticated;
grant all on table public.organisations to service_role;

create policy organisations_select_member on public.organisations
  for select to authenticated
  using (id in (select private.my_organisations()));
create policy organisations_update_admin on public.organisations
  for update to authenticated
  using (id in (select private.my_organisations('{admin}')))
  with check (id in (select private.my_organisations('{admin}')));

-- memberships: everyone sees their own rows; admins see and manage their organisation's.
alter table public.memberships enable row level security;
revoke all on table public.memberships from anon, authenticated;
grant select, insert, update, delete on table public.memberships to authenticated;
grant all on table public.memberships to service_role;

create policy memberships_select_own_or_admin on public.memberships
  for select to authenticated
  using (user_id = (select auth.uid()) or organisation_id in (select private.my_organisations('{admin}')));
create policy memberships_insert_admin on public.memberships
  for insert to authenticated
  with check (organisation_id in (select private.my_organisations('{admin}')));
create policy memberships_update_admin on public.memberships
  for update to authenticated
  using (organisation_id in (select private.my_organisations('{admin}')))
  with check (organisation_id in (select private.my_organisations('{admin}')));
create policy memberships_delete_admin on public.memberships
  for delete to authenticated
  using (organisation_id in (select private.my_organisations('{admin}')));
