-- Types that mirror src/domain (zod): enums, record ids, names, and the checks that zod does.
-- Schema private holds helpers that PostgREST must not expose as RPCs (only public is exposed).

create schema if not exists private;
comment on schema private is 'CAL Map helpers for policies, triggers and RPCs; not exposed through PostgREST.';
grant usage on schema private to anon, authenticated, service_role;

-- Enums: the label lists equal the `as const` arrays in src/domain (a test compares them).
create type public.organisation_kind as enum ('OPS', 'MOPS', 'MGOPS', 'GOPS', 'MOPR', 'other');
create type public.member_role as enum ('admin', 'planner', 'surveyor', 'partner');
create type public.area_kind as enum ('district', 'estate', 'care_region', 'custom');
create type public.street_prefix as enum ('ul.', 'al.', 'pl.', 'os.', 'rondo');
create type public.survey_method as enum ('door_to_door', 'paper_drop', 'online', 'phone', 'mixed');
create type public.need_category as enum (
  'unemployment', 'material_hardship', 'housing', 'addiction', 'domestic_violence', 'loneliness_seniors',
  'disability', 'children_youth_leisure', 'health', 'safety', 'neglected_public_space', 'civic_participation');
create type public.nuisance as enum (
  'litter', 'noise', 'vandalism', 'poor_lighting', 'drinking_in_public', 'stray_dogs',
  'traffic', 'no_playground', 'broken_pavements', 'no_parking', 'damp_buildings', 'no_shops');
create type public.offer as enum (
  'volunteering_time', 'repairs', 'childcare', 'senior_care', 'cooking', 'tutoring',
  'it_skills', 'arts_crafts', 'sports', 'transport', 'organising_events', 'garden_greenery');
create type public.resource_kind as enum (
  'ops', 'kis', 'school', 'kindergarten', 'culture_house', 'library', 'parish', 'police',
  'health_centre', 'ngo', 'senior_club', 'youth_club', 'sports_club', 'labour_office',
  'housing_coop', 'business', 'community_centre', 'other');
create type public.group_kind as enum ('self_help', 'support', 'citizen', 'volunteer_club', 'senior_club', 'youth_club');
create type public.event_kind as enum ('festival', 'picnic', 'trip', 'workshop', 'meeting', 'other');

comment on type public.organisation_kind is 'Kind of social-welfare centre (src/domain/organisation.ts ORGANISATION_KINDS).';
comment on type public.member_role is 'Role of a user in an organisation: admin, planner, surveyor, partner (read-only aggregates).';
comment on type public.area_kind is 'district = dzielnica, estate = osiedle, care_region = rejon opiekuńczy (src/domain/area.ts).';
comment on type public.street_prefix is 'Polish street-type prefix (src/domain/street.ts STREET_PREFIXES).';
comment on type public.survey_method is 'How a survey wave was run (src/domain/survey.ts SURVEY_METHODS).';
comment on type public.need_category is 'The twelve need categories (src/domain/needs.ts NEED_CATEGORY_IDS).';
comment on type public.nuisance is 'Daily nuisances recorded by surveys (src/domain/needs.ts NUISANCE_IDS).';
comment on type public.offer is 'What a household offers the community (src/domain/needs.ts OFFER_IDS).';
comment on type public.resource_kind is 'Kinds of institutions a CAL inventories (src/domain/resource.ts RESOURCE_KINDS).';
comment on type public.group_kind is 'Kinds of groups and clubs (src/domain/group.ts GROUP_KINDS).';
comment on type public.event_kind is 'Kinds of local events (src/domain/event.ts EVENT_KINDS).';

-- JavaScript's String.prototype.trim removes Unicode white space and line terminators; zod's .trim() uses it.
-- PostgreSQL's btrim removes only spaces by default, so list the same characters (ECMA-262 WhiteSpace + LineTerminator).
create function private.js_trim(value text) returns text
language sql immutable strict parallel safe
set search_path = ''
as $$
  select pg_catalog.btrim(value, E' \t\n\r\u000B\u000C\u00A0\uFEFF\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000')
