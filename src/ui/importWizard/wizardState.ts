import type { ImportPlan, UnknownValue } from '../../data/import';
import type { InputIssue } from '../../domain';
import type { ColumnMapping, CrsChoice, ImportKind, ImportSettingsInput, TextEncodingName, ValueMapping, ValueMappingField } from '../../domain/importing';
import type { ImportPreview } from '../../worker/importProtocol';

/**
 * The import wizard's state and its reducer: pure, so every step can be tested without a browser.
 *
 * The flow: choose a file (its kind is suggested) → the worker plans it with what was detected → the user changes
 * kind, encoding, delimiter, coordinate system or columns → each change bumps `revision` and the view plans again
 * (the older plan is cancelled) → "Importuj wszystko" is offered only for a clean plan of the current revision →
 * commit → done. All or nothing: a plan with any error can never be committed.
 */

export type CsvDelimiterChoice = ',' | ';' | '\t' | '|';

export interface WizardSettings {
  encoding?: TextEncodingName;
  delimiter?: CsvDelimiterChoice;
  crs?: CrsChoice;
  /** Absent: the plan's suggestion is used (and shown pre-filled). Set once the user changes any column. */
  columnMapping?: ColumnMapping;
  campaignId?: string;
  onUnmatched: 'error' | 'skip';
  /** The user confirmed a file far from the workspace's town (the plan's `farFromTown`). */
  acceptFarFromTown?: true;
  /** What the centre's own values mean (issue 12); loaded from the browser when a file is chosen, saved on change. */
  valueMapping?: ValueMapping;
}

export type PlanningState =
  | { status: 'idle' }
  | { status: 'planning'; revision: number; done: number; total: number }
  | { status: 'failed'; revision: number; message: string };

export type CommitState =
  | { status: 'idle' }
  | { status: 'saving' }
  | { status: 'done'; counts: RecordCounts; rejected: number }
  | { status: 'failed'; issues: InputIssue[] };

export interface RecordCounts { streets: number; addresses: number; resources: number; responses: number }

export interface ChosenFile { name: string; size: number; blob: Blob }

export interface WizardState {
  file: ChosenFile | null;
  kind: ImportKind | null;
  /** What the file looked like; shown next to the kind choice. */
  suggestedKind: ImportKind | null;
  settings: WizardSettings;
  /** Bumped by every change that needs a new plan. */
  revision: number;
  planning: PlanningState;
  plan: ImportPlan | null;
  preview: ImportPreview | null;
  /** The revision `plan` answers; a plan of an older revision is shown but cannot be committed. */
  planRevision: number;
  commit: CommitState;
  /**
   * Every unknown value the plans of this file listed (latest count wins): a value stays in the mapping step after
   * it was mapped (and so is no longer unknown), so the user can see and change the decision.
   */
  valuesSeen: UnknownValue[];
}

export type WizardAction =
  | { type: 'fileChosen'; file: ChosenFile; suggestedKind: ImportKind | null; defaultCampaignId?: string; valueMapping?: ValueMapping }
  | { type: 'valuesMapped'; entries: readonly { field: ValueMappingField; folded: string; category: string | undefined }[] }
  | { type: 'valueMappingCleared' }
  | { type: 'kindChosen'; kind: ImportKind }
  | { type: 'encodingChosen'; encoding: TextEncodingName | undefined }
  | { type: 'delimiterChosen'; delimiter: CsvDelimiterChoice | undefined }
  | { type: 'crsChosen'; crs: CrsChoice | undefined }
  | { type: 'columnChosen'; field: string; column: string | undefined }
  | { type: 'campaignChosen'; campaignId: string }
  | { type: 'onUnmatchedChosen'; onUnmatched: 'error' | 'skip' }
  | { type: 'farFromTownAccepted'; accepted: boolean }
  | { type: 'planStarted'; revision: number }
  | { type: 'planProgress'; revision: number; done: number; total: number }
  | { type: 'planned'; revision: number; plan: ImportPlan; preview: ImportPreview }
  | { type: 'planFailed'; revision: number; message: string }
  | { type: 'commitStarted'; validRowsOnly?: boolean }
  | { type: 'committed'; counts: RecordCounts; rejected?: number }
  | { type: 'commitFailed'; issues: InputIssue[] }
  | { type: 'reset' };

