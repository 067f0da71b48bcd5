-- The app draws a large Supabase town's streets and addresses from map_tile (issue 16 item 3), each of its two vector
-- sources asking for its own layer, so the tiles must be the features the analysis worker cuts for the same town
-- (src/map/townTiles.ts over src/map/mapData.ts streetFeatures/addressFeatures), which the map's layers and
-- feature-state code read. Three differences from 20250601001200_map_tiles.sql, each fixed here:
--   1. one call per layer: `p_layers` names the layers wanted (null: all three, as before), so a street tile does not
--      read, clip and send the addresses of its area (which the map asks for only when zoomed in);
--   2. addresses carry what the map reads: `streetId` (not street_id), `households` 1 where the register has no count
--      (the dot's size; the panels read the count from the workspace), and no house number (the map never reads it);
--   3. features are chosen in the tile AND its 64-unit buffer (ST_TileEnvelope's margin), as geojson-vt does: a dot or
--      a street just beside a tile edge is drawn across the edge by both tiles, not cut at the edge of one.
--   4. no JIT compilation (below);
--   5. SECURITY DEFINER with the membership check the places' RLS makes (any role of the centre; the service role
--      too): under RLS PostgreSQL may not use the GiST indexes for `&&`, which PostGIS does not mark leakproof, so
--      every tile read all of the centre's addresses (z 16 of 100,000 addresses: 34 → 3 ms a tile).
-- Still no survey answers; features in id order.

drop function public.map_tile(text, integer, integer, integer);

create function public.map_tile(p_organisation_id text, p_z integer, p_x integer, p_y integer, p_layers text[] default null) returns bytea
language plpgsql stable security definer
set search_path = ''
-- PostGIS rates ST_Transform and ST_AsMVTGeom at 10,000 a call, so a tile's query looks expensive enough for JIT, whose
-- compilation (≈ 100 ms) then costs ten times the query itself (bench/serverTiles.bench.ts: 110 → ≈ 10 ms a tile).
set jit = off
as $$
declare
  -- 4096 units a tile side and a 64-unit buffer, the defaults of ST_AsMVT and MapLibre (and of townTiles.ts).
  bounds extensions.geometry;
  wanted_lnglat extensions.geometry;
  layers text[] := coalesce(p_layers, array['areas', 'streets', 'addresses']);
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
  if pg_catalog.cardinality(layers) not between 1 and 3 or array_position(layers, null) is not null
     or not layers operator(pg_catalog.<@) array['areas', 'streets', 'addresses'] then
    raise exception 'tile layers must be some of areas, streets and addresses' using errcode = '22023', column = 'p_layers';
  end if;
  -- Whom the places' RLS lets read them (places.sql: members of the centre, whatever their role; the service role).
  if auth.role() is distinct from 'service_role'
     and p_organisation_id not in (select private.my_organisations()) then
    return ''::bytea;
  end if;
  bounds := extensions.st_tileenvelope(p_z, p_x, p_y);
  wanted_lnglat := extensions.st_transform(extensions.st_tileenvelope(p_z, p_x, p_y, margin => 64.0 / 4096), 4326);
  if 'areas' = any (layers) then
    select extensions.st_asmvt(t, 'areas', 4096, 'geom') into areas
    from (select a.id::text as id, a.name::text as name, a.kind::text as kind,
                 extensions.st_asmvtgeom(extensions.st_transform(a.geometry, 3857), bounds, 4096, 64, true) as geom
          from public.areas a
          where a.organisation_id = p_organisation_id and a.geometry operator(extensions.&&) wanted_lnglat
          order by a.id) as t
    where t.geom is not null;
  end if;
  if 'streets' = any (layers) then
    select extensions.st_asmvt(t, 'streets', 4096, 'geom') into streets
    from (select s.id::text as id, s.prefix::text || ' ' || s.name::text as label,
                 extensions.st_asmvtgeom(extensions.st_transform(s.geometry, 3857), bounds, 4096, 64, true) as geom
          from public.streets s
          where s.organisation_id = p_organisation_id and s.geometry operator(extensions.&&) wanted_lnglat
          order by s.id) as t
    where t.geom is not null;
  end if;
  if 'addresses' = any (layers) then
    select extensions.st_asmvt(t, 'addresses', 4096, 'geom') into addresses
    from (select d.id::text as id, d.street_id::text as "streetId", coalesce(d.households, 1) as households,
                 extensions.st_asmvtgeom(extensions.st_transform(d.location, 3857), bounds, 4096, 64, true) as geom
          from public.addresses d
          where d.organisation_id = p_organisation_id and d.location operator(extensions.&&) wanted_lnglat
          order by d.id) as t
    where t.geom is not null;
  end if;
  return coalesce(areas, ''::bytea) || coalesce(streets, ''::bytea) || coalesce(addresses, ''::bytea);
end
$$;
comment on function public.map_tile(text, integer, integer, integer, text[]) is 'RPC: a Mapbox Vector Tile (z/x/y, web mercator, extent 4096, buffer 64) of the layers named in p_layers (null: all) of the centre''s areas (id, name, kind), streets (id, label) and addresses (id, streetId, households: 1 where unknown), the features of src/map/mapData.ts; for members of the centre (and the service role) only, as the places'' RLS; empty where there is nothing (or nothing the caller may see). No survey answers.';
revoke all on function public.map_tile(text, integer, integer, integer, text[]) from public, anon;
grant execute on function public.map_tile(text, integer, integer, integer, text[]) to authenticated, service_role;
