-- pgTAP: vector tiles of the demo town (public.map_tile, ST_AsMVT), on a database with the migrations and the seed.
-- A tile is checked by its layers' names in the protobuf (no MVT decoder here) and by ST_AsMVT of the same rows.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = extensions, public;

select plan(11);

insert into auth.users (id) values ('00000000-0000-4000-8000-0000000000e0'), ('00000000-0000-4000-8000-0000000000e1');
insert into public.memberships (user_id, organisation_id, role) values ('00000000-0000-4000-8000-0000000000e0', 'mops-debowo', 'partner');

-- The z 15 tile of the first address of the demo town (web mercator tile of its lon/lat).
create temp table spot on commit drop as
select 15 as z,
       floor((st_x(d.location) + 180) / 360 * 2 ^ 15)::integer as x,
       floor((1 - ln(tan(radians(st_y(d.location))) + 1 / cos(radians(st_y(d.location)))) / pi()) / 2 * 2 ^ 15)::integer as y
from public.addresses d where d.organisation_id = 'mops-debowo' order by d.id limit 1;
grant select on spot to authenticated, service_role;

create function pg_temp.act_as(who text) returns void language plpgsql as $$
begin
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', json_build_object('sub', who, 'role', 'authenticated')::text, true);
end $$;
grant execute on function pg_temp.act_as(text) to authenticated;

-- What the tile must hold, as the owner: the addresses inside it (ST_AsMVTGeom keeps those in the tile and its buffer).
create temp table expected on commit drop as
select count(*) as addresses from public.addresses d, spot s
where d.organisation_id = 'mops-debowo'
  and st_asmvtgeom(st_transform(d.location, 3857), st_tileenvelope(s.z, s.x, s.y), 4096, 64, true) is not null;
select cmp_ok((select addresses from expected), '>', 0::bigint, 'the chosen tile holds addresses of the demo town');

-- A member (even a partner: places are reference data) gets the three layers.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000e0');
create temp table tile on commit drop as select public.map_tile('mops-debowo', s.z, s.x, s.y) as mvt from spot s;
reset role;
grant select on tile to service_role;
select cmp_ok((select length(mvt) from tile), '>', 100, 'a member gets a tile with features');
select ok((select position(convert_to('addresses', 'UTF8') in mvt) > 0 from tile), 'the tile has an addresses layer');
select ok((select position(convert_to('streets', 'UTF8') in mvt) > 0 from tile), 'the tile has a streets layer');
select ok((select position(convert_to('areas', 'UTF8') in mvt) > 0 from tile), 'the tile has an areas layer');
-- The addresses layer is exactly ST_AsMVT of the expected addresses (same rows, same order of layers' encoding), with
-- the map's properties (src/map/mapData.ts addressFeatures: streetId, households 1 where unknown), chosen in the tile
-- and its buffer (migration 20250601001700).
select ok((select position((select st_asmvt(t, 'addresses', 4096, 'geom') from (
              select d.id::text as id, d.street_id::text as "streetId", coalesce(d.households, 1) as households,
                     st_asmvtgeom(st_transform(d.location, 3857), st_tileenvelope(s.z, s.x, s.y), 4096, 64, true) as geom
              from public.addresses d, spot s
              where d.organisation_id = 'mops-debowo' and d.location && st_transform(st_tileenvelope(s.z, s.x, s.y, margin => 64.0 / 4096), 4326)
              order by d.id) as t
            where t.geom is not null) in mvt) > 0 from tile),
  'its addresses layer is the encoding of the addresses in the tile');
-- One layer a call when asked (the map's two vector sources each ask for theirs).
select pg_temp.act_as('00000000-0000-4000-8000-0000000000e0');
create temp table only_addresses on commit drop as select public.map_tile('mops-debowo', s.z, s.x, s.y, array['addresses']) as mvt from spot s;
select ok((select position(convert_to('streets', 'UTF8') in o.mvt) = 0
                  and position(o.mvt in t.mvt) = length(t.mvt) - length(o.mvt) + 1 from only_addresses o, tile t),
          'asked for addresses only, the tile is the addresses layer alone (the last layer of the whole tile)');
reset role;

-- Far away (z 15 tile of 0°, 0°): empty. A stranger: empty (RLS). anon: may not call it.
select pg_temp.act_as('00000000-0000-4000-8000-0000000000e0');
select is(public.map_tile('mops-debowo', 15, 16384, 16383), ''::bytea, 'a tile without places is empty');
select pg_temp.act_as('00000000-0000-4000-8000-0000000000e1');
select is((select public.map_tile('mops-debowo', s.z, s.x, s.y) from spot s), ''::bytea, 'a stranger gets an empty tile');
reset role;
-- The service role reads every centre's places (it bypasses RLS; map_tile, a security definer, lets it too).
select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role": "service_role"}', true);
select is((select public.map_tile('mops-debowo', s.z, s.x, s.y) from spot s), (select mvt from tile), 'the service role gets the members'' tile');
reset role;
set local role anon;
select throws_ok($$select public.map_tile('mops-debowo', 15, 0, 0)$$, '42501', null, 'anon may not call map_tile');
reset role;

select * from finish();
rollback;
