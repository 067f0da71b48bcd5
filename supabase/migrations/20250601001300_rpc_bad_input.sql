-- Bad input to the RPCs gets a clear error (found by supabase/tests/rpcBadInput.test.ts; issue 4, "Done when").
-- The earlier migrations stay as they were (append-only); this one replaces function bodies in place
-- (create or replace keeps the grants and the signatures PostgREST exposes).
--
-- 1. GeoJSON coordinates given as text ("19.3") were accepted (json-c reads them as numbers), and positions with
--    more than three numbers too; zod rejects both. Unclosed polygon rings are now refused with zod's reason. Empty and out-of-range geometries were refused with the
--    reason "Valid Geometry" (ST_IsValidReason only speaks about validity); now the message says what is wrong.
-- 2. Hexagon aggregates with an origin of NaN or Infinity failed with "integer out of range"; an origin out of
--    lon/lat range (or at a pole, where the local projection divides by zero) was accepted. Share views likewise.
-- 3. A malformed id (not a record id: SQL metacharacters, too long, empty) in an organisation, campaign or record
--    argument read as "nothing there" (delete_record said ok, load_workspace null, aggregates of a campaign that
--    does not exist listed every street as suppressed); it is now an error naming the argument. A well-formed id
--    of something the caller may not see still answers as before (null, no rows, RLS), so the errors reveal nothing.
-- 4. create_share_link for a campaign that does not exist raised a foreign-key error, and an oversized view a
--    check-constraint error; both now say what is wrong.

