-- One converter per collection: domain JSON record -> table row (see 20250601000600 for the helpers).
create function private.organisation_from_json(r jsonb) returns public.organisations
language plpgsql stable
set search_path = ''
as $$
declare
  res public.organisations;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,kind,gminaTeryt,town}', '{id,name,kind,gminaTeryt,town}', '');
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'kind'; res.kind := private.json_text(r -> f, f)::public.organisation_kind;
  f := 'gminaTeryt'; res.gmina_teryt := private.json_text(r -> f, f);
  f := 'town'; res.town := private.json_text(r -> f, f);
  res.created_at := pg_catalog.now();
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.organisation_from_json(jsonb) is 'Organisation JSON (src/domain/organisation.ts) to a row of public.organisations; errors name the field.';

create function private.area_from_json(organisation text, r jsonb) returns public.areas
language plpgsql stable
set search_path = ''
as $$
declare
  res public.areas;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,kind,parentId,geometry}', '{id,name,kind,geometry}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'kind'; res.kind := private.json_text(r -> f, f)::public.area_kind;
  f := 'parentId'; res.parent_id := private.json_text(r -> f, f);
  f := 'geometry';
  if (r -> f ->> 'type') is distinct from 'Polygon' and (r -> f ->> 'type') is distinct from 'MultiPolygon' then
    raise exception 'geometry must be a GeoJSON Polygon or MultiPolygon' using errcode = '22023';
  end if;
  res.geometry := private.json_geometry(r -> f, f, true);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.area_from_json(text, jsonb) is 'Area JSON (src/domain/area.ts) to a row of public.areas; a Polygon becomes a one-part MultiPolygon.';

