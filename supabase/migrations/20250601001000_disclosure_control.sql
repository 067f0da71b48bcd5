-- Disclosure control (issue 11): what partners, surveyors and anonymous share-link holders may learn from the
-- aggregates, enforced here so that no caller can talk its way around it. The model, in supabase/README.md
-- ("Disclosure control"):
--
-- * Admins and planners reading their own organisation keep what they had: any k ≥ 1, any hexagon size and origin
--   (they read every response anyway).
-- * Everyone else who gets figures (partners, surveyors, share-link holders) is a "restricted reader":
--   - never chooses geometry: streets, the centre's areas, and ONE hexagon grid per organisation
--     (public.hex_grids, fixed when the centre's first area is stored). No origin, no other size.
--   - k ≥ 5, on responses AND on distinct homes (address, else the response's point, else its street), and the
--     dominance rule of the public-statistics act (ustawa o statystyce publicznej, art. 38): no home holds more than
--     ¾ of a cell's responses. A cell that fails is not listed at all.
--   - the need count is exact only when it and its complement (responses − need count) are both ≥ k; otherwise it is
--     a band [need_count_low, need_count_high] ("< 5", "≥ responses − 4"), or hidden (band = [0, responses]).
--   - secondary suppression across the whole published hierarchy (every street, every area, every cell of the fixed
--     grid, whichever unit a call asks for): no protected cell is a linear combination of published cells (see
--     private.complementary_suppression), so "estate minus its visible streets" recovers nothing.
-- * Share links are written only through RPCs; views are enforced on the server (areas, needs, severity).
-- * An audit log records share-link creation and revocation and every restricted read (who, when, which view).
-- ---------------------------------------------------------------------------------------------------------------
-- Audit log.

create table public.audit_log (
  id bigint generated always as identity primary key,
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  at timestamptz not null default pg_catalog.now(),
  actor uuid,
  actor_role text not null,
  action text not null constraint audit_log_action_check check (action in ('share_link_created', 'share_link_revoked', 'shared_read', 'restricted_read')),
  share_link_id uuid,
  detail jsonb not null default '{}'::jsonb
);
create index audit_log_organisation_at_idx on public.audit_log (organisation_id, at desc);
comment on table public.audit_log is 'Who did what, when: share-link creation and revocation, every read by a partner, surveyor or share link (campaign, unit, needs, severity, k). Never answer data. Written by SECURITY DEFINER functions only; admins read their organisation''s.';
comment on column public.audit_log.actor is 'auth.uid() of the caller; null for an anonymous share-link holder.';
comment on column public.audit_log.detail is 'The request (campaign, unit, needs, minSeverity, k, areaIds), never figures.';

alter table public.audit_log enable row level security;
revoke all on table public.audit_log from anon, authenticated;
grant select on table public.audit_log to authenticated;
grant all on table public.audit_log to service_role;
create policy audit_log_select_admin on public.audit_log
  for select to authenticated
  using (organisation_id in (select private.my_organisations('{admin}')));

create function private.audit(organisation text, action text, link uuid, detail jsonb) returns void
language sql volatile security definer
set search_path = ''
as $$
  insert into public.audit_log (organisation_id, actor, actor_role, action, share_link_id, detail)
  values (organisation, auth.uid(), coalesce(auth.role(), current_user::text), action, link, coalesce(detail, '{}'::jsonb))
$$;
comment on function private.audit(text, text, uuid, jsonb) is 'Appends one audit_log row as the current caller (auth.uid(), auth.role()).';
revoke all on function private.audit(text, text, uuid, jsonb) from public;

-- ---------------------------------------------------------------------------------------------------------------
-- Secondary (complementary) suppression.
--
-- Units are vectors over "atoms": the groups of responses that belong to exactly the same units (street, areas,
-- hexagon). A published cell reveals the sum of its atoms. A protected cell s is recoverable from the published
-- cells P only if s lies in the span of P. A sufficient certificate that it does not: an atom a of s that no
-- published cell contains (y = e_a), or two atoms a ∈ s, b ∉ s contained in exactly the same published cells
-- (y = e_a − e_b): y is orthogonal to every published cell but not to s, so moving one response from a to b (or
-- adding one to a) changes s and no published figure. The greedy below (in the spirit of τ-ARGUS's hypercube
-- method, Giessing 2004, on a general unit structure) takes the protected cells in a fixed order and, while a cell
-- has no certificate, hides the published cell that intersects it with the fewest responses among those whose
-- removal gives it one (else the one with the fewest responses; ties: the lower unit index, i.e. kind then id).
-- Removing cells keeps every certificate (a and b lose the same cells), so one pass suffices; each step hides one
-- cell, so it ends. O(protected × candidates × |atoms of s| × |atoms of the smallest published cell| × width).
--
-- Arguments: weights (responses) per unit 1..n; protect: the primary protected units; unit_atoms in CSR form
-- (atoms of unit u are unit_atoms[unit_start[u] .. unit_start[u+1]-1]); atom_units: n_atoms × width, padded with 0.
-- Returns the final protected flags.
create function private.complementary_suppression(
  weights bigint[], protect boolean[], unit_start integer[], unit_atoms integer[], atom_units integer[], atom_len integer[])
returns boolean[]
language plpgsql immutable
set search_path = ''
as $$
declare
  n integer := coalesce(pg_catalog.array_length(weights, 1), 0);
  published boolean[];
  queue integer[] := '{}'::integer[];
  head integer := 1;
  s integer; best integer; best_safe boolean; cand_safe boolean;
  candidates integer[];
  a integer; b integer; u integer; u0 integer; u0_size integer;
  safe boolean; in_s boolean; same boolean; ja integer; jb integer; ua integer; ub integer;
  excl integer;
begin
  if n = 0 then
    return protect;
  end if;
  published := pg_catalog.array_fill(true, array[n]);
  for u in 1 .. n loop
    if protect[u] then
      published[u] := false;
      queue := queue || u;
    end if;
  end loop;
  while head <= coalesce(pg_catalog.array_length(queue, 1), 0) loop
    s := queue[head];
    head := head + 1;
    if unit_start[s + 1] = unit_start[s] then
      continue; -- no responses: nothing to recover
    end if;
    loop
      -- Is s safe when unit excl (0: none) is hidden as well? Evaluated for excl = 0 and every candidate.
      -- Candidates: the published cells of s's atoms, and those of the atoms that share s's atoms' smallest
      -- published cell (hiding a sibling street gives it the same published cells as s's atoms).
      candidates := '{}'::integer[];
      for i in unit_start[s] .. unit_start[s + 1] - 1 loop
        a := unit_atoms[i];
        u0 := 0; u0_size := 0;
        for j in 1 .. atom_len[a] loop
          u := atom_units[a][j];
          if published[u] then
            if not (u = any (candidates)) then
              candidates := candidates || u;
            end if;
            if u0 = 0 or unit_start[u + 1] - unit_start[u] < u0_size then
              u0 := u; u0_size := unit_start[u + 1] - unit_start[u];
            end if;
          end if;
        end loop;
        continue when u0 = 0;
        for x in unit_start[u0] .. unit_start[u0 + 1] - 1 loop
          b := unit_atoms[x];
          for jb in 1 .. atom_len[b] loop
            u := atom_units[b][jb];
            if published[u] and u <> s and not (u = any (candidates)) then
              candidates := candidates || u;
            end if;
          end loop;
        end loop;
      end loop;
      best := 0; best_safe := false;
      foreach excl in array (array[0] || candidates) loop
        safe := false;
        for i in unit_start[s] .. unit_start[s + 1] - 1 loop
          a := unit_atoms[i];
          -- The smallest published cell containing a: only its atoms can share a's published cells.
          u0 := 0; u0_size := 0;
          for j in 1 .. atom_len[a] loop
            u := atom_units[a][j];
            if published[u] and u <> excl and (u0 = 0 or unit_start[u + 1] - unit_start[u] < u0_size) then
              u0 := u; u0_size := unit_start[u + 1] - unit_start[u];
            end if;
          end loop;
          if u0 = 0 then
            safe := true; -- a is in no published cell
            exit;
          end if;
          for x in unit_start[u0] .. unit_start[u0 + 1] - 1 loop
            b := unit_atoms[x];
            in_s := false;
            for jb in 1 .. atom_len[b] loop
              if atom_units[b][jb] = s then in_s := true; exit; end if;
            end loop;
            continue when in_s;
            -- Same published cells? Both lists are sorted by unit index; compare their published parts.
            ja := 1; jb := 1; same := true;
            loop
              while ja <= atom_len[a] and not (published[atom_units[a][ja]] and atom_units[a][ja] <> excl) loop ja := ja + 1; end loop;
              while jb <= atom_len[b] and not (published[atom_units[b][jb]] and atom_units[b][jb] <> excl) loop jb := jb + 1; end loop;
              if ja > atom_len[a] or jb > atom_len[b] then
                same := ja > atom_len[a] and jb > atom_len[b];
                exit;
              end if;
              ua := atom_units[a][ja]; ub := atom_units[b][jb];
              if ua <> ub then same := false; exit; end if;
              ja := ja + 1; jb := jb + 1;
            end loop;
            if same then safe := true; exit; end if;
          end loop;
          exit when safe;
        end loop;
        if excl = 0 then
          exit when safe; -- s is already safe: leave the candidate loop with safe = true
          continue;
        end if;
        cand_safe := safe;
        if best = 0 or (cand_safe and not best_safe)
           or (cand_safe = best_safe and (weights[excl] < weights[best] or (weights[excl] = weights[best] and excl < best))) then
          best := excl; best_safe := cand_safe;
        end if;
      end loop;
      exit when safe and excl = 0;
      if best = 0 then
        raise exception 'complementary suppression: unit % has responses but no safe state', s; -- cannot happen
      end if;
      published[best] := false;
      protect[best] := true;
      queue := queue || best;
      exit when best_safe;
    end loop;
  end loop;
  return protect;
end
$$;
comment on function private.complementary_suppression(bigint[], boolean[], integer[], integer[], integer[], integer[]) is 'Greedy secondary suppression over a general unit/atom incidence: returns protected flags such that no protected unit with responses lies in the span of the published ones (certificate: an atom in no published unit, or two atoms inside/outside it with the same published units). Deterministic: fixed order, ties by unit index.';
revoke all on function private.complementary_suppression(bigint[], boolean[], integer[], integer[], integer[], integer[]) from public;
-- ---------------------------------------------------------------------------------------------------------------
-- What a restricted reader may see of one campaign and need selection, for every unit of the published hierarchy.

create type private.disclosed_unit as (unit_kind text, unit_id text, responses bigint, need_count bigint, published boolean, need_shown text);
comment on type private.disclosed_unit is 'One unit of the published hierarchy for a restricted reader: published or not; need_shown exact | band | hidden.';

-- Primary rules in one place (k on responses and homes, dominance ¾; need count and complement ≥ k).
create function private.fails_primary(responses bigint, homes bigint, largest_home bigint, k integer) returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
  select responses < k or homes < k or largest_home * 4 > responses * 3
$$;
comment on function private.fails_primary(bigint, bigint, bigint, integer) is 'Primary suppression of a cell: fewer than k responses, fewer than k distinct homes, or one home holding more than 3/4 of the responses (dominance, art. 38 of the public-statistics act).';

create function private.needs_band(responses bigint, need_count bigint, k integer) returns boolean
language sql immutable parallel safe
set search_path = ''
as $$
  select need_count < k or responses - need_count < k
$$;
comment on function private.needs_band(bigint, bigint, integer) is 'A need count is shown exactly only when it and its complement (responses − need count) are both at least k; otherwise as a band.';

create function private.disclosed_units(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
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
comment on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) is 'For a restricted reader: every street, area and cell of the organisation''s fixed hexagon grid with responses in the campaign, whether it is published (primary rules at k, then complementary suppression over the whole hierarchy) and how its need count is shown (exact, band, hidden; a second complementary pass protects banded counts). With offer_set (issue 14) the count is of households offering any of those offers, under the same rules. Internal: no access check.';
revoke all on function private.disclosed_units(text, text, public.need_category[], integer, integer, public.offer[]) from public;

-- Rows of one unit kind for a restricted reader: the published units only, need figures exact, banded or hidden.
-- Figures come from campaign_cells with k = 1 on the organisation's fixed grid; the pattern decides what shows.
create function private.restricted_cells(organisation text, campaign text, unit text, needs public.need_category[], min_severity integer, k integer,
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
    select d.unit_id, d.need_shown from private.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d
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
comment on function private.restricted_cells(text, text, text, public.need_category[], integer, integer, public.offer[], jsonb) is 'Published units of one kind for a restricted reader (see private.disclosed_units): suppressed units are not listed; a banded need count is null with need_count_low/high bounds (e.g. 0–4, or responses−4 … responses); hidden = 0 … responses. With offer_set (issue 14): the count of households offering any of those offers, under the same rules; with offer_weights as well, need_rate is the potential index (weighted mean of the offers'' shares; no interval). Internal: no access check.';
revoke all on function private.restricted_cells(text, text, text, public.need_category[], integer, integer, public.offer[], jsonb) from public;
-- The public aggregate RPCs.
create function public.campaign_aggregates(
  p_organisation_id text, p_campaign_id text, p_unit text default 'street', p_needs public.need_category[] default null,
  p_min_severity integer default 1, p_k integer default 5, p_hex_size_meters double precision default null,
  p_origin_lng double precision default null, p_origin_lat double precision default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller_role public.member_role;
  grid_size double precision;
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  perform private.check_record_id(p_campaign_id, 'p_campaign_id');
  if p_unit is null or p_unit not in ('street', 'area', 'hex') then
    raise exception 'unit must be street, area or hex' using errcode = '22023', column = 'p_unit';
  end if;
  perform private.check_hex_origin(p_origin_lng, p_origin_lat, 'p_origin');
  if p_k is null or p_k < 1 or p_k > 1000 then
    raise exception 'k must be a whole number from 1 to 1000' using errcode = '22023', column = 'p_k';
  end if;
  if p_min_severity is null or p_min_severity not between 1 and 3 then
    raise exception 'minimum severity must be 1, 2 or 3' using errcode = '22023', column = 'p_min_severity';
  end if;
  if p_hex_size_meters is not null and not (p_hex_size_meters between 25 and 10000) then
    raise exception 'hexagon size must be between 25 and 10000 metres' using errcode = '22023', column = 'p_hex_size_meters';
  end if;
  -- Membership first, then existence: a non-member learns nothing, not even whether the campaign exists.
  select m.role into caller_role from public.memberships m where m.user_id = auth.uid() and m.organisation_id = p_organisation_id;
  if caller_role is null then
    return;
  end if;
  if not exists (select 1 from public.campaigns c where c.organisation_id = p_organisation_id and c.id = p_campaign_id) then
    raise exception 'campaign "%" does not exist in this organisation', p_campaign_id using errcode = '22023', column = 'p_campaign_id';
  end if;
  if caller_role in ('admin', 'planner') then
    return query select c.*, c.need_count, c.need_count
    from private.campaign_cells(p_organisation_id, p_campaign_id, p_unit, p_needs, p_min_severity, p_k,
      coalesce(p_hex_size_meters, 250), p_origin_lng, p_origin_lat) as c;
    return;
  end if;
  -- Partners and surveyors: the centre's grid, k ≥ 5, the disclosure rules.
  select g.size_meters into grid_size from public.hex_grids g where g.organisation_id = p_organisation_id;
  if p_origin_lng is not null or p_origin_lat is not null or (p_hex_size_meters is not null and p_hex_size_meters is distinct from grid_size) then
    raise exception 'only admins and planners choose hexagons: partners and surveyors get the centre''s fixed grid (% m)', coalesce(grid_size, 250)
      using errcode = '42501', column = 'p_hex_size_meters';
  end if;
  perform private.audit(p_organisation_id, 'restricted_read', null, pg_catalog.jsonb_build_object(
    'role', caller_role, 'campaign', p_campaign_id, 'unit', p_unit, 'needs', pg_catalog.to_jsonb(p_needs), 'minSeverity', p_min_severity, 'k', greatest(p_k, 5)));
  return query select * from private.restricted_cells(p_organisation_id, p_campaign_id, p_unit, p_needs, p_min_severity, greatest(p_k, 5));
end
$$;
comment on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'RPC: aggregates of a campaign by p_unit street | area | hex. Admins and planners: every unit, suppressed below p_k, any hexagon size (default 250 m) and origin. Partners and surveyors: k ≥ 5 on responses and homes, dominance, need bands, complementary suppression, the centre''s fixed hexagon grid (choosing size or origin raises 42501); suppressed units are not listed; each read is audited. Non-members get no rows. need_count_low/high: the band of a need count not shown exactly.';
revoke all on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public, anon;
grant execute on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) to authenticated, service_role;

create function public.campaign_aggregates_by_street(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language sql volatile
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'street', p_needs, p_min_severity, p_k)
$$;
comment on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) is 'RPC: campaign_aggregates by street (responses assigned by address, street or nearest street within 60 m).';
revoke all on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) from public, anon;
grant execute on function public.campaign_aggregates_by_street(text, text, public.need_category[], integer, integer) to authenticated, service_role;

create function public.campaign_aggregates_by_area(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language sql volatile
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'area', p_needs, p_min_severity, p_k)
$$;
comment on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) is 'RPC: campaign_aggregates by area (every area that covers the response''s point counts it; nested areas overlap).';
revoke all on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) from public, anon;
grant execute on function public.campaign_aggregates_by_area(text, text, public.need_category[], integer, integer) to authenticated, service_role;

create function public.campaign_aggregates_by_hex(p_organisation_id text, p_campaign_id text, p_needs public.need_category[] default null, p_min_severity integer default 1, p_k integer default 5,
  p_hex_size_meters double precision default null, p_origin_lng double precision default null, p_origin_lat double precision default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language sql volatile
set search_path = ''
as $$
  select * from public.campaign_aggregates(p_organisation_id, p_campaign_id, 'hex', p_needs, p_min_severity, p_k, p_hex_size_meters, p_origin_lng, p_origin_lat)
$$;
comment on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'RPC: campaign_aggregates by planar hexagon (unit_id "q,r"; H3 is not available in PostGIS here). Admins and planners choose size and origin; everyone else gets the centre''s fixed grid. Only cells with responses are listed.';
revoke all on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) from public, anon;
grant execute on function public.campaign_aggregates_by_hex(text, text, public.need_category[], integer, integer, double precision, double precision, double precision) to authenticated, service_role;
