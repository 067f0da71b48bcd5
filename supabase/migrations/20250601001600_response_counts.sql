-- Partner views within the server goal on the first read after a write (issue 16 item 3). A stored disclosure pattern
-- (20250601001500) answers in 10–30 ms, but the first read after any write computed it again from the responses:
-- private.disclosed_units grouped the campaign's responses by (street, areas, cell, home) — 500,000 index entries into
-- ≈ 45,000 groups at 1,000,000 responses, 0.7–0.8 s of a 0.3 s goal (146–150 ms of 50 ms at 100,000).
--
-- Now those groups are kept at write time, in two tables maintained by statement triggers on survey_responses
-- (transition tables; every other write that changes a response's units, home or need masks — need answers, street,
-- area, address and grid edits, deleted streets — reaches survey_responses as an update of its rows):
-- * private.response_home_counts: responses per (campaign, street, areas, cell, home) — the rows disclosed_units
--   grouped the responses into;
-- * private.response_mask_counts: responses per (campaign, street, areas, cell, need mask at severity 1, 2 or 3, or
--   offer mask), mask 0 left out (it never counts). A need count is the sum over the masks sharing a bit with the
--   request's: exact for any set of needs or offers, without reading a response.
-- disclosed_units reads them instead of the responses; everything after its first CTE — units, atoms, shared homes,
-- the suppression passes — is unchanged, and so is its answer (tests: parity, disclosure, attacker, offer parity,
-- partitioned, disclosureCache; tests/responseCounts.test.ts holds the tables to counts recomputed from the responses
-- after random writes).
--
-- The counts are as private as the responses: no role but the owner may read or write them (no grant, RLS without
-- policies; tests/security.test.ts).

-- The bit of each offer (the enum's order, as need masks use the need_category enum's order).
create function private.offer_mask(offers public.offer[]) returns integer
language sql immutable parallel safe
set search_path = ''
as $$
  select coalesce(pg_catalog.bit_or(1 << (pg_catalog.array_position(pg_catalog.enum_range(null::public.offer), o) - 1)), 0)
  from pg_catalog.unnest(offers) as o
$$;
comment on function private.offer_mask(public.offer[]) is 'Bit i set when the array holds the offer enum''s i-th value; null elements ignored (as && ignores them); 0 for an empty or null array.';

create table private.response_home_counts (
  organisation_id text not null,
  campaign_id text not null,
  street_no integer not null, -- 0 = no street (unit numbers start at 1)
  area_nos integer[] not null,
  has_cell boolean not null, -- hex_q is not null
  cell_q integer not null, -- coalesce(hex_q, 0)
  cell_r integer not null,
  home text not null,
  responses bigint not null,
  primary key (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, home)
);
comment on table private.response_home_counts is 'Responses per (organisation, campaign, street_no, area_nos, cell, home) of public.survey_responses, kept by private.count_responses (statement triggers). Read by private.disclosed_units. Internal: owner only.';
create index response_home_counts_empty_idx on private.response_home_counts (organisation_id) where responses = 0;

create table private.response_mask_counts (
  organisation_id text not null,
  campaign_id text not null,
  street_no integer not null,
  area_nos integer[] not null,
  has_cell boolean not null,
  cell_q integer not null,
  cell_r integer not null,
  kind smallint not null constraint response_mask_counts_kind_check check (kind between 0 and 3), -- 1–3: need_mask_<kind>; 0: offers
  mask integer not null constraint response_mask_counts_mask_check check (mask <> 0),
  responses bigint not null,
  primary key (organisation_id, campaign_id, kind, street_no, area_nos, has_cell, cell_q, cell_r, mask)
);
comment on table private.response_mask_counts is 'Responses per (organisation, campaign, street_no, area_nos, cell) and non-zero need mask at severity `kind` (1–3, survey_responses.need_mask_<kind>) or offer mask (kind 0, private.offer_mask), kept by private.count_responses. Internal: owner only.';
create index response_mask_counts_empty_idx on private.response_mask_counts (organisation_id) where responses = 0;