export const initialWizardState: WizardState = {
  file: null,
  kind: null,
  suggestedKind: null,
  settings: { onUnmatched: 'error' },
  revision: 0,
  planning: { status: 'idle' },
  plan: null,
  preview: null,
  planRevision: -1,
  commit: { status: 'idle' },
  valuesSeen: [],
};

/** A settings change: a new revision to plan, and any earlier commit outcome forgotten. */
const changed = (state: WizardState, settings: WizardSettings, extra: Partial<WizardState> = {}): WizardState => ({
  ...state,
  ...extra,
  settings,
  revision: state.revision + 1,
  commit: { status: 'idle' },
});

/** The mapping the view shows: what the user set, else what the last plan suggested for this kind. */
export function shownMapping(state: WizardState): ColumnMapping | undefined {
  if (state.settings.columnMapping) return state.settings.columnMapping;
  const suggested = state.plan?.columns?.mapping;
  return suggested && suggested.kind === state.kind ? suggested : undefined;
}

export function wizardReducer(state: WizardState, action: WizardAction): WizardState {
  switch (action.type) {
    case 'fileChosen': {
      const kind = action.suggestedKind ?? state.kind ?? 'addresses';
      return {
        ...initialWizardState,
        file: action.file,
        kind,
        suggestedKind: action.suggestedKind,
        settings: { onUnmatched: 'error', ...(action.defaultCampaignId ? { campaignId: action.defaultCampaignId } : {}), ...(action.valueMapping ? { valueMapping: action.valueMapping } : {}) },
        revision: state.revision + 1,
      };
    }
    case 'kindChosen': {
      if (action.kind === state.kind) return state;
      // Columns and coordinate system belong to a kind; the file reading (encoding, delimiter) does not.
      const { columnMapping: _mapping, crs: _crs, ...rest } = state.settings;
      return changed(state, rest, { kind: action.kind, plan: null, preview: null, planRevision: -1 });
    }
    case 'encodingChosen':
      return changed(state, withOptional(state.settings, 'encoding', action.encoding));
    case 'delimiterChosen': {
      // Another delimiter means other headers: the column choices made for the old ones no longer apply.
      const { columnMapping: _mapping, ...rest } = state.settings;
      return changed(state, withOptional(rest, 'delimiter', action.delimiter));
    }
    case 'crsChosen':
      return changed(state, withOptional(state.settings, 'crs', action.crs));
    case 'columnChosen': {
      const base = shownMapping(state);
      if (!base || action.field === 'kind') return state;
      const next: Record<string, unknown> = { ...base };
      if (action.column === undefined) delete next[action.field];
      else next[action.field] = action.column;
      return changed(state, { ...state.settings, columnMapping: next as ColumnMapping });
    }
    case 'valuesMapped': {
      if (action.entries.length === 0) return state;
      const base = state.settings.valueMapping ?? { needs: {}, nuisances: {}, offers: {}, resourceKinds: {} };
      const next: ValueMapping = { needs: { ...base.needs }, nuisances: { ...base.nuisances }, offers: { ...base.offers }, resourceKinds: { ...base.resourceKinds } };
      for (const { field, folded, category } of action.entries) {
        const entries = next[field] as Record<string, string>;
        if (category === undefined) delete entries[folded];
        else entries[folded] = category;
      }
      return changed(state, { ...state.settings, valueMapping: next });
    }
    case 'valueMappingCleared': {
      const { valueMapping: _dropped, ...rest } = state.settings;
      return changed(state, rest);
    }
    case 'campaignChosen':
      return changed(state, { ...state.settings, campaignId: action.campaignId });
    case 'onUnmatchedChosen':
      return changed(state, { ...state.settings, onUnmatched: action.onUnmatched });
    case 'farFromTownAccepted':
      return changed(state, withOptional(state.settings, 'acceptFarFromTown', action.accepted ? true : undefined));
    case 'planStarted':
      return { ...state, planning: { status: 'planning', revision: action.revision, done: 0, total: 0 } };
    case 'planProgress':
      if (state.planning.status !== 'planning' || state.planning.revision !== action.revision) return state;
      return { ...state, planning: { ...state.planning, done: action.done, total: action.total } };
    case 'planned':
      if (action.revision !== state.revision) return state; // an answer to a question no longer asked
      return { ...state, planning: { status: 'idle' }, plan: action.plan, preview: action.preview, planRevision: action.revision, valuesSeen: mergedValues(state.valuesSeen, action.plan.unknownValues ?? []) };
    case 'planFailed':
      if (action.revision !== state.revision) return state;
      return { ...state, planning: { status: 'failed', revision: action.revision, message: action.message } };
    case 'commitStarted':
      return (action.validRowsOnly ? canCommitValidRows(state) : canCommit(state)) ? { ...state, commit: { status: 'saving' } } : state;
    case 'committed':
      return { ...state, commit: { status: 'done', counts: action.counts, rejected: action.rejected ?? 0 } };
    case 'commitFailed':
      return { ...state, commit: { status: 'failed', issues: action.issues } };
    case 'reset':
      return { ...initialWizardState, revision: state.revision + 1 };
  }
}

