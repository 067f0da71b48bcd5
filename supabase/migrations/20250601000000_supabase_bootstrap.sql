-- Bootstrap: what a Supabase project already has, created only where it is missing
-- (plain PostgreSQL 15 + PostGIS 3, embedded PGlite). On a real Supabase project every
-- statement below is a no-op, so the same migrations apply unchanged there.
--
-- * roles anon, authenticated, service_role (PostgREST switches to them with SET ROLE);
-- * schema auth with auth.users (id only, plus email) and auth.uid(), auth.jwt(), auth.role(),
--   which read the JWT claims from `request.jwt.claims` exactly as Supabase's own functions do;
-- * schema extensions with PostGIS in it (Supabase installs extensions there).

do $bootstrap$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  -- The migration owner must be able to SET ROLE to them (PostgREST's authenticator does; tests do).
  if not pg_catalog.pg_has_role(current_user, 'anon', 'MEMBER') then
    execute pg_catalog.format('grant anon, authenticated, service_role to %I', current_user);
  end if;
end
$bootstrap$;

create schema if not exists auth;
create schema if not exists extensions;
grant usage on schema auth to anon, authenticated, service_role;
grant usage on schema extensions to anon, authenticated, service_role;
grant usage on schema public to anon, authenticated, service_role;

do $bootstrap$
begin
  if pg_catalog.to_regclass('auth.users') is null then
    create table auth.users (
      id uuid primary key default pg_catalog.gen_random_uuid(),
      email text unique,
      created_at timestamptz not null default pg_catalog.now()
    );
    comment on table auth.users is 'Stand-in for Supabase Auth''s users table (bootstrap only; Supabase has its own).';
  end if;

  if pg_catalog.to_regprocedure('auth.uid()') is null then
    create function auth.uid() returns uuid
    language sql stable
    as $fn$
      select nullif(
        coalesce(
          pg_catalog.current_setting('request.jwt.claim.sub', true),
          (nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
        ), ''
      )::uuid
    $fn$;
    comment on function auth.uid() is 'The caller''s user id: the sub claim of the JWT (bootstrap copy of Supabase''s auth.uid()).';
  end if;

  if pg_catalog.to_regprocedure('auth.role()') is null then
    create function auth.role() returns text
    language sql stable
    as $fn$
      select coalesce(
        pg_catalog.current_setting('request.jwt.claim.role', true),
        (nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
      )::text
    $fn$;
    comment on function auth.role() is 'The role claim of the JWT (bootstrap copy of Supabase''s auth.role()).';
  end if;

  if pg_catalog.to_regprocedure('auth.jwt()') is null then
    create function auth.jwt() returns jsonb
    language sql stable
    as $fn$
      select coalesce(
        nullif(pg_catalog.current_setting('request.jwt.claim', true), ''),
        nullif(pg_catalog.current_setting('request.jwt.claims', true), '')
      )::jsonb
    $fn$;
    comment on function auth.jwt() is 'All JWT claims as jsonb (bootstrap copy of Supabase''s auth.jwt()).';
  end if;
end
$bootstrap$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;

-- PostGIS lives in schema extensions, as on Supabase. Qualified names (extensions.geometry,
-- extensions.st_intersects) then mean the same thing everywhere.
create extension if not exists postgis with schema extensions;

do $bootstrap$
declare
  postgis_schema text;
begin
  select n.nspname into postgis_schema
  from pg_catalog.pg_extension e join pg_catalog.pg_namespace n on n.oid = e.extnamespace
  where e.extname = 'postgis';
  if postgis_schema is distinct from 'extensions' then
    raise exception 'PostGIS is installed in schema "%", but CAL Map''s migrations expect it in schema "extensions". Drop it (drop extension postgis) on this empty database and apply the migrations again.', postgis_schema;
  end if;
end
$bootstrap$;