-- A record id (public.record_id's rule) or a clear error naming the argument.
create function private.check_record_id(value text, field text) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null or value !~ '^[A-Za-z0-9._:-]{1,64}$' then
    raise exception '% must be an id of 1 to 64 letters, digits and . _ : -', field using errcode = '22023', column = field;
  end if;
end
$$;
comment on function private.check_record_id(text, text) is 'Raises 22023 naming the field when value is not a record id (1-64 letters, digits, . _ : -); null is not an id.';

-- What is wrong with a geometry for the app, in words, or null when it is usable (same rule as is_usable_lnglat).
create function private.lnglat_problem(geom extensions.geometry) returns text
language plpgsql immutable parallel safe
set search_path = ''
as $$
declare
  box extensions.box3d;
begin
  if geom is null or extensions.st_isempty(geom) then
    return 'it is empty';
  end if;
  box := geom::extensions.box3d;
  if 'NaN'::double precision in (extensions.st_xmin(box), extensions.st_xmax(box), extensions.st_ymin(box), extensions.st_ymax(box))
     or pg_catalog.abs(extensions.st_xmin(box)) = 'Infinity' or pg_catalog.abs(extensions.st_xmax(box)) = 'Infinity'
     or pg_catalog.abs(extensions.st_ymin(box)) = 'Infinity' or pg_catalog.abs(extensions.st_ymax(box)) = 'Infinity' then
    return 'coordinates must be finite numbers';
  end if;
  if extensions.st_xmin(box) < -180 or extensions.st_xmax(box) > 180 then
    return 'longitude must be between -180 and 180';
  end if;
  if extensions.st_ymin(box) < -90 or extensions.st_ymax(box) > 90 then
    return 'latitude must be between -90 and 90';
  end if;
  if not extensions.st_isvalid(geom) then
    return extensions.st_isvalidreason(geom);
  end if;
  return null;
end
$$;
comment on function private.lnglat_problem(extensions.geometry) is 'Why a geometry is not usable in lon/lat (empty, non-finite, out of range, or ST_IsValidReason), or null when private.is_usable_lnglat accepts it.';

-- 1: as in 20250601000600, plus: coordinates are JSON numbers, positions have at most 3 numbers, readable reasons.
create or replace function private.json_geometry(value jsonb, field text, multi boolean default false) returns extensions.geometry
language plpgsql immutable
set search_path = ''
as $$
declare
  g extensions.geometry;
  problem text;
  too_short boolean;
  not_closed boolean;
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(value) <> 'object' or pg_catalog.jsonb_typeof(value -> 'coordinates') <> 'array' then
    raise exception '% must be a GeoJSON geometry', field using errcode = '22023', column = field;
  end if;
  if exists (select 1 from pg_catalog.jsonb_object_keys(value) k where k not in ('type', 'coordinates')) then
    raise exception 'Unrecognized key in % (a geometry has only type and coordinates)', field using errcode = '22023', column = field;
  end if;
  if pg_catalog.jsonb_path_exists(value -> 'coordinates', 'strict $.** ? (@.type() != "array" && @.type() != "number")') then
    raise exception '% coordinates must be numbers (not text, true/false or null)', field using errcode = '22023', column = field;
  end if;
  if pg_catalog.jsonb_path_exists(value -> 'coordinates', 'strict $.** ? (@.type() == "array" && @.size() > 3 && @[0].type() == "number")') then
    raise exception '% has a position with more than 3 numbers (a position is [longitude, latitude])', field using errcode = '22023', column = field;
  end if;
  -- Rings are checked here, as zod does, before GEOS sees them: PostGIS in PGlite (3.6 on WebAssembly) loses the
  -- statement when ST_IsValid meets an unclosed ring ("control reached end of function without RETURN").
  if value ->> 'type' in ('Polygon', 'MultiPolygon') then
    select pg_catalog.bool_or(pg_catalog.jsonb_array_length(ring.positions) < 4),
           pg_catalog.bool_or(pg_catalog.jsonb_array_length(ring.positions) >= 4
             and ((ring.positions -> 0 -> 0) is distinct from (ring.positions -> -1 -> 0)
                  or (ring.positions -> 0 -> 1) is distinct from (ring.positions -> -1 -> 1)))
    into too_short, not_closed
    from pg_catalog.jsonb_array_elements(case when value ->> 'type' = 'Polygon'
           then pg_catalog.jsonb_build_array(value -> 'coordinates') else value -> 'coordinates' end) as polygon (rings),
         pg_catalog.jsonb_array_elements(case when pg_catalog.jsonb_typeof(polygon.rings) = 'array' then polygon.rings else '[]' end) as ring_value (positions),
         lateral (select case when pg_catalog.jsonb_typeof(ring_value.positions) = 'array' then ring_value.positions else '[]' end as positions) as ring;
    if too_short then
      raise exception '% has a polygon ring with fewer than 4 positions (3 corners and the closing one)', field using errcode = '22023', column = field;
    end if;
    if not_closed then
      raise exception '% has a polygon ring that is not closed: its first and last positions differ', field using errcode = '22023', column = field;
    end if;
  end if;
  begin
    g := extensions.st_setsrid(extensions.st_force2d(extensions.st_geomfromgeojson(value::text)), 4326);
  exception when others then
    raise exception '% is not valid GeoJSON: %', field, sqlerrm using errcode = '22023', column = field;
  end;
  if multi then
    g := extensions.st_multi(g);
  end if;
  problem := private.lnglat_problem(g);
  if problem is not null then
    raise exception '% is not a valid geometry in longitude/latitude: %', field, problem using errcode = '23514', column = field;
  end if;
  return g;
end
$$;
comment on function private.json_geometry(jsonb, text, boolean) is 'GeoJSON geometry to a valid 2D EPSG:4326 geometry (optionally forced to Multi*); coordinates must be JSON numbers; errors name the field and say why.';

-- 2: a hexagon origin is finite, in longitude range, and away from the poles (the local projection needs cos(lat) > 0).
create function private.check_hex_origin(origin_lng double precision, origin_lat double precision, field text) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  if origin_lng is not null and not (origin_lng between -180 and 180) then
    raise exception '% longitude must be a number between -180 and 180', field using errcode = '22023', column = field;
  end if;
  if origin_lat is not null and not (origin_lat between -85 and 85) then
    raise exception '% latitude must be a number between -85 and 85', field using errcode = '22023', column = field;
  end if;
end
$$;
comment on function private.check_hex_origin(double precision, double precision, text) is 'Raises naming the field when a hexagon origin is NaN, infinite, out of longitude range or beyond 85° latitude (NaN fails BETWEEN in PostgreSQL).';

create or replace function public.campaign_aggregates(
  p_organisation_id text, p_campaign_id text, p_unit text default 'street', p_needs public.need_category[] default null,
  p_min_severity integer default 1, p_k integer default 5, p_hex_size_meters double precision default 250,
  p_origin_lng double precision default null, p_origin_lat double precision default null)
returns table (unit_id text, label text, geometry jsonb, households bigint, responses bigint, need_count bigint,
               need_rate double precision, rate_low double precision, rate_high double precision, suppressed boolean)
language plpgsql stable security definer
set search_path = ''
as $$
declare
  effective_k integer;
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  perform private.check_record_id(p_campaign_id, 'p_campaign_id');
  if p_unit is null or p_unit not in ('street', 'area', 'hex') then
    raise exception 'unit must be street, area or hex' using errcode = '22023', column = 'p_unit';
  end if;
  perform private.check_hex_origin(p_origin_lng, p_origin_lat, 'p_origin');
  effective_k := private.checked_k(p_organisation_id, p_k, p_min_severity, p_hex_size_meters);
  if effective_k is null then
    return; -- not a member of this organisation: nothing, not even whether the campaign exists
  end if;
  if not exists (select 1 from public.campaigns c where c.organisation_id = p_organisation_id and c.id = p_campaign_id) then
    raise exception 'campaign "%" does not exist in this organisation', p_campaign_id using errcode = '22023', column = 'p_campaign_id';
  end if;
  return query select * from private.campaign_cells(p_organisation_id, p_campaign_id, p_unit, p_needs, p_min_severity,
    effective_k, p_hex_size_meters, p_origin_lng, p_origin_lat);
end
$$;
comment on function public.campaign_aggregates(text, text, text, public.need_category[], integer, integer, double precision, double precision, double precision) is 'RPC: aggregates of a campaign for members of its organisation, by p_unit street | area | hex (planar hexagons, see migration). p_needs null = any need. Units below k responses are suppressed; partners never get k below 5. Malformed arguments raise 22023 naming the argument; a non-member gets no rows.';

-- 2 and 4: share views are also limited in size and carry a usable hexagon origin.
create or replace function private.check_share_view(view jsonb) returns void
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
  if view ? 'minSeverity' and (view -> 'minSeverity') not in ('1'::jsonb, '2'::jsonb, '3'::jsonb) then
    raise exception 'view.minSeverity must be 1, 2 or 3' using errcode = '22023', column = 'view.minSeverity';
  end if;
  if view ? 'hexSizeMeters' and (pg_catalog.jsonb_typeof(view -> 'hexSizeMeters') <> 'number'
      or (view ->> 'hexSizeMeters')::double precision not between 25 and 10000) then
    raise exception 'view.hexSizeMeters must be a number from 25 to 10000' using errcode = '22023', column = 'view.hexSizeMeters';
  end if;
  if (view ? 'originLng' and pg_catalog.jsonb_typeof(view -> 'originLng') not in ('number', 'null'))
      or (view ? 'originLat' and pg_catalog.jsonb_typeof(view -> 'originLat') not in ('number', 'null')) then
    raise exception 'view.originLng and view.originLat must be numbers' using errcode = '22023', column = 'view';
  end if;
  -- Numbers beyond double precision (1e400) fail the cast with 22003, which already names the overflow.
  perform private.check_hex_origin((view ->> 'originLng')::double precision, (view ->> 'originLat')::double precision, 'view.origin');
end
$$;
comment on function private.check_share_view(jsonb) is 'Raises when a saved share view is malformed (size, version, unit, needs, minSeverity, hexSizeMeters, origin).';

create or replace function public.create_share_link(
  p_organisation_id text, p_campaign_id text, p_view jsonb,
  p_expires_at timestamptz default pg_catalog.now() + interval '30 days', p_k integer default 5)
returns table (id uuid, token text, expires_at timestamptz)
language plpgsql
set search_path = ''
as $$
declare
  new_token text := pg_catalog.replace(pg_catalog.gen_random_uuid()::text || pg_catalog.gen_random_uuid()::text, '-', '');
  new_id uuid;
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  perform private.check_record_id(p_campaign_id, 'p_campaign_id');
  perform private.check_share_view(p_view);
  if p_k is null or p_k not between 5 and 1000 then
    raise exception 'k must be a whole number from 5 to 1000' using errcode = '22023', column = 'k';
  end if;
  if p_expires_at is null or p_expires_at <= pg_catalog.now() or p_expires_at > pg_catalog.now() + interval '366 days' then
    raise exception 'a share link must expire in the future and within a year' using errcode = '22023', column = 'expiresAt';
  end if;
  -- Only for those who may create links here: anyone else gets the row-level-security refusal below, unchanged.
  if p_organisation_id in (select private.my_organisations('{admin,planner}'))
     and not exists (select 1 from public.campaigns c where c.organisation_id = p_organisation_id and c.id = p_campaign_id) then
    raise exception 'campaign "%" does not exist in this organisation', p_campaign_id using errcode = '22023', column = 'campaignId';
  end if;
  insert into public.share_links (organisation_id, campaign_id, token_sha256, view, k, expires_at)
  values (p_organisation_id, p_campaign_id, pg_catalog.sha256(pg_catalog.convert_to(new_token, 'UTF8')), p_view, p_k, p_expires_at)
  returning share_links.id into new_id;
  return query select new_id, new_token, p_expires_at;
end
$$;
comment on function public.create_share_link(text, text, jsonb, timestamptz, integer) is 'RPC (admins, planners): creates a share link for a campaign and a saved view; returns the token once (64 hex characters). Expiry within a year, k at least 5; malformed arguments raise 22023 naming the argument.';

create or replace function public.list_share_links(p_organisation_id text)
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

create or replace function public.delete_record(p_organisation_id text, p_collection text, p_id text) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  target record;
  st text; msg text; col text; con text;
begin
  select * into target from private.collection_table(p_collection);
  if target.table_name is null then
    return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(collection)', 'message', 'unknown collection')));
  end if;
  perform private.check_record_id(p_organisation_id, 'organisationId');
  perform private.check_record_id(p_id, 'id');
  execute pg_catalog.format('delete from public.%I where organisation_id = $1 and id = $2', target.table_name)
  using p_organisation_id, p_id;
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(private.issue_from_error(st, msg, col, con)));
end
$$;
comment on function public.delete_record(text, text, text) is 'RPC: deletes one record by id (deleting what is not there, or what RLS hides, is not an error; a malformed id is). Returns {ok} like save_record.';

