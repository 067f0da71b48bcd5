-- Aggregates of a campaign by street, by area and by hexagon, with small cells suppressed.
--
-- Hexagons: the h3 extension (h3-pg) is not on Debian's PostgreSQL 15 packages nor in PGlite, and Supabase
-- would need it enabled separately, so cells are the analysis engine's planar hexagons instead
-- (src/analysis/hexGrid.ts + localProjection.ts): pointy-top, size = distance across flats in metres,
-- axial (q, r), in a local equirectangular projection with the WGS84 radii of curvature at an origin.
-- The arithmetic below is the same, including JavaScript's Math.round (floor(v + 0.5), where PostgreSQL's
-- round() on double precision rounds half to even), so equal inputs give equal cells. ST_HexagonGrid
-- (PostGIS 3.1+) would need the same projection and a join of every point with every cell; binning by
-- arithmetic is one expression per point.
--
-- Rates: need_count / responses with the Wilson 95 % score interval (Wilson 1927), z = 1.959963984540054.
-- Suppression: a unit with fewer than k responses returns responses, need_count and rates as null and
-- suppressed = true.
--
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

create function private.wilson_bound(successes bigint, trials bigint, upper boolean) returns double precision
language sql immutable parallel safe
set search_path = ''
as $$
  select case when trials is null or trials = 0 then null else (
    (p + z * z / (2 * n) + case when upper then 1 else -1 end * z * pg_catalog.sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
    / (1 + z * z / n)) end
  from (select successes::double precision / nullif(trials, 0) as p, trials::double precision as n, 1.959963984540054::double precision as z) as v
$$;
comment on function private.wilson_bound(bigint, bigint, boolean) is 'Lower or upper bound of the Wilson 95 % score interval for successes out of trials (Wilson 1927); null for 0 trials.';

-- One unit's figures, suppressed below k.
create type private.unit_figures as (responses bigint, need_count bigint, need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean);
comment on type private.unit_figures is 'Responses, need count, need rate and its Wilson 95 % interval of one unit, or nulls with suppressed = true.';

create function private.unit_figures(responses bigint, need_count bigint, k integer) returns private.unit_figures
language sql immutable parallel safe
set search_path = ''
as $$
  select case when responses >= k then
    row(responses, need_count, need_count::double precision / responses,
        private.wilson_bound(need_count, responses, false), private.wilson_bound(need_count, responses, true), false)::private.unit_figures
  else row(null, null, null, null, null, true)::private.unit_figures end
$$;
comment on function private.unit_figures(bigint, bigint, integer) is 'Suppression rule in one place: below k responses every figure is null and suppressed is true.';

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
language sql immutable parallel safe
set search_path = ''
as $$
  with projection as (
    select 6378137 / pg_catalog.sqrt(w) * pg_catalog.cos(pg_catalog.radians(origin_lat)) * pg_catalog.pi() / 180 as kx,
           6378137 * (1 - 0.00669437999014) / (w * pg_catalog.sqrt(w)) * pg_catalog.pi() / 180 as ky
    from (select 1 - 0.00669437999014 * pg_catalog.sin(pg_catalog.radians(origin_lat)) ^ 2 as w) as v
  ), corners as (
    select i,
      size_meters * (q + r / 2.0) + size_meters / pg_catalog.sqrt(3::double precision) * pg_catalog.cos(pg_catalog.radians(30 + 60 * (i % 6))) as x,
      size_meters * pg_catalog.sqrt(3::double precision) / 2 * r + size_meters / pg_catalog.sqrt(3::double precision) * pg_catalog.sin(pg_catalog.radians(30 + 60 * (i % 6))) as y
    from pg_catalog.generate_series(0, 6) as i
  )
  select extensions.st_setsrid(extensions.st_makepolygon(extensions.st_makeline(
    array(select extensions.st_makepoint(origin_lng + c.x / p.kx, origin_lat + c.y / p.ky) from corners c order by c.i))), 4326)
  from projection p
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
-- Areas of a response, as the analysis engine now places them (src/analysis/unitLayers.ts buildAreaLayer): by its
-- point (the half-open rule above), or, when it has no point, through its street: per area kind, the area holding
-- most of the street's addresses; a tie in addresses goes to more households; a tie in both, or a street with no
-- address in an area of that kind, leaves the response out of that kind. Used by campaign_cells and the disclosure
-- layer, so a share link and the planner's map count the same answers.

create function private.street_majority_areas(organisation text)
returns table (street_id text, area_id text)
language sql stable
set search_path = ''
as $$
  with tally as (
    select d.street_id::text as street_id, a.kind, a.id::text as area_id, pg_catalog.count(*) as addresses, pg_catalog.sum(d.households) as households
    from public.addresses d
    join public.areas a on a.organisation_id = d.organisation_id and extensions.st_covers(a.geometry, d.location)
      and (extensions.st_contains(a.geometry, d.location) or private.on_boundary_counts_inside(a.geometry, d.location))
    where d.organisation_id = organisation and d.street_id is not null
    group by 1, 2, 3
  ), ranked as (
    select t.*, pg_catalog.rank() over (partition by t.street_id, t.kind order by t.addresses desc, t.households desc) as place,
           pg_catalog.count(*) over (partition by t.street_id, t.kind, t.addresses, t.households) as same
    from tally t
  )
  select r.street_id, r.area_id from ranked r where r.place = 1 and r.same = 1
$$;
comment on function private.street_majority_areas(text) is 'Per street and area kind: the area holding most of the street''s addresses (ties: more households; a full tie: none), as src/analysis/unitLayers.ts majorityAreaOfStreets.';
revoke all on function private.street_majority_areas(text) from public;

create function private.response_areas(organisation text, campaign text)
returns table (response_id text, area_id text)
language sql stable
set search_path = ''
as $$
  select r.id::text, a.id::text
  from public.survey_responses r
  join public.areas a on a.organisation_id = r.organisation_id and extensions.st_covers(a.geometry, r.located_at)
    and (extensions.st_contains(a.geometry, r.located_at) or private.on_boundary_counts_inside(a.geometry, r.located_at))
  where r.organisation_id = organisation and r.campaign_id = campaign and r.located_at is not null
  union all
  select r.id::text, m.area_id
  from public.survey_responses r
  join private.street_majority_areas(organisation) as m on m.street_id = r.assigned_street_id
  where r.organisation_id = organisation and r.campaign_id = campaign and r.located_at is null
$$;
comment on function private.response_areas(text, text) is 'Every (response, area) pair of a campaign: by the response''s point (half-open boundary rule), else through its street''s majority area per kind.';
revoke all on function private.response_areas(text, text) from public;
-- The figures of every unit of one campaign. SECURITY DEFINER: reads all responses of the organisation;
-- callers (the public RPCs below) decide who may ask and with which k. Never granted to clients.
create function private.campaign_cells(
  organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
  hex_size_meters double precision, origin_lng double precision, origin_lat double precision)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language plpgsql stable security definer
set search_path = ''
set jit = off -- measured: 1.3 s of JIT compilation for a 60 ms hexagon query
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
      select ra.area_id, pg_catalog.count(*) as responses,
             pg_catalog.count(*) filter (where exists (
               select 1 from public.survey_response_needs n
               where n.organisation_id = r.organisation_id and n.response_id = r.id
                 and (needs is null or n.category = any (needs)) and n.severity >= min_severity)) as need_count
      from public.survey_responses r
      join private.response_areas(organisation, campaign) as ra on ra.response_id = r.id
      where r.organisation_id = organisation and r.campaign_id = campaign
      group by ra.area_id
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
    left join answers x on x.area_id = a.id::text
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
comment on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'Per unit (street, area or planar hexagon) of a campaign: households, responses, responses with any of the needs at min_severity or worse, rate with Wilson 95 % interval; suppressed below k. Areas count a response by its point, or, without a point, by its street''s majority area (private.response_areas). Internal: no access check.';
revoke all on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public;
