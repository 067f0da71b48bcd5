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

-- The figures of every unit of one campaign. SECURITY DEFINER: reads all responses of the organisation;
-- callers (the public RPCs below) decide who may ask and with which k. Never granted to clients.
create function private.campaign_cells(
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
      where r.organisation_id = organisation and r.campaign_id = campaign
      group by a.id
    ), homes as (
      select a.id as area_id, pg_catalog.sum(d.households)::bigint as households
      from public.areas a
      join public.addresses d on d.organisation_id = a.organisation_id and extensions.st_covers(a.geometry, d.location)
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
    )
    select x.qr[1] || ',' || x.qr[2], null::text,
           extensions.st_asgeojson(private.hex_polygon(x.qr[1], x.qr[2], lng0, lat0, hex_size_meters), 6)::jsonb, null::bigint,
           (f).responses, (f).need_count, (f).need_rate, (f).rate_low, (f).rate_high, (f).suppressed
    from answers x
    cross join lateral (select private.unit_figures(x.responses, x.need_count, k) as f) as u
    order by x.qr[2], x.qr[1];
  else
    raise exception 'unit must be street, area or hex' using errcode = '22023';
  end if;
end
$$;
comment on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'Per unit (street, area or planar hexagon) of a campaign: households, responses, responses with any of the needs at min_severity or worse, rate with Wilson 95 % interval; suppressed below k. Internal: no access check.';
revoke all on function private.campaign_cells(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public;

-- Checks the aggregate parameters and returns the k to use for the caller (partners never below 5).
create function private.checked_k(organisation text, k integer, min_severity integer, hex_size_meters double precision) returns integer
language plpgsql stable
set search_path = ''
as $$
declare
  caller_role public.member_role;
begin
  if k is null or k < 1 or k > 1000 then
    raise exception 'k must be a whole number from 1 to 1000' using errcode = '22023';
  end if;
  if min_severity is null or min_severity not between 1 and 3 then
    raise exception 'minimum severity must be 1, 2 or 3' using errcode = '22023';
  end if;
  if hex_size_meters is null or not (hex_size_meters between 25 and 10000) then
    raise exception 'hexagon size must be between 25 and 10000 metres' using errcode = '22023';
  end if;
  select m.role into caller_role from public.memberships m where m.user_id = auth.uid() and m.organisation_id = organisation;
  if caller_role is null then
    return null;
  end if;
  return case when caller_role = 'partner' then greatest(k, 5) else k end;
end
$$;
comment on function private.checked_k(text, integer, integer, double precision) is 'Validates aggregate parameters; returns the k for the caller (null when not a member; partners get at least 5).';
revoke all on function private.checked_k(text, integer, integer, double precision) from public;

create function public.campaign_aggregates(
  p_organisation_id text, p_campaign_id text, p_unit text default 'street', p_needs public.need_category[] default null,
  p_min_severity integer default 1, p_k integer default 5, p_hex_size_meters double precision default 250,
  p_origin_lng double precision default null, p_origin_lat double precision default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  effective_k integer := private.checked_k(p_organisation_id, p_k, p_min_severity, p_hex_size_meters);
begin
  if effective_k is null then
    return; -- not a member of this organisation: nothing, not even whether the campaign exists
  end if;
  return query select * from private.campaign_cells(p_organisation_id, p_campaign_id, p_unit, p_needs, p_min_severity,
    effective_k, p_hex_size_meters, p_origin_lng, p_origin_lat);
end
$$;
comment on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'RPC: aggregates of a campaign for members of its organisation, by p_unit street | area | hex (planar hexagons, see migration). p_needs null = any need. Units below k responses are suppressed; partners never get k below 5.';
revoke all on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public, anon;
grant execute on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) to authenticated, service_role;

create function public.campaign_aggregates_by_street(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language sql stable
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'street', p_needs, p_min_severity, p_k)
$$;
comment on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) is 'RPC: campaign_aggregates by street (responses assigned by address, street or nearest street within 60 m).';
revoke all on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) from public, anon;
grant execute on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) to authenticated, service_role;

create function public.campaign_aggregates_by_area(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language sql stable
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'area', p_needs, p_min_severity, p_k)
$$;
comment on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) is 'RPC: campaign_aggregates by area (every area that covers the response''s point counts it; nested areas overlap).';
revoke all on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) from public, anon;
grant execute on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) to authenticated, service_role;

create function public.campaign_aggregates_by_hex(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5,
  p_hex_size_meters double precision default 250, p_origin_lng double precision default null, p_origin_lat double precision default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language sql stable
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'hex', p_needs, p_min_severity, p_k, p_hex_size_meters, p_origin_lng, p_origin_lat)
$$;
comment on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'RPC: campaign_aggregates by planar hexagon (unit_id "q,r"; H3 is not available in PostGIS here, see the migration). Only cells with responses are listed.';
revoke all on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public, anon;
grant execute on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) to authenticated, service_role;
