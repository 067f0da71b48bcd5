-- The aggregates as they were computed before issue 16 step 3, frozen for bench/postgisAggregates.bench.ts: every call
-- places each response in its areas (point-in-polygon, the half-open boundary rule, streets' majority areas) and in
-- its hexagon (private.hex_cell per response and per address), and joins the need answers row by row. The bench
-- creates these in schema bench_per_call of its own database and times them beside the RPCs, in the same run, on the
-- same data (the "old per-call way"); they are not part of the migrations. Text of the folded 20250601000900 baseline
-- before issue 16 (the commit "Record converters generated from one field table…"), with the
-- functions renamed into bench_per_call.
create schema bench_per_call;

create function bench_per_call.wilson_bound(successes bigint, trials bigint, upper boolean) returns double precision
language sql immutable parallel safe
set search_path = ''
as $$
  select case when trials is null or trials = 0 then null else (
    (p + z * z / (2 * n) + case when upper then 1 else -1 end * z * pg_catalog.sqrt(p * (1 - p) / n + z * z / (4 * n * n)))
    / (1 + z * z / n)) end
  from (select successes::double precision / nullif(trials, 0) as p, trials::double precision as n, 1.959963984540054::double precision as z) as v
$$;

create function bench_per_call.unit_figures(responses bigint, need_count bigint, k integer) returns private.unit_figures
language sql immutable parallel safe
set search_path = ''
as $$
  select case when responses >= k then
    row(responses, need_count, need_count::double precision / responses,
        bench_per_call.wilson_bound(need_count, responses, false), bench_per_call.wilson_bound(need_count, responses, true), false)::private.unit_figures
  else row(null, null, null, null, null, true)::private.unit_figures end
$$;


create function bench_per_call.street_majority_areas(organisation text)
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

create function bench_per_call.response_areas(organisation text, campaign text)
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
  join bench_per_call.street_majority_areas(organisation) as m on m.street_id = r.assigned_street_id
  where r.organisation_id = organisation and r.campaign_id = campaign and r.located_at is null
$$;
-- The figures of every unit of one campaign. SECURITY DEFINER: reads all responses of the organisation;
-- callers (the public RPCs below) decide who may ask and with which k. Never granted to clients.
create function bench_per_call.campaign_cells(
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
    cross join lateral (select bench_per_call.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f) as u
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
      join bench_per_call.response_areas(organisation, campaign) as ra on ra.response_id = r.id
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
    cross join lateral (select bench_per_call.unit_figures(coalesce(x.responses, 0), coalesce(x.need_count, 0), k) as f) as u
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
    cross join lateral (select bench_per_call.unit_figures(x.responses, x.need_count, k) as f) as u
    order by x.qr[2], x.qr[1];
  else
    raise exception 'unit must be street, area or hex' using errcode = '22023';
  end if;
end
$$;
