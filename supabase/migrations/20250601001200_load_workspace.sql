-- The app's read path on Supabase (src/data/supabase/): one RPC returns the caller's whole workspace as the
-- domain JSON of src/domain/workspace.ts, so the client parses it with the same zod schemas as the demo files.
-- SECURITY INVOKER: every table is read under the caller's RLS, so a surveyor gets only the responses they
-- entered, a partner none, and a non-member nothing at all (null).

create function private.geometry_json(geom extensions.geometry) returns jsonb
language sql immutable parallel safe
set search_path = ''
as $$
  -- 15 significant decimals: doubles written by the app come back as the same doubles (the demo uses 6-7).
  select extensions.st_asgeojson(geom, 15)::jsonb
$$;
comment on function private.geometry_json(extensions.geometry) is 'GeoJSON geometry (type, coordinates) of an EPSG:4326 geometry, with up to 15 decimals.';

create function public.load_workspace(p_organisation_id text) returns jsonb
language sql stable
set search_path = ''
as $$
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
$$;
comment on function public.load_workspace(text) is 'RPC: the organisation''s workspace as domain JSON ({v: 1, organisation, areas, streets, addresses, campaigns, responses, resources, groups, programmes, events}; src/domain/workspace.ts), read under the caller''s RLS: surveyors get their own responses, partners none; null when the caller is not a member.';
revoke all on function public.load_workspace(text) from public, anon;
grant execute on function public.load_workspace(text) to authenticated, service_role;

-- The write path's batch: DataSource.saveRecords (an import of any collection) creates or replaces many records
-- of one collection all or nothing, like import_survey_responses but through upsert_record (save_record's path).
create function public.save_records(p_organisation_id text, p_collection text, p_records jsonb) returns jsonb
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
comment on function public.save_records(text, text, jsonb) is 'RPC: creates or replaces a JSON array of records of one collection, all or nothing. Returns {ok, saved, issues: [{row (0-based), field, message}]}; when ok is false nothing was saved. At most 10,000 records a call.';
revoke all on function public.save_records(text, text, jsonb) from public, anon;
grant execute on function public.save_records(text, text, jsonb) to authenticated, service_role;
