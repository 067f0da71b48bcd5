-- What the community already has: institutions and partners, groups and clubs, Local Activity
-- Programmes and local events (src/domain/resource.ts, group.ts, programme.ts, event.ts).
-- Arrays of enums and domains check their elements; array_position(x, null) rejects null elements,
-- which zod rejects too.

create table public.resources (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  kind public.resource_kind not null,
  location extensions.geometry(Point, 4326) not null
    constraint resources_location_check check (private.is_usable_lnglat(location)),
  address public.short_text,
  serves public.need_category[] not null
    constraint resources_serves_check check (pg_catalog.array_position(serves, null) is null),
  partnership_declared_on date,
  coalitions public.record_name[] not null
    constraint resources_coalitions_check check (pg_catalog.array_position(coalitions, null) is null),
  primary key (organisation_id, id)
);
create index resources_location_idx on public.resources using gist (location);
comment on table public.resources is 'Institutions and partners a CAL inventories (zasoby instytucjonalne), with the needs they serve.';
select private.apply_reference_policies('public.resources');

create table public.groups (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  kind public.group_kind not null,
  meeting_place_id public.record_id,
  location extensions.geometry(Point, 4326) not null
    constraint groups_location_check check (private.is_usable_lnglat(location)),
  target_needs public.need_category[] not null
    constraint groups_target_needs_check check (pg_catalog.cardinality(target_needs) >= 1 and pg_catalog.array_position(target_needs, null) is null),
  active_from public.cal_year not null,
  active_to public.cal_year,
  primary key (organisation_id, id),
  constraint groups_active_to_check check (active_to >= active_from),
  foreign key (organisation_id, meeting_place_id) references public.resources (organisation_id, id) on delete set null (meeting_place_id)
);
create index groups_location_idx on public.groups using gist (location);
comment on table public.groups is 'Self-help, support and citizen groups and clubs; active_to is null while the group still meets.';
select private.apply_reference_policies('public.groups');

create table public.programmes (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  year_from public.cal_year not null,
  year_to public.cal_year not null,
  target_area_id public.record_id,
  target_geometry extensions.geometry(MultiPolygon, 4326) not null
    constraint programmes_target_geometry_check check (private.is_usable_lnglat(target_geometry)),
  goals public.short_text[] not null
    constraint programmes_goals_check check (pg_catalog.cardinality(goals) >= 1 and pg_catalog.array_position(goals, null) is null),
  partner_ids public.record_id[] not null
    constraint programmes_partner_ids_check check (pg_catalog.array_position(partner_ids, null) is null),
  primary key (organisation_id, id),
  constraint programmes_year_to_check check (year_to >= year_from),
  foreign key (organisation_id, target_area_id) references public.areas (organisation_id, id) on delete set null (target_area_id)
);
create index programmes_target_geometry_idx on public.programmes using gist (target_geometry);
comment on table public.programmes is 'Local Activity Programmes (Program Aktywności Lokalnej, PAL) over a target area.';
select private.apply_reference_policies('public.programmes');

create table public.events (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  kind public.event_kind not null,
  date date not null,
  location extensions.geometry(Point, 4326) not null
    constraint events_location_check check (private.is_usable_lnglat(location)),
  place_name public.record_name not null,
  programme public.short_text[] not null
    constraint events_programme_check check (pg_catalog.array_position(programme, null) is null),
  participants integer not null constraint events_participants_check check (participants >= 0),
  primary key (organisation_id, id)
);
create index events_location_idx on public.events using gist (location);
comment on table public.events is 'Local events (festyn, piknik, wycieczka, warsztaty) with their programme items (src/domain/event.ts LocalEvent).';
select private.apply_reference_policies('public.events');
