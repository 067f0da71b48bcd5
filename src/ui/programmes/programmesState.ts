import { combineGeometries, type SelectionGeometry } from '../../analysis/revitalisationLimits';
import type { Area, NeedCategoryId, Programme, Resource } from '../../domain';
import type { MessageKey } from '../i18n/dictionary';
import { emptyDraft, type DraftField, type ProgrammeDraft, type ProgrammeTarget } from './programmeDraft';
import type { CandidateChoice } from './programmeRanking';
import { needChoiceOf, type NeedChoice, type NeedWeights } from '../common/plannerView';

/**
 * "Programy" as a state machine: what the planner chose (wave, need, kind of candidate), what is selected or drawn
 * as the target, the programme form and its save. Pure: the view (ProgrammesView.tsx) dispatches actions, runs the
 * ranking and the save, and draws the state; this file is unit-tested without a browser.
 */

export type SaveStatus = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; name: string } | { kind: 'failed'; reason: string };

export interface ProgrammesState {
  /** The wave asked for (null: the latest); a wave that no longer exists falls back to the latest. */
  campaignId: string | null;
  need: NeedChoice;
  kind: CandidateChoice;
  /** Ranked candidates picked as (part of) the target. */
  selectedIds: readonly string[];
  /** A boundary drawn by hand, added to the picked candidates. */
  drawn: SelectionGeometry | null;
  drawing: boolean;
  /** Bumped when the drawn boundary is cleared, so the map removes its drawing. */
  clearTick: number;
  draft: ProgrammeDraft;
  errors: Partial<Record<DraftField, MessageKey>>;
  status: SaveStatus;
  /** Programmes saved in this session (the workspace's list is refreshed on the next load). */
  saved: readonly Programme[];
  /** The programme whose area and wave comparison are shown. */
  focusedId: string | null;
}

export type ProgrammesAction =
  | { type: 'chooseWave'; campaignId: string }
  | { type: 'chooseNeed'; need: NeedChoice }
  | { type: 'chooseKind'; kind: CandidateChoice }
  | { type: 'toggleCandidate'; id: string }
  | { type: 'startDrawing' }
  | { type: 'stopDrawing' }
  | { type: 'drawn'; geometry: SelectionGeometry | null }
  | { type: 'clearDrawn' }
  | { type: 'editDraft'; draft: Partial<ProgrammeDraft> }
  | { type: 'invalid'; errors: Partial<Record<DraftField, MessageKey>> }
  | { type: 'saving' }
  | { type: 'saveFailed'; reason: string }
  | { type: 'saved'; programme: Programme; year: number }
  | { type: 'toggleFocus'; id: string };

/** The link's choices on the map (src/share view state) open "Programy" on the same wave and need. */
export function initialProgrammesState(url: { campaignId: string | null; need: NeedCategoryId | null }, mapWeights: NeedWeights | null, year: number): ProgrammesState {
  return {
    campaignId: url.campaignId,
    need: needChoiceOf(url, mapWeights),
    kind: 'estate',
    selectedIds: [],
    drawn: null,
    drawing: false,
    clearTick: 0,
    draft: emptyDraft(year),
    errors: {},
    status: { kind: 'idle' },
    saved: [],
    focusedId: null,
  };
}

export function programmesReducer(state: ProgrammesState, action: ProgrammesAction): ProgrammesState {
  switch (action.type) {
    case 'chooseWave':
      return { ...state, campaignId: action.campaignId };
    case 'chooseNeed':
      return { ...state, need: action.need };
    case 'chooseKind':
      // Another kind of candidate: the old selection no longer refers to rows shown.
      return action.kind === state.kind ? state : { ...state, kind: action.kind, selectedIds: [] };
    case 'toggleCandidate':
      return { ...state, selectedIds: state.selectedIds.includes(action.id) ? state.selectedIds.filter((x) => x !== action.id) : [...state.selectedIds, action.id] };
    case 'startDrawing':
      return { ...state, drawing: true };
    case 'stopDrawing':
      return { ...state, drawing: false };
    case 'drawn':
      return { ...state, drawn: action.geometry };
    case 'clearDrawn':
      return { ...state, drawn: null, clearTick: state.clearTick + 1 };
    case 'editDraft':
      return { ...state, draft: { ...state.draft, ...action.draft } };
    case 'invalid':
      return { ...state, errors: action.errors, status: { kind: 'idle' } };
    case 'saving':
      return { ...state, errors: {}, status: { kind: 'saving' } };
    case 'saveFailed':
      return { ...state, status: { kind: 'failed', reason: action.reason } };
    case 'saved':
      return {
        ...state,
        saved: [...state.saved.filter((p) => p.id !== action.programme.id), action.programme],
        status: { kind: 'saved', name: action.programme.name },
        focusedId: action.programme.id,
        draft: emptyDraft(action.year),
      };
    case 'toggleFocus':
      return { ...state, focusedId: state.focusedId === action.id ? null : action.id };
  }
}

/** The wave the ranking follows: the one asked for while it exists, else the latest. */
export function effectiveWave(asked: string | null, campaigns: readonly { id: string }[]): string | null {
  return asked && campaigns.some((c) => c.id === asked) ? asked : (campaigns.at(-1)?.id ?? null);
}

/**
 * The target: the picked candidates' shapes and the drawn boundary, unioned. Exactly one known area picked (and
 * nothing drawn) keeps that area's id, so wave comparisons use the area itself.
 */
export function targetOf(
  shapes: readonly { id: string; geometry: SelectionGeometry }[],
  selectedIds: readonly string[],
  drawn: SelectionGeometry | null,
  areaById: ReadonlyMap<string, Area>,
): ProgrammeTarget | null {
  const parts = shapes.filter((s) => selectedIds.includes(s.id)).map((s) => s.geometry);
  if (drawn) parts.push(drawn);
  const geometry = combineGeometries(parts);
  if (!geometry) return null;
  const only = !drawn && selectedIds.length === 1 ? areaById.get(selectedIds[0]!) : undefined;
  return only ? { geometry, targetAreaId: only.id } : { geometry };
}

/** The workspace's programmes with this session's saves over them (by id). */
export function programmesShown(stored: readonly Programme[], saved: readonly Programme[]): Programme[] {
  const byId = new Map(stored.map((p) => [p.id, p]));
  for (const p of saved) byId.set(p.id, p);
  return [...byId.values()];
}

/** A partner on the programme's map: an institution of the inventory, by its point. */
export interface PartnerPoint { id: string; name: string; position: [number, number] }

/**
 * The partners the map shows: those of the programme chosen in the list, else those ticked in the form being
 * written (picked from the inventory, ProgrammeForm). Ids that name no resource are skipped. Pure.
 */
export function partnersInView(programmes: readonly Programme[], focusedId: string | null, draftPartnerIds: readonly string[], resources: readonly Resource[]): PartnerPoint[] {
  const ids = new Set(programmes.find((p) => p.id === focusedId)?.partnerIds ?? draftPartnerIds);
  return resources.filter((r) => ids.has(r.id)).map((r) => ({ id: r.id, name: r.name, position: r.location.coordinates as [number, number] }));
}
