-- The town's geography: areas (districts, estates, care regions), streets and address points.
-- Keys are (organisation_id, id): two centres may both have a street "s-1", and composite foreign
-- keys make it impossible to point at another centre's record.

-- The standard policies of reference data: every member reads; admins and planners write.
-- One procedure so that the eight reference tables cannot drift apart; called right after each CREATE TABLE.
create function private.apply_reference_policies(target regclass) returns void
language plpgsql
set search_path = ''
as $$
declare
  t text := pg_catalog.replace(target::text, 'public.', '');
begin
  execute pg_catalog.format('alter table %s enable row level security', target);
  execute pg_catalog.format('revoke all on table %s from anon, authenticated', target);
  execute pg_catalog.format('grant select, insert, update, delete on table %s to authenticated', target);
  execute pg_catalog.format('grant all on table %s to service_role', target);
  execute pg_catalog.format(
    'create policy %I on %s for select to authenticated using (organisation_id in (select private.my_organisations()))',
    t || '_select_member', target);
  execute pg_catalog.format(
    'create policy %I on %s for insert to authenticated with check (organisation_id in (select private.my_organisations(''{admin,planner}'')))',
    t || '_insert_editor', target);
  execute pg_catalog.format(
    'create policy %I on %s for update to authenticated using (organisation_id in (select private.my_organisations(''{admin,planner}''))) with check (organisation_id in (select private.my_organisations(''{admin,planner}'')))',
    t || '_update_editor', target);
  execute pg_catalog.format(
    'create policy %I on %s for delete to authenticated using (organisation_id in (select private.my_organisations(''{admin,planner}'')))',
    t || '_delete_editor', target);
end
$$;
comment on function private.apply_reference_policies(regclass) is 'Enables RLS on a reference table and creates its policies: members of the organisation read, admins and planners insert, update and delete; anon gets nothing.';
revoke all on function private.apply_reference_policies(regclass) from public;

create table public.areas (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  kind public.area_kind not null,
  parent_id public.record_id,
  geometry extensions.geometry(MultiPolygon, 4326) not null
    constraint areas_geometry_check check (private.is_usable_lnglat(geometry)),
  primary key (organisation_id, id),
  foreign key (organisation_id, parent_id) references public.areas (organisation_id, id) on delete set null (parent_id)
);
create index areas_geometry_idx on public.areas using gist (geometry);
comment on table public.areas is 'Districts, estates, care regions and custom areas (src/domain/area.ts). A Polygon is stored as a one-part MultiPolygon.';
select private.apply_reference_policies('public.areas');

create table public.streets (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  prefix public.street_prefix not null,
  name public.record_name not null,
  geometry extensions.geometry(MultiLineString, 4326) not null
    constraint streets_geometry_check check (private.is_usable_lnglat(geometry)),
  primary key (organisation_id, id)
);
create index streets_geometry_idx on public.streets using gist (geometry);
comment on table public.streets is 'Named streets: all segments of one name in a town as one MultiLineString (src/domain/street.ts).';
select private.apply_reference_policies('public.streets');

create table public.addresses (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  street_id public.record_id not null,
  house_number text not null
    constraint addresses_house_number_check check (private.js_trim(house_number) ~ '^[1-9][0-9]{0,3}[A-Za-z]?(/[1-9][0-9]{0,3}[A-Za-z]?)?$'),
  location extensions.geometry(Point, 4326) not null
    constraint addresses_location_check check (private.is_usable_lnglat(location)),
  households integer not null constraint addresses_households_check check (households between 1 and 1000),
  primary key (organisation_id, id),
  foreign key (organisation_id, street_id) references public.streets (organisation_id, id)
);
create index addresses_location_idx on public.addresses using gist (location);
create index addresses_street_idx on public.addresses (organisation_id, street_id);
comment on table public.addresses is 'Address points with the number of households (src/domain/address.ts); house numbers like 12, 12A, 12/3.';
select private.apply_reference_policies('public.addresses');

-- ---------------------------------------------------------------------------------------------------------------
-- The organisation's hexagon grid.

create table public.hex_grids (
  organisation_id public.record_id primary key references public.organisations (id) on delete cascade,
  size_meters double precision not null constraint hex_grids_size_meters_check check (size_meters between 25 and 10000),
  origin_lng double precision not null constraint hex_grids_origin_lng_check check (origin_lng between -180 and 180),
  origin_lat double precision not null constraint hex_grids_origin_lat_check check (origin_lat between -85 and 85),
  fixed_at timestamptz not null default pg_catalog.now()
);
comment on table public.hex_grids is 'The one hexagon grid (size across flats in metres, origin in lon/lat) that partners, surveyors and share links get; fixed once per organisation (when its first area is stored), so that nobody but admins and planners can move cell edges between calls.';

alter table public.hex_grids enable row level security;
revoke all on table public.hex_grids from anon, authenticated;
grant select on table public.hex_grids to authenticated;
grant all on table public.hex_grids to service_role;
create policy hex_grids_select_member on public.hex_grids
  for select to authenticated
  using (organisation_id in (select private.my_organisations()));

-- The grid is fixed by the first area: 250 m (the app's default), origin at that area's centroid, rounded to
-- 1e-6° (about 0.1 m) so that it prints the same everywhere.
create function private.fix_hex_grid() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  insert into public.hex_grids (organisation_id, size_meters, origin_lng, origin_lat)
  select new.organisation_id, 250,
         pg_catalog.round(extensions.st_x(c)::numeric, 6)::double precision, pg_catalog.round(extensions.st_y(c)::numeric, 6)::double precision
  from (select extensions.st_centroid(new.geometry) as c) as v
  on conflict (organisation_id) do nothing;
  return null;
end
$$;
comment on function private.fix_hex_grid() is 'Trigger: fixes the organisation''s hexagon grid (250 m, origin at the centroid of its first area) once; later areas change nothing.';
create trigger areas_fix_hex_grid after insert on public.areas
  for each row execute function private.fix_hex_grid();
