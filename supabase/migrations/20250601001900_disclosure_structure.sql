-- A partner link's first read after a write within the server goal at 100,000 responses (issue 16 item 3). That read
-- computes the disclosure pattern (private.disclosed_units): 56–70 ms of a 50 ms goal, 5 ms of it the suppression
-- itself. The rest rebuilt, on every call, what depends only on WHICH combinations of units (street, areas, cell) hold
-- responses: the units and their order, the atoms and the unit/atom incidence (≈ 3,600 combinations, 13,000 pairs at
-- 100,000 responses: 35 ms). A write rarely changes that set (a new response joins a combination that already has
-- some), so it is now kept per (organisation, campaign) in private.disclosure_structures, and a call reads the
-- figures of each combination (private.response_key_counts, the request's need counts from
-- private.response_mask_counts: 9 ms), sums them per unit over the stored incidence (3 ms) and runs the suppression.
--
-- A stored structure is used only when it is the one the call's own snapshot would build: the call reads the
-- combinations (in order) with their figures and compares them with the stored ones, and checks that every stored
-- street and area still has its id. Any difference (a combination that appeared or went, a renamed unit) and the
-- call builds the structure from its snapshot instead (private.disclosure_structure, as before); the next
-- private.disclosed_units_cached stores it. So the answer never depends on what is stored: it is the one
-- private.disclosed_units computed before, unit for unit (tests/responseCounts.test.ts after random writes,
-- disclosureParity, disclosure, attacker, offerParity, disclosureCache).
--
-- Kept out: a centre without a hexagon grid and a campaign where a home lies in two combinations (units count homes
-- across combinations then); those go to the previous function as before, renamed private.disclosed_units_by_home.
--
-- The structures are as private as the counts: no role but the owner may read or write them (no grant, RLS without
-- policies; tests/security.test.ts).

-- The request's need counts read the mask rows of one (organisation, campaign, kind) in combination order: with
-- `responses` in the primary key's index, from the index alone (a merge join with the combinations, no heap visit).
alter table private.response_mask_counts drop constraint response_mask_counts_pkey;
alter table private.response_mask_counts add constraint response_mask_counts_pkey
  primary key (organisation_id, campaign_id, kind, street_no, area_nos, has_cell, cell_q, cell_r, mask) include (responses);

-- The previous function, for the cases the structure does not cover.
alter function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) rename to disclosed_units_by_home;
comment on function private.disclosed_units_by_home(text, text, public.need_category[], integer, integer, public.offer[]) is 'private.disclosed_units as migration 20250601001600 wrote it: the structure (units, atoms, incidence) built on every call, homes counted across combinations. Used by private.disclosed_units for a centre without a grid or a campaign where a home lies in two combinations. Internal: no access check.';

create type private.unit_combination as (street_no integer, area_nos integer[], has_cell boolean, cell_q integer, cell_r integer);
comment on type private.unit_combination is 'A combination of units a response lies in, as in private.response_key_counts: street_no (0 = none), area_nos, cell.';

create table private.disclosure_structures (
  organisation_id text not null,
  campaign_id text not null,
  combinations private.unit_combination[] not null, -- the campaign's rows of response_key_counts, in key order
  kinds text[] not null, -- per unit, in unit order (kind, then id in byte order)
  ids text[] not null,
  unit_nos integer[] not null, -- a street's or area's unit_no (0 for a cell): its id is checked on use
  pair_combination integer[] not null, -- the incidence: combination i lies in unit pair_unit[j] for pair_combination[j] = i
  pair_unit integer[] not null,
  unit_start integer[] not null, -- private.complementary_suppression's unit/atom incidence
  unit_atoms integer[] not null,
  atom_units integer[] not null,
  atom_len integer[] not null,
  primary key (organisation_id, campaign_id)
);
comment on table private.disclosure_structures is 'Per (organisation, campaign): the units, atoms and incidence private.disclosed_units builds from the combinations of units that hold responses, stored by private.disclosed_units_cached and used while the combinations and the units'' ids are the same. Internal: owner only.';
alter table private.disclosure_structures enable row level security;
revoke all on table private.disclosure_structures from public, anon, authenticated, service_role;