-- 3 for the writers: a malformed organisation id is named as such (it read "(record): id may contain only ...").
create or replace function private.upsert_record(organisation text, collection text, record jsonb) returns void
language plpgsql
set search_path = ''
as $$
declare
  target record;
  assignments text;
begin
  select * into target from private.collection_table(collection);
  if target.table_name is null then
    raise exception 'unknown collection "%"', pg_catalog.left(collection, 40) using errcode = '22023', column = '(collection)';
  end if;
  perform private.check_record_id(organisation, 'organisationId');
  select pg_catalog.string_agg(pg_catalog.format('%I = excluded.%I', a.attname, a.attname), ', ' order by a.attnum)
  into assignments
  from pg_catalog.pg_attribute a
  where a.attrelid = pg_catalog.format('public.%I', target.table_name)::regclass
    and a.attnum > 0 and not a.attisdropped
    and a.attname not in ('organisation_id', 'id', 'created_by', 'created_at', 'assigned_street_id', 'located_at');
  execute pg_catalog.format(
    'insert into public.%I select * from private.%I($1, $2) on conflict (organisation_id, id) do update set %s',
    target.table_name, target.converter, assignments)
  using organisation, record;
  if target.table_name = 'survey_responses' then
    delete from public.survey_response_needs n where n.organisation_id = organisation and n.response_id = record ->> 'id';
    insert into public.survey_response_needs select * from private.survey_response_needs_from_json(organisation, record);
  end if;
