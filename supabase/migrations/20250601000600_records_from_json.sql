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
-- Elevation is dropped (zod keeps it but ignores it). Coordinates must be JSON numbers (json-c would read "19.3"
-- as a number), positions at most 3 numbers; errors name the field and say why (private.lnglat_problem).
create function private.json_geometry(value jsonb, field text, multi boolean default false) returns extensions.geometry
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

-- A catalogue of constraint names -> (field, message a person understands), so that an error raised by a CHECK,
-- a domain or a foreign key reads like the zod issue for the same field.

create function private.describe_violation(constraint_name text)
returns table (field text, message text)
language sql immutable
set search_path = ''
as $$
  select v.field, v.message
  from (values
    ('record_id_format', null, 'id may contain only letters, digits and . _ : - (1 to 64 characters)'),
    ('record_name_length', null, 'name must be 1 to 200 characters'),
    ('short_text_length', null, 'text must be 1 to 500 characters'),
    ('cal_year_range', null, 'year must be between 1990 and 2100'),
    ('organisations_gmina_teryt_check', 'gminaTeryt', 'gminaTeryt must be a 7-digit TERYT gmina code ending in the gmina type 1–5'),
    ('areas_geometry_check', 'geometry', 'geometry must be a valid polygon within longitude/latitude ranges'),
    ('areas_organisation_id_parent_id_fkey', 'parentId', 'parentId names an area that does not exist'),
    ('streets_geometry_check', 'geometry', 'geometry must be a valid line within longitude/latitude ranges'),
    ('addresses_house_number_check', 'houseNumber', 'house number must look like 12, 12A or 12/3'),
    ('addresses_location_check', 'location', 'location must be a point within longitude/latitude ranges'),
    ('addresses_households_check', 'households', 'households must be between 1 and 1000'),
    ('addresses_organisation_id_street_id_fkey', 'streetId', 'streetId names a street that does not exist'),
    ('campaigns_area_ids_check', 'areaIds', 'a campaign covers at least one area'),
    ('campaigns_area_ids_fkey', 'areaIds', 'areaIds names an area that does not exist'),
    ('campaigns_households_targeted_check', 'householdsTargeted', 'householdsTargeted must be at least 1'),
    ('campaigns_wave_check', 'wave', 'wave must be 1 or more'),
    ('campaigns_end_date_check', 'endDate', 'endDate must not be before startDate'),
    ('survey_responses_location_check', 'location', 'location must be a point within longitude/latitude ranges'),
    ('survey_responses_household_size_check', 'householdSize', 'householdSize must be between 1 and 20'),
    ('survey_responses_nuisances_check', 'nuisances', 'each nuisance may appear once'),
    ('survey_responses_offers_check', 'offers', 'each offered resource may appear once'),
    ('survey_responses_leader_interests_check', 'leaderCandidate.interests', 'each interest may appear once'),
    ('survey_responses_located_check', 'addressId', 'a response needs an addressId, a streetId or a location'),
    ('survey_responses_organisation_id_campaign_id_fkey', 'campaignId', 'campaignId names a campaign that does not exist'),
    ('survey_responses_organisation_id_address_id_fkey', 'addressId', 'addressId names an address that does not exist'),
    ('survey_responses_organisation_id_street_id_fkey', 'streetId', 'streetId names a street that does not exist'),
    ('survey_responses_pkey', 'id', 'a response with this id already exists'),
    ('survey_response_needs_pkey', 'needs', 'each need category may appear once'),
    ('survey_response_needs_severity_check', 'needs', 'severity must be 1, 2 or 3'),
    ('resources_location_check', 'location', 'location must be a point within longitude/latitude ranges'),
    ('groups_location_check', 'location', 'location must be a point within longitude/latitude ranges'),
    ('groups_target_needs_check', 'targetNeeds', 'a group addresses at least one need'),
    ('groups_active_to_check', 'activeTo', 'activeTo must not be before activeFrom'),
    ('groups_organisation_id_meeting_place_id_fkey', 'meetingPlaceId', 'meetingPlaceId names a resource that does not exist'),
    ('programmes_target_geometry_check', 'targetGeometry', 'targetGeometry must be a valid polygon within longitude/latitude ranges'),
    ('programmes_goals_check', 'goals', 'a programme has at least one goal'),
    ('programmes_year_to_check', 'yearTo', 'yearTo must not be before yearFrom'),
    ('programmes_organisation_id_target_area_id_fkey', 'targetAreaId', 'targetAreaId names an area that does not exist'),
    ('events_location_check', 'location', 'location must be a point within longitude/latitude ranges'),
    ('events_participants_check', 'participants', 'participants must be 0 or more')
  ) as v (constraint_name, field, message)
  where v.constraint_name = describe_violation.constraint_name
$$;
comment on function private.describe_violation(text) is 'The record field and a readable message for a constraint name (domain constraints have no field: the caller knows it).';

-- Wraps a failed conversion or insert into an error naming the field with a readable message.
create function private.raise_field_error(state text, message text, error_column text, error_constraint text, field text) returns void
language plpgsql stable
set search_path = ''
as $$
declare
  known_field text;
  known_message text;
begin
  select d.field, d.message into known_field, known_message from private.describe_violation(error_constraint) d;
  raise exception '%', coalesce(known_message, message)
    using errcode = state,
          column = coalesce(known_field, nullif(error_column, ''), field, '(record)'),
          constraint = coalesce(error_constraint, '');
end
$$;
comment on function private.raise_field_error(text, text, text, text, text) is 'Raises an error whose COLUMN is the domain record field and whose message is readable (see describe_violation).';