-- The structure of a campaign's combinations as the snapshot sees them (a centre with a grid, no home in two
-- combinations: each combination's figures are stored whole). Units and atoms as private.disclosed_units_by_home
-- builds them; combinations numbered in key order.
create function private.disclosure_structure(organisation text, campaign text) returns private.disclosure_structures
language sql stable security definer
set search_path = ''
set jit = off
as $$
  with keys as (
    select pg_catalog.row_number() over (order by k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r)::integer as key,
           k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r
    from private.response_key_counts k
    where k.organisation_id = organisation and k.campaign_id = campaign
  ), key_units as (
    select k.key, 1 as kind_rank, 'street' as kind, s.id::text as unit, s.unit_no from keys k join public.streets s on s.unit_no = k.street_no
    union all
    select k.key, 2, 'area', a.id::text, a.unit_no from keys k cross join lateral pg_catalog.unnest(k.area_nos) as u (area_no) join public.areas a on a.unit_no = u.area_no
    union all
    select k.key, 3, 'hex', k.cell_q || ',' || k.cell_r, 0 from keys k where k.has_cell
  ), ranked as (
    -- Unit index: kind (street, area, hex), then id in byte order: the same on every server and collation.
    select m.key, m.kind, m.unit, m.unit_no, pg_catalog.dense_rank() over (order by m.kind_rank, m.unit collate "C")::integer as idx from key_units m
  ), units as (
    select distinct m.idx, m.kind, m.unit, m.unit_no from ranked m
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
  select organisation, campaign,
    coalesce((select pg_catalog.array_agg(row(k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r)::private.unit_combination order by k.key) from keys k), '{}'),
    coalesce((select pg_catalog.array_agg(u.kind order by u.idx) from units u), '{}'),
    coalesce((select pg_catalog.array_agg(u.unit order by u.idx) from units u), '{}'),
    coalesce((select pg_catalog.array_agg(u.unit_no order by u.idx) from units u), '{}'),
    coalesce((select pg_catalog.array_agg(m.key order by m.idx, m.key) from ranked m), '{}'),
    coalesce((select pg_catalog.array_agg(m.idx order by m.idx, m.key) from ranked m), '{}'),
    coalesce((select pg_catalog.array_agg(s.start order by s.idx) || (1 + (select pg_catalog.count(*) from pairs))::integer from starts s), '{}'),
    coalesce((select pg_catalog.array_agg(p.atom order by p.idx, p.atom) from pairs p), '{}'),
    coalesce((select pg_catalog.array_agg(a.sig || pg_catalog.array_fill(0, array[(select pg_catalog.max(len) from atoms) - a.len]) order by a.atom) from atoms a), '{}'),
    coalesce((select pg_catalog.array_agg(a.len order by a.atom) from atoms a), '{}')
$$;
comment on function private.disclosure_structure(text, text) is 'The units (kind, id, unit_no), atoms and incidence of a campaign''s combinations of units (private.response_key_counts) as the caller''s snapshot sees them. Internal: no access check.';
revoke all on function private.disclosure_structure(text, text) from public;

-- Whether a stored structure is the one its campaign's data gives: built from exactly these combinations (in key
-- order), and every street and area it names still has its unit_no and id (a cell's id is its combination's). The one
-- test every use of a stored structure makes (disclosed_units, current_disclosure_structure).
create function private.disclosure_structure_fits(st private.disclosure_structures, combinations private.unit_combination[]) returns boolean
language sql stable security definer
set search_path = ''
as $$
  select st.organisation_id is not null and st.combinations = combinations and not exists (
    select 1 from unnest(st.kinds, st.ids, st.unit_nos) as u (kind, id, unit_no)
    where (u.kind = 'street' and not exists (select 1 from public.streets s where s.unit_no = u.unit_no and s.id::text = u.id))
       or (u.kind = 'area' and not exists (select 1 from public.areas a where a.unit_no = u.unit_no and a.id::text = u.id)))
$$;
comment on function private.disclosure_structure_fits(private.disclosure_structures, private.unit_combination[]) is 'True when the structure is stored, was built from exactly these combinations (key order), and every street and area it names still has its unit_no and id. Internal.';
revoke all on function private.disclosure_structure_fits(private.disclosure_structures, private.unit_combination[]) from public;

