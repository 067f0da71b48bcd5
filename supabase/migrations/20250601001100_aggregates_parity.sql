-- Parity of the SQL aggregates with the analysis engine (issue 4, part 7; supabase/tests/parity.test.ts).
-- On the demo town three differences showed; the engine's side is kept in each, because the app shows the
-- engine's numbers and a share link must show the same ones:
--
-- 1. A point on an area's boundary. ST_Covers counts it in the area, and in its neighbour too when two areas of
--    one kind share that edge (two addresses of the demo town lie exactly on estate-dabrowka's east edge: SQL said
--    1,001 households, the engine 999). The engine's even-odd crossing test (src/analysis/areaRaster.ts
--    pointInArea, the PNPOLY rule) is half-open: a boundary point belongs to at most one of two areas that share
--    an edge. Points strictly inside (ST_Contains) are unchanged; only boundary points run the crossing test below.
-- 2. Hexagon households were null; the engine sums the address households located in each cell. Cells are still
--    only those with responses in the campaign (cells with addresses only would be suppressed rows without news).
-- 3. A response with both an address and its own point stood at its own point in SQL and at its address in the
--    engine (dataset.ts: "its address's location, else its own"). The address wins, as it already did for the
--    street: a response's street and its point now always agree.

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

-- 1 and 2: the figures of every unit, as in 20250601000900_aggregates.sql with the two changes above.
create or replace function private.campaign_cells(
  organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
  hex_size_meters double precision, origin_lng double precision, origin_lat double precision)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  lng0 double precision := origin_lng;
  lat0 double precision := origin_lat;
begin
  if unit = 'street' then
    return query
    with answers as (
      select r.assigned_street_id as street_id, pg_catalog.count(*) as responses,
             pg_catalog.count(*) filter (where exists (
               select 1 from public.survey_response_needs n
               where n.organisation_id = r.organisation_id and n.response_id = r.id
                 and (needs is null or n.category = any (needs)) and n.severity >= min_severity)) as need_count
      from public.survey_responses r
      where r.organisation_id = organisation and r.campaign_id = campaign and r.assigned_street_id is not null
      group by r.assigned_street_id
    ), homes as (
      select a.street_id, pg_catalog.sum(a.households)::bigint as households
      from public.addresses a where a.organisation_id = organisation group by a.street_id
    )
    select s.id::text, (s.prefix::text || ' ' || s.name::text), extensions.st_asgeojson(s.geometry, 6)::jsonb, coalesce(h.households, 0),
           (f).responses, (f).need_count, (f).need_rate, (f).rate_low, (f).rate_high, (f).suppressed
    from public.streets s
    left join answers x on x.street_id = s.id
    left join homes h on h.street_id = s.id
    cross join lateral (select private.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f) as u
    where s.organisation_id = organisation
    order by s.id;
  elsif unit = 'area' then
    return query
    with answers as (
      select a.id as area_id, pg_catalog.count(*) as responses,
             pg_catalog.count(*) filter (where exists (
               select 1 from public.survey_response_needs n
               where n.organisation_id = r.organisation_id and n.response_id = r.id
                 and (needs is null or n.category = any (needs)) and n.severity >= min_severity)) as need_count
      from public.survey_responses r
      join public.areas a on a.organisation_id = r.organisation_id and extensions.st_covers(a.geometry, r.located_at)
        and (extensions.st_contains(a.geometry, r.located_at) or private.on_boundary_counts_inside(a.geometry, r.located_at))
      where r.organisation_id = organisation and r.campaign_id = campaign
      group by a.id
    ), homes as (
      select a.id as area_id, pg_catalog.sum(d.households)::bigint as households
      from public.areas a
      join public.addresses d on d.organisation_id = a.organisation_id and extensions.st_covers(a.geometry, d.location)
        and (extensions.st_contains(a.geometry, d.location) or private.on_boundary_counts_inside(a.geometry, d.location))
      where a.organisation_id = organisation group by a.id
    )
    select a.id::text, a.name::text, extensions.st_asgeojson(a.geometry, 6)::jsonb, coalesce(h.households, 0),
           (f).responses, (f).need_count, (f).need_rate, (f).rate_low, (f).rate_high, (f).suppressed
    from public.areas a
    left join answers x on x.area_id = a.id
    left join homes h on h.area_id = a.id
    cross join lateral (select private.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f) as u
    where a.organisation_id = organisation
    order by a.id;
  elsif unit = 'hex' then
    if lng0 is null or lat0 is null then
      -- Default origin: the centre of the bounding box of the campaign's areas.
      select (extensions.st_xmin(b) + extensions.st_xmax(b)) / 2, (extensions.st_ymin(b) + extensions.st_ymax(b)) / 2
      into lng0, lat0
      from (select extensions.st_extent(a.geometry)::extensions.box3d as b
            from public.areas a join public.campaigns c on c.organisation_id = a.organisation_id and a.id = any (c.area_ids)
            where c.organisation_id = organisation and c.id = campaign) as e;
    end if;
    if lng0 is null or lat0 is null then
      return;
    end if;
    return query
    with cells as (
      select private.hex_cell(extensions.st_x(r.located_at), extensions.st_y(r.located_at), lng0, lat0, hex_size_meters) as qr,
             exists (
               select 1 from public.survey_response_needs n
               where n.organisation_id = r.organisation_id and n.response_id = r.id
                 and (needs is null or n.category = any (needs)) and n.severity >= min_severity) as has_need
      from public.survey_responses r
      where r.organisation_id = organisation and r.campaign_id = campaign and r.located_at is not null
    ), answers as (
      select c.qr, pg_catalog.count(*) as responses, pg_catalog.count(*) filter (where c.has_need) as need_count
      from cells c group by c.qr
    ), homes as (
      select private.hex_cell(extensions.st_x(d.location), extensions.st_y(d.location), lng0, lat0, hex_size_meters) as qr,
             pg_catalog.sum(d.households)::bigint as households
      from public.addresses d where d.organisation_id = organisation
      group by 1
    )
    select x.qr[1] || ',' || x.qr[2], null::text,
           extensions.st_asgeojson(private.hex_polygon(x.qr[1], x.qr[2], lng0, lat0, hex_size_meters), 6)::jsonb, coalesce(h.households, 0),
           (f).responses, (f).need_count, (f).need_rate, (f).rate_low, (f).rate_high, (f).suppressed
    from answers x
    left join homes h on h.qr = x.qr
    cross join lateral (select private.unit_figures(x.responses, x.need_count, k) as f) as u
    order by x.qr[2], x.qr[1];
  else
    raise exception 'unit must be street, area or hex' using errcode = '22023';
  end if;
end
$$;
comment on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'Per unit (street, area or planar hexagon) of a campaign: households, responses, responses with any of the needs at min_severity or worse, rate with Wilson 95 % interval; suppressed below k. Internal: no access check.';

-- 3. A response stands at its address's point when it has an address (the engine's rule), else at its own point.
create or replace function private.assign_response_street() returns trigger
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
comment on column public.survey_responses.located_at is 'Derived: the address''s location, else location (as the analysis engine); used by area and hexagon aggregates.';

update public.survey_responses r set located_at = a.location
from public.addresses a
where a.organisation_id = r.organisation_id and a.id = r.address_id and r.location is not null
  and not extensions.st_equals(r.located_at, a.location);

