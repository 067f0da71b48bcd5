-- Partner views that scale (issue 16 item 3): what a partner, a surveyor or a share link reads
-- (private.restricted_cells → private.disclosed_units) took 2.2–2.4 s at 100,000 responses on the Debian PostgreSQL 15
-- (the planner's own aggregates 50–60 ms). EXPLAIN (ANALYZE, BUFFERS) of disclosed_units' array query showed why: per
-- call, every response's home was formatted from the heap (the address id, else ST_AsText of its point, …), every
-- response was spread into one row per unit (≈ 4 per response), ranked by a window over all of them, grouped by
-- (unit, home) and by response id (its signature), so the cost grew with responses × units; the suppression passes
-- themselves took 40 ms.
--
-- Now:
-- 1. Each response's home (the disclosure rules' "distinct homes": its address, else its point, else its street, else
--    itself) is stored when it is written, by a trigger that runs after the one assigning its units, and the covering
--    index the aggregates read carries it (and the offers, so that an offers query is also read from the index alone).
-- 2. disclosed_units reads the campaign's responses once, grouped by (street, areas, cell, home): tens of thousands of
--    rows however many responses. The units, atoms and per-unit figures are built from those rows: a home that lies in
--    one (street, areas, cell) combination only — all but a few — counts once per unit of that combination; the few
--    homes found in several combinations (a point answered with two different streets) are spread over their units
--    and counted per unit, so homes and the largest home per unit are exactly what the per-response query gave.
-- 3. The primary rules (private.fails_primary, private.needs_band) are written out in the loops: two calls per unit of a
--    function with its own search_path cost 20–40 ms per partner call.
-- The result, the suppression passes and their order are unchanged (parity: tests/disclosureParity.test.ts against
-- the engine, tests/offerParity.test.ts, tests/disclosure.test.ts, tests/attacker.test.ts; the bench compares every
-- unit with the previous function, frozen in bench/perCallAggregates.sql).

alter table public.survey_responses add column home text;
comment on column public.survey_responses.home is 'Derived (private.set_response_home): the home the disclosure rules count — ''a:'' || address_id, else ''p:'' || ST_AsText(located_at), else ''s:'' || assigned_street_id, else ''r:'' || id.';

create function private.set_response_home() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- After survey_responses_assign_units (BEFORE triggers fire in name order): located_at and assigned_street_id are final.
  new.home := coalesce('a:' || new.address_id::text, 'p:' || extensions.st_astext(new.located_at),
                       's:' || new.assigned_street_id::text, 'r:' || new.id::text);
  return new;
end
$$;
comment on function private.set_response_home() is 'Trigger: fills survey_responses.home from the response''s address, point (located_at), assigned street or id, after its units are assigned; ignores direct writes.';

create trigger survey_responses_home before insert or update on public.survey_responses
  for each row execute function private.set_response_home();

-- Responses written before this migration (the update runs both triggers; their units are kept, as they did not move).
update public.survey_responses set home = null;

drop index public.survey_responses_campaign_idx;
-- The aggregates read a campaign's responses from this index alone (an index-only scan): units, need masks, offers, home.
create index survey_responses_campaign_idx on public.survey_responses (organisation_id, campaign_id)
  include (street_no, area_nos, hex_q, hex_r, need_mask_1, need_mask_2, need_mask_3, offers, home);

