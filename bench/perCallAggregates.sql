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

-- The partner path before issue 16 item 3's second step (the 20250601001000 baseline's private.disclosed_units and
-- private.restricted_cells, renamed into bench_per_call; restricted_cells calls the frozen disclosed_units and the
-- current private.campaign_cells): per call, every response's home formatted from the heap and every response spread
-- into one row per unit. The bench times bench_per_call.restricted_cells beside public.shared_aggregates (a partner's
-- link) and checks that private.disclosed_units equals bench_per_call.disclosed_units unit by unit.
create function bench_per_call.disclosed_units(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql stable security definer
set search_path = ''
set jit = off -- the planner's cost estimate for the area join triggers JIT compilation, which costs seconds and saves nothing here
as $$
declare
  grid public.hex_grids;
  kinds text[]; ids text[]; resp bigint[]; need bigint[]; homes bigint[]; largest bigint[];
  unit_start integer[]; unit_atoms integer[]; atom_units integer[]; atom_len integer[];
  n integer;
  step integer;
  pass1 boolean[]; pass2 boolean[]; banded boolean[];
  init boolean[];
  wanted integer := private.need_mask(needs);
begin
  select * into grid from public.hex_grids g where g.organisation_id = organisation;
  with resp as (
    select r.id, r.assigned_street_id as street_id, r.hex_q, r.hex_r,
           coalesce('a:' || r.address_id::text, 'p:' || extensions.st_astext(r.located_at), 's:' || r.assigned_street_id::text, 'r:' || r.id::text) as home,
           case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0
                else r.offers operator(pg_catalog.&&) offer_set end as has_need
    from public.survey_responses r
    where r.organisation_id = organisation and r.campaign_id = campaign
  ), membership as (
    select x.id, x.home, x.has_need, 1 as kind_rank, 'street' as kind, x.street_id::text as unit from resp x where x.street_id is not null
    union all
    select x.id, x.home, x.has_need, 2, 'area', ra.area_id
    from resp x join private.response_areas(organisation, campaign) as ra on ra.response_id = x.id
    union all
    -- The cell of the centre's grid, assigned when the response was written.
    select x.id, x.home, x.has_need, 3, 'hex', x.hex_q || ',' || x.hex_r
    from resp x
    where x.hex_q is not null and grid.organisation_id is not null
  ), ranked as (
    -- Unit index: kind (street, area, hex), then id in byte order: the same on every server and collation.
    select m.*, pg_catalog.dense_rank() over (order by m.kind_rank, m.unit collate "C")::integer as idx from membership m
  ), per_home as (
    select m.idx, m.kind, m.unit, m.home, pg_catalog.count(*) as responses, pg_catalog.count(*) filter (where m.has_need) as need_count
    from ranked m group by m.idx, m.kind, m.unit, m.home
  ), units as (
    select p.idx, p.kind, p.unit, pg_catalog.sum(p.responses)::bigint as responses, pg_catalog.sum(p.need_count)::bigint as need_count,
           pg_catalog.count(*) as homes, pg_catalog.max(p.responses) as largest_home
    from per_home p group by p.idx, p.kind, p.unit
  ), signatures as (
    select m.id, pg_catalog.array_agg(m.idx order by m.idx) as sig from ranked m group by m.id
  ), atoms as (
    select s.sig, pg_catalog.row_number() over (order by s.sig)::integer as atom, pg_catalog.cardinality(s.sig) as len
    from (select distinct sig from signatures) as s
  ), pairs as (
    select distinct u.idx, a.atom from atoms a cross join lateral pg_catalog.unnest(a.sig) as u(idx)
  ), starts as (
    select u.idx, 1 + coalesce(pg_catalog.sum(c.n) over (order by u.idx rows between unbounded preceding and 1 preceding), 0)::integer as start
    from units u left join (select p.idx, pg_catalog.count(*) as n from pairs p group by p.idx) as c on c.idx = u.idx
  )
  select
    (select pg_catalog.array_agg(u.kind order by u.idx) from units u),
    (select pg_catalog.array_agg(u.unit order by u.idx) from units u),
    (select pg_catalog.array_agg(u.responses order by u.idx) from units u),
    (select pg_catalog.array_agg(u.need_count order by u.idx) from units u),
    (select pg_catalog.array_agg(u.homes order by u.idx) from units u),
    (select pg_catalog.array_agg(u.largest_home order by u.idx) from units u),
    (select pg_catalog.array_agg(s.start order by s.idx) || (1 + (select pg_catalog.count(*) from pairs))::integer from starts s),
    (select pg_catalog.array_agg(p.atom order by p.idx, p.atom) from pairs p),
    (select pg_catalog.array_agg(a.sig || pg_catalog.array_fill(0, array[(select pg_catalog.max(len) from atoms) - a.len]) order by a.atom) from atoms a),
    (select pg_catalog.array_agg(a.len order by a.atom) from atoms a)
  into kinds, ids, resp, need, homes, largest, unit_start, unit_atoms, atom_units, atom_len;

  n := coalesce(pg_catalog.array_length(kinds, 1), 0);
  if n = 0 then
    return;
  end if;
  -- A link with k > 5 starts from the k = 5 pattern, so its published cells are a subset of those every k = 5
  -- reader gets: holding links of both never combines two different sets of published cells.
  pass1 := pg_catalog.array_fill(false, array[n]);
  pass2 := pg_catalog.array_fill(false, array[n]);
  banded := pg_catalog.array_fill(false, array[n]);
  foreach step in array case when k > 5 then array[5, k] else array[k] end loop
    init := pass1;
    for u in 1 .. n loop
      init[u] := init[u] or private.fails_primary(resp[u], homes[u], largest[u], step);
    end loop;
    pass1 := private.complementary_suppression(resp, init, unit_start, unit_atoms, atom_units, atom_len);
    init := pass2;
    for u in 1 .. n loop
      banded[u] := banded[u] or (not pass1[u] and private.needs_band(resp[u], need[u], step));
      init[u] := init[u] or pass1[u] or banded[u];
    end loop;
    pass2 := private.complementary_suppression(resp, init, unit_start, unit_atoms, atom_units, atom_len);
  end loop;
  for u in 1 .. n loop
    return next row(kinds[u], ids[u], resp[u], need[u], not pass1[u],
      case when pass1[u] then null when banded[u] then 'band' when pass2[u] then 'hidden' else 'exact' end)::private.disclosed_unit;
  end loop;
end
$$;

create function bench_per_call.restricted_cells(organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null, offer_weights jsonb default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language plpgsql stable security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  grid public.hex_grids;
begin
  select * into grid from public.hex_grids g where g.organisation_id = organisation;
  if unit = 'hex' and grid.organisation_id is null then
    return; -- no area yet, so no grid: nothing to publish by hexagon
  end if;
  return query
  with pattern as (
    select d.unit_id, d.need_shown from bench_per_call.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d
    where d.unit_kind = unit and d.published
  ), potential as (
    -- The potential index (offer_weights, issue 14): the weighted mean of each weighted offer's share, as the engine's
    -- compositeNeedIndex, from the same per-unit figures (campaign_cells with one offer each). Shown where the count of
    -- households offering any weighted offer is exact; banded or hidden like that count elsewhere.
    select c.unit_id, pg_catalog.sum(w.weight * c.need_rate) / pg_catalog.sum(w.weight) as value
    from (select e.key::public.offer as offer, (e.value #>> '{}')::double precision as weight
          from pg_catalog.jsonb_each(offer_weights) as e where (e.value #>> '{}')::double precision > 0) as w
    cross join lateral private.campaign_cells(organisation, campaign, unit, null, 1, 1,
         coalesce(grid.size_meters, 250), grid.origin_lng, grid.origin_lat, array[w.offer]) as c
    group by c.unit_id
  )
  select c.unit_id, c.label, c.geometry, c.households, c.responses,
         case when p.need_shown = 'exact' then c.need_count end,
         case when p.need_shown = 'exact' then case when offer_weights is null then c.need_rate else x.value end end,
         case when p.need_shown = 'exact' and offer_weights is null then c.rate_low end,
         case when p.need_shown = 'exact' and offer_weights is null then c.rate_high end,
         false,
         case p.need_shown when 'exact' then c.need_count
           when 'band' then case when c.need_count < k and c.responses - c.need_count < k then 0
                                 when c.need_count < k then 0 else c.responses - k + 1 end
           else 0 end,
         case p.need_shown when 'exact' then c.need_count
           when 'band' then case when c.need_count < k and c.responses - c.need_count < k then c.responses
                                 when c.need_count < k then least(k - 1, c.responses) else c.responses end
           else c.responses end
  from private.campaign_cells(organisation, campaign, unit, needs, min_severity, 1,
         coalesce(grid.size_meters, 250), grid.origin_lng, grid.origin_lat, offer_set) as c
  join pattern p on p.unit_id = c.unit_id
  left join potential x on x.unit_id = c.unit_id
  order by c.unit_id collate "C";
end
$$;
