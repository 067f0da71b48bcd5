import { describe, expect, it } from 'vitest';
import { matchStreet } from '../../src/ui/explore/StreetSearch';
import { smallTown } from './fixtures/smallTown';

describe('matchStreet', () => {
  const streets = smallTown.streets; // ul. Polna, ul. Leśna

  it('matches the full label or the bare name, ignoring case', () => {
    expect(matchStreet(streets, 'ul. Polna')?.id).toBe('s-polna');
    expect(matchStreet(streets, 'LEŚNA')?.id).toBe('s-lesna');
  });

  it('falls back to a prefix, then to a substring', () => {
    expect(matchStreet(streets, 'le')?.id).toBe('s-lesna');
    expect(matchStreet(streets, 'olna')?.id).toBe('s-polna');
  });

  it('finds nothing for an empty or unknown query', () => {
    expect(matchStreet(streets, '  ')).toBeUndefined();
    expect(matchStreet(streets, 'Kwiatowa')).toBeUndefined();
  });
});
