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
  -- Derived by trigger, never written by clients: the street the response counts for and the point it stands at,
  -- the units it counts in (street, areas, the cell of the centre's grid) and its needs as bit masks by severity.
  assigned_street_id public.record_id,
  located_at extensions.geometry(Point, 4326),
  street_no integer,
  area_nos integer[] not null default '{}',
  hex_q integer,
  hex_r integer,
  need_mask_1 integer not null default 0,
  need_mask_2 integer not null default 0,
  need_mask_3 integer not null default 0,
  primary key (organisation_id, id),
  constraint survey_responses_located_check check (address_id is not null or street_id is not null or location is not null),
  foreign key (organisation_id, campaign_id) references public.campaigns (organisation_id, id) on delete cascade,
  foreign key (organisation_id, address_id) references public.addresses (organisation_id, id),
  foreign key (organisation_id, street_id) references public.streets (organisation_id, id),
  foreign key (organisation_id, assigned_street_id) references public.streets (organisation_id, id) on delete set null (assigned_street_id)
);
-- The aggregates read a campaign's responses from this index alone (an index-only scan): units and need masks.
create index survey_responses_campaign_idx on public.survey_responses (organisation_id, campaign_id)
  include (street_no, area_nos, hex_q, hex_r, need_mask_1, need_mask_2, need_mask_3);
