import { describe, expect, it } from 'vitest';
import { dataAttribution, DEMO_ORGANISATION_ID } from '../../src/ui/i18n/attribution';

describe('data attribution', () => {
  it('marks the demo town fictional and names a centre’s own data', () => {
    expect(dataAttribution('pl', { id: DEMO_ORGANISATION_ID, name: 'MOPS w Dębowie' })).toBe('Dane: miasto demonstracyjne (fikcyjne)');
    expect(dataAttribution('en', null)).toBe('Data: demo town (fictional)');
    expect(dataAttribution('pl', { id: 'mops-nowy-sacz', name: 'MOPS Nowy Sącz' })).toBe('Dane: MOPS Nowy Sącz');
    expect(dataAttribution('en', { id: 'mops-nowy-sacz', name: 'MOPS Nowy Sącz' })).toBe('Data: MOPS Nowy Sącz');
  });
});
