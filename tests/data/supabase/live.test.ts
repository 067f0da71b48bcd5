import { describe, expect, it } from 'vitest';
import { createSupabaseDataSource } from '../../../src/data/supabase';

/**
 * Live tests against a real Supabase project (hosted, or `supabase start`) with supabase/migrations and seed.sql applied.
 * They run only with SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_TEST_EMAIL and SUPABASE_TEST_PASSWORD set: a user that is
 * a planner (or admin) of the seeded centre (mops-debowo). They write one event and delete it again.
 */
const env = {
  url: process.env.SUPABASE_URL ?? '',
  anonKey: process.env.SUPABASE_ANON_KEY ?? '',
  email: process.env.SUPABASE_TEST_EMAIL ?? '',
  password: process.env.SUPABASE_TEST_PASSWORD ?? '',
};
const missing = Object.entries({ SUPABASE_URL: env.url, SUPABASE_ANON_KEY: env.anonKey, SUPABASE_TEST_EMAIL: env.email, SUPABASE_TEST_PASSWORD: env.password })
  .filter(([, value]) => !value).map(([name]) => name);
const reason = missing.length ? `skipped: set ${missing.join(', ')} to run the live Supabase tests` : '';

describe.skipIf(missing.length > 0)(`Supabase live${reason ? ` (${reason})` : ''}`, () => {
  const source = () => createSupabaseDataSource({ url: env.url, anonKey: env.anonKey, clientOptions: { auth: { persistSession: false, autoRefreshToken: false } } });

  it('refuses a wrong password with a readable message', async () => {
    expect(await source().signIn(env.email, `${env.password}-wrong`)).toEqual({ ok: false, message: 'wrong e-mail or password' });
  });

  it('signs in, reads the role and the whole workspace, saves and deletes an event, signs out', async () => {
    const s = source();
    const signedIn = await s.signIn(env.email, env.password);
    expect(signedIn.ok).toBe(true);
    const membership = await s.membership();
    expect(membership.ok && membership.current?.role).toMatch(/^(admin|planner)$/);
    const { workspace, issues } = await s.loadWorkspace();
    expect(issues).toEqual([]);
    expect(workspace.streets.length).toBeGreaterThan(0);
    const event = { id: `live-test-${Date.now()}`, name: 'Test na żywo', kind: 'meeting' as const, date: '2025-06-01', location: { type: 'Point' as const, coordinates: [19.3, 50.15] as [number, number] }, placeName: 'Sala', programme: [], participants: 1 };
    expect(await s.saveRecord('events', event)).toEqual({ ok: true });
    expect((await s.loadWorkspace()).workspace.events.find((e) => e.id === event.id)).toEqual(event);
    expect(await s.deleteRecord('events', event.id)).toEqual({ ok: true });
    expect(await s.signOut()).toEqual({ ok: true });
    expect((await s.loadWorkspace()).issues[0]?.field).toBe('(session)');
  });
});

describe.runIf(missing.length > 0)('Supabase live', () => {
  it.skip(reason, () => {});
});