end
$$;
comment on function private.upsert_record(text, text, jsonb) is 'Insert-or-replace of one domain record (by organisation and id) through its converter; responses also replace their need answers. A malformed organisation id raises naming organisationId.';

-- The surveys' converter is reached by import_survey_responses without upsert_record: check the organisation there too.
create or replace function private.checked_import_organisation(organisation text) returns jsonb
language plpgsql immutable
set search_path = ''
as $$
begin
  perform private.check_record_id(organisation, 'organisationId');
  return null;
exception when others then
  return pg_catalog.jsonb_build_object('row', null, 'field', 'organisationId', 'message', sqlerrm);
end
$$;
comment on function private.checked_import_organisation(text) is 'null when the organisation id is well-formed, else an import error {row: null, field: organisationId, message}.';

create or replace function public.import_survey_responses(p_organisation_id text, p_responses jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  max_rows constant integer := 10000;
  max_errors constant integer := 200;
  errors jsonb := '[]'::jsonb;
  response jsonb;
  row_index bigint;
  inserted integer := 0;
  bad_organisation jsonb := private.checked_import_organisation(p_organisation_id);
  st text; msg text; col text; con text;
begin
  if bad_organisation is not null then
    return pg_catalog.jsonb_build_object('inserted', 0, 'errors', pg_catalog.jsonb_build_array(bad_organisation));
  end if;
  if p_responses is null or pg_catalog.jsonb_typeof(p_responses) <> 'array' then
    return pg_catalog.jsonb_build_object('inserted', 0, 'errors', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('row', null, 'field', '(input)', 'message', 'responses must be a JSON array of survey responses')));
  end if;
  if pg_catalog.jsonb_array_length(p_responses) > max_rows then
    return pg_catalog.jsonb_build_object('inserted', 0, 'errors', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('row', null, 'field', '(input)',
        'message', pg_catalog.format('at most %s responses per import; split the file', max_rows))));
  end if;
  begin
    for response, row_index in select e.value, e.ordinality - 1 from pg_catalog.jsonb_array_elements(p_responses) with ordinality e loop
      begin
        insert into public.survey_responses select * from private.survey_response_from_json(p_organisation_id, response);
        insert into public.survey_response_needs select * from private.survey_response_needs_from_json(p_organisation_id, response);
        inserted := inserted + 1;
      exception when others then
        get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
        errors := errors || (pg_catalog.jsonb_build_object('row', row_index) || private.issue_from_error(st, msg, col, con));
        exit when pg_catalog.jsonb_array_length(errors) >= max_errors;
      end;
    end loop;
    if pg_catalog.jsonb_array_length(errors) > 0 then
      raise exception 'import rejected' using errcode = 'CM001';
    end if;
  exception when sqlstate 'CM001' then
    return pg_catalog.jsonb_build_object('inserted', 0, 'errors', errors);
  end;
  return pg_catalog.jsonb_build_object('inserted', inserted, 'errors', '[]'::jsonb);
