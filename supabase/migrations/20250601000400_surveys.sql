-- Survey waves and household answers (src/domain/survey.ts).
-- A response's need answers live in a child table, one row per (response, category): the primary key
-- makes "each need category may appear once" a real constraint, severity is a checked smallint, and
-- aggregation for a need filter is an index lookup instead of unpacking JSON.

create table public.campaigns (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  area_ids public.record_id[] not null
    constraint campaigns_area_ids_check check (pg_catalog.cardinality(area_ids) >= 1 and pg_catalog.array_position(area_ids, null) is null),
  start_date date not null,
  end_date date not null,
  households_targeted integer not null constraint campaigns_households_targeted_check check (households_targeted >= 1),
  method public.survey_method not null,
  wave integer not null constraint campaigns_wave_check check (wave >= 1),
  primary key (organisation_id, id),
  constraint campaigns_end_date_check check (end_date >= start_date)
);
comment on table public.campaigns is 'A survey wave over one or more areas (src/domain/survey.ts SurveyCampaign). area_ids are checked against areas by trigger.';
select private.apply_reference_policies('public.campaigns');

-- Arrays cannot carry foreign keys; this trigger is the foreign key of campaigns.area_ids. It runs before RLS
-- (SECURITY DEFINER), so it first asks whether the caller may write the organisation's campaigns at all; when not,
-- it stays silent and RLS refuses the row: a stranger never learns whether an area id exists in another centre.
create function private.check_campaign_areas() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  missing public.record_id;
begin
  if auth.role() in ('anon', 'authenticated')
     and not exists (select 1 from private.my_organisations('{admin,planner}') as o where o = new.organisation_id) then
    return new; -- not the caller's to write: row-level security answers, not this check
  end if;
  select a into missing
  from pg_catalog.unnest(new.area_ids) as a
  where not exists (select 1 from public.areas x where x.organisation_id = new.organisation_id and x.id = a)
  limit 1;
  if missing is not null then
    raise exception 'campaign % covers area %, which does not exist', new.id, missing
      using errcode = '23503', column = 'areaIds', constraint = 'campaigns_area_ids_fkey';
  end if;
  return new;
end
$$;
comment on function private.check_campaign_areas() is 'Trigger: every id in campaigns.area_ids names an area of the same organisation (the array''s foreign key); silent for callers who may not write the organisation''s campaigns (RLS refuses them without telling whether an id exists).';

create trigger campaigns_area_ids_exist before insert or update of area_ids on public.campaigns
  for each row execute function private.check_campaign_areas();

create table public.survey_responses (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  campaign_id public.record_id not null,
  address_id public.record_id,
  street_id public.record_id,
  location extensions.geometry(Point, 4326)
    constraint survey_responses_location_check check (private.is_usable_lnglat(location)),
  date date not null,
  household_size integer not null constraint survey_responses_household_size_check check (household_size between 1 and 20),
  nuisances public.nuisance[] not null default '{}'
    constraint survey_responses_nuisances_check check (private.is_distinct_array(nuisances)),
  offers public.offer[] not null default '{}'
    constraint survey_responses_offers_check check (private.is_distinct_array(offers)),
  -- Present (not null) only when the household consented to be contacted as a local leader.
  leader_interests public.need_category[]
    constraint survey_responses_leader_interests_check check (private.is_distinct_array(leader_interests)),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default pg_catalog.now(),
  -- Derived by trigger, never written by clients: the street the response counts for and the point it stands at.
  assigned_street_id public.record_id,
  located_at extensions.geometry(Point, 4326),
  primary key (organisation_id, id),
  constraint survey_responses_located_check check (address_id is not null or street_id is not null or location is not null),
  foreign key (organisation_id, campaign_id) references public.campaigns (organisation_id, id) on delete cascade,
  foreign key (organisation_id, address_id) references public.addresses (organisation_id, id),
  foreign key (organisation_id, street_id) references public.streets (organisation_id, id),
  foreign key (organisation_id, assigned_street_id) references public.streets (organisation_id, id) on delete set null (assigned_street_id)
);
create index survey_responses_campaign_idx on public.survey_responses (organisation_id, campaign_id, assigned_street_id);
create index survey_responses_location_idx on public.survey_responses using gist (location);
create index survey_responses_located_at_idx on public.survey_responses using gist (located_at);
create index survey_responses_created_by_idx on public.survey_responses (created_by);
comment on table public.survey_responses is 'One household''s answers (src/domain/survey.ts SurveyResponse). No name, phone or free text: nothing identifies a person. Partners never read this table.';
comment on column public.survey_responses.leader_interests is 'leaderCandidate.interests; null when the household did not consent to be contacted.';
comment on column public.survey_responses.assigned_street_id is 'Derived: the address''s street, else street_id, else the nearest street within 60 m of location.';
comment on column public.survey_responses.located_at is 'Derived: the address''s location, else location (as the analysis engine); used by area and hexagon aggregates.';

