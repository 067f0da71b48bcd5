-- Writing domain records through PostgREST: save_record (insert or replace by id), delete_record and
-- import_survey_responses (all or nothing, with row-level errors). SECURITY INVOKER: the caller's RLS
-- policies decide what may be written, exactly as for a direct table write.
-- save_records and apply_changes write batches all or nothing; load_workspace is the read path. A malformed
-- organisation or record id is an error naming the argument; a well-formed id of something the caller may not see
-- answers as RLS does (nothing, null), so the errors reveal nothing.

-- The error as the {field, message} of src/domain/issues.ts InputIssue (source and row are the caller's).
create function private.issue_from_error(state text, message text, error_column text, error_constraint text) returns jsonb
language sql stable
set search_path = ''
as $$
  select pg_catalog.jsonb_build_object(
    'field', coalesce(d.field, nullif(issue_from_error.error_column, ''), '(record)'),
    'message', case
      when issue_from_error.state = '42501' then 'you may not write this record in this organisation'
      else coalesce(d.message, issue_from_error.message)
    end)
  from (select 1) as one
  left join private.describe_violation(error_constraint) d on true
$$;
comment on function private.issue_from_error(text, text, text, text) is 'An error as {field, message}: known constraints get their field and readable message; RLS denials a plain sentence.';

-- Inserts one record, or replaces the one with the same id. Runs with the caller's rights.
create function private.upsert_record(organisation text, collection text, record jsonb) returns void
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

create function public.save_record(p_organisation_id text, p_collection text, p_record jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  st text; msg text; col text; con text;
begin
  if pg_catalog.pg_column_size(p_record) > 1048576 then
    return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(record)', 'message', 'record is larger than 1 MB')));
  end if;
  perform private.upsert_record(p_organisation_id, p_collection, p_record);
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(private.issue_from_error(st, msg, col, con)));
end
$$;
comment on function public.save_record(text, text, jsonb) is 'RPC: creates or replaces one record of a collection (camelCase domain JSON, GeoJSON geometry). Returns {ok: true} or {ok: false, issues: [{field, message}]}; a rejected record changes nothing.';
revoke all on function public.save_record(text, text, jsonb) from public, anon;
grant execute on function public.save_record(text, text, jsonb) to authenticated, service_role;
create function public.delete_record(p_organisation_id text, p_collection text, p_id text) returns jsonb
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
revoke all on function public.delete_record(text, text, text) from public, anon;
grant execute on function public.delete_record(text, text, text) to authenticated, service_role;
-- The import's converter is reached without upsert_record: it checks the organisation id itself.
create function private.checked_import_organisation(organisation text) returns jsonb
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

-- All or nothing: every row is tried inside its own subtransaction to collect its error; if any row
-- failed, the block raises and PostgreSQL rolls every row back, and the function returns the errors.
create function public.import_survey_responses(p_organisation_id text, p_responses jsonb) returns jsonb
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
revoke all on function public.import_survey_responses(text, jsonb) from public, anon;
grant execute on function public.import_survey_responses(text, jsonb) to authenticated, service_role;

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
revoke all on function public.save_records(text, text, jsonb) from public, anon;
grant execute on function public.save_records(text, text, jsonb) to authenticated, service_role;

-- DataSource.applyChanges on Supabase (src/data/supabase/applyChangesRpc.ts): upserts and deletes across
-- collections in ONE call, all or nothing. An OSM import writes streets and the addresses on them; a workspace
-- file replaces changed records and deletes the ones it does not hold. With one save_records call per collection
-- a refusal in the second collection left the first written; here it leaves nothing.
--
-- SECURITY INVOKER: every write goes through private.upsert_record (save_record's converters and checks) or a
-- plain delete, under the caller's RLS, as save_records and delete_record do. PostgREST runs the call in one
-- transaction; inside it the writes run in a block that is rolled back (subtransaction) when any row failed, so
-- the reply can list every problem ({collection, row, field}) and still nothing is stored.

create function public.apply_changes(p_organisation_id text, p_changes jsonb) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  max_changes constant integer := 10000;
  max_bytes constant integer := 64 * 1024 * 1024;
  max_errors constant integer := 200;
  -- What others refer to first (src/data/workspaceChanges.ts CHANGE_ORDER); deletes go in reverse.
  write_order constant text[] := array['areas', 'streets', 'addresses', 'campaigns', 'resources', 'groups', 'programmes', 'events', 'responses'];
  upserts jsonb;
  deletes jsonb;
  issues jsonb := '[]'::jsonb;
  collection text;
  part text;
  list jsonb;
  item jsonb;
  row_index bigint;
  target_table text;
  total bigint := 0;
  saved integer := 0;
  deleted integer := 0;
  affected integer;
  st text; msg text; col text; con text;
begin
  -- 1. The shape of the call: answered at once, nothing is tried.
  if p_organisation_id is null or p_organisation_id !~ '^[A-Za-z0-9._:-]{1,64}$' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'deleted', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', 'organisationId', 'message', 'organisationId must be an id of 1 to 64 letters, digits and . _ : -')));
  end if;
  if p_changes is null or pg_catalog.jsonb_typeof(p_changes) <> 'object' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'deleted', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(changes)', 'message', 'changes must be a JSON object {upserts: {collection: [records]}, deletes: {collection: [ids]}}')));
  end if;
  if pg_catalog.pg_column_size(p_changes) > max_bytes then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'deleted', 0, 'issues', pg_catalog.jsonb_build_array(
      pg_catalog.jsonb_build_object('field', '(changes)', 'message', pg_catalog.format('changes must be at most %s MB; split the file', max_bytes / 1024 / 1024))));
  end if;
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('field', k, 'message', 'changes hold only upserts and deletes')), '[]')
  into issues
  from pg_catalog.jsonb_object_keys(p_changes) k
  where k not in ('upserts', 'deletes');
  upserts := coalesce(nullif(p_changes -> 'upserts', 'null'::jsonb), '{}');
  deletes := coalesce(nullif(p_changes -> 'deletes', 'null'::jsonb), '{}');
  foreach part in array array['upserts', 'deletes'] loop
    list := case part when 'upserts' then upserts else deletes end;
    if pg_catalog.jsonb_typeof(list) <> 'object' then
      issues := issues || pg_catalog.jsonb_build_object('field', part, 'message', pg_catalog.format('%s must be an object of lists by collection', part));
      continue;
    end if;
    for collection, item in select e.key, e.value from pg_catalog.jsonb_each(list) e loop
      if collection <> all (write_order) then
        issues := issues || pg_catalog.jsonb_build_object('collection', pg_catalog.left(collection, 64), 'field', '(collection)',
          'message', pg_catalog.format('unknown collection in %s; expected one of: %s', part, pg_catalog.array_to_string(write_order, ', ')));
      elsif pg_catalog.jsonb_typeof(item) <> 'array' then
        issues := issues || pg_catalog.jsonb_build_object('collection', collection, 'field', pg_catalog.format('(%s)', part),
          'message', pg_catalog.format('%s of %s must be a JSON array', part, collection));
      else
        total := total + pg_catalog.jsonb_array_length(item);
      end if;
    end loop;
  end loop;
  if total > max_changes then
    issues := issues || pg_catalog.jsonb_build_object('field', '(changes)',
      'message', pg_catalog.format('at most %s records and deletions per call (this one has %s); split the file', max_changes, total));
  end if;
  if pg_catalog.jsonb_array_length(issues) > 0 then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'deleted', 0, 'issues', issues);
  end if;

  -- 2. The writes: every row is tried so that the reply names every problem; any problem undoes them all.
  begin
    foreach collection in array write_order loop
      exit when pg_catalog.jsonb_array_length(issues) >= max_errors;
      for item, row_index in select e.value, e.ordinality - 1 from pg_catalog.jsonb_array_elements(coalesce(upserts -> collection, '[]')) with ordinality e loop
        begin
          if (deletes -> collection) @> pg_catalog.jsonb_build_array(item -> 'id') and pg_catalog.jsonb_typeof(item -> 'id') = 'string' then
            raise exception 'id "%" is both saved and deleted in this change', item ->> 'id' using errcode = '22023', column = 'id';
          end if;
          perform private.upsert_record(p_organisation_id, collection, item);
          saved := saved + 1;
        exception when others then
          get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
          issues := issues || (pg_catalog.jsonb_build_object('collection', collection, 'row', row_index) || private.issue_from_error(st, msg, col, con));
          exit when pg_catalog.jsonb_array_length(issues) >= max_errors;
        end;
      end loop;
    end loop;
    for i in reverse pg_catalog.array_length(write_order, 1)..1 loop
      exit when pg_catalog.jsonb_array_length(issues) >= max_errors;
      collection := write_order[i];
      select t.table_name into target_table from private.collection_table(collection) t;
      for item, row_index in select e.value, e.ordinality - 1 from pg_catalog.jsonb_array_elements(coalesce(deletes -> collection, '[]')) with ordinality e loop
        begin
          if pg_catalog.jsonb_typeof(item) <> 'string' then
            raise exception 'id must be text' using errcode = '22023', column = 'id';
          end if;
          perform private.check_record_id(item #>> '{}', 'id');
          execute pg_catalog.format('delete from public.%I where organisation_id = $1 and id = $2', target_table)
          using p_organisation_id, item #>> '{}';
          get diagnostics affected = row_count;
          deleted := deleted + affected;
        exception when others then
          get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
          issues := issues || (pg_catalog.jsonb_build_object('collection', collection, 'row', row_index) || private.issue_from_error(st, msg, col, con));
          exit when pg_catalog.jsonb_array_length(issues) >= max_errors;
        end;
      end loop;
    end loop;
    if pg_catalog.jsonb_array_length(issues) > 0 then
      raise exception 'changes rejected' using errcode = 'CM001';
    end if;
  exception when sqlstate 'CM001' then
    return pg_catalog.jsonb_build_object('ok', false, 'saved', 0, 'deleted', 0, 'issues', issues);
  end;
  return pg_catalog.jsonb_build_object('ok', true, 'saved', saved, 'deleted', deleted, 'issues', '[]'::jsonb);
end
$$;
comment on function public.apply_changes(text, jsonb) is 'RPC: upserts and deletes across collections, all or nothing, under the caller''s RLS. p_changes = {upserts: {collection: [records]}, deletes: {collection: [ids]}}; upserts go in reference order (areas, streets, addresses, campaigns, resources, groups, programmes, events, responses), deletes after them in reverse. Returns {ok, saved, deleted, issues: [{collection, row (0-based in that list), field, message}]}; when ok is false nothing was written. At most 10,000 records and ids and 64 MB a call.';
revoke all on function public.apply_changes(text, jsonb) from public, anon;
grant execute on function public.apply_changes(text, jsonb) to authenticated, service_role;

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
      'addresses', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
          'id', x.id, 'streetId', x.street_id, 'houseNumber', x.house_number, 'location', private.geometry_json(x.location),
          'households', x.households, 'residents', x.residents)) order by x.id)
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
revoke all on function public.load_workspace(text) from public, anon;
grant execute on function public.load_workspace(text) to authenticated, service_role;
