import { describe, expect, it } from 'vitest';
import { createDataSource } from '../../../src/data/createDataSource';

// Lives here with the embedded adapter's tests because, for now, the embedded adapter is all it returns.
describe('createDataSource', () => {
  it('returns the embedded adapter without Supabase settings', () => {
    expect(createDataSource({}).kind).toBe('embedded');
  });

  it('returns the embedded adapter with Supabase settings too, until the Supabase adapter exists', () => {
    expect(createDataSource({ VITE_SUPABASE_URL: 'https://example.supabase.co', VITE_SUPABASE_ANON_KEY: 'anon' }).kind).toBe('embedded');
  });
});
