import { describe, expect, it } from 'vitest';
import { createDataSource } from '../../../src/data/createDataSource';

// The Supabase branch is tested in tests/data/supabase/supabaseDataSource.contract.test.ts.
describe('createDataSource', () => {
  it('returns the embedded adapter without Supabase settings', async () => {
    expect((await createDataSource({})).kind).toBe('embedded');
  });
});