create or replace function private.disclosed_units(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql stable security definer
set search_path = ''
set jit = off -- the planner's cost estimate for the joins triggers JIT compilation, which costs more than it saves here
as $$
declare
  has_grid boolean;
  kinds text[]; ids text[]; resp bigint[]; need bigint[]; homes bigint[]; largest bigint[];
  unit_start integer[]; unit_atoms integer[]; atom_units integer[]; atom_len integer[];
  n integer;
  step integer;
  pass1 boolean[]; pass2 boolean[]; banded boolean[];
  init boolean[];
  wanted integer := private.need_mask(needs);
begin
  has_grid := exists (select 1 from public.hex_grids g where g.organisation_id = organisation);
  with atom_homes as (
    -- One index-only pass over the campaign's responses. Units as non-null keys: street 0 = none (unit_no starts at 1),
    -- a cell only on the centre's grid.
    select coalesce(r.street_no, 0) as street_no, r.area_nos, has_grid and r.hex_q is not null as in_cell,
           case when has_grid then coalesce(r.hex_q, 0) else 0 end as hex_q, case when has_grid then coalesce(r.hex_r, 0) else 0 end as hex_r, r.home,
           pg_catalog.count(*) as responses,
           pg_catalog.count(*) filter (where case when offer_set is null then case min_severity when 1 then r.need_mask_1 when 2 then r.need_mask_2 else r.need_mask_3 end & wanted <> 0
                else r.offers operator(pg_catalog.&&) offer_set end) as need_count
    from public.survey_responses r
    where r.organisation_id = organisation and r.campaign_id = campaign
    group by 1, 2, 3, 4, 5, 6
  ), shared_homes as (
    -- Homes found in more than one combination of units (rare): counted per unit below.
    select h.home from atom_homes h group by h.home having pg_catalog.count(*) > 1
  ), keys as (
    -- Each combination of units, with its responses, need count, and the homes found in it alone.
    select pg_catalog.row_number() over ()::integer as key, c.*
    from (select h.street_no, h.area_nos, h.in_cell, h.hex_q, h.hex_r,
                 pg_catalog.sum(h.responses)::bigint as responses, pg_catalog.sum(h.need_count)::bigint as need_count,
                 pg_catalog.count(*) filter (where s.home is null) as homes,
                 coalesce(pg_catalog.max(h.responses) filter (where s.home is null), 0) as largest_home
          from atom_homes h left join shared_homes s on s.home = h.home
          group by h.street_no, h.area_nos, h.in_cell, h.hex_q, h.hex_r) as c
  ), key_units as (
    select k.key, 1 as kind_rank, 'street' as kind, s.id::text as unit from keys k join public.streets s on s.unit_no = k.street_no
    union all
    select k.key, 2, 'area', a.id::text from keys k cross join lateral pg_catalog.unnest(k.area_nos) as u (area_no) join public.areas a on a.unit_no = u.area_no
    union all
    select k.key, 3, 'hex', k.hex_q || ',' || k.hex_r from keys k where k.in_cell
  ), ranked as (
    -- Unit index: kind (street, area, hex), then id in byte order: the same on every server and collation.
    select m.key, m.kind, m.unit, pg_catalog.dense_rank() over (order by m.kind_rank, m.unit collate "C")::integer as idx from key_units m
  ), shared_per_unit as (
    -- Each shared home's responses per unit, then per unit: how many such homes, the largest.
    select p.idx, pg_catalog.count(*) as homes, pg_catalog.max(p.responses)::bigint as largest_home
    from (select m.idx, h.home, pg_catalog.sum(h.responses) as responses
          from atom_homes h join shared_homes s on s.home = h.home
          join keys k on k.street_no = h.street_no and k.area_nos = h.area_nos and k.in_cell = h.in_cell and k.hex_q = h.hex_q and k.hex_r = h.hex_r
          join ranked m on m.key = k.key
          group by m.idx, h.home) as p
    group by p.idx
  ), units as (
    select m.idx, m.kind, m.unit, pg_catalog.sum(k.responses)::bigint as responses, pg_catalog.sum(k.need_count)::bigint as need_count,
           (pg_catalog.sum(k.homes) + coalesce(pg_catalog.max(x.homes), 0))::bigint as homes,
           greatest(pg_catalog.max(k.largest_home), pg_catalog.max(x.largest_home)) as largest_home
    from ranked m join keys k on k.key = m.key left join shared_per_unit x on x.idx = m.idx
    group by m.idx, m.kind, m.unit
  ), signatures as (
    select m.key, pg_catalog.array_agg(m.idx order by m.idx) as sig from ranked m group by m.key
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
  -- The primary rules are private.fails_primary and private.needs_band written out: a call of a function with its own
  -- search_path is not inlined and costs ~20 µs, and there are two per unit and step (≈ 1,000 per call).
  foreach step in array case when k > 5 then array[5, k] else array[k] end loop
    init := pass1;
    for u in 1 .. n loop
      init[u] := init[u] or resp[u] < step or homes[u] < step or largest[u] * 4 > resp[u] * 3; -- private.fails_primary
    end loop;
    pass1 := private.complementary_suppression(resp, init, unit_start, unit_atoms, atom_units, atom_len);
    init := pass2;
    for u in 1 .. n loop
      banded[u] := banded[u] or (not pass1[u] and (need[u] < step or resp[u] - need[u] < step)); -- private.needs_band
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
comment on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) is 'For a restricted reader: every street, area and cell of the organisation''s fixed hexagon grid with responses in the campaign, whether it is published (primary rules at k, then complementary suppression over the whole hierarchy) and how its need count is shown (exact, band, hidden; a second complementary pass protects banded counts). With offer_set (issue 14) the count is of households offering any of those offers, under the same rules. One index-only pass over the responses grouped by (street, areas, cell, stored home). Internal: no access check.';

-- Rows of one unit kind for a restricted reader. The figures of the published units are the pattern's own responses
-- and need counts (private.disclosed_units counts them from the same stored units as private.campaign_cells), so the
-- responses are read once per call instead of twice; labels, outlines and households are read as campaign_cells reads
-- them. unit_figures at k = 1 gives the rate and its interval exactly as campaign_cells(…, k = 1, …) did.
create or replace function private.restricted_cells(organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
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
    select d.unit_id, d.responses, d.need_count, d.need_shown from private.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d
    where d.unit_kind = unit and d.published
  ), places as (
    -- A unit's households are unknown (null) when any of its addresses has no count, 0 when it has no address.
    select s.id::text as unit_id, (s.prefix::text || ' ' || s.name::text) as label, extensions.st_asgeojson(s.geometry, 6)::jsonb as geometry,
           case when h.street_id is null then 0 else h.households end as households
    from public.streets s
    join pattern p on p.unit_id = s.id::text
    left join (select a.street_id, case when pg_catalog.bool_and(a.households is not null) then pg_catalog.sum(a.households)::bigint end as households
               from public.addresses a where a.organisation_id = organisation group by a.street_id) as h on h.street_id = s.id
    where unit = 'street' and s.organisation_id = organisation
    union all
    select a.id::text, a.name::text, extensions.st_asgeojson(a.geometry, 6)::jsonb, case when h.area_no is null then 0 else h.households end
    from public.areas a
    join pattern p on p.unit_id = a.id::text
    left join (select u.area_no, case when pg_catalog.bool_and(x.households is not null) then pg_catalog.sum(x.households)::bigint end as households
               from (select d.area_nos, case when pg_catalog.bool_and(d.households is not null) then pg_catalog.sum(d.households) end as households
                     from public.addresses d where d.organisation_id = organisation group by d.area_nos) as x
               cross join lateral pg_catalog.unnest(x.area_nos) as u (area_no)
               group by u.area_no) as h on h.area_no = a.unit_no
    where unit = 'area' and a.organisation_id = organisation
    union all
    select p.unit_id, null::text,
           extensions.st_asgeojson(private.hex_polygon(c.q, c.r, grid.origin_lng, grid.origin_lat, grid.size_meters), 6)::jsonb,
           case when h.q is null then 0 else h.households end
    from pattern p
    cross join lateral (select pg_catalog.split_part(p.unit_id, ',', 1)::integer as q, pg_catalog.split_part(p.unit_id, ',', 2)::integer as r) as c
    left join (select d.hex_q as q, d.hex_r as r, case when pg_catalog.bool_and(d.households is not null) then pg_catalog.sum(d.households)::bigint end as households
               from public.addresses d where d.organisation_id = organisation group by d.hex_q, d.hex_r) as h on h.q = c.q and h.r = c.r
    where unit = 'hex'
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
  select c.unit_id, c.label, c.geometry, c.households, f.responses,
         case when p.need_shown = 'exact' then f.need_count end,
         case when p.need_shown = 'exact' then case when offer_weights is null then f.need_rate else x.value end end,
         case when p.need_shown = 'exact' and offer_weights is null then f.rate_low end,
         case when p.need_shown = 'exact' and offer_weights is null then f.rate_high end,
         false,
         case p.need_shown when 'exact' then f.need_count
           when 'band' then case when f.need_count < k and f.responses - f.need_count < k then 0
                                 when f.need_count < k then 0 else f.responses - k + 1 end
           else 0 end,
         case p.need_shown when 'exact' then f.need_count
           when 'band' then case when f.need_count < k and f.responses - f.need_count < k then f.responses
                                 when f.need_count < k then least(k - 1, f.responses) else f.responses end
           else f.responses end
  from places c
  join pattern p on p.unit_id = c.unit_id
  cross join lateral private.unit_figures(p.responses, p.need_count, 1) as f
  left join potential x on x.unit_id = c.unit_id
  order by c.unit_id collate "C";
end
$$;
comment on function private.restricted_cells(text, text, text, public.need_category[], integer, integer, public.offer[], jsonb) is 'Published units of one kind for a restricted reader (see private.disclosed_units): suppressed units are not listed; a banded need count is null with need_count_low/high bounds (e.g. 0–4, or responses−4 … responses); hidden = 0 … responses. Figures from the disclosure pattern''s own counts (one read of the responses). With offer_set (issue 14): the count of households offering any of those offers, under the same rules; with offer_weights as well, need_rate is the potential index (weighted mean of the offers'' shares; no interval). Internal: no access check.';