create table private.response_key_counts (
  organisation_id text not null,
  campaign_id text not null,
  street_no integer not null,
  area_nos integer[] not null,
  has_cell boolean not null,
  cell_q integer not null,
  cell_r integer not null,
  responses bigint not null,
  homes bigint not null, -- its rows in response_home_counts
  largest_home bigint not null, -- their largest count
  primary key (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r)
);
comment on table private.response_key_counts is 'Per (organisation, campaign, street_no, area_nos, cell): responses, homes and the largest home''s responses (private.response_home_counts summed), kept by private.count_responses. Internal: owner only.';

create table private.response_home_spread (
  organisation_id text not null,
  campaign_id text not null,
  home text not null,
  combinations bigint not null, -- its rows in response_home_counts
  primary key (organisation_id, campaign_id, home)
);
comment on table private.response_home_spread is 'Per (organisation, campaign, home): in how many (street_no, area_nos, cell) combinations it has responses; a home in more than one is counted per unit by private.disclosed_units. Kept by private.count_responses. Internal: owner only.';
create index response_home_spread_shared_idx on private.response_home_spread (organisation_id, campaign_id) where combinations > 1;
create index response_home_spread_empty_idx on private.response_home_spread (organisation_id) where combinations = 0;
create index response_key_counts_empty_idx on private.response_key_counts (organisation_id) where responses = 0;

alter table private.response_key_counts enable row level security;
alter table private.response_home_spread enable row level security;
revoke all on table private.response_key_counts, private.response_home_spread from public, anon, authenticated, service_role;
alter table private.response_home_counts enable row level security;
alter table private.response_mask_counts enable row level security;
revoke all on table private.response_home_counts, private.response_mask_counts from public, anon, authenticated, service_role;

-- What the counts need of a response, with +1 (added) or −1 (removed).
create type private.counted_response as (
  organisation_id text, campaign_id text, street_no integer, area_nos integer[], has_cell boolean, cell_q integer, cell_r integer,
  home text, need_mask_1 integer, need_mask_2 integer, need_mask_3 integer, offer_mask integer, delta integer
);