-- The stored structure when the caller's snapshot would build the same, else null.
create function private.current_disclosure_structure(organisation text, campaign text) returns private.disclosure_structures
language plpgsql stable security definer
set search_path = ''
as $$
declare
  st private.disclosure_structures;
begin
  select * into st from private.disclosure_structures s where s.organisation_id = organisation and s.campaign_id = campaign;
  if private.disclosure_structure_fits(st, coalesce((select pg_catalog.array_agg(row(k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r)::private.unit_combination
                                                                                order by k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r)
                                                              from private.response_key_counts k where k.organisation_id = organisation and k.campaign_id = campaign), '{}')) then
    return st;
  end if;
  return null;
end
$$;
comment on function private.current_disclosure_structure(text, text) is 'The stored structure of the campaign if it is the one private.disclosure_structure would build now, else null. Internal.';
revoke all on function private.current_disclosure_structure(text, text) from public;

-- Builds the campaign's structure as the caller's snapshot sees it and stores it (replacing the one stored).
create function private.store_disclosure_structure(organisation text, campaign text) returns void
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  st private.disclosure_structures := private.disclosure_structure(organisation, campaign);
begin
  insert into private.disclosure_structures as s values (st.*)
  on conflict (organisation_id, campaign_id) do update set combinations = excluded.combinations, kinds = excluded.kinds, ids = excluded.ids,
    unit_nos = excluded.unit_nos, pair_combination = excluded.pair_combination, pair_unit = excluded.pair_unit, unit_start = excluded.unit_start,
    unit_atoms = excluded.unit_atoms, atom_units = excluded.atom_units, atom_len = excluded.atom_len;
end
$$;
comment on function private.store_disclosure_structure(text, text) is 'Stores private.disclosure_structure of the campaign in private.disclosure_structures. Internal.';
revoke all on function private.store_disclosure_structure(text, text) from public;

-- A write that changes which combinations hold a campaign's answers rebuilds the campaign's stored structure, if it
-- has one (a campaign no restricted reader has read has none: its first read builds it), so that the first read after
-- any write finds it current. Statement triggers after the count triggers (trigger order is by name); a stored
-- structure still current costs the write one read of the campaign's combinations. Two writers at once may leave the
-- one stored outdated: the next read sees that and builds its own.
create function private.keep_disclosure_structures() returns trigger
language plpgsql security definer -- the writer has no right on the structures
set search_path = ''
as $$
declare
  touched record;