function mergedValues(seen: readonly UnknownValue[], latest: readonly UnknownValue[]): UnknownValue[] {
  if (latest.length === 0) return seen as UnknownValue[];
  const key = (v: UnknownValue) => `${v.field}\u0000${v.folded}`;
  const byKey = new Map(seen.map((v) => [key(v), v]));
  for (const v of latest) byKey.set(key(v), v);
  return [...byKey.values()];
}

function withOptional<K extends keyof WizardSettings>(settings: WizardSettings, key: K, value: WizardSettings[K] | undefined): WizardSettings {
  const next = { ...settings };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

/** "Importuj wszystko" is offered only for a clean plan of the current settings, not while planning or saving. */
export function canCommit(state: WizardState): boolean {
  return (
    state.plan !== null &&
    state.plan.ok &&
    state.planRevision === state.revision &&
    state.planning.status === 'idle' &&
    (state.commit.status === 'idle' || state.commit.status === 'failed')
  );
}

/**
 * "Importuj poprawne wiersze" (issue 12): a plan of the current settings with errors only in some rows (nothing wrong
 * with the file as a whole) and at least one valid row; the chosen rows are still written all or nothing.
 */
export function canCommitValidRows(state: WizardState): boolean {
  return (
    state.plan !== null &&
    !state.plan.ok &&
    state.plan.partial.allowed &&
    state.planRevision === state.revision &&
    state.planning.status === 'idle' &&
    (state.commit.status === 'idle' || state.commit.status === 'failed')
  );
}

/** What planImport is given for the current state. */
export function planSettings(state: WizardState): ImportSettingsInput {
  const s = state.settings;
  return {
    onUnmatched: s.onUnmatched,
    ...(s.encoding ? { encoding: s.encoding } : {}),
    ...(s.delimiter ? { delimiter: s.delimiter } : {}),
    ...(s.crs ? { crs: s.crs } : {}),
    ...(s.columnMapping && s.columnMapping.kind === state.kind ? { columnMapping: s.columnMapping } : {}),
    ...(s.campaignId && state.kind === 'responses' ? { campaignId: s.campaignId } : {}),
    ...(s.valueMapping && (state.kind === 'responses' || state.kind === 'resources') ? { valueMapping: s.valueMapping } : {}),
    ...(s.acceptFarFromTown ? { acceptFarFromTown: true } : {}),
  };
}

/** Records a clean plan will write, per collection. */
export function plannedCounts(plan: ImportPlan): RecordCounts {
  const r = plan.records;
  return { streets: r.streets.length, addresses: r.addresses.length, resources: r.resources.length, responses: r.responses.length };
}

/** Errors first, then warnings; within each, file order (rows without a number first: they concern the whole file). */
export function sortedIssues<T extends { severity: 'error' | 'warning'; displayRow?: number }>(issues: readonly T[]): T[] {
  const rank = (i: T) => (i.severity === 'error' ? 0 : 1);
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || (a.issue.displayRow ?? 0) - (b.issue.displayRow ?? 0) || a.index - b.index)
    .map((x) => x.issue);
}
