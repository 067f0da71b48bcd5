-- pgTAP: issue 11's attacker, the SQL way, on the demo seed (wave 1, addiction). A partner
--   1. sweeps hexagon sizes and origins (finding 1's slicing, finding 2's 25 m cells): every call must be refused;
--   2. takes every published street, area and cell of the fixed grid, and subtracts, for every published area and
--      cell, the published streets (and cells) lying wholly inside it: the residual must never be exactly one
--      suppressed street or cell, nor the responses of one single home.
-- The full linear-algebra attacker (any combination of published cells) is supabase/tests/attacker.test.ts.
begin;
create extension if not exists pgtap with schema extensions;
set local search_path = extensions, public;

select plan(7);

insert into auth.users (id) values ('00000000-0000-4000-8000-0000000000f1');
insert into public.memberships (user_id, organisation_id, role) values ('00000000-0000-4000-8000-0000000000f1', 'mops-debowo', 'partner');

create function pg_temp.as_partner() returns void language sql as $$
  select set_config('role', 'authenticated', true),
         set_config('request.jwt.claims', '{"sub":"00000000-0000-4000-8000-0000000000f1","role":"authenticated"}', true)
$$;

-- 1. The sweep: 6 sizes × 15 origins slid across the town's longitudes, and 6 sizes without an origin.
create function pg_temp.sweep() returns table (tried integer, refused integer) language plpgsql as $$
declare
  size double precision;
  lng double precision;
begin
  tried := 0; refused := 0;
  foreach size in array array[25, 100, 249, 251, 1000, 10000] loop
    for i in 0 .. 15 loop
      lng := 19.28 + i * 0.004;
      tried := tried + 1;
      begin
        if i = 15 then
          perform * from public.campaign_aggregates_by_hex('mops-debowo', 'campaign-2025-w1', '{addiction}', 1, 1, size);
        else
          perform * from public.campaign_aggregates_by_hex('mops-debowo', 'campaign-2025-w1', '{addiction}', 1, 5, size, lng, 50.16);
        end if;
      exception when insufficient_privilege then
        refused := refused + 1;
      end;
    end loop;
  end loop;
  return next;
end $$;
select pg_temp.as_partner();
create temp table sweep on commit drop as select * from pg_temp.sweep();
create temp table published on commit drop as
  select 'street' as kind, unit_id, responses from public.campaign_aggregates_by_street('mops-debowo', 'campaign-2025-w1', '{addiction}')
  union all select 'area', unit_id, responses from public.campaign_aggregates_by_area('mops-debowo', 'campaign-2025-w1', '{addiction}')
  union all select 'hex', unit_id, responses from public.campaign_aggregates_by_hex('mops-debowo', 'campaign-2025-w1', '{addiction}');
reset role;

select is((select tried from sweep), 96, '96 hexagon grids tried');
select is((select refused from sweep), 96, 'every one refused');
select cmp_ok((select count(*) from published), '>', 100::bigint, 'the partner still gets figures: over 100 published cells');

-- 2. Ground truth as the owner: each response's home and units (the fixed grid's cells).
create temp table membership on commit drop as
with g as (select * from public.hex_grids where organisation_id = 'mops-debowo'),
resp as (
  select r.id, r.located_at, r.assigned_street_id,
         coalesce('a:' || r.address_id, 'p:' || extensions.st_astext(r.located_at), 's:' || r.assigned_street_id, 'r:' || r.id) as home
  from public.survey_responses r where r.organisation_id = 'mops-debowo' and r.campaign_id = 'campaign-2025-w1'
)
select x.id, x.home, 'street' as kind, x.assigned_street_id::text as unit from resp x where x.assigned_street_id is not null
union all
select x.id, x.home, 'area', ra.area_id from resp x join private.response_areas('mops-debowo', 'campaign-2025-w1') as ra on ra.response_id = x.id
union all
select x.id, x.home, 'hex', (select q[1] || ',' || q[2] from (select private.hex_cell(extensions.st_x(x.located_at), extensions.st_y(x.located_at), g.origin_lng, g.origin_lat, g.size_meters) as q) as h)
from resp x, g where x.located_at is not null;
create index on membership (kind, unit);
create index on membership (id, kind, unit);
analyze membership;
analyze published;

select is((select count(*) from published p where p.responses <> (select count(*) from membership m where m.kind = p.kind and m.unit = p.unit_id)),
  0::bigint, 'every published figure equals the ground truth');

-- Parent (published area or cell) minus its published children of one kind (streets; cells) wholly inside it.
create temp table residuals on commit drop as
with children as (
  select p.kind as parent_kind, p.unit_id as parent, c.kind as child_kind, c.unit_id as child
  from published p join published c on c.kind in ('street', 'hex') and c.kind <> p.kind and p.kind in ('area', 'hex')
  where not exists (select 1 from membership m where m.kind = c.kind and m.unit = c.unit_id
                    and not exists (select 1 from membership q where q.id = m.id and q.kind = p.kind and q.unit = p.unit_id))
), parents as (
  select distinct parent_kind, parent, child_kind from children
)
select pa.parent_kind, pa.parent, pa.child_kind, m.id, m.home
from parents pa
join membership m on m.kind = pa.parent_kind and m.unit = pa.parent
where not exists (select 1 from children ch join membership c on c.kind = ch.child_kind and c.unit = ch.child and c.id = m.id
                  where ch.parent_kind = pa.parent_kind and ch.parent = pa.parent and ch.child_kind = pa.child_kind);

select cmp_ok((select count(distinct (parent_kind, parent, child_kind)) from residuals), '>', 10::bigint, 'more than 10 parent-minus-children differences taken');
select is((select count(*) from (
    select r.parent_kind, r.parent, r.child_kind from residuals r group by 1, 2, 3 having count(distinct r.home) = 1) as one_home),
  0::bigint, 'no difference isolates the responses of one home');
select is((select count(*) from (
    select r.parent_kind, r.parent, r.child_kind, u.kind, u.unit
    from residuals r join membership u on u.id = r.id
    where not exists (select 1 from published p where p.kind = u.kind and p.unit_id = u.unit)
    group by 1, 2, 3, 4, 5
    having count(*) = (select count(*) from residuals r2 where (r2.parent_kind, r2.parent, r2.child_kind) = (r.parent_kind, r.parent, r.child_kind))
       and count(*) = (select count(*) from membership m2 where m2.kind = u.kind and m2.unit = u.unit)) as exact),
  0::bigint, 'no difference equals one suppressed street or cell');

select * from finish();
rollback;
