-- private.disclosure_writes (20250601001500) grows by one row per statement that writes a centre's data, forever, and
-- every read of a stored pattern counts them. Now each row carries a weight (`writes`, 1 for a write) and the version of
-- a centre's data is their sum; private.compact_disclosure_writes replaces a centre's rows by one row of their total.
--
-- Why the version stays right: the compaction deletes the rows its statement sees (committed) and inserts their sum in
-- the same statement, so every snapshot sees either all the old rows or the one new row — the same sum — plus the rows
-- of writes committed since (not deleted: the statement did not see them). The sum a snapshot computes is thus a
-- function of the writes it sees, as the count was: it changes with every write and never comes back to a value a
-- pattern was stored with. Two compactions of one centre take turns (an advisory lock; the second's statement, in
-- READ COMMITTED, sees the first's result).
--
-- A centre's rows are compacted by the first read after a write (private.disclosed_units_cached, which computes the
-- pattern anyway) once they are more than 100; in a read-only transaction they are left as they are.

alter table private.disclosure_writes add column writes bigint not null default 1;
comment on table private.disclosure_writes is 'Writes of a centre''s responses, need answers, streets, areas or grid: one row (writes = 1) per statement, or one row for many (private.compact_disclosure_writes). The sum of `writes` is the version of the centre''s data that private.disclosure_cache entries are computed from. Internal: owner only.';

create function private.compact_disclosure_writes(organisation text) returns void
language plpgsql security definer
set search_path = ''
as $$
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('private.disclosure_writes'), pg_catalog.hashtext(organisation));
  -- One statement (one snapshot): the rows it sees, deleted, and their sum, inserted.
  with gone as (
    delete from private.disclosure_writes w where w.organisation_id = organisation returning w.writes
  )
  insert into private.disclosure_writes (organisation_id, writes)
  select organisation, pg_catalog.sum(g.writes) from gone g having pg_catalog.count(*) > 0;
end
$$;
comment on function private.compact_disclosure_writes(text) is 'Replaces the centre''s rows in private.disclosure_writes by one row of their total weight: the version (the sum) every snapshot computes is unchanged. Internal.';
revoke all on function private.compact_disclosure_writes(text) from public;

-- disclosed_units_cached as in 20250601001500, the version a sum, and the rows compacted by a read that computes.
create or replace function private.disclosed_units_cached(organisation text, campaign text, needs public.need_category[], min_severity integer, k integer,
  offer_set public.offer[] default null)
returns setof private.disclosed_unit
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  request_key text := pg_catalog.jsonb_build_array(needs, min_severity, k, offer_set)::text;
  data_version bigint;
  version_rows bigint;
  pattern private.disclosed_unit[];
begin
  -- One statement, one snapshot: the version and the pattern stored for it.
  select v.n, (select c.units from private.disclosure_cache c
               where c.organisation_id = organisation and c.campaign_id = campaign and c.request = request_key and c.writes = v.n)
  into data_version, pattern
  from (select coalesce(pg_catalog.sum(w.writes), 0) as n from private.disclosure_writes w where w.organisation_id = organisation) as v;
  if pattern is null then
    -- One statement, one snapshot: the pattern and the version it is computed from.
    select v.n, v.rows, coalesce((select pg_catalog.array_agg(d) from private.disclosed_units(organisation, campaign, needs, min_severity, k, offer_set) as d), '{}')
    into data_version, version_rows, pattern
    from (select coalesce(pg_catalog.sum(w.writes), 0) as n, pg_catalog.count(*) as rows from private.disclosure_writes w where w.organisation_id = organisation) as v;
    begin
      insert into private.disclosure_cache as c (organisation_id, campaign_id, request, writes, units)
      values (organisation, campaign, request_key, data_version, pattern)
      on conflict (organisation_id, campaign_id, request) do update set writes = excluded.writes, units = excluded.units
        where c.writes < excluded.writes;
      if version_rows > 100 then
        perform private.compact_disclosure_writes(organisation);
      end if;
    exception when read_only_sql_transaction then
      null; -- computed, not stored
    end;
  end if;
  return query select * from pg_catalog.unnest(pattern);
end
$$;
comment on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) is 'private.disclosed_units, stored per (organisation, campaign, request) with the version of the centre''s data (sum of private.disclosure_writes.writes) and read back while that version is current; a read that computes compacts the centre''s version rows past 100. Internal: no access check.';
revoke all on function private.disclosed_units_cached(text, text, public.need_category[], integer, integer, public.offer[]) from public;
