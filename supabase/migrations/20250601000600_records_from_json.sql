-- Domain records (the camelCase JSON of src/domain, GeoJSON geometry) to table rows, strictly:
-- unknown keys, wrong JSON types, bad enums, ids, dates and geometries raise an error whose COLUMN
-- is the record's field (e.g. householdSize, needs.2.severity), like zod's issue path.
-- Used by save_record, import_survey_responses and seed.sql, so there is one way from JSON to rows.

-- A JSON value as text: must be a JSON string (zod rejects numbers where text is expected).
create function private.json_text(value jsonb, field text) returns text
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(value) <> 'string' then
    raise exception '% must be text', field using errcode = '22023', column = field;
  end if;
  return value #>> '{}';
end
$$;
comment on function private.json_text(jsonb, text) is 'A JSON string as text (null stays null); any other JSON type raises an error naming the field.';

-- A JSON value as integer: must be a JSON number without a fractional part.
create function private.json_int(value jsonb, field text) returns integer
language plpgsql immutable
set search_path = ''
as $$
declare
  n numeric;
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(value) <> 'number' then
    raise exception '% must be a whole number', field using errcode = '22023', column = field;
  end if;
  n := (value #>> '{}')::numeric;
  if n <> pg_catalog.trunc(n) or n not between -2147483648 and 2147483647 then
    raise exception '% must be a whole number', field using errcode = '22023', column = field;
  end if;
  return n::integer;
end
$$;
comment on function private.json_int(jsonb, text) is 'A JSON number with no fraction as integer (null stays null); text such as "3" raises an error naming the field.';

-- A JSON array of strings as text[] (null stays null).
create function private.json_text_array(value jsonb, field text) returns text[]
language plpgsql immutable
set search_path = ''
as $$
begin
  if value is null or pg_catalog.jsonb_typeof(value) = 'null' then
    return null;
  end if;
  if pg_catalog.jsonb_typeof(value) <> 'array' then
    raise exception '% must be a list', field using errcode = '22023', column = field;
  end if;
  if exists (select 1 from pg_catalog.jsonb_array_elements(value) e where pg_catalog.jsonb_typeof(e) <> 'string') then
    raise exception '% must be a list of text', field using errcode = '22023', column = field;
  end if;
  return array(select e from pg_catalog.jsonb_array_elements_text(value) e);
end
$$;
comment on function private.json_text_array(jsonb, text) is 'A JSON array of strings as text[]; any other element type raises an error naming the field.';

-- Rejects keys the domain schema does not know (zod strictObject) and requires the listed ones.
create function private.json_check_keys(value jsonb, allowed text[], required text[], path text) returns void
language plpgsql immutable
set search_path = ''
as $$
declare
  k text;
begin
  if value is null or pg_catalog.jsonb_typeof(value) <> 'object' then
    raise exception '% must be an object', coalesce(nullif(path, ''), 'record') using errcode = '22023', column = coalesce(nullif(path, ''), '(record)');
  end if;
  for k in select jsonb_object_keys from pg_catalog.jsonb_object_keys(value) loop
    if not (k = any (allowed)) then
      raise exception 'Unrecognized key: "%"', k using errcode = '22023', column = coalesce(nullif(path, ''), '(record)');
    end if;
  end loop;
  foreach k in array required loop
    if pg_catalog.jsonb_typeof(value -> k) is null or pg_catalog.jsonb_typeof(value -> k) = 'null' then
      raise exception '% is required', path || k using errcode = '23502', column = path || k;
    end if;
  end loop;
end
$$;
comment on function private.json_check_keys(jsonb, text[], text[], text) is 'Raises on keys outside allowed (zod strictObject) and on missing or null required keys, naming the field.';

-- GeoJSON to a 2D geometry in EPSG:4326; multi = true turns a Polygon into a one-part MultiPolygon.
-- Elevation is dropped (zod keeps it but ignores it). Parse errors name the field.
create function private.json_geometry(value jsonb, field text, multi boolean default false) returns extensions.geometry
language plpgsql immutable
set search_path = ''
as $$
declare
  g extensions.geometry;
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
  begin
    g := extensions.st_setsrid(extensions.st_force2d(extensions.st_geomfromgeojson(value::text)), 4326);
  exception when others then
    raise exception '% is not valid GeoJSON: %', field, sqlerrm using errcode = '22023', column = field;
  end;
  if multi then
    g := extensions.st_multi(g);
  end if;
  if not private.is_usable_lnglat(g) then
    raise exception '% is not a valid geometry in longitude/latitude: %', field, extensions.st_isvalidreason(g)
      using errcode = '23514', column = field;
  end if;
  return g;
end
$$;
comment on function private.json_geometry(jsonb, text, boolean) is 'GeoJSON geometry to a valid 2D EPSG:4326 geometry (optionally forced to Multi*); errors name the field and say why.';

-- Re-raises an error from a conversion with the record's field as COLUMN when the error has none.
create function private.reraise_with_field(state text, message text, error_column text, field text) returns void
language plpgsql immutable
set search_path = ''
as $$
begin
  raise exception '%', message using errcode = state, column = coalesce(nullif(error_column, ''), field);
end
$$;
comment on function private.reraise_with_field(text, text, text, text) is 'Raises message with the given SQLSTATE and the field as COLUMN (keeps a COLUMN the error already had).';
