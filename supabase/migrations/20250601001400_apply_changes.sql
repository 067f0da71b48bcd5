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