$$;
comment on function private.js_trim(text) is 'Trims like JavaScript''s String.prototype.trim (and so like zod''s .trim()).';

-- True when no element repeats (nulls count as values). Used by checks on enum arrays.
create function private.is_distinct_array(value anyarray) returns boolean
language sql immutable strict parallel safe
set search_path = ''
as $$
  select pg_catalog.cardinality(value) = (select pg_catalog.count(distinct e) from pg_catalog.unnest(value) as e)
$$;
comment on function private.is_distinct_array(anyarray) is 'True when the array has no repeated element (zod: each item may appear once).';

-- A geometry PostGIS and MapLibre can use: not empty, valid (closed, non-self-intersecting rings), 2D, lon/lat ranges.
create function private.is_usable_lnglat(geom extensions.geometry) returns boolean
language sql immutable strict parallel safe
set search_path = ''
as $$
  select not extensions.st_isempty(geom)
     and extensions.st_isvalid(geom)
     and extensions.st_xmin(geom::extensions.box3d) >= -180 and extensions.st_xmax(geom::extensions.box3d) <= 180
     and extensions.st_ymin(geom::extensions.box3d) >= -90 and extensions.st_ymax(geom::extensions.box3d) <= 90
$$;
comment on function private.is_usable_lnglat(extensions.geometry) is 'Geometry check for every geometry column: non-empty, ST_IsValid, longitudes in [-180, 180], latitudes in [-90, 90].';

-- Record identifier (src/domain/common.ts Id): 1-64 characters of letters, digits, . _ : -
create domain public.record_id as text
  constraint record_id_format check (value ~ '^[A-Za-z0-9._:-]{1,64}$');
comment on domain public.record_id is 'Record identifier: 1-64 letters, digits, dot, underscore, colon or hyphen (src/domain/common.ts Id).';

-- Human-readable name (Name): non-empty and at most 200 characters once trimmed.
create domain public.record_name as text
  constraint record_name_length check (pg_catalog.char_length(private.js_trim(value)) between 1 and 200);
comment on domain public.record_name is 'Name: 1-200 characters after trimming (src/domain/common.ts Name).';

-- Short staff-written text (ShortText): non-empty and at most 500 characters once trimmed.
create domain public.short_text as text
  constraint short_text_length check (pg_catalog.char_length(private.js_trim(value)) between 1 and 500);
comment on domain public.short_text is 'Short staff-written text: 1-500 characters after trimming (src/domain/common.ts ShortText).';

-- Year in which a CAL could plausibly act (Year).
create domain public.cal_year as integer
  constraint cal_year_range check (value between 1990 and 2100);
comment on domain public.cal_year is 'A year between 1990 and 2100 (src/domain/common.ts Year).';

-- Strict ISO date parsing: zod's z.iso.date() accepts only YYYY-MM-DD that exists; a date cast alone
-- would also accept '2025-1-5' or 'Jan 5 2025'. Converters from JSON use this.
create function private.iso_date(value text) returns date
language plpgsql immutable strict parallel safe
set search_path = ''
as $$
begin
  if value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' then
    raise exception 'date must be a real calendar date written YYYY-MM-DD' using errcode = '22007';
  end if;
  return value::date;
exception when datetime_field_overflow or invalid_datetime_format then
  raise exception 'date must be a real calendar date written YYYY-MM-DD' using errcode = '22007';
end
$$;
comment on function private.iso_date(text) is 'Parses YYYY-MM-DD strictly (rejects other formats and dates that do not exist), as z.iso.date() does.';

-- Checks of RPC arguments, with errors that name the argument (supabase/tests/rpcBadInput.test.ts).

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

-- A hexagon origin is finite, in longitude range, and away from the poles (the local projection needs cos(lat) > 0).
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
