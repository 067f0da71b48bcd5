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

-- Streets and areas also carry an integer, unit_no, given once when the record is first stored and never changed:
-- responses and addresses carry the numbers of their units (survey_responses.street_no, area_nos), so that the
-- aggregates group and join integers (issue 16).
create sequence private.unit_no_seq;
comment on sequence private.unit_no_seq is 'Numbers of streets and areas (unit_no), unique across both.';

-- The analysis engine merges street records of one prefix and name into one street (src/analysis/streetUnits.ts
-- streetMergeKey: NFC, trimmed, runs of white space as one space, lower case). Street-only answers count in the
-- majority area of the merged street. lower() follows the database's collation (C.UTF-8 on Debian: Unicode case).
create function private.street_merge_key(prefix public.street_prefix, name text) returns text
language sql immutable parallel safe
set search_path = ''
as $$
  select prefix::text || '|' || pg_catalog.lower(pg_catalog.regexp_replace(private.js_trim(pg_catalog.normalize(name, 'NFC')), '\s+', ' ', 'g'))
$$;
comment on function private.street_merge_key(public.street_prefix, text) is 'The key under which the analysis engine merges street records into one street: prefix and normalised lower-case name (src/analysis/streetUnits.ts streetMergeKey).';

create function private.number_unit() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.unit_no := pg_catalog.nextval('private.unit_no_seq');
  else
    new.unit_no := old.unit_no;
  end if;
  if tg_table_name = 'streets' then
    new.merge_key := private.street_merge_key(new.prefix, new.name);
  end if;
  return new;
end
$$;
comment on function private.number_unit() is 'Trigger: gives a new street or area its unit_no and keeps it unchanged on every update (whatever the row says); sets a street''s merge_key.';

create table public.areas (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  name public.record_name not null,
  kind public.area_kind not null,
  parent_id public.record_id,
  geometry extensions.geometry(MultiPolygon, 4326) not null
    constraint areas_geometry_check check (private.is_usable_lnglat(geometry)),
  unit_no integer not null constraint areas_unit_no_key unique,
  primary key (organisation_id, id),
  foreign key (organisation_id, parent_id) references public.areas (organisation_id, id) on delete set null (parent_id)
);
create index areas_geometry_idx on public.areas using gist (geometry);
comment on table public.areas is 'Districts, estates, care regions and custom areas (src/domain/area.ts). A Polygon is stored as a one-part MultiPolygon.';
comment on column public.areas.unit_no is 'Derived: the area''s number (private.number_unit), in survey_responses.area_nos and addresses.area_nos.';
select private.apply_reference_policies('public.areas');
create trigger areas_number before insert or update on public.areas
  for each row execute function private.number_unit();

create table public.streets (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  prefix public.street_prefix not null,
  name public.record_name not null,
  geometry extensions.geometry(MultiLineString, 4326) not null
    constraint streets_geometry_check check (private.is_usable_lnglat(geometry)),
  unit_no integer not null constraint streets_unit_no_key unique,
  merge_key text not null,
  primary key (organisation_id, id)
);
create index streets_merge_key_idx on public.streets (organisation_id, merge_key);
create index streets_geometry_idx on public.streets using gist (geometry);
comment on table public.streets is 'Named streets: all segments of one name in a town as one MultiLineString (src/domain/street.ts).';
comment on column public.streets.unit_no is 'Derived: the street''s number (private.number_unit), in survey_responses.street_no.';
comment on column public.streets.merge_key is 'Derived: private.street_merge_key(prefix, name); records with one key are one street to the analysis engine.';
select private.apply_reference_policies('public.streets');
create trigger streets_number before insert or update on public.streets
  for each row execute function private.number_unit();

