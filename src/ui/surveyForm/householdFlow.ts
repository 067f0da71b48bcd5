import type { Address, LeaderContact, SurveyResponse } from '../../domain';
import type { DuplicateCheck } from './duplicates';
import { EMPTY_DRAFT, type DraftErrors, type HouseholdDraft } from './householdDraft';

/**
 * One household at the door, as a state machine: an address is chosen, the answers typed (errors shown once and
 * cleared field by field as they are fixed), saved — or first confirmed when the address already has answers — and
 * then the next household. Pure; SurveyFormView.tsx runs the save and draws the state.
 */

export type Phase =
  | { kind: 'form' }
  | { kind: 'saved'; address: Address }
  /** `contact`: the leader contact saved with the answers once confirmed, if the resident left one. */
  | { kind: 'duplicate'; response: SurveyResponse; contact?: LeaderContact; check: DuplicateCheck };

export interface HouseholdFlow {
  address: Address | null;
  draft: HouseholdDraft;
  errors: DraftErrors;
  phase: Phase;
  saving: boolean;
  saveFailure: string | null;
}

export type HouseholdAction =
  /** A new household (the next one, the same address again, or back to choosing: null). */
  | { type: 'start'; address: Address | null }
  /** Typed; `errors` are the ones still standing after the change (none are added before saving). */
  | { type: 'edit'; draft: HouseholdDraft; errors: DraftErrors }
  | { type: 'invalid'; errors: DraftErrors }
  | { type: 'confirmDuplicate'; response: SurveyResponse; contact?: LeaderContact; check: DuplicateCheck }
  | { type: 'backToForm' }
  | { type: 'saving' }
  | { type: 'saved'; address: Address }
  | { type: 'saveFailed'; reason: string };

export const initialHouseholdFlow = (): HouseholdFlow => ({ address: null, draft: EMPTY_DRAFT, errors: {}, phase: { kind: 'form' }, saving: false, saveFailure: null });

export function householdFlow(state: HouseholdFlow, action: HouseholdAction): HouseholdFlow {
  switch (action.type) {
    case 'start':
      return { ...initialHouseholdFlow(), address: action.address };
    case 'edit':
      return { ...state, draft: action.draft, errors: action.errors };
    case 'invalid':
      return { ...state, errors: action.errors, saveFailure: null };
    case 'confirmDuplicate':
      return { ...state, errors: {}, saveFailure: null, phase: { kind: 'duplicate', response: action.response, ...(action.contact ? { contact: action.contact } : {}), check: action.check } };
    case 'backToForm':
      return state.phase.kind === 'duplicate' ? { ...state, phase: { kind: 'form' } } : state;
    case 'saving':
      return { ...state, errors: {}, saveFailure: null, saving: true };
    case 'saved':
      return { ...state, saving: false, phase: { kind: 'saved', address: action.address } };
    case 'saveFailed':
      return { ...state, saving: false, saveFailure: action.reason, phase: { kind: 'form' } };
  }
}