-- Adds the changes to the four tables: net deltas per row (an update that moves nothing nets to zero and writes
-- nothing), applied in key order (two writers lock shared rows in the same order), rows that reach zero removed.
-- Concurrent writers: every figure is added, not recomputed, except a combination's largest home, which is recomputed
-- after its row is locked (by the additive upsert before it), so in a later statement that sees every committed write.
create function private.apply_response_counts(changes private.counted_response[]) returns void
language plpgsql
set search_path = ''
as $$
begin
  -- Home rows: the new value tells a row that appeared (= its delta, positive) or went (0).
  with delta as (
    select x.organisation_id, x.campaign_id, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r, x.home, pg_catalog.sum(x.delta) as d
    from pg_catalog.unnest(changes) as x
    group by x.organisation_id, x.campaign_id, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r, x.home
    having pg_catalog.sum(x.delta) <> 0
  ), upserted as (
    insert into private.response_home_counts as c (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, home, responses)
    select d.organisation_id, d.campaign_id, d.street_no, d.area_nos, d.has_cell, d.cell_q, d.cell_r, d.home, d.d from delta d
    order by 1, 2, 3, 4, 5, 6, 7, 8
    on conflict (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, home)
    do update set responses = c.responses + excluded.responses
    returning c.organisation_id, c.campaign_id, c.street_no, c.area_nos, c.has_cell, c.cell_q, c.cell_r, c.home, c.responses
  ), rows_changed as (
    select u.organisation_id, u.campaign_id, u.street_no, u.area_nos, u.has_cell, u.cell_q, u.cell_r, u.home, d.d,
           case when u.responses = 0 then -1 when u.responses = d.d then 1 else 0 end as appeared
    from upserted u
    join delta d on d.organisation_id = u.organisation_id and d.campaign_id = u.campaign_id and d.street_no = u.street_no and d.area_nos = u.area_nos
      and d.has_cell = u.has_cell and d.cell_q = u.cell_q and d.cell_r = u.cell_r and d.home = u.home
  ), spread as (
    insert into private.response_home_spread as c (organisation_id, campaign_id, home, combinations)
    select r.organisation_id, r.campaign_id, r.home, pg_catalog.sum(r.appeared) from rows_changed r
    group by r.organisation_id, r.campaign_id, r.home having pg_catalog.sum(r.appeared) <> 0
    order by 1, 2, 3
    on conflict (organisation_id, campaign_id, home) do update set combinations = c.combinations + excluded.combinations
  )
  insert into private.response_key_counts as c (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, responses, homes, largest_home)
  select r.organisation_id, r.campaign_id, r.street_no, r.area_nos, r.has_cell, r.cell_q, r.cell_r, pg_catalog.sum(r.d), pg_catalog.sum(r.appeared), 0
  from rows_changed r
  group by r.organisation_id, r.campaign_id, r.street_no, r.area_nos, r.has_cell, r.cell_q, r.cell_r
  order by 1, 2, 3, 4, 5, 6, 7
  on conflict (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r)
  do update set responses = c.responses + excluded.responses, homes = c.homes + excluded.homes;

  delete from private.response_home_counts c where c.responses = 0;
  delete from private.response_home_spread c where c.combinations = 0;
  delete from private.response_key_counts c where c.responses = 0;
  -- The largest home of each combination written (locked above), from its home rows as they are now.
  update private.response_key_counts c set largest_home = h.largest
  from (select x.organisation_id, x.campaign_id, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r,
               (select pg_catalog.max(h.responses) from private.response_home_counts h
                where h.organisation_id = x.organisation_id and h.campaign_id = x.campaign_id and h.street_no = x.street_no and h.area_nos = x.area_nos
                  and h.has_cell = x.has_cell and h.cell_q = x.cell_q and h.cell_r = x.cell_r) as largest
        from (select distinct y.organisation_id, y.campaign_id, y.street_no, y.area_nos, y.has_cell, y.cell_q, y.cell_r
              from pg_catalog.unnest(changes) as y) as x) as h
  where c.organisation_id = h.organisation_id and c.campaign_id = h.campaign_id and c.street_no = h.street_no and c.area_nos = h.area_nos
    and c.has_cell = h.has_cell and c.cell_q = h.cell_q and c.cell_r = h.cell_r and c.largest_home is distinct from h.largest;

  insert into private.response_mask_counts as c (organisation_id, campaign_id, street_no, area_nos, has_cell, cell_q, cell_r, kind, mask, responses)
  select x.organisation_id, x.campaign_id, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r, m.kind, m.mask, pg_catalog.sum(x.delta)
  from pg_catalog.unnest(changes) as x
  cross join lateral (values (1::smallint, x.need_mask_1), (2::smallint, x.need_mask_2), (3::smallint, x.need_mask_3), (0::smallint, x.offer_mask)) as m (kind, mask)
  where m.mask <> 0
  group by x.organisation_id, x.campaign_id, m.kind, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r, m.mask
  having pg_catalog.sum(x.delta) <> 0
  order by 1, 2, 8, 3, 4, 5, 6, 7, 9
  on conflict (organisation_id, campaign_id, kind, street_no, area_nos, has_cell, cell_q, cell_r, mask)
  do update set responses = c.responses + excluded.responses;
  delete from private.response_mask_counts c where c.responses = 0;
end
$$;
comment on function private.apply_response_counts(private.counted_response[]) is 'Adds responses (delta +1) and removes them (−1) in private.response_home_counts, response_home_spread, response_key_counts and response_mask_counts. Internal.';
revoke all on function private.apply_response_counts(private.counted_response[]) from public;

