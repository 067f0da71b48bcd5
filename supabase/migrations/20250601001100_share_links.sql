-- Share links: a partner institution gets a URL that shows a campaign's aggregates and nothing else.
-- The token (256 bits from two gen_random_uuid(), 244 of them random; pgcrypto's gen_random_bytes would
-- need the extension in a schema that differs between Supabase and plain PostgreSQL, gen_random_uuid is
-- core since PostgreSQL 13) is returned once, at creation; only its SHA-256 is stored, so a database
-- reader cannot rebuild working links. k is fixed in the link (at least 5): the anonymous caller
-- cannot lower it.
-- Links are written only through RPCs (SECURITY DEFINER, membership checked first); views are checked by a
-- constraint and enforced on the server (areas, needs, severity; the centre's fixed hexagon grid).

-- Validates a saved view: the parts the aggregate depends on must be well-formed.
create function private.check_share_view(view jsonb) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if view is null or pg_catalog.jsonb_typeof(view) <> 'object' then
    raise exception 'view must be a JSON object' using errcode = '22023', column = 'view';
  end if;
  if pg_catalog.pg_column_size(view) > 16384 then
    raise exception 'view must be at most 16 KB' using errcode = '22023', column = 'view';
  end if;
  if view -> 'v' is distinct from '1'::jsonb then
    raise exception 'view.v must be 1' using errcode = '22023', column = 'view.v';
  end if;
  if (view ->> 'unit') is null or (view ->> 'unit') not in ('street', 'area', 'hex') then
    raise exception 'view.unit must be street, area or hex' using errcode = '22023', column = 'view.unit';
  end if;
  if view ? 'needs' and pg_catalog.jsonb_typeof(view -> 'needs') <> 'null' then
    perform private.json_text_array(view -> 'needs', 'view.needs')::public.need_category[];
  end if;
  -- Residents' resources (issue 14): one offer, or the potential index with weights (0 … 5, src/domain/units.ts
  -- WEIGHT_MAX, at least one above 0), equal for every weighted offer: the index is then the mean share over the
  -- chosen offers, a sum of offer counts like a need count. Unequal weights would let one cell's index be decoded into
  -- its offers' counts (weights 1 and 5: index numerator = c₁ + 5·c₂, so c₁ < 5 is read off), bypassing the bands.
  -- A view shows needs or offers, never both.
  if view ? 'offers' and pg_catalog.jsonb_typeof(view -> 'offers') <> 'null' then
    if pg_catalog.jsonb_typeof(view -> 'offers') <> 'object' or (view -> 'offers' ->> 'kind') is null
        or (view -> 'offers' ->> 'kind') not in ('offer', 'offerIndex') then
      raise exception 'view.offers must be {"kind": "offer", "offerId": …} or {"kind": "offerIndex", "weights": {…}}' using errcode = '22023', column = 'view.offers';
    end if;
    if view ? 'needs' and pg_catalog.jsonb_typeof(view -> 'needs') <> 'null' then
      raise exception 'a view shows needs or offers, not both' using errcode = '22023', column = 'view.needs';
    end if;
    if view -> 'offers' ->> 'kind' = 'offer' then
      if exists (select 1 from pg_catalog.jsonb_object_keys(view -> 'offers') as key where key not in ('kind', 'offerId'))
          or pg_catalog.jsonb_typeof(view -> 'offers' -> 'offerId') is distinct from 'string' then
        raise exception 'view.offers.offerId must name one offer' using errcode = '22023', column = 'view.offers.offerId';
      end if;
      perform (view -> 'offers' ->> 'offerId')::public.offer;
    else
      if exists (select 1 from pg_catalog.jsonb_object_keys(view -> 'offers') as key where key not in ('kind', 'weights'))
          or pg_catalog.jsonb_typeof(view -> 'offers' -> 'weights') is distinct from 'object' then
        raise exception 'view.offers.weights must be an object of offers and weights' using errcode = '22023', column = 'view.offers.weights';
      end if;
      perform e.key::public.offer from pg_catalog.jsonb_each(view -> 'offers' -> 'weights') as e;
      if exists (select 1 from pg_catalog.jsonb_each(view -> 'offers' -> 'weights') as e
                 where pg_catalog.jsonb_typeof(e.value) <> 'number' or (e.value #>> '{}')::double precision not between 0 and 5)
          or not exists (select 1 from pg_catalog.jsonb_each(view -> 'offers' -> 'weights') as e where (e.value #>> '{}')::double precision > 0) then
        raise exception 'view.offers.weights must be numbers from 0 to 5, at least one above 0' using errcode = '22023', column = 'view.offers.weights';
      end if;
      if (select pg_catalog.count(distinct (e.value #>> '{}')::double precision) from pg_catalog.jsonb_each(view -> 'offers' -> 'weights') as e
          where (e.value #>> '{}')::double precision > 0) > 1 then
        raise exception 'view.offers.weights must be equal for every weighted offer (a shared potential index is the mean share of the chosen offers)'
          using errcode = '22023', column = 'view.offers.weights';
      end if;
    end if;
  end if;
  if view ? 'minSeverity' and (view -> 'minSeverity') not in ('1'::jsonb, '2'::jsonb, '3'::jsonb) then
    raise exception 'view.minSeverity must be 1, 2 or 3' using errcode = '22023', column = 'view.minSeverity';
  end if;
  if view ? 'hexSizeMeters' and (pg_catalog.jsonb_typeof(view -> 'hexSizeMeters') <> 'number'
      or (view ->> 'hexSizeMeters')::double precision not between 25 and 10000) then
    raise exception 'view.hexSizeMeters must be a number from 25 to 10000' using errcode = '22023', column = 'view.hexSizeMeters';
  end if;
  if view ? 'areaIds' and pg_catalog.jsonb_typeof(view -> 'areaIds') <> 'null' then
    perform private.json_text_array(view -> 'areaIds', 'view.areaIds');
    if pg_catalog.jsonb_array_length(view -> 'areaIds') > 500 then
      raise exception 'view.areaIds must list at most 500 areas' using errcode = '22023', column = 'view.areaIds';
    end if;
  end if;
  if (view ? 'originLng' and pg_catalog.jsonb_typeof(view -> 'originLng') not in ('number', 'null'))
      or (view ? 'originLat' and pg_catalog.jsonb_typeof(view -> 'originLat') not in ('number', 'null')) then
    raise exception 'view.originLng and view.originLat must be numbers' using errcode = '22023', column = 'view';
  end if;
  perform private.check_hex_origin((view ->> 'originLng')::double precision, (view ->> 'originLat')::double precision, 'view.origin');
  if pg_catalog.jsonb_typeof(view -> 'originLng') = 'number' or pg_catalog.jsonb_typeof(view -> 'originLat') = 'number' then
    raise exception 'view.origin cannot be chosen: a shared view uses the centre''s fixed hexagon grid' using errcode = '22023', column = 'view.origin';
  end if;
end
$$;
comment on function private.check_share_view(jsonb) is 'Raises when a saved share view is malformed (size, version, unit, needs, offers, minSeverity, hexSizeMeters, areaIds), names needs and offers at once, or moves the hexagon grid (an origin).';

create function private.is_share_view(view jsonb) returns boolean
language plpgsql immutable
set search_path = ''
as $$
begin
  perform private.check_share_view(view);
  return true;
exception when others then
  return false;
end
$$;
comment on function private.is_share_view(jsonb) is 'True when private.check_share_view accepts the view (for the share_links check constraint).';
create table public.share_links (
  id uuid primary key default pg_catalog.gen_random_uuid(),
  organisation_id public.record_id not null references public.organisations (id) on delete cascade,
  campaign_id public.record_id not null,
  token_sha256 bytea not null unique constraint share_links_token_sha256_check check (pg_catalog.length(token_sha256) = 32),
  view jsonb not null constraint share_links_view_check check (private.is_share_view(view)),
  k integer not null default 5 constraint share_links_k_check check (k between 5 and 1000),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint share_links_expires_at_check check (expires_at > created_at and expires_at <= created_at + interval '366 days'),
  foreign key (organisation_id, campaign_id) references public.campaigns (organisation_id, id) on delete cascade
);
create index share_links_organisation_idx on public.share_links (organisation_id);
comment on table public.share_links is 'Read-only links for partners: a campaign, a saved view (unit, needs, severity, hexagon size, map state), k, expiry, revocation. Stores only the SHA-256 of the token.';
comment on column public.share_links.view is 'Saved view, versioned: {"v": 1, "unit": "street"|"area"|"hex", "needs": [...] or null, "minSeverity": 1-3, "hexSizeMeters": 250, ...}; residents'' resources: "offers": {"kind": "offer", "offerId": …} or {"kind": "offerIndex", "weights": {…}} in place of needs.';

-- Admins and planners read their organisation's links; nobody writes the table directly: create_share_link and
-- revoke_share_link do. anon reads through shared_aggregates and shared_view only.
alter table public.share_links enable row level security;
revoke all on table public.share_links from anon, authenticated;
grant select on table public.share_links to authenticated;
grant all on table public.share_links to service_role;

create policy share_links_select_editor on public.share_links
  for select to authenticated
  using (organisation_id in (select private.my_organisations('{admin,planner}')));

-- The trigger keeps what even the service role must not change: a revocation is one-way, the token, organisation,
-- campaign, view, k and creation time are immutable, expiry can only move earlier.
create function private.guard_share_link_update() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.id is distinct from old.id or new.organisation_id is distinct from old.organisation_id or new.campaign_id is distinct from old.campaign_id
     or new.token_sha256 is distinct from old.token_sha256 or new.view is distinct from old.view or new.k is distinct from old.k
     or new.created_at is distinct from old.created_at or new.created_by is distinct from old.created_by then
    raise exception 'a share link cannot be changed, only revoked' using errcode = '42501', column = 'share_links';
  end if;
  if old.revoked_at is not null and new.revoked_at is distinct from old.revoked_at then
    raise exception 'a revoked share link stays revoked' using errcode = '42501', column = 'revoked_at';
  end if;
  if new.expires_at > old.expires_at then
    raise exception 'a share link''s expiry can only move earlier' using errcode = '42501', column = 'expires_at';
  end if;
  return new;
end
$$;
comment on function private.guard_share_link_update() is 'Trigger: share links are immutable except revocation (one-way) and an earlier expiry.';
create trigger share_links_guard_update before update on public.share_links
  for each row execute function private.guard_share_link_update();
create function public.create_share_link(
  p_organisation_id text, p_campaign_id text, p_view jsonb,
  p_expires_at timestamptz default pg_catalog.now() + interval '30 days', p_k integer default 5)
returns table (id uuid, token text, expires_at timestamptz)
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  new_token text := pg_catalog.replace(pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, '-', '');
  new_id uuid;
  stored_view jsonb;
  grid_size double precision;
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  perform private.check_record_id(p_campaign_id, 'p_campaign_id');
  -- Membership first: a stranger learns nothing about the organisation's campaigns.
  if not exists (select 1 from private.my_organisations('{admin,planner}') as o where o = p_organisation_id) then
    raise exception 'new row violates row-level security policy for table "share_links": only the centre''s admins and planners create share links'
      using errcode = '42501';
  end if;
  perform private.check_share_view(p_view);
  if p_k is null or p_k not between 5 and 1000 then
    raise exception 'k must be a whole number from 5 to 1000' using errcode = '22023', column = 'k';
  end if;
  if p_expires_at is null or p_expires_at <= pg_catalog.now() or p_expires_at > pg_catalog.now() + interval '366 days' then
    raise exception 'a share link must expire in the future and within a year' using errcode = '22023', column = 'expiresAt';
  end if;
  if not exists (select 1 from public.campaigns c where c.organisation_id = p_organisation_id and c.id = p_campaign_id) then
    raise exception 'campaign "%" does not exist in this organisation', p_campaign_id using errcode = '22023', column = 'p_campaign_id';
  end if;
  -- The stored view carries the grid the link will really use.
  select g.size_meters into grid_size from public.hex_grids g where g.organisation_id = p_organisation_id;
  stored_view := case when grid_size is null then p_view - 'hexSizeMeters' else p_view || pg_catalog.jsonb_build_object('hexSizeMeters', grid_size) end;
  insert into public.share_links (organisation_id, campaign_id, token_sha256, view, k, expires_at, created_by)
  values (p_organisation_id, p_campaign_id, pg_catalog.sha256(pg_catalog.convert_to(new_token, 'UTF8')), stored_view, p_k, p_expires_at, auth.uid())
  returning share_links.id into new_id;
  perform private.audit(p_organisation_id, 'share_link_created', new_id, pg_catalog.jsonb_build_object('campaign', p_campaign_id, 'view', stored_view, 'k', p_k, 'expiresAt', p_expires_at));
  return query select new_id, new_token, p_expires_at;
end
$$;
comment on function public.create_share_link(text, text, jsonb, timestamptz, integer) is 'RPC (admins, planners of the organisation; checked before anything else): creates a share link for a campaign and a saved view; the server mints the token and returns it once (64 hex characters). Expiry within a year, k at least 5, the view checked (no hexagon origin; hexSizeMeters becomes the centre''s grid). Audited.';
revoke all on function public.create_share_link(text, text, jsonb, timestamptz, integer) from public, anon;
grant execute on function public.create_share_link(text, text, jsonb, timestamptz, integer) to authenticated, service_role;
create function public.list_share_links(p_organisation_id text)
returns table (id uuid, campaign_id text, view jsonb, k integer, expires_at timestamptz, revoked_at timestamptz, created_at timestamptz, active boolean)
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  return query
  select l.id, l.campaign_id::text, l.view, l.k, l.expires_at, l.revoked_at, l.created_at,
         l.revoked_at is null and l.expires_at > pg_catalog.now()
  from public.share_links l
  where l.organisation_id = p_organisation_id
  order by l.created_at desc, l.id;
end
$$;
comment on function public.list_share_links(text) is 'RPC (admins, planners, through RLS): the organisation''s share links, newest first, without tokens. A malformed id raises 22023.';
revoke all on function public.list_share_links(text) from public, anon;
grant execute on function public.list_share_links(text) to authenticated, service_role;
create function public.revoke_share_link(p_id uuid) returns boolean
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  organisation text;
begin
  update public.share_links l set revoked_at = pg_catalog.now()
  where l.id = p_id and l.revoked_at is null
    and l.organisation_id in (select private.my_organisations('{admin,planner}'))
  returning l.organisation_id into organisation;
  if organisation is null then
    return false;
  end if;
  perform private.audit(organisation, 'share_link_revoked', p_id, '{}'::jsonb);
  return true;
end
$$;
comment on function public.revoke_share_link(uuid) is 'RPC (admins, planners): revokes a live link of their organisation at once (one-way); true when it did, false otherwise (also for another centre''s link). Audited.';
revoke all on function public.revoke_share_link(uuid) from public, anon;
grant execute on function public.revoke_share_link(uuid) to authenticated, service_role;
-- The live link of a token, or nothing (malformed, unknown, expired or revoked).
create function private.live_share_link(token text) returns public.share_links
language sql stable security definer
set search_path = ''
as $$
  select l.* from public.share_links l
  where token ~ '^[0-9a-f]{64}$'
    and l.token_sha256 = pg_catalog.sha256(pg_catalog.convert_to(token, 'UTF8'))
    and l.revoked_at is null
    and l.expires_at > pg_catalog.now()
$$;
comment on function private.live_share_link(text) is 'The share link whose token hashes to the stored SHA-256, if it is neither expired nor revoked; null otherwise.';
revoke all on function private.live_share_link(text) from public;
create function public.shared_aggregates(p_token text)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean,
               need_count_low bigint, need_count_high bigint)
language plpgsql volatile security definer
set search_path = ''
as $$
#variable_conflict use_column
declare
  link public.share_links := private.live_share_link(p_token);
  needs public.need_category[];
  offer_set public.offer[];
  offer_weights jsonb;
  area_ids text[];
  within extensions.geometry;
begin
  if link.id is null then
    return;
  end if;
  needs := case when pg_catalog.jsonb_typeof(link.view -> 'needs') = 'array' then private.json_text_array(link.view -> 'needs', 'needs')::public.need_category[] end;
  -- Residents' resources: one offer, or the weighted offers of the potential index (those with a weight above 0 decide
  -- which households count for disclosure, as the planner's package does).
  if link.view -> 'offers' ->> 'kind' = 'offer' then
    offer_set := array[(link.view -> 'offers' ->> 'offerId')::public.offer];
  elsif link.view -> 'offers' ->> 'kind' = 'offerIndex' then
    offer_weights := link.view -> 'offers' -> 'weights';
    select pg_catalog.array_agg(e.key::public.offer order by e.key) into offer_set
    from pg_catalog.jsonb_each(offer_weights) as e where (e.value #>> '{}')::double precision > 0;
  end if;
  area_ids := case when pg_catalog.jsonb_typeof(link.view -> 'areaIds') = 'array' then private.json_text_array(link.view -> 'areaIds', 'areaIds') end;
  if area_ids is not null then
    select extensions.st_union(a.geometry) into within from public.areas a where a.organisation_id = link.organisation_id and a.id = any (area_ids);
  end if;
  perform private.audit(link.organisation_id, 'shared_read', link.id, pg_catalog.jsonb_build_object('campaign', link.campaign_id, 'view', link.view, 'k', link.k));
  return query
  select c.* from private.restricted_cells(link.organisation_id, link.campaign_id, link.view ->> 'unit', needs,
    coalesce((link.view ->> 'minSeverity')::integer, 1), link.k, offer_set, offer_weights) as c
  where area_ids is null
     or (link.view ->> 'unit' = 'area' and c.unit_id = any (area_ids))
     or (link.view ->> 'unit' <> 'area' and within is not null
         and extensions.st_intersects(within, extensions.st_setsrid(extensions.st_geomfromgeojson(c.geometry::text), 4326)));
end
$$;
comment on function public.shared_aggregates(text) is 'RPC for anyone holding a live share token (anon included): the saved view''s published units under the link''s k and the disclosure rules (see campaign_aggregates), limited to the view''s areas (area units by id, streets and hexagons by intersection), needs and severity, or offers (households offering one kind of help, or the potential index in need_rate, under the same rules). No rows for malformed, unknown, expired or revoked tokens. Audited.';
revoke all on function public.shared_aggregates(text) from public;
grant execute on function public.shared_aggregates(text) to anon, authenticated, service_role;
create function public.shared_view(p_token text) returns jsonb
language plpgsql stable security definer
set search_path = ''
as $$
declare
  link public.share_links := private.live_share_link(p_token);
begin
  if link.id is null then
    return null;
  end if;
  return pg_catalog.jsonb_build_object('view', link.view, 'k', link.k, 'expiresAt', link.expires_at,
    'campaign', (select pg_catalog.jsonb_build_object('name', c.name, 'startDate', c.start_date, 'endDate', c.end_date, 'wave', c.wave)
                 from public.campaigns c where c.organisation_id = link.organisation_id and c.id = link.campaign_id),
    'organisation', (select pg_catalog.jsonb_build_object('name', o.name, 'town', o.town)
                     from public.organisations o where o.id = link.organisation_id));
end
$$;
comment on function public.shared_view(text) is 'RPC for anyone holding a live share token: the saved view, k, expiry, and the campaign''s and centre''s names; null for malformed, unknown, expired or revoked tokens.';
revoke all on function public.shared_view(text) from public;
grant execute on function public.shared_view(text) to anon, authenticated, service_role;