create function private.street_from_json(organisation text, r jsonb) returns public.streets
language plpgsql stable
set search_path = ''
as $$
declare
  res public.streets;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,prefix,name,geometry}', '{id,prefix,name,geometry}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'prefix'; res.prefix := private.json_text(r -> f, f)::public.street_prefix;
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'geometry';
  if (r -> f ->> 'type') is distinct from 'MultiLineString' then
    raise exception 'geometry must be a GeoJSON MultiLineString' using errcode = '22023';
  end if;
  res.geometry := private.json_geometry(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.street_from_json(text, jsonb) is 'Street JSON (src/domain/street.ts) to a row of public.streets.';

create function private.address_from_json(organisation text, r jsonb) returns public.addresses
language plpgsql stable
set search_path = ''
as $$
declare
  res public.addresses;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,streetId,houseNumber,location,households}', '{id,streetId,houseNumber,location,households}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'streetId'; res.street_id := private.json_text(r -> f, f);
  f := 'houseNumber'; res.house_number := private.json_text(r -> f, f);
  f := 'location';
  if (r -> f ->> 'type') is distinct from 'Point' then
    raise exception 'location must be a GeoJSON Point' using errcode = '22023';
  end if;
  res.location := private.json_geometry(r -> f, f);
  f := 'households'; res.households := private.json_int(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.address_from_json(text, jsonb) is 'Address JSON (src/domain/address.ts) to a row of public.addresses.';

create function private.campaign_from_json(organisation text, r jsonb) returns public.campaigns
language plpgsql stable
set search_path = ''
as $$
declare
  res public.campaigns;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,areaIds,startDate,endDate,householdsTargeted,method,wave}',
    '{id,name,areaIds,startDate,endDate,householdsTargeted,method,wave}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'areaIds'; res.area_ids := private.json_text_array(r -> f, f);
  f := 'startDate'; res.start_date := private.iso_date(private.json_text(r -> f, f));
  f := 'endDate'; res.end_date := private.iso_date(private.json_text(r -> f, f));
  f := 'householdsTargeted'; res.households_targeted := private.json_int(r -> f, f);
  f := 'method'; res.method := private.json_text(r -> f, f)::public.survey_method;
  f := 'wave'; res.wave := private.json_int(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.campaign_from_json(text, jsonb) is 'SurveyCampaign JSON (src/domain/survey.ts) to a row of public.campaigns.';

create function private.survey_response_from_json(organisation text, r jsonb) returns public.survey_responses
language plpgsql stable
set search_path = ''
as $$
declare
  res public.survey_responses;
  f text := '(record)';
  st text; msg text; col text; con text;
  leader jsonb;
begin
  perform private.json_check_keys(r,
    '{id,campaignId,addressId,streetId,location,date,householdSize,needs,nuisances,offers,leaderCandidate}',
    '{id,campaignId,date,householdSize,needs,nuisances,offers}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'campaignId'; res.campaign_id := private.json_text(r -> f, f);
  f := 'addressId'; res.address_id := private.json_text(r -> f, f);
  f := 'streetId'; res.street_id := private.json_text(r -> f, f);
  f := 'location';
  if r ? f and (r -> f ->> 'type') is distinct from 'Point' then
    raise exception 'location must be a GeoJSON Point' using errcode = '22023';
  end if;
  res.location := private.json_geometry(r -> f, f);
  f := 'date'; res.date := private.iso_date(private.json_text(r -> f, f));
  f := 'householdSize'; res.household_size := private.json_int(r -> f, f);
  f := 'needs';
  if pg_catalog.jsonb_typeof(r -> f) <> 'array' then
    raise exception 'needs must be a list' using errcode = '22023';
  end if;
  if pg_catalog.jsonb_array_length(r -> f) > 12 then
    raise exception 'needs may list at most 12 categories' using errcode = '22023';
  end if;
  f := 'nuisances'; res.nuisances := private.json_text_array(r -> f, f);
  f := 'offers'; res.offers := private.json_text_array(r -> f, f);
  f := 'leaderCandidate';
  leader := r -> f;
  if leader is not null and pg_catalog.jsonb_typeof(leader) <> 'null' then
    perform private.json_check_keys(leader, '{consent,interests}', '{consent,interests}', 'leaderCandidate.');
    if leader -> 'consent' is distinct from 'true'::jsonb then
      f := 'leaderCandidate.consent';
      raise exception 'a leader candidate is recorded only with consent' using errcode = '22023';
    end if;
    f := 'leaderCandidate.interests';
    res.leader_interests := private.json_text_array(leader -> 'interests', f);
  end if;
  res.created_by := auth.uid();
  res.created_at := pg_catalog.now();
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.survey_response_from_json(text, jsonb) is 'SurveyResponse JSON (src/domain/survey.ts) to a row of public.survey_responses (needs: see survey_response_needs_from_json); created_by is the caller.';

create function private.survey_response_needs_from_json(organisation text, r jsonb) returns setof public.survey_response_needs
language plpgsql stable
set search_path = ''
as $$
declare
  res public.survey_response_needs;
  answer jsonb;
  i integer := 0;
  f text := 'needs';
  st text; msg text; col text; con text;
  severity integer;
begin
  for answer in select e from pg_catalog.jsonb_array_elements(r -> 'needs') e loop
    f := 'needs.' || i;
    perform private.json_check_keys(answer, '{category,severity}', '{category,severity}', f || '.');
    res.organisation_id := organisation;
    res.response_id := private.json_text(r -> 'id', 'id');
    f := 'needs.' || i || '.category'; res.category := private.json_text(answer -> 'category', f)::public.need_category;
    f := 'needs.' || i || '.severity';
    severity := private.json_int(answer -> 'severity', f);
    if severity not between 1 and 3 then
      raise exception 'severity must be 1, 2 or 3' using errcode = '23514';
    end if;
    res.severity := severity;
    return next res;
    i := i + 1;
  end loop;
  return;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
end
$$;
comment on function private.survey_response_needs_from_json(text, jsonb) is 'The needs of a SurveyResponse JSON as rows of public.survey_response_needs; errors name needs.<i>.<field>.';

create function private.resource_from_json(organisation text, r jsonb) returns public.resources
language plpgsql stable
set search_path = ''
as $$
declare
  res public.resources;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,kind,location,address,serves,partnershipDeclaredOn,coalitions}',
    '{id,name,kind,location,serves,coalitions}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'kind'; res.kind := private.json_text(r -> f, f)::public.resource_kind;
  f := 'location';
  if (r -> f ->> 'type') is distinct from 'Point' then
    raise exception 'location must be a GeoJSON Point' using errcode = '22023';
  end if;
  res.location := private.json_geometry(r -> f, f);
  f := 'address'; res.address := private.json_text(r -> f, f);
  f := 'serves'; res.serves := private.json_text_array(r -> f, f);
  f := 'partnershipDeclaredOn'; res.partnership_declared_on := private.iso_date(private.json_text(r -> f, f));
  f := 'coalitions'; res.coalitions := private.json_text_array(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.resource_from_json(text, jsonb) is 'Resource JSON (src/domain/resource.ts) to a row of public.resources.';

create function private.group_from_json(organisation text, r jsonb) returns public.groups
language plpgsql stable
set search_path = ''
as $$
declare
  res public.groups;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,kind,meetingPlaceId,location,targetNeeds,activeFrom,activeTo}',
    '{id,name,kind,location,targetNeeds,activeFrom}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'kind'; res.kind := private.json_text(r -> f, f)::public.group_kind;
  f := 'meetingPlaceId'; res.meeting_place_id := private.json_text(r -> f, f);
  f := 'location';
  if (r -> f ->> 'type') is distinct from 'Point' then
    raise exception 'location must be a GeoJSON Point' using errcode = '22023';
  end if;
  res.location := private.json_geometry(r -> f, f);
  f := 'targetNeeds'; res.target_needs := private.json_text_array(r -> f, f);
  f := 'activeFrom'; res.active_from := private.json_int(r -> f, f);
  f := 'activeTo'; res.active_to := private.json_int(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.group_from_json(text, jsonb) is 'Group JSON (src/domain/group.ts) to a row of public.groups.';

create function private.programme_from_json(organisation text, r jsonb) returns public.programmes
language plpgsql stable
set search_path = ''
as $$
declare
  res public.programmes;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,yearFrom,yearTo,targetAreaId,targetGeometry,goals,partnerIds}',
    '{id,name,yearFrom,yearTo,targetGeometry,goals,partnerIds}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'yearFrom'; res.year_from := private.json_int(r -> f, f);
  f := 'yearTo'; res.year_to := private.json_int(r -> f, f);
  f := 'targetAreaId'; res.target_area_id := private.json_text(r -> f, f);
  f := 'targetGeometry';
  if (r -> f ->> 'type') is distinct from 'Polygon' and (r -> f ->> 'type') is distinct from 'MultiPolygon' then
    raise exception 'targetGeometry must be a GeoJSON Polygon or MultiPolygon' using errcode = '22023';
  end if;
  res.target_geometry := private.json_geometry(r -> f, f, true);
  f := 'goals'; res.goals := private.json_text_array(r -> f, f);
  f := 'partnerIds'; res.partner_ids := private.json_text_array(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.programme_from_json(text, jsonb) is 'Programme JSON (src/domain/programme.ts) to a row of public.programmes.';

create function private.event_from_json(organisation text, r jsonb) returns public.events
language plpgsql stable
set search_path = ''
as $$
declare
  res public.events;
  f text := '(record)';
  st text; msg text; col text; con text;
begin
  perform private.json_check_keys(r, '{id,name,kind,date,location,placeName,programme,participants}',
    '{id,name,kind,date,location,placeName,programme,participants}', '');
  res.organisation_id := organisation;
  f := 'id'; res.id := private.json_text(r -> f, f);
  f := 'name'; res.name := private.json_text(r -> f, f);
  f := 'kind'; res.kind := private.json_text(r -> f, f)::public.event_kind;
  f := 'date'; res.date := private.iso_date(private.json_text(r -> f, f));
  f := 'location';
  if (r -> f ->> 'type') is distinct from 'Point' then
    raise exception 'location must be a GeoJSON Point' using errcode = '22023';
  end if;
  res.location := private.json_geometry(r -> f, f);
  f := 'placeName'; res.place_name := private.json_text(r -> f, f);
  f := 'programme'; res.programme := private.json_text_array(r -> f, f);
  f := 'participants'; res.participants := private.json_int(r -> f, f);
  return res;
exception when others then
  get stacked diagnostics st = returned_sqlstate, msg = message_text, col = column_name, con = constraint_name;
  perform private.raise_field_error(st, msg, col, con, f);
  return null; -- not reached: raise_field_error always raises (plpgsql_check cannot know)
end
$$;
comment on function private.event_from_json(text, jsonb) is 'LocalEvent JSON (src/domain/event.ts) to a row of public.events.';
