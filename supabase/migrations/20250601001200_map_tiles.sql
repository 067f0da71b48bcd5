-- Vector tiles of a centre's places from the server (issue 16): one RPC returns a Mapbox Vector Tile (ST_AsMVT) with
-- the layers areas, streets and addresses of one web-mercator tile z/x/y, so that a large town's map need not load
-- every record into the browser. SECURITY INVOKER: every layer is read under the caller's RLS, so only members of the
-- centre get features (a stranger gets an empty tile, anon may not call it). Survey answers and figures are never in a
-- tile: they stay behind the aggregate RPCs and their disclosure rules. Features in id order: equal data, equal tiles.

create function public.map_tile(p_organisation_id text, p_z integer, p_x integer, p_y integer) returns bytea
language plpgsql stable
set search_path = ''
as $$
declare
  -- 4096 units a tile side and a 64-unit buffer, the defaults of ST_AsMVT and MapLibre.
  bounds extensions.geometry;
  bounds_lnglat extensions.geometry;
  areas bytea;
  streets bytea;
  addresses bytea;
begin
  perform private.check_record_id(p_organisation_id, 'p_organisation_id');
  if p_z is null or p_z not between 0 and 22 then
    raise exception 'tile zoom must be a whole number from 0 to 22' using errcode = '22023', column = 'p_z';
  end if;
  if p_x is null or p_y is null or p_x not between 0 and (1 << p_z) - 1 or p_y not between 0 and (1 << p_z) - 1 then
    raise exception 'tile x and y must be whole numbers from 0 to 2^z - 1' using errcode = '22023', column = 'p_x';
  end if;
  bounds := extensions.st_tileenvelope(p_z, p_x, p_y);
  bounds_lnglat := extensions.st_transform(bounds, 4326);
  select extensions.st_asmvt(t, 'areas', 4096, 'geom') into areas
  from (select a.id::text as id, a.name::text as name, a.kind::text as kind,
               extensions.st_asmvtgeom(extensions.st_transform(a.geometry, 3857), bounds, 4096, 64, true) as geom
        from public.areas a
        where a.organisation_id = p_organisation_id and a.geometry operator(extensions.&&) bounds_lnglat
        order by a.id) as t
  where t.geom is not null;
  select extensions.st_asmvt(t, 'streets', 4096, 'geom') into streets
  from (select s.id::text as id, s.prefix::text || ' ' || s.name::text as label,
               extensions.st_asmvtgeom(extensions.st_transform(s.geometry, 3857), bounds, 4096, 64, true) as geom
        from public.streets s
        where s.organisation_id = p_organisation_id and s.geometry operator(extensions.&&) bounds_lnglat
        order by s.id) as t
  where t.geom is not null;
  select extensions.st_asmvt(t, 'addresses', 4096, 'geom') into addresses
  from (select d.id::text as id, d.street_id::text as street_id, d.house_number as house_number, d.households as households,
               extensions.st_asmvtgeom(extensions.st_transform(d.location, 3857), bounds, 4096, 64, true) as geom
        from public.addresses d
        where d.organisation_id = p_organisation_id and d.location operator(extensions.&&) bounds_lnglat
        order by d.id) as t
  where t.geom is not null;
  return coalesce(areas, ''::bytea) || coalesce(streets, ''::bytea) || coalesce(addresses, ''::bytea);
end
$$;
comment on function public.map_tile(text, integer, integer, integer) is 'RPC: a Mapbox Vector Tile (z/x/y, web mercator) of the centre''s areas (id, name, kind), streets (id, label) and addresses (id, street_id, house_number, households), read under the caller''s RLS; empty where there is nothing (or nothing the caller may see). No survey answers.';
revoke all on function public.map_tile(text, integer, integer, integer) from public, anon;
grant execute on function public.map_tile(text, integer, integer, integer) to authenticated, service_role;
