-- Partner views within the server goal (issue 16 item 3): a share link, a partner or a surveyor reads the disclosure
-- pattern (private.disclosed_units) of a campaign; at 1,000,000 responses that is 0.4–1.1 s per call, at 100,000
-- 110–125 ms (goals 300 and 50 ms), all of it the same answer again until the centre's data changes. Now the pattern is
-- kept per (organisation, campaign, request) together with the version of the centre's data it was computed from, and
-- a call whose version is still current reads it instead of computing it again.
--
-- The version of a centre's data is the number of its rows in private.disclosure_writes: every statement that writes
-- the centre's responses, need answers, streets, areas or grid adds one row (statement triggers below; a truncate adds
-- one for every centre). Rows are never deleted, and the rows a snapshot sees only grow with time, so two snapshots
-- that count the same number see the same writes, whichever order their transactions committed in; a pattern computed
-- and counted in one statement (one snapshot) is valid for every later snapshot with the same count. A write only adds
-- its row (no lock on anything another writer or reader holds): an outdated pattern stays until the next read of the
-- same request replaces it, so the table holds one pattern per request ever read.
--
-- The stored patterns are as private as the responses: no role but the owner (the security-definer functions) may read
-- or write the two tables (no grant, RLS without policies; tests/security.test.ts checks it).

create table private.disclosure_writes (
  organisation_id text not null
);
comment on table private.disclosure_writes is 'One row per statement that wrote a centre''s responses, need answers, streets, areas or grid: their count is the version of the centre''s data that private.disclosure_cache entries are computed from. Never deleted. Internal: owner only.';
create index disclosure_writes_organisation_idx on private.disclosure_writes (organisation_id);

create table private.disclosure_cache (
  organisation_id text not null,
  campaign_id text not null,
  request text not null,
  writes bigint not null,
  units private.disclosed_unit[] not null,
  primary key (organisation_id, campaign_id, request)
);
comment on table private.disclosure_cache is 'The disclosure pattern (private.disclosed_units) of one campaign and request (needs, severity, k, offers), computed when the centre''s data had `writes` rows in private.disclosure_writes; used while that count is current. Internal: owner only.';

alter table private.disclosure_writes enable row level security;
alter table private.disclosure_cache enable row level security;
revoke all on table private.disclosure_writes, private.disclosure_cache from public, anon, authenticated, service_role;

create function private.note_disclosure_write() returns trigger
language plpgsql security definer -- the writer has no right on the two tables
set search_path = ''
as $$
begin
  if tg_op = 'TRUNCATE' then
    insert into private.disclosure_writes (organisation_id) select o.id from public.organisations o;
    delete from private.disclosure_cache;
    return null;
  end if;
  -- Transition tables: changed_new for inserts and updates, changed_old for updates and deletes.
  if tg_op in ('INSERT', 'UPDATE') then
    insert into private.disclosure_writes (organisation_id) select distinct n.organisation_id from changed_new n;
  end if;
  if tg_op in ('UPDATE', 'DELETE') then
    insert into private.disclosure_writes (organisation_id) select distinct o.organisation_id from changed_old o;
  end if;
  return null;
end
$$;
comment on function private.note_disclosure_write() is 'Statement trigger: a new version of the written centres'' data (a row in private.disclosure_writes per centre); a truncate: one for every centre, and the stored patterns dropped.';
revoke all on function private.note_disclosure_write() from public;

do $$
declare
  t text;
begin
  foreach t in array array['survey_responses', 'survey_response_needs', 'streets', 'areas', 'hex_grids'] loop
    execute pg_catalog.format('create trigger %I after insert on public.%I referencing new table as changed_new for each statement execute function private.note_disclosure_write()', t || '_disclosure_insert', t);
    execute pg_catalog.format('create trigger %I after update on public.%I referencing old table as changed_old new table as changed_new for each statement execute function private.note_disclosure_write()', t || '_disclosure_update', t);
    execute pg_catalog.format('create trigger %I after delete on public.%I referencing old table as changed_old for each statement execute function private.note_disclosure_write()', t || '_disclosure_delete', t);
    execute pg_catalog.format('create trigger %I after truncate on public.%I for each statement execute function private.note_disclosure_write()', t || '_disclosure_truncate', t);
  end loop;
end
$$;

-- The pattern of private.disclosed_units, read from private.disclosure_cache while the centre's data has not changed
-- since it was computed, else computed and stored. Volatile (it writes); in a read-only transaction (a stable public
-- RPC through PostgREST) the pattern is computed and not stored.
create function private.disclosed_units_cached(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  request_key text := pg_catalog.jsonb_build_array(needs, min_severity, k, offer_set)::text;
  data_version bigint;
  pattern private.disclosed_unit[];
begin
  -- One statement, one snapshot: the version and the pattern stored for it.
  select v.n, (select c.units from private.disclosure_cache c
               where c.organisation_id = organisation and c.campaign_id = campaign and c.request = request_key and c.writes = v.n)
  into data_version, pattern
  from (select pg_catalog.count(*) as n from private.disclosure_writes w where w.organisation_id = organisation) as v;
  if pattern is null then
    -- One statement, one snapshot: the pattern and the version it is computed from.
    select v.n, coalesce((select pg_catalog.array_agg(d) from private.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d), '{}')
    into data_version, pattern
    from (select pg_catalog.count(*) as n from private.disclosure_writes w where w.organisation_id = organisation) as v;
    begin
      insert into private.disclosure_cache as c (organisation_id, campaign_id, request, writes, units)
      values (organisation, campaign, request_key, data_version, pattern)
      on conflict (organisation_id, campaign_id, request) do update set writes = excluded.writes, units = excluded.units
        where c.writes < excluded.writes;
    exception when read_only_sql_transaction then
      null; -- computed, not stored
    end;
  end if;
  return query select * from pg_catalog.unnest(pattern);
end
$$;
comment on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) is 'private.disclosed_units, stored per (organisation, campaign, request) with the version of the centre''s data (count of private.disclosure_writes) and read back while that version is current. Internal: no access check.';
revoke all on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) from public;

-- restricted_cells as in 20250601001400, its pattern from private.disclosed_units_cached.
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
    select d.unit_id, d.responses, d.need_count, d.need_shown from private.disclosed_units_cached(organisation, campaign, needs, min_severity, k, offer_set) as d
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
comment on function private.restricted_cells(text, text, text, public.need_category[], integer, integer, public.offer[], jsonb) is 'Published units of one kind for a restricted reader (see private.disclosed_units): suppressed units are not listed; a banded need count is null with need_count_low/high bounds (e.g. 0–4, or responses−4 … responses); hidden = 0 … responses. Figures from the disclosure pattern''s own counts (private.disclosed_units_cached: one read of the responses while the centre''s data is unchanged). With offer_set (issue 14): the count of households offering any of those offers, under the same rules; with offer_weights as well, need_rate is the potential index (weighted mean of the offers'' shares; no interval). Internal: no access check.';