create function private.count_responses() returns trigger
language plpgsql security definer -- the writer has no right on the count tables
set search_path = ''
as $$
declare
  changes private.counted_response[];
  -- What the counts need of a row of a transition table (%1$s), with its sign (%2$s).
  projection constant text := 'select r.organisation_id, r.campaign_id, coalesce(r.street_no, 0) as street_no, r.area_nos, r.hex_q is not null as has_cell,
      coalesce(r.hex_q, 0) as cell_q, coalesce(r.hex_r, 0) as cell_r, r.home, r.need_mask_1, r.need_mask_2, r.need_mask_3,
      private.offer_mask(r.offers) as offer_mask, %2$s as delta from %1$s as r';
  rows_sql text;
begin
  if tg_op = 'TRUNCATE' then
    delete from private.response_home_counts;
    delete from private.response_home_spread;
    delete from private.response_key_counts;
    delete from private.response_mask_counts;
    return null;
  end if;
  -- Transition tables: changed_new for inserts and updates, changed_old for updates and deletes (a statement may name
  -- only those of its trigger, hence dynamic SQL). Netted here, so that an update that changes nothing counted (need
  -- masks recomputed to the same, units assigned again to the same) passes nothing on.
  rows_sql := case tg_op
    when 'INSERT' then pg_catalog.format(projection, 'changed_new', 1)
    when 'DELETE' then pg_catalog.format(projection, 'changed_old', -1)
    else pg_catalog.format(projection, 'changed_new', 1) || ' union all ' || pg_catalog.format(projection, 'changed_old', -1) end;
  execute 'select pg_catalog.array_agg(row(x.organisation_id, x.campaign_id, x.street_no, x.area_nos, x.has_cell, x.cell_q, x.cell_r, x.home,
                                            x.need_mask_1, x.need_mask_2, x.need_mask_3, x.offer_mask, x.delta)::private.counted_response)
    from (select c.organisation_id, c.campaign_id, c.street_no, c.area_nos, c.has_cell, c.cell_q, c.cell_r, c.home,
                 c.need_mask_1, c.need_mask_2, c.need_mask_3, c.offer_mask, pg_catalog.sum(c.delta)::integer as delta
          from (' || rows_sql || ') as c
          group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12
          having pg_catalog.sum(c.delta) <> 0) as x'
  into changes;
  if changes is not null then
    perform private.apply_response_counts(changes);
  end if;
  return null;
end
$$;
comment on function private.count_responses() is 'Statement trigger on survey_responses: keeps private.response_home_counts and private.response_mask_counts equal to the responses (a truncate empties them).';
revoke all on function private.count_responses() from public;

create trigger survey_responses_counts_insert after insert on public.survey_responses
  referencing new table as changed_new for each statement execute function private.count_responses();
create trigger survey_responses_counts_update after update on public.survey_responses
  referencing old table as changed_old new table as changed_new for each statement execute function private.count_responses();
create trigger survey_responses_counts_delete after delete on public.survey_responses
  referencing old table as changed_old for each statement execute function private.count_responses();
create trigger survey_responses_counts_truncate after truncate on public.survey_responses
  for each statement execute function private.count_responses();

-- The responses written before this migration.
select private.apply_response_counts(array(
  select row(r.organisation_id, r.campaign_id, coalesce(r.street_no, 0), r.area_nos, r.hex_q is not null, coalesce(r.hex_q, 0), coalesce(r.hex_r, 0),
             r.home, r.need_mask_1, r.need_mask_2, r.need_mask_3, private.offer_mask(r.offers), 1)::private.counted_response
  from public.survey_responses r));

-- disclosed_units as in 20250601001400, its groups read from the count tables instead of the responses.
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
  per_home boolean;
  -- Which masks count: the needs' at min_severity (as need_mask_1/2/3 in the responses), else the offers'.
  mask_kind smallint := case when offer_set is not null then 0 when min_severity in (1, 2) then min_severity else 3 end;
  wanted integer := case when offer_set is null then private.need_mask(needs) else private.offer_mask(offer_set) end;