begin
  if tg_op = 'TRUNCATE' then
    delete from private.disclosure_structures;
    return null;
  end if;
  -- The campaigns written (a statement may name only its own trigger's transition tables, hence dynamic SQL) that have
  -- a stored structure.
  for touched in execute 'select s.organisation_id, s.campaign_id from private.disclosure_structures s where (s.organisation_id, s.campaign_id) in ('
    || case tg_op when 'INSERT' then 'select n.organisation_id, n.campaign_id from changed_new n'
                  when 'DELETE' then 'select o.organisation_id, o.campaign_id from changed_old o'
                  else 'select n.organisation_id, n.campaign_id from changed_new n union select o.organisation_id, o.campaign_id from changed_old o' end
    || ')'
  loop
    if private.current_disclosure_structure(touched.organisation_id, touched.campaign_id) is null then
      perform private.store_disclosure_structure(touched.organisation_id, touched.campaign_id);
    end if;
  end loop;
  return null;
end
$$;
comment on function private.keep_disclosure_structures() is 'Statement trigger on survey_responses (after the count triggers): rebuilds the stored structure of every campaign written whose combinations the write changed; a truncate drops them all.';
revoke all on function private.keep_disclosure_structures() from public;

create trigger survey_responses_structures_insert after insert on public.survey_responses
  referencing new table as changed_new for each statement execute function private.keep_disclosure_structures();
create trigger survey_responses_structures_update after update on public.survey_responses
  referencing old table as changed_old new table as changed_new for each statement execute function private.keep_disclosure_structures();
create trigger survey_responses_structures_delete after delete on public.survey_responses
  referencing old table as changed_old for each statement execute function private.keep_disclosure_structures();
create trigger survey_responses_structures_truncate after truncate on public.survey_responses
  for each statement execute function private.keep_disclosure_structures();

create function private.disclosed_units(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql stable security definer
set search_path = ''
set jit = off
as $$
declare
  st private.disclosure_structures;
  found_keys private.unit_combination[];
  key_resp bigint[]; key_need bigint[]; key_homes bigint[]; key_largest bigint[];
  resp bigint[]; need bigint[]; homes bigint[]; largest bigint[];
  n integer;
  step integer;
  pass1 boolean[]; pass2 boolean[]; banded boolean[];
  init boolean[];
  -- Which masks count: the needs' at min_severity (as need_mask_1/2/3 in the responses), else the offers'.
  mask_kind smallint := case when offer_set is not null then 0 when min_severity in (1, 2) then min_severity else 3 end;
  wanted integer := case when offer_set is null then private.need_mask(needs) else private.offer_mask(offer_set) end;
begin
  if not exists (select 1 from public.hex_grids g where g.organisation_id = organisation)
     or exists (select 1 from private.response_home_spread s where s.organisation_id = organisation and s.campaign_id = campaign and s.combinations > 1) then
    return query select * from private.disclosed_units_by_home(organisation, campaign, needs, min_severity, k, offer_set);
    return;
  end if;
  -- Each combination's figures and the request's need count, in key order: the aggregates read the rows of one sorted
  -- subquery, so the arrays are aligned; that their order is the structure's is checked, not assumed.
  select pg_catalog.array_agg(row(j.street_no, j.area_nos, j.has_cell, j.cell_q, j.cell_r)::private.unit_combination),
         pg_catalog.array_agg(j.responses), pg_catalog.array_agg(j.need_count), pg_catalog.array_agg(j.homes), pg_catalog.array_agg(j.largest_home)
  into found_keys, key_resp, key_need, key_homes, key_largest
  from (select k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r, k.responses, coalesce(x.need_count, 0) as need_count, k.homes, k.largest_home
        from private.response_key_counts k
        left join (select m.street_no, m.area_nos, m.has_cell, m.cell_q, m.cell_r, pg_catalog.sum(m.responses)::bigint as need_count
                   from private.response_mask_counts m
                   where m.organisation_id = organisation and m.campaign_id = campaign and m.kind = mask_kind and m.mask & wanted <> 0
                   group by 1, 2, 3, 4, 5) as x
          on x.street_no = k.street_no and x.area_nos = k.area_nos and x.has_cell = k.has_cell and x.cell_q = k.cell_q and x.cell_r = k.cell_r
        where k.organisation_id = organisation and k.campaign_id = campaign
        order by k.street_no, k.area_nos, k.has_cell, k.cell_q, k.cell_r) as j;
  found_keys := coalesce(found_keys, '{}');
  select * into st from private.disclosure_structures s where s.organisation_id = organisation and s.campaign_id = campaign;
  if not private.disclosure_structure_fits(st, found_keys) then
    st := private.disclosure_structure(organisation, campaign);
    if st.combinations is distinct from found_keys then
      -- Only if the rows above came in another order than the one asked for: the answer all the same, the slow way.
      return query select * from private.disclosed_units_by_home(organisation, campaign, needs, min_severity, k, offer_set);
      return;
    end if;
  end if;
  n := pg_catalog.cardinality(st.kinds);
  if n = 0 then
    return;
  end if;
  -- Per unit: the sums over its combinations (each home in one combination: homes add up, the largest is the max).
  select pg_catalog.array_agg(u.r order by u.idx), pg_catalog.array_agg(u.c order by u.idx), pg_catalog.array_agg(u.h order by u.idx), pg_catalog.array_agg(u.l order by u.idx)
  into resp, need, homes, largest
  from (select p.idx, pg_catalog.sum(key_resp[p.key])::bigint as r, pg_catalog.sum(key_need[p.key])::bigint as c,
               pg_catalog.sum(key_homes[p.key])::bigint as h, pg_catalog.max(key_largest[p.key]) as l
        from unnest(st.pair_combination, st.pair_unit) as p (key, idx) group by p.idx) as u;
  -- As in private.disclosed_units_by_home: a link with k > 5 starts from the k = 5 pattern (its published cells are a
  -- subset of every k = 5 reader's), the primary rules written out (private.fails_primary, private.needs_band).
  pass1 := pg_catalog.array_fill(false, array[n]);
  pass2 := pg_catalog.array_fill(false, array[n]);
  banded := pg_catalog.array_fill(false, array[n]);
  foreach step in array case when k > 5 then array[5, k] else array[k] end loop
    init := pass1;
    for u in 1 .. n loop
      init[u] := init[u] or resp[u] < step or homes[u] < step or largest[u] * 4 > resp[u] * 3; -- private.fails_primary
    end loop;
    pass1 := private.complementary_suppression(resp, init, st.unit_start, st.unit_atoms, st.atom_units, st.atom_len);
    init := pass2;
    for u in 1 .. n loop
      banded[u] := banded[u] or (not pass1[u] and (need[u] < step or resp[u] - need[u] < step)); -- private.needs_band
      init[u] := init[u] or pass1[u] or banded[u];
    end loop;
    pass2 := private.complementary_suppression(resp, init, st.unit_start, st.unit_atoms, st.atom_units, st.atom_len);
  end loop;
  for u in 1 .. n loop
    return next row(st.kinds[u], st.ids[u], resp[u], need[u], not pass1[u],
      case when pass1[u] then null when banded[u] then 'band' when pass2[u] then 'hidden' else 'exact' end)::private.disclosed_unit;
  end loop;
end
$$;
comment on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) is 'For a restricted reader: every street, area and cell of the organisation''s fixed hexagon grid with responses in the campaign, whether it is published (primary rules at k, then complementary suppression over the whole hierarchy) and how its need count is shown (exact, band, hidden; a second complementary pass protects banded counts). With offer_set (issue 14) the count is of households offering any of those offers, under the same rules. Reads the combinations'' figures kept at write time and the structure of units and atoms stored in private.disclosure_structures when it is current (else built); without a grid or with a home in two combinations, private.disclosed_units_by_home. Internal: no access check.';
revoke all on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) from public;

-- disclosed_units_cached as in 20250601001800; a read that computes first stores the campaign's structure if the one
-- stored is not current.
create or replace function private.disclosed_units_cached(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  request_key text := pg_catalog.jsonb_build_array(needs, min_severity, k, offer_set)::text;
  data_version bigint;
  version_rows bigint;
  pattern private.disclosed_unit[];
begin
  -- One statement, one snapshot: the version and the pattern stored for it.
  select v.n, (select c.units from private.disclosure_cache c
               where c.organisation_id = organisation and c.campaign_id = campaign and c.request = request_key and c.writes = v.n)
  into data_version, pattern
  from (select coalesce(pg_catalog.sum(w.writes), 0) as n from private.disclosure_writes w where w.organisation_id = organisation) as v;
  if pattern is null then
    if private.current_disclosure_structure(organisation, campaign) is null then
      begin
        perform private.store_disclosure_structure(organisation, campaign);
      exception when read_only_sql_transaction then
        null; -- not stored: private.disclosed_units builds it
      end;
    end if;
    -- One statement, one snapshot: the pattern and the version it is computed from.
    select v.n, v.rows, coalesce((select pg_catalog.array_agg(d) from private.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d), '{}')
    into data_version, version_rows, pattern
    from (select coalesce(pg_catalog.sum(w.writes), 0) as n, pg_catalog.count(*) as rows from private.disclosure_writes w where w.organisation_id = organisation) as v;
    begin
      insert into private.disclosure_cache as c (organisation_id, campaign_id, request, writes, units)
      values (organisation, campaign, request_key, data_version, pattern)
      on conflict (organisation_id, campaign_id, request) do update set writes = excluded.writes, units = excluded.units
        where c.writes < excluded.writes;
      if version_rows > 100 then
        perform private.compact_disclosure_writes(organisation);
      end if;
    exception when read_only_sql_transaction then
      null; -- computed, not stored
    end;
  end if;
  return query select * from pg_catalog.unnest(pattern);
end
$$;
comment on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) is 'private.disclosed_units, stored per (organisation, campaign, request) with the version of the centre''s data (sum of private.disclosure_writes.writes) and read back while that version is current; a read that computes stores the campaign''s structure (private.disclosure_structures) when the stored one is not current, and compacts the centre''s version rows past 100. Internal: no access check.';
revoke all on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) from public;
