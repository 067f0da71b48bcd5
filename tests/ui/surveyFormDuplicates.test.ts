import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../src/domain';
import { answersPerAddress, checkDuplicate, mergeById } from '../../src/ui/surveyForm/duplicates';

const answer = (id: string, over: Partial<SurveyResponse> = {}): SurveyResponse =>
  Object.freeze({ id, campaignId: 'w2', addressId: 'a1', date: '2026-05-04', householdSize: 2, needs: [], nuisances: [], offers: [], ...over });

describe('duplicate answers for one address and wave', () => {
  const stored = Object.freeze([
    answer('r1', { needs: [{ category: 'health', severity: 2 }], nuisances: ['noise', 'litter'] }),
    answer('r2', { campaignId: 'w1' }), // another wave
    answer('r3', { addressId: 'a2' }), // another address
  ]);

  it('finds nothing at a fresh address, or in a fresh wave', () => {
    expect(checkDuplicate(answer('new', { addressId: 'a9' }), stored, 1)).toBeNull();
    expect(checkDuplicate(answer('new', { campaignId: 'w3' }), stored, 1)).toBeNull();
  });

  it('flags a second answer at a one-household address: it would outnumber the households', () => {
    expect(checkDuplicate(answer('new', { householdSize: 5 }), stored, 1)).toEqual({ existingAnswers: 1, households: 1, identical: false, exceedsHouseholds: true });
  });

  it('at a block of 4 households, flags softly, and says when the content is identical (order of lists ignored)', () => {
    const same = answer('new', { needs: [{ category: 'health', severity: 2 }], nuisances: ['litter', 'noise'] });
    expect(checkDuplicate(same, stored, 4)).toEqual({ existingAnswers: 1, households: 4, identical: true, exceedsHouseholds: false });
    const differentSeverity = answer('new', { needs: [{ category: 'health', severity: 3 }], nuisances: ['litter', 'noise'] });
    expect(checkDuplicate(differentSeverity, stored, 4)?.identical).toBe(false);
  });

  it('does not count the answer itself (saving an edit of the same id)', () => {
    expect(checkDuplicate(answer('r1'), stored, 1)).toBeNull();
  });

  it('counts answers per address within one wave: 2 + 1 at a1 and a2 in w2', () => {
    const all = mergeById(stored, [answer('q1')]);
    expect(Object.fromEntries(answersPerAddress(all, 'w2'))).toEqual({ a1: 2, a2: 1 });
    expect(Object.fromEntries(answersPerAddress(all, 'w1'))).toEqual({ a1: 1 });
  });

  it('merges queued answers over stored ones by id, without duplicates', () => {
    const merged = mergeById(stored, [answer('r1', { householdSize: 9 }), answer('q1')]);
    expect(merged.map((r) => r.id)).toEqual(['r2', 'r3', 'r1', 'q1']);
    expect(merged.find((r) => r.id === 'r1')?.householdSize).toBe(9);
    expect(mergeById(stored, [])).toBe(stored);
  });
});
