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
-- Residents' resources (issue 14): with offer_set, a response counts when it offers any of those kinds of help, in
-- place of the need test (inline, not a helper: a function with its own search_path is not inlined and costs a call
-- per response); every other figure and rule is the same, so offers are aggregated exactly as needs.
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

-- One unit's figures, suppressed below k. Called in FROM (cross join lateral … as f), so that it runs once per unit:
-- a function that sets search_path costs tens of microseconds a call, and (f).x in a select list would call it per field.
create type private.unit_figures as (responses bigint, need_count bigint, need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean);
comment on type private.unit_figures is 'Responses, need count, need rate and its Wilson 95 % interval of one unit, or nulls with suppressed = true.';

create function private.unit_figures(responses bigint, need_count bigint, k integer) returns private.unit_figures
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  -- Wilson 95 % score interval (Wilson 1927): (p + z²/2n ± z·sqrt(p(1 − p)/n + z²/4n²)) / (1 + z²/n).
  z constant double precision := 1.959963984540054;
  n double precision := responses;
  p double precision := need_count::double precision / nullif(responses, 0);
  half double precision;
begin
  if not (responses >= k) or responses is null then
    return row(null, null, null, null, null, true)::private.unit_figures;
  end if;
  half := z * pg_catalog.sqrt(p * (1 - p) / n + z * z / (4 * n * n));
  return row(responses, need_count, need_count::double precision / responses,
             (p + z * z / (2 * n) - half) / (1 + z * z / n), (p + z * z / (2 * n) + half) / (1 + z * z / n), false)::private.unit_figures;
end
$$;
comment on function private.unit_figures(bigint, bigint, integer) is 'Suppression rule in one place: below k responses every figure is null and suppressed is true; else responses, need count, rate and its Wilson 95 % interval (Wilson 1927).';

-- Every (response, area) pair of a campaign, from the areas assigned when the response was written.
create function private.response_areas(organisation text, campaign text)
returns table (response_id text, area_id text)
language sql stable
set search_path = ''
as $$
  select r.id::text, a.id::text
  from public.survey_responses r
  cross join lateral pg_catalog.unnest(r.area_nos) as u (area_no)
  join public.areas a on a.unit_no = u.area_no
  where r.organisation_id = organisation and r.campaign_id = campaign
$$;
comment on function private.response_areas(text, text) is 'Every (response, area) pair of a campaign (survey_responses.area_nos: by the response''s point, half-open boundary rule, else through its street''s majority area per kind).';
revoke all on function private.response_areas(text, text) from public;

-- The figures of every unit of one campaign. SECURITY DEFINER: reads all responses of the organisation;
-- callers (the public RPCs below) decide who may ask and with which k. Never granted to clients.
-- Each response already carries its units and need masks (survey_responses.street_no, area_nos, hex_q/hex_r,
-- need_mask_*, assigned when it was written): the figures are GROUP BYs of one index-only scan of the campaign's
-- responses; the need filter is a bit test. Hexagons of another grid than the centre's (admins and planners may
-- choose size and origin) are binned per call.
create function private.campaign_cells(
  organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
  hex_size_meters double precision, origin_lng double precision, origin_lat double precision, offer_set public.offer[] default null)
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
  wanted integer := private.need_mask(needs);
  grid public.hex_grids;
  on_grid boolean;
