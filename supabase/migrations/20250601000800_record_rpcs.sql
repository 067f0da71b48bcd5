-- Writing domain records through PostgREST: save_record (insert or replace by id), delete_record and
-- import_survey_responses (all or nothing, with row-level errors). SECURITY INVOKER: the caller's RLS
-- policies decide what may be written, exactly as for a direct table write.

-- Collection name (src/domain/workspace.ts COLLECTION_NAMES) -> table and converter.
create function private.collection_table(collection text) returns table (table_name text, converter text)
language sql immutable
set search_path = ''
as $$
  select v.table_name, v.converter
  from (values
    ('areas', 'areas', 'area_from_json'),
    ('streets', 'streets', 'street_from_json'),
    ('addresses', 'addresses', 'address_from_json'),
    ('campaigns', 'campaigns', 'campaign_from_json'),
    ('responses', 'survey_responses', 'survey_response_from_json'),
    ('resources', 'resources', 'resource_from_json'),
    ('groups', 'groups', 'group_from_json'),
    ('programmes', 'programmes', 'programme_from_json'),
    ('events', 'events', 'event_from_json')
  ) as v (collection, table_name, converter)
  where v.collection = collection_table.collection
$$;
comment on function private.collection_table(text) is 'The table and the JSON converter of a workspace collection name (areas, streets, ..., responses -> survey_responses).';

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
comment on function private.upsert_record(text, text, jsonb) is 'Insert-or-replace of one domain record (by organisation and id) through its converter; responses also replace their need answers.';

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
  execute pg_catalog.format('delete from public.%I where organisation_id = $1 and id = $2', target.table_name)
  using p_organisation_id, p_id;
  return pg_catalog.jsonb_build_object('ok', true);
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  return pg_catalog.jsonb_build_object('ok', false, 'issues', pg_catalog.jsonb_build_array(private.issue_from_error(st, msg, col, con)));
end
$$;
comment on function public.delete_record(text, text, text) is 'RPC: deletes one record by id (deleting what is not there, or what RLS hides, is not an error). Returns {ok} like save_record.';
revoke all on function public.delete_record(text, text, text) from public, anon;
grant execute on function public.delete_record(text, text, text) to authenticated, service_role;

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
  st text; msg text; col text; con text;
begin
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
comment on function public.import_survey_responses(text, jsonb) is 'RPC: imports a JSON array of SurveyResponse records all or nothing. Returns {inserted, errors: [{row (0-based), field, message}]}; when errors is not empty nothing was inserted. At most 10,000 rows a call.';
revoke all on function public.import_survey_responses(text, jsonb) from public, anon;
grant execute on function public.import_survey_responses(text, jsonb) to authenticated, service_role;