end
$$;
comment on function public.import_survey_responses(text, jsonb) is 'RPC: imports a JSON array of SurveyResponse records all or nothing. Returns {inserted, errors: [{row (0-based, null for the whole call), field, message}]}; when errors is not empty nothing was inserted. At most 10,000 rows a call.';

-- 3 for the read path: a malformed organisation id is an error; a well-formed one the caller is not a member of is null, as before.
create or replace function public.load_workspace(p_organisation_id text) returns jsonb
language plpgsql stable
set search_path = ''
as $$
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  return (
    select pg_catalog.jsonb_build_object(
      'v', 1,
      'organisation', pg_catalog.jsonb_build_object('id', o.id, 'name', o.name, 'kind', o.kind, 'gminaTeryt', o.gmina_teryt, 'town', o.town),
      'areas', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'kind', x.kind, 'parentId', x.parent_id, 'geometry', private.geometry_json(x.geometry))) order by x.id)
        from public.areas x where x.organisation_id = o.id), '[]'),
      'streets', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', x.id, 'prefix', x.prefix, 'name', x.name, 'geometry', private.geometry_json(x.geometry)) order by x.id)
        from public.streets x where x.organisation_id = o.id), '[]'),
      'addresses', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', x.id, 'streetId', x.street_id, 'houseNumber', x.house_number, 'location', private.geometry_json(x.location), 'households', x.households) order by x.id)
        from public.addresses x where x.organisation_id = o.id), '[]'),
      'campaigns', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'areaIds', pg_catalog.to_jsonb(x.area_ids), 'startDate', x.start_date, 'endDate', x.end_date,
          'householdsTargeted', x.households_targeted, 'method', x.method, 'wave', x.wave) order by x.id)
        from public.campaigns x where x.organisation_id = o.id), '[]'),
      'responses', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'campaignId', x.campaign_id, 'addressId', x.address_id, 'streetId', x.street_id, 'location', private.geometry_json(x.location),
          'date', x.date, 'householdSize', x.household_size,
          'needs', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('category', n.category, 'severity', n.severity) order by n.category)
                             from public.survey_response_needs n where n.organisation_id = x.organisation_id and n.response_id = x.id), '[]'),
          'nuisances', pg_catalog.to_jsonb(x.nuisances), 'offers', pg_catalog.to_jsonb(x.offers),
          'leaderCandidate', case when x.leader_interests is not null
            then pg_catalog.jsonb_build_object('consent', true, 'interests', pg_catalog.to_jsonb(x.leader_interests)) end)) order by x.id)
        from public.survey_responses x where x.organisation_id = o.id), '[]'),
      'resources', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'kind', x.kind, 'location', private.geometry_json(x.location), 'address', x.address,
          'serves', pg_catalog.to_jsonb(x.serves), 'partnershipDeclaredOn', x.partnership_declared_on, 'coalitions', pg_catalog.to_jsonb(x.coalitions))) order by x.id)
        from public.resources x where x.organisation_id = o.id), '[]'),
      'groups', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'kind', x.kind, 'meetingPlaceId', x.meeting_place_id, 'location', private.geometry_json(x.location),
          'targetNeeds', pg_catalog.to_jsonb(x.target_needs), 'activeFrom', x.active_from, 'activeTo', x.active_to)) order by x.id)
        from public.groups x where x.organisation_id = o.id), '[]'),
      'programmes', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'yearFrom', x.year_from, 'yearTo', x.year_to, 'targetAreaId', x.target_area_id,
          'targetGeometry', private.geometry_json(x.target_geometry), 'goals', pg_catalog.to_jsonb(x.goals), 'partnerIds', pg_catalog.to_jsonb(x.partner_ids))) order by x.id)
        from public.programmes x where x.organisation_id = o.id), '[]'),
      'events', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
          'id', x.id, 'name', x.name, 'kind', x.kind, 'date', x.date, 'location', private.geometry_json(x.location), 'placeName', x.place_name,
          'programme', pg_catalog.to_jsonb(x.programme), 'participants', x.participants) order by x.id)
        from public.events x where x.organisation_id = o.id), '[]'))
    from public.organisations o
    where o.id = p_organisation_id
  );