create table public.addresses (
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  id public.record_id not null,
  street_id public.record_id not null,
  house_number text not null
    constraint addresses_house_number_check check (private.js_trim(house_number) ~ '^[1-9][0-9]{0,3}[A-Za-z]?(/[1-9][0-9]{0,3}[A-Za-z]?)?$'),
  location extensions.geometry(Point, 4326) not null
    constraint addresses_location_check check (private.is_usable_lnglat(location)),
  -- From the gmina's population register; null = unknown (never 1): rates over such an address cannot be computed.
  households integer constraint addresses_households_check check (households is null or households between 1 and 1000),
  residents integer constraint addresses_residents_check check (residents is null or residents between 1 and 5000),
  -- Derived by trigger, never written by clients: the areas holding the point and its cell of the centre's grid.
  area_nos integer[] not null default '{}',
  hex_q integer,
  hex_r integer,
  primary key (organisation_id, id),
  foreign key (organisation_id, street_id) references public.streets (organisation_id, id)
);
create index addresses_location_idx on public.addresses using gist (location);
create index addresses_street_idx on public.addresses (organisation_id, street_id);
comment on table public.addresses is 'Address points with the number of households and residents when known (src/domain/address.ts); house numbers like 12, 12A, 12/3.';
comment on column public.addresses.area_nos is 'Derived: unit_no of every area holding the address (private.areas_at), ascending.';
comment on column public.addresses.hex_q is 'Derived: axial q of the address''s cell in the centre''s hexagon grid (public.hex_grids); null without a grid.';
comment on column public.addresses.hex_r is 'Derived: axial r of the address''s cell in the centre''s hexagon grid.';
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

-- ---------------------------------------------------------------------------------------------------------------
-- Where a point lies: its hexagon and its areas, by the analysis engine's rules (src/analysis/hexGrid.ts,
-- areaRaster.ts). Used when a response or an address is written (their derived columns) and by the aggregates.
--
-- Hexagons: the h3 extension (h3-pg) is not on Debian's PostgreSQL 15 packages nor in PGlite, and Supabase
-- would need it enabled separately, so cells are the analysis engine's planar hexagons instead
-- (src/analysis/hexGrid.ts + localProjection.ts): pointy-top, size = distance across flats in metres,
-- axial (q, r), in a local equirectangular projection with the WGS84 radii of curvature at an origin.
-- The arithmetic below is the same, including JavaScript's Math.round (floor(v + 0.5), where PostgreSQL's
-- round() on double precision rounds half to even), so equal inputs give equal cells.
--
-- Areas: a point on an area's boundary counts by the engine's even-odd crossing test (src/analysis/areaRaster.ts
-- pointInArea, the PNPOLY rule), which is half-open: a boundary point belongs to at most one of two areas that share
-- an edge (ST_Covers would count it in both). Points strictly inside (ST_Contains) need no test.

-- Axial hexagon (q, r) of a point, as src/analysis/hexGrid.ts assignHexCells does it.
create function private.hex_cell(lng double precision, lat double precision, origin_lng double precision, origin_lat double precision, size_meters double precision)
returns integer[]
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  sin_lat double precision := pg_catalog.sin(pg_catalog.radians(origin_lat));
  w double precision := 1 - 0.00669437999014 * sin_lat * sin_lat;
  kx double precision := 6378137 / pg_catalog.sqrt(w) * pg_catalog.cos(pg_catalog.radians(origin_lat)) * pg_catalog.pi() / 180;
  ky double precision := 6378137 * (1 - 0.00669437999014) / (w * pg_catalog.sqrt(w)) * pg_catalog.pi() / 180;
  x double precision := (lng - origin_lng) * kx;
  y double precision := (lat - origin_lat) * ky;
  rf double precision := y / (size_meters * pg_catalog.sqrt(3::double precision) / 2);
  qf double precision := x / size_meters - rf / 2;
  sf double precision := -qf - rf;
  q double precision := pg_catalog.floor(qf + 0.5);
  r double precision := pg_catalog.floor(rf + 0.5);
  s double precision := pg_catalog.floor(sf + 0.5);
begin
  if pg_catalog.abs(q - qf) > pg_catalog.abs(r - rf) and pg_catalog.abs(q - qf) > pg_catalog.abs(s - sf) then
    q := -r - s;
  elsif pg_catalog.abs(r - rf) > pg_catalog.abs(s - sf) then
    r := -q - s;
  end if;
  return array[q::integer, r::integer];
end
$$;
comment on function private.hex_cell(double precision, double precision, double precision, double precision, double precision) is 'Axial [q, r] of the planar hexagon (size across flats in metres) containing [lng, lat], in the local projection at the origin; same arithmetic as src/analysis/hexGrid.ts.';

