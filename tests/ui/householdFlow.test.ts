import { describe, expect, it } from 'vitest';
import type { Address, SurveyResponse } from '../../src/domain';
import { householdFlow, initialHouseholdFlow, type HouseholdAction, type HouseholdFlow } from '../../src/ui/surveyForm/householdFlow';
import { EMPTY_DRAFT } from '../../src/ui/surveyForm/householdDraft';

const address = { id: 'a1', streetId: 's1', houseNumber: '12', households: 3, location: { type: 'Point', coordinates: [19.3, 50.15] } } as unknown as Address;
const response = { id: 'r1', campaignId: 'w1', addressId: 'a1' } as unknown as SurveyResponse;
const check = { existingAnswers: 3, households: 3, identical: false, exceedsHouseholds: true };
const run = (state: HouseholdFlow, ...actions: HouseholdAction[]) => actions.reduce(householdFlow, state);

describe('one household at the door', () => {
  it('a chosen address starts a clean form; typing keeps only the errors still standing', () => {
    const typed = run(initialHouseholdFlow(), { type: 'start', address }, { type: 'invalid', errors: { householdSize: 'surveyErrSize', needs: 'surveyErrNeeds' } as never });
    expect(typed.errors).toEqual({ householdSize: 'surveyErrSize', needs: 'surveyErrNeeds' });
    const fixed = run(typed, { type: 'edit', draft: { ...EMPTY_DRAFT, householdSize: '2' } as never, errors: { needs: 'surveyErrNeeds' } as never });
    expect(fixed.errors).toEqual({ needs: 'surveyErrNeeds' });
    expect(fixed.address).toBe(address);
  });

  it('a save runs, then says saved; a failed save goes back to the form with the reason and the answers kept', () => {
    const draft = { ...EMPTY_DRAFT, householdSize: '2' } as never;
    const saving = run(initialHouseholdFlow(), { type: 'start', address }, { type: 'edit', draft, errors: {} }, { type: 'saving' });
    expect(saving.saving).toBe(true);
    expect(run(saving, { type: 'saved', address })).toMatchObject({ saving: false, phase: { kind: 'saved', address } });
    const failed = run(saving, { type: 'saveFailed', reason: 'quota' });
    expect(failed).toMatchObject({ saving: false, saveFailure: 'quota', phase: { kind: 'form' }, draft });
  });

  it('an address with answers asks first; going back keeps the answers, the next household starts empty', () => {
    const draft = { ...EMPTY_DRAFT, householdSize: '4' } as never;
    const asking = run(initialHouseholdFlow(), { type: 'start', address }, { type: 'edit', draft, errors: {} }, { type: 'confirmDuplicate', response, check });
    expect(asking.phase).toEqual({ kind: 'duplicate', response, check });
    const back = run(asking, { type: 'backToForm' });
    expect(back).toMatchObject({ phase: { kind: 'form' }, draft });
    // Closing the dialog when it is not asking changes nothing.
    const saved = run(back, { type: 'saved', address });
    expect(run(saved, { type: 'backToForm' })).toBe(saved);
    expect(run(saved, { type: 'start', address: null })).toEqual(initialHouseholdFlow());
  });
});