create index survey_responses_address_idx on public.survey_responses (organisation_id, address_id);
create index survey_responses_pointless_idx on public.survey_responses (organisation_id, assigned_street_id) where located_at is null;
create index survey_responses_location_idx on public.survey_responses using gist (location);
create index survey_responses_located_at_idx on public.survey_responses using gist (located_at);
create index survey_responses_created_by_idx on public.survey_responses (created_by);
comment on table public.survey_responses is 'One household''s answers (src/domain/survey.ts SurveyResponse). No name, phone or free text: nothing identifies a person. Partners never read this table.';
comment on column public.survey_responses.leader_interests is 'leaderCandidate.interests; null when the household did not consent to be contacted.';
comment on column public.survey_responses.assigned_street_id is 'Derived: the address''s street, else street_id, else the nearest street within 60 m of location.';
comment on column public.survey_responses.located_at is 'Derived: the address''s location, else location (as the analysis engine); used by area and hexagon aggregates.';
comment on column public.survey_responses.street_no is 'Derived: unit_no of assigned_street_id.';
comment on column public.survey_responses.area_nos is 'Derived: unit_no of every area the response counts in: the areas holding located_at, else (no point) its street''s majority area of each kind; ascending.';
comment on column public.survey_responses.hex_q is 'Derived: axial q of located_at''s cell in the centre''s hexagon grid (public.hex_grids); null without a point or a grid.';
comment on column public.survey_responses.hex_r is 'Derived: axial r of located_at''s cell in the centre''s hexagon grid.';
comment on column public.survey_responses.need_mask_1 is 'Derived: bit i set when the response has need category i (the enum''s order, = src/domain NEED_CATEGORY_IDS) at severity 1 or worse.';
comment on column public.survey_responses.need_mask_2 is 'Derived: as need_mask_1, severity 2 or worse.';
comment on column public.survey_responses.need_mask_3 is 'Derived: as need_mask_1, severity 3.';

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
-- ---------------------------------------------------------------------------------------------------------------
-- A response's units, assigned once when it is written (the analysis engine assigns the same in memory,
-- src/analysis/streetAssignment.ts, unitLayers.ts, hexGrid.ts; supabase/tests/parity.test.ts compares them one by one):
-- * street: its address's street, else its street_id, else the nearest street within 60 m of its point. The 60 m
--   search uses geography distance on the spheroid; a bounding box of 0.0015° (≥ 64 m east-west up to 55° N) lets
--   the GiST index pick the candidates first;
-- * point: its address's point, else its own (src/analysis/dataset.ts);
-- * areas: every area holding the point (private.areas_at); without a point, per area kind the area holding most
--   of its street's addresses (private.street_majority_areas);
-- * hexagon: the point's cell in the centre's grid (public.hex_grids);
-- * needs: bit masks by severity (bit i = the enum's i-th category), kept current by a trigger on survey_response_needs.
-- The units are recomputed when the response moves (address, street or point) or when the places they depend on
-- change (private.reassign_units, called by triggers on areas, streets, addresses and hex_grids). A direct write of a
-- derived column changes nothing: the trigger puts it back.

create function private.need_mask(needs public.need_category[]) returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select case when needs is null then (1 << pg_catalog.cardinality(pg_catalog.enum_range(null::public.need_category))) - 1
    else coalesce((select pg_catalog.bit_or(1 << (pg_catalog.array_position(pg_catalog.enum_range(null::public.need_category), c) - 1))
                   from pg_catalog.unnest(needs) as c), 0) end
$$;
comment on function private.need_mask(public.need_category[]) is 'The mask of a need selection (null = every need; bit i = the enum''s i-th category, as in the response masks): a response has one of them when its need mask and this share a bit.';

-- Per street and area kind: the area holding most of the street's addresses (ties: more households; a full tie: none).
-- A street is a merged street (streets.merge_key), as in the engine.
create function private.street_majority_areas(organisation text, street text default null)
returns table (street_id text, area_no integer)
language sql stable
set search_path = ''
as $$
  with wanted as (
    select s.merge_key from public.streets s
    where s.organisation_id = organisation and (street is null or s.id = street)
  ), tally as (
    select s.merge_key, a.kind, a.unit_no, pg_catalog.count(*) as addresses, coalesce(pg_catalog.sum(d.households), 0) as households
    from public.addresses d
    join public.streets s on s.organisation_id = d.organisation_id and s.id = d.street_id
    cross join lateral pg_catalog.unnest(d.area_nos) as u (area_no)
    join public.areas a on a.unit_no = u.area_no
    where d.organisation_id = organisation and s.merge_key in (select w.merge_key from wanted w)
    group by 1, 2, 3
  ), ranked as (
    select t.*, pg_catalog.rank() over (partition by t.merge_key, t.kind order by t.addresses desc, t.households desc) as place,
           pg_catalog.count(*) over (partition by t.merge_key, t.kind, t.addresses, t.households) as same
    from tally t
  )
  select s.id::text, r.unit_no
  from ranked r join public.streets s on s.organisation_id = organisation and s.merge_key = r.merge_key
  where r.place = 1 and r.same = 1 and (street is null or s.id = street)
$$;
comment on function private.street_majority_areas(text, text) is 'Per street record (all, or the one given) and area kind: the area holding most of the addresses of its merged street (streets.merge_key; ties: more households; a full tie: none), as src/analysis/unitLayers.ts majorityAreaOfStreets.';
revoke all on function private.street_majority_areas(text, text) from public;

create function private.assign_response_units() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  address_street public.record_id;
  address_location extensions.geometry;
  grid public.hex_grids;
  cell integer[];
begin
  if tg_op = 'INSERT' or new.address_id is distinct from old.address_id or new.street_id is distinct from old.street_id
     or extensions.st_asewkb(new.location) is distinct from extensions.st_asewkb(old.location)
     or pg_catalog.current_setting('cal_map.reassign', true) = 'on' then
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
    select s.unit_no into new.street_no from public.streets s where s.organisation_id = new.organisation_id and s.id = new.assigned_street_id;
    if new.located_at is not null then
      new.area_nos := private.areas_at(new.organisation_id, new.located_at);
      select * into grid from public.hex_grids g where g.organisation_id = new.organisation_id;
    else
      new.area_nos := coalesce((select pg_catalog.array_agg(m.area_no order by m.area_no)
                                from private.street_majority_areas(new.organisation_id, new.assigned_street_id) as m), '{}');
    end if;
    cell := case when grid.organisation_id is not null
      then private.hex_cell(extensions.st_x(new.located_at), extensions.st_y(new.located_at), grid.origin_lng, grid.origin_lat, grid.size_meters) end;
    new.hex_q := cell[1];
    new.hex_r := cell[2];
  else
    -- Not moved: derived columns keep their values, except that deleting the street (its foreign key) unassigns it.
    new.assigned_street_id := case when new.assigned_street_id is null then null else old.assigned_street_id end;
    new.street_no := case when new.assigned_street_id is null then null else old.street_no end;
    new.located_at := old.located_at;
    new.area_nos := old.area_nos;
    new.hex_q := old.hex_q;
    new.hex_r := old.hex_r;
  end if;
  -- Bit i = the enum's i-th category (as private.need_mask), written out: a function call per answer costs more here.
  select coalesce(pg_catalog.bit_or(x.bit), 0), coalesce(pg_catalog.bit_or(x.bit) filter (where x.severity >= 2), 0),
         coalesce(pg_catalog.bit_or(x.bit) filter (where x.severity >= 3), 0)
  into new.need_mask_1, new.need_mask_2, new.need_mask_3
  from (select 1 << (pg_catalog.array_position(pg_catalog.enum_range(null::public.need_category), n.category) - 1) as bit, n.severity
        from public.survey_response_needs n where n.organisation_id = new.organisation_id and n.response_id = new.id) as x;
  return new;
end
$$;
comment on function private.assign_response_units() is 'Trigger: fills a response''s derived columns (assigned_street_id, located_at, street_no, area_nos, hex_q, hex_r by the engine''s rules when it is new, moved, or reassigned; need masks from its answers always) and ignores direct writes to them.';

create trigger survey_responses_assign_units before insert or update on public.survey_responses
  for each row execute function private.assign_response_units();

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

-- A response's need masks follow its answers: one update of the responses an insert, update or delete touched.
create function private.refresh_need_masks() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op in ('INSERT', 'UPDATE') then
    update public.survey_responses r set need_mask_1 = r.need_mask_1
    where (r.organisation_id, r.id) in (select n.organisation_id, n.response_id from new_needs n);
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    update public.survey_responses r set need_mask_1 = r.need_mask_1
    where (r.organisation_id, r.id) in (select n.organisation_id, n.response_id from old_needs n);
  end if;
  return null;
end
$$;
comment on function private.refresh_need_masks() is 'Statement trigger on survey_response_needs: touches the responses whose answers changed, so that private.assign_response_units recomputes their need masks.';
create trigger survey_response_needs_masks_insert after insert on public.survey_response_needs
  referencing new table as new_needs for each statement execute function private.refresh_need_masks();
create trigger survey_response_needs_masks_update after update on public.survey_response_needs
  referencing old table as old_needs new table as new_needs for each statement execute function private.refresh_need_masks();
create trigger survey_response_needs_masks_delete after delete on public.survey_response_needs
  referencing old table as old_needs for each statement execute function private.refresh_need_masks();

-- ---------------------------------------------------------------------------------------------------------------
-- When places change, the responses and addresses that depend on them are assigned again.

-- Recomputes the derived columns of the organisation's responses and addresses that may depend on a changed place:
-- those whose point lies within `near` (a bounding box is enough: the rules decide), the responses without a point
-- on the given streets (their majority area), and, with everything = true, all of them.
create function private.reassign_units(organisation text, near extensions.geometry, streets text[], everything boolean default false)
returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  perform pg_catalog.set_config('cal_map.reassign', 'on', true);
  update public.addresses d set location = d.location
  where d.organisation_id = organisation and (everything or d.location operator(extensions.&&) near);
  update public.survey_responses r set location = r.location
  where r.organisation_id = organisation
    and (everything or r.located_at operator(extensions.&&) near or (r.located_at is null and r.assigned_street_id = any (streets)));
  perform pg_catalog.set_config('cal_map.reassign', 'off', true);
end
$$;
comment on function private.reassign_units(text, extensions.geometry, text[], boolean) is 'Assigns again the units of the organisation''s addresses and responses near a changed place (or on the given streets, or all): the triggers recompute them by the same rules as on insert.';
revoke all on function private.reassign_units(text, extensions.geometry, text[], boolean) from public;

create function private.reassign_after_place_change() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  organisation text := coalesce(new.organisation_id, old.organisation_id);
  streets text[];
begin
  if pg_catalog.current_setting('cal_map.reassign', true) = 'on' then
    return null; -- touched by private.reassign_units itself, which reassigns what depends on it
  end if;
  if tg_table_name = 'areas' then
    -- Points inside the old or new outline, and every point-less response (its street's majority may change).
    perform private.reassign_units(organisation,
      coalesce(extensions.st_collect(old.geometry, new.geometry), old.geometry, new.geometry),
      array(select distinct r.assigned_street_id from public.survey_responses r where r.organisation_id = organisation and r.located_at is null and r.assigned_street_id is not null));
  elsif tg_table_name = 'streets' then
    -- Bare points within 60 m of the old or new line may snap to another street; point-less answers on the old and
    -- new merged street count in its majority areas.
    perform private.reassign_units(organisation,
      extensions.st_expand(coalesce(extensions.st_collect(old.geometry, new.geometry), old.geometry, new.geometry), 0.0015),
      array(select s.id::text from public.streets s where s.organisation_id = organisation and s.merge_key in (old.merge_key, new.merge_key)));
  elsif tg_table_name = 'addresses' then
    -- Responses at the address (its point or street moved), and point-less responses on its old and new (merged) street.
    streets := array(select s.id::text from public.streets s
                     join public.streets t on t.organisation_id = s.organisation_id and t.merge_key = s.merge_key
                     where s.organisation_id = organisation and t.id in (old.street_id, new.street_id));
    perform pg_catalog.set_config('cal_map.reassign', 'on', true);
    update public.survey_responses r set location = r.location
    where r.organisation_id = organisation
      and (r.address_id = coalesce(new.id, old.id) or (r.located_at is null and r.assigned_street_id = any (streets)));
    perform pg_catalog.set_config('cal_map.reassign', 'off', true);
  elsif tg_table_name = 'hex_grids' then
    perform private.reassign_units(organisation, null, '{}', true);
  end if;
  return null;
end
$$;
comment on function private.reassign_after_place_change() is 'Trigger on areas, streets, addresses and hex_grids: assigns again the units of what depends on the changed row (see private.reassign_units).';
create trigger areas_reassign_units after insert or update or delete on public.areas
  for each row execute function private.reassign_after_place_change();
create trigger streets_reassign_units after insert or update of geometry, prefix, name or delete on public.streets
  for each row execute function private.reassign_after_place_change();
create trigger addresses_reassign_units after insert or update of street_id, location or delete on public.addresses
  for each row execute function private.reassign_after_place_change();
create trigger hex_grids_reassign_units after insert or update on public.hex_grids
  for each row execute function private.reassign_after_place_change();