begin
  has_grid := exists (select 1 from public.hex_grids g where g.organisation_id = organisation);
  -- Without a home found in two combinations of units (the rule, on the centre's grid), each combination's figures are
  -- read as stored; else they are built from the stored (combination, home) groups, as from the responses before.
  per_home := not has_grid or exists (select 1 from private.response_home_spread s
                                      where s.organisation_id = organisation and s.campaign_id = campaign and s.combinations > 1);
  with atom_homes as (
    -- The campaign's (street, areas, cell, home) groups as stored. Units as non-null keys: street 0 = none (unit_no
    -- starts at 1), a cell only on the centre's grid (without one, the cells' groups are merged).
    select h.street_no, h.area_nos, has_grid and h.has_cell as in_cell,
           case when has_grid then h.cell_q else 0 end as hex_q, case when has_grid then h.cell_r else 0 end as hex_r, h.home,
           pg_catalog.sum(h.responses)::bigint as responses
    from private.response_home_counts h
    where per_home and h.organisation_id = organisation and h.campaign_id = campaign
    group by 1, 2, 3, 4, 5, 6
  ), key_needs as (
    -- Per (street, areas, cell): the responses whose mask shares a bit with the request's.
    select m.street_no, m.area_nos, has_grid and m.has_cell as in_cell,
           case when has_grid then m.cell_q else 0 end as hex_q, case when has_grid then m.cell_r else 0 end as hex_r,
           pg_catalog.sum(m.responses)::bigint as need_count
    from private.response_mask_counts m
    where m.organisation_id = organisation and m.campaign_id = campaign and m.kind = mask_kind and m.mask & wanted <> 0
    group by 1, 2, 3, 4, 5
  ), shared_homes as (
    -- Homes found in more than one combination of units (rare): counted per unit below.
    select h.home from atom_homes h where per_home group by h.home having pg_catalog.count(*) > 1
  ), keys as (
    -- Each combination of units, with its responses, need count, and the homes found in it alone.
    select pg_catalog.row_number() over ()::integer as key, c.street_no, c.area_nos, c.in_cell, c.hex_q, c.hex_r, c.responses,
           coalesce(x.need_count, 0) as need_count, c.homes, c.largest_home
    from (select k.street_no, k.area_nos, k.has_cell as in_cell, k.cell_q as hex_q, k.cell_r as hex_r, k.responses, k.homes, k.largest_home
          from private.response_key_counts k
          where not per_home and k.organisation_id = organisation and k.campaign_id = campaign
          union all
          select h.street_no, h.area_nos, h.in_cell, h.hex_q, h.hex_r,
                 pg_catalog.sum(h.responses)::bigint as responses,
                 pg_catalog.count(*) filter (where s.home is null) as homes,
                 coalesce(pg_catalog.max(h.responses) filter (where s.home is null), 0) as largest_home
          from atom_homes h left join shared_homes s on s.home = h.home
          where per_home
          group by h.street_no, h.area_nos, h.in_cell, h.hex_q, h.hex_r) as c
    left join key_needs x on x.street_no = c.street_no and x.area_nos = c.area_nos and x.in_cell = c.in_cell and x.hex_q = c.hex_q and x.hex_r = c.hex_r
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
          where per_home
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
comment on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) is 'For a restricted reader: every street, area and cell of the organisation''s fixed hexagon grid with responses in the campaign, whether it is published (primary rules at k, then complementary suppression over the whole hierarchy) and how its need count is shown (exact, band, hidden; a second complementary pass protects banded counts). With offer_set (issue 14) the count is of households offering any of those offers, under the same rules. Reads the (street, areas, cell, home) groups and need/offer mask counts kept at write time (private.response_home_counts, private.response_mask_counts), not the responses. Internal: no access check.';