-- The hexagon's boundary as a polygon in EPSG:4326 (corners from 30° north of east, counter-clockwise).
create function private.hex_polygon(q integer, r integer, origin_lng double precision, origin_lat double precision, size_meters double precision)
returns extensions.geometry
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  -- PL/pgSQL, not SQL: one call per listed cell, and a SQL body with a series costs ten times more a call.
  w double precision := 1 - 0.00669437999014 * pg_catalog.sin(pg_catalog.radians(origin_lat)) ^ 2;
  kx double precision := 6378137 / pg_catalog.sqrt(w) * pg_catalog.cos(pg_catalog.radians(origin_lat)) * pg_catalog.pi() / 180;
  ky double precision := 6378137 * (1 - 0.00669437999014) / (w * pg_catalog.sqrt(w)) * pg_catalog.pi() / 180;
  corners extensions.geometry[] := '{}'::extensions.geometry[];
  x double precision;
  y double precision;
begin
  for i in 0 .. 6 loop
    x := size_meters * (q + r / 2.0) + size_meters / pg_catalog.sqrt(3::double precision) * pg_catalog.cos(pg_catalog.radians(30 + 60 * (i % 6)));
    y := size_meters * pg_catalog.sqrt(3::double precision) / 2 * r + size_meters / pg_catalog.sqrt(3::double precision) * pg_catalog.sin(pg_catalog.radians(30 + 60 * (i % 6)));
    corners := corners || extensions.st_makepoint(origin_lng + x / kx, origin_lat + y / ky);
  end loop;
  return extensions.st_setsrid(extensions.st_makepolygon(extensions.st_makeline(corners)), 4326);
end
$$;
comment on function private.hex_polygon(integer, integer, double precision, double precision, double precision) is 'Boundary of hexagon (q, r) in lon/lat, as src/analysis/hexGrid.ts hexPolygon mapped through the local projection''s inverse.';

-- Even-odd crossing test in lon/lat, exactly the engine's (it runs in local metres, an affine image of lon/lat, so
-- the answer is the same up to the last bit on sloped edges). O(vertices).
create function private.on_boundary_counts_inside(area extensions.geometry, point extensions.geometry) returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
  select pg_catalog.count(*) filter (
           where (e.yi > p.y) <> (e.yj > p.y) and p.x < (e.xj - e.xi) * (p.y - e.yi) / (e.yj - e.yi) + e.xi) % 2 = 1
  from (select extensions.st_x(point) as x, extensions.st_y(point) as y) as p,
  lateral (
    select extensions.st_x(d.geom) as xi, extensions.st_y(d.geom) as yi,
           pg_catalog.lag(extensions.st_x(d.geom)) over ring as xj, pg_catalog.lag(extensions.st_y(d.geom)) over ring as yj
    from extensions.st_dumppoints(extensions.st_multi(area)) as d
    window ring as (partition by d.path[1], d.path[2] order by d.path[3])
  ) as e
  where e.xj is not null
$$;
comment on function private.on_boundary_counts_inside(extensions.geometry, extensions.geometry) is 'Even-odd (PNPOLY) crossing test of a point against every ring of a (Multi)Polygon, as src/analysis/areaRaster.ts pointInArea: decides the points on an area''s boundary, so that an edge shared by two areas counts its points once.';

create function private.areas_at(organisation text, point extensions.geometry) returns integer[]
language sql stable
set search_path = ''
as $$
  select coalesce(pg_catalog.array_agg(a.unit_no order by a.unit_no), '{}')
  from public.areas a
  where a.organisation_id = organisation and a.geometry operator(extensions.&&) point
    and extensions.st_covers(a.geometry, point)
    and (extensions.st_contains(a.geometry, point) or private.on_boundary_counts_inside(a.geometry, point))
$$;
comment on function private.areas_at(text, extensions.geometry) is 'unit_no of every area of the organisation holding the point (inside, or on the boundary and inside by the half-open even-odd test), ascending; empty for a null point.';

-- An address's derived columns, set whenever it is written (and again by private.reassign_units when areas or the
-- grid change).
create function private.assign_address_units() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  grid public.hex_grids;
  cell integer[];
begin
  new.area_nos := private.areas_at(new.organisation_id, new.location);
  select * into grid from public.hex_grids g where g.organisation_id = new.organisation_id;
  cell := case when grid.organisation_id is not null
    then private.hex_cell(extensions.st_x(new.location), extensions.st_y(new.location), grid.origin_lng, grid.origin_lat, grid.size_meters) end;
  new.hex_q := cell[1];
  new.hex_r := cell[2];
  return new;
end
$$;
comment on function private.assign_address_units() is 'Trigger: fills addresses.area_nos (every area holding the point) and hex_q, hex_r (its cell in the centre''s grid).';
create trigger addresses_assign_units before insert or update on public.addresses
  for each row execute function private.assign_address_units();