end
$$;
comment on function public.load_workspace(text) is 'RPC: the organisation''s workspace as domain JSON ({v: 1, organisation, areas, streets, addresses, campaigns, responses, resources, groups, programmes, events}; src/domain/workspace.ts), read under the caller''s RLS: surveyors get their own responses, partners none; null when the caller is not a member; a malformed id raises 22023.';

-- 3 for the batch writer: the organisation is checked once, not reported on every row.
create or replace function public.save_records(p_organisation_id text, p_collection text, p_records jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  max_rows constant integer := 10000;
  max_errors constant integer := 200;
  issues jsonb := '[]'::jsonb;
  record jsonb;
  row_index bigint;
  saved integer := 0;
  st text; msg text; col text; con text;
begin
  if p_organisation_id is null or p_organisation_id !~ '^[A-Za-z0-9._:-]{1,64}$' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', 'organisationId', 'message', 'organisationId must be an id of 1 to 64 letters, digits and . _ : -')));
  end if;
  if p_records is null or pg_catalog.jsonb_typeof(p_records) <> 'array' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(records)', 'message', 'records must be a JSON array')));
  end if;
  if pg_catalog.jsonb_array_length(p_records) > max_rows then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(records)', 'message', pg_catalog.format('at most %s records per call; split the file', max_rows))));
  end if;
  begin
    for record, row_index in select e.value, e.ordinality - 1 from pg_catalog.jsonb_array_elements(p_records) with ordinality e loop
      begin
        perform private.upsert_record(p_organisation_id, p_collection, record);
        saved := saved + 1;
      exception when others then
        get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
        issues := issues || (pg_catalog.jsonb_build_object('row', row_index) || private.issue_from_error(st, msg, col, con));
        exit when pg_catalog.jsonb_array_length(issues) >= max_errors;
      end;
    end loop;
    if pg_catalog.jsonb_array_length(issues) > 0 then
      raise exception 'batch rejected' using errcode = 'CM001';
    end if;
  exception when sqlstate 'CM001' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'issues', issues);
  end;
  return pg_catalog.jsonb_build_object('ok', true, 'saved', saved, 'issues', '[]'::jsonb);
end
$$;
comment on function public.save_records(text, text, jsonb) is 'RPC: creates or replaces a JSON array of records of one collection, all or nothing. Returns {ok, saved, issues: [{row (0-based), field, message}]}; when ok is false nothing was saved. At most 10,000 records a call; a malformed organisation id is one issue without a row.';