begin
  if unit = 'street' then
    return query
    with answers as (
      select r.street_no, pg_catalog.count(*) as responses,
             pg_catalog.count(*) filter (where case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0 else r.offers operator(pg_catalog.&&) offer_set end) as need_count
      from public.survey_responses r
      where r.organisation_id = organisation and r.campaign_id = campaign and r.street_no is not null
      group by r.street_no
    ), homes as (
      -- A unit's households are unknown (null) when any of its addresses has no count, as in the engine.
      select a.street_id, case when pg_catalog.bool_and(a.households is not null) then pg_catalog.sum(a.households)::bigint end as households
      from public.addresses a where a.organisation_id = organisation group by a.street_id
    )
    select s.id::text, (s.prefix::text || ' ' || s.name::text), extensions.st_asgeojson(s.geometry, 6)::jsonb, case when h.street_id is null then 0 else h.households end,
           f.responses, f.need_count, f.need_rate, f.rate_low, f.rate_high, f.suppressed
    from public.streets s
    left join answers x on x.street_no = s.unit_no
    left join homes h on h.street_id = s.id
    cross join lateral private.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f
    where s.organisation_id = organisation
    order by s.id;
  elsif unit = 'area' then
    return query
    -- Responses are counted per set of areas first (a few hundred sets), then the sets are spread over their areas.
    with answers as (
      select u.area_no, pg_catalog.sum(x.responses)::bigint as responses, pg_catalog.sum(x.need_count)::bigint as need_count
      from (select r.area_nos, pg_catalog.count(*) as responses,
                   pg_catalog.count(*) filter (where case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0 else r.offers operator(pg_catalog.&&) offer_set end) as need_count
            from public.survey_responses r
            where r.organisation_id = organisation and r.campaign_id = campaign
            group by r.area_nos) as x
      cross join lateral pg_catalog.unnest(x.area_nos) as u (area_no)
      group by u.area_no
    ), homes as (
      select u.area_no, case when pg_catalog.bool_and(x.households is not null) then pg_catalog.sum(x.households)::bigint end as households
      from (select d.area_nos, case when pg_catalog.bool_and(d.households is not null) then pg_catalog.sum(d.households) end as households
            from public.addresses d where d.organisation_id = organisation group by d.area_nos) as x
      cross join lateral pg_catalog.unnest(x.area_nos) as u (area_no)
      group by u.area_no
    )
    select a.id::text, a.name::text, extensions.st_asgeojson(a.geometry, 6)::jsonb, case when h.area_no is null then 0 else h.households end,
           f.responses, f.need_count, f.need_rate, f.rate_low, f.rate_high, f.suppressed
    from public.areas a
    left join answers x on x.area_no = a.unit_no
    left join homes h on h.area_no = a.unit_no
    cross join lateral private.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f
    where a.organisation_id = organisation
    order by a.id;
  elsif unit = 'hex' then
    select * into grid from public.hex_grids g where g.organisation_id = organisation;
    if lng0 is null or lat0 is null then
      -- Default origin: the centre's grid, else the centre of the bounding box of the campaign's areas.
      lng0 := grid.origin_lng;
      lat0 := grid.origin_lat;
    end if;
    if lng0 is null or lat0 is null then
      select (extensions.st_xmin(b) + extensions.st_xmax(b)) / 2, (extensions.st_ymin(b) + extensions.st_ymax(b)) / 2
      into lng0, lat0
      from (select extensions.st_extent(a.geometry)::extensions.box3d as b
            from public.areas a join public.campaigns c on c.organisation_id = a.organisation_id and a.id = any (c.area_ids)
            where c.organisation_id = organisation and c.id = campaign) as e;
    end if;
    if lng0 is null or lat0 is null then
      return;
    end if;
    on_grid := coalesce((hex_size_meters, lng0, lat0) = (grid.size_meters, grid.origin_lng, grid.origin_lat), false);
    return query
    with cells as (
      -- The stored cell when the grid asked for is the centre's (read from the index alone); else binned now.
      select r.hex_q as q, r.hex_r as r,
             case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0 else r.offers operator(pg_catalog.&&) offer_set end as has_need
      from public.survey_responses r
      where on_grid and r.organisation_id = organisation and r.campaign_id = campaign and r.hex_q is not null
      union all
      select b.qr[1], b.qr[2], b.has_need
      from (select private.hex_cell(extensions.st_x(r.located_at), extensions.st_y(r.located_at), lng0, lat0, hex_size_meters) as qr,
                   case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0 else r.offers operator(pg_catalog.&&) offer_set end as has_need
            from public.survey_responses r
            where not on_grid and r.organisation_id = organisation and r.campaign_id = campaign and r.located_at is not null) as b
    ), answers as (
      select c.q, c.r, pg_catalog.count(*) as responses, pg_catalog.count(*) filter (where c.has_need) as need_count
      from cells c group by c.q, c.r
    ), homes as (
      select h.q, h.r, case when pg_catalog.bool_and(h.households is not null) then pg_catalog.sum(h.households)::bigint end as households
      from (select d.hex_q as q, d.hex_r as r, d.households from public.addresses d
            where on_grid and d.organisation_id = organisation
            union all
            select b.qr[1], b.qr[2], b.households
            from (select private.hex_cell(extensions.st_x(d.location), extensions.st_y(d.location), lng0, lat0, hex_size_meters) as qr, d.households
                  from public.addresses d where not on_grid and d.organisation_id = organisation) as b) as h
      group by h.q, h.r
    )
    select x.q || ',' || x.r, null::text,
           extensions.st_asgeojson(private.hex_polygon(x.q, x.r, lng0, lat0, hex_size_meters), 6)::jsonb, case when h.q is null then 0 else h.households end,
           f.responses, f.need_count, f.need_rate, f.rate_low, f.rate_high, f.suppressed
    from answers x
    left join homes h on h.q = x.q and h.r = x.r
    cross join lateral private.unit_figures(x.responses, x.need_count, k) as f
    order by x.r, x.q;
  else
    raise exception 'unit must be street, area or hex' using errcode = '22023';
  end if;
end
$$;
comment on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision, public.offer[]) is 'Per unit (street, area or planar hexagon) of a campaign: households, responses, responses with any of the needs at min_severity or worse (or, with offer_set, offering any of those offers), rate with Wilson 95 % interval; suppressed below k. GROUP BYs over the units assigned when the responses were written (street_no, area_nos: by point, else the street''s majority area; hex_q/hex_r on the centre''s grid, the default; other grids binned per call). Internal: no access check.';
revoke all on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision, public.offer[]) from public;