create table public.survey_response_needs (
  organisation_id public.record_id not null,
  response_id public.record_id not null,
  category public.need_category not null,
  severity smallint not null constraint survey_response_needs_severity_check check (severity between 1 and 3),
  primary key (organisation_id, response_id, category),
  foreign key (organisation_id, response_id) references public.survey_responses (organisation_id, id) on delete cascade
);
create index survey_response_needs_category_idx on public.survey_response_needs (organisation_id, category, severity);
comment on table public.survey_response_needs is 'Need answers of a response (SurveyResponse.needs): one row per category, severity 1 = some, 2 = serious, 3 = very serious.';
-- Street assignment, done once when a response is written (the analysis engine does the same in memory).
-- The 60 m search uses geography distance on the spheroid; a bounding box of 0.0015° (≥ 64 m east-west
-- up to 55° N) lets the GiST index pick the candidates first. A response stands at its address's point when it
-- has an address (the engine's rule, src/analysis/dataset.ts), else at its own point.
create function private.assign_response_street() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  address_street public.record_id;
  address_location extensions.geometry;
begin
  new.assigned_street_id := null;
  new.located_at := new.location;
  if new.address_id is not null then
    select a.street_id, a.location into address_street, address_location
    from public.addresses a where a.organisation_id = new.organisation_id and a.id = new.address_id;
    new.assigned_street_id := address_street;
    new.located_at := coalesce(address_location, new.location);
  elsif new.street_id is not null then
    new.assigned_street_id := new.street_id;
  elsif new.location is not null then
    select s.id into new.assigned_street_id
    from public.streets s
    where s.organisation_id = new.organisation_id
      and s.geometry operator(extensions.&&) extensions.st_expand(new.location, 0.0015)
      and extensions.st_dwithin(s.geometry::extensions.geography, new.location::extensions.geography, 60)
    order by extensions.st_distance(s.geometry::extensions.geography, new.location::extensions.geography), s.id
    limit 1;
  end if;
  return new;
end
$$;
comment on function private.assign_response_street() is 'Trigger: fills survey_responses.assigned_street_id and located_at (address first, then street_id, then nearest street within 60 m; the point is the address''s, else the response''s own).';

create trigger survey_responses_assign_street before insert or update of address_id, street_id, location on public.survey_responses
  for each row execute function private.assign_response_street();

-- RLS: admins and planners read and edit all of their organisation's responses; surveyors insert
-- responses as themselves and read, correct and delete only those they entered; partners and anon nothing.
alter table public.survey_responses enable row level security;
revoke all on table public.survey_responses from anon, authenticated;
grant select, insert, update, delete on table public.survey_responses to authenticated;
grant all on table public.survey_responses to service_role;

create policy survey_responses_select on public.survey_responses
  for select to authenticated
  using (
    organisation_id in (select private.my_organisations('{admin,planner}'))
    or (created_by = (select auth.uid()) and organisation_id in (select private.my_organisations('{surveyor}')))
  );
create policy survey_responses_insert on public.survey_responses
  for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and organisation_id in (select private.my_organisations('{admin,planner,surveyor}'))
  );
create policy survey_responses_update on public.survey_responses
  for update to authenticated
  using (
    organisation_id in (select private.my_organisations('{admin,planner}'))
    or (created_by = (select auth.uid()) and organisation_id in (select private.my_organisations('{surveyor}')))
  )
  with check (
    organisation_id in (select private.my_organisations('{admin,planner}'))
    or (created_by = (select auth.uid()) and organisation_id in (select private.my_organisations('{surveyor}')))
  );
create policy survey_responses_delete on public.survey_responses
  for delete to authenticated
  using (
    organisation_id in (select private.my_organisations('{admin,planner}'))
    or (created_by = (select auth.uid()) and organisation_id in (select private.my_organisations('{surveyor}')))
  );

-- Need answers follow their response: the subquery runs under survey_responses' RLS, so a need row is
-- visible and writable exactly when its response is.
alter table public.survey_response_needs enable row level security;
revoke all on table public.survey_response_needs from anon, authenticated;
grant select, insert, update, delete on table public.survey_response_needs to authenticated;
grant all on table public.survey_response_needs to service_role;

create policy survey_response_needs_select on public.survey_response_needs
  for select to authenticated
  using (exists (select 1 from public.survey_responses r where r.organisation_id = survey_response_needs.organisation_id and r.id = survey_response_needs.response_id));
create policy survey_response_needs_insert on public.survey_response_needs
  for insert to authenticated
  with check (exists (select 1 from public.survey_responses r where r.organisation_id = survey_response_needs.organisation_id and r.id = survey_response_needs.response_id));
create policy survey_response_needs_update on public.survey_response_needs
  for update to authenticated
  using (exists (select 1 from public.survey_responses r where r.organisation_id = survey_response_needs.organisation_id and r.id = survey_response_needs.response_id))
  with check (exists (select 1 from public.survey_responses r where r.organisation_id = survey_response_needs.organisation_id and r.id = survey_response_needs.response_id));
create policy survey_response_needs_delete on public.survey_response_needs
  for delete to authenticated
  using (exists (select 1 from public.survey_responses r where r.organisation_id = survey_response_needs.organisation_id and r.id = survey_response_needs.response_id));
