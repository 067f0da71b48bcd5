import { useCallback, useId, useReducer, useRef } from 'react';
import type { DataSource, WorkspaceChanges } from '../../data/dataSource';
import { formatIssue, type AreaKind, type PolygonGeometry, type Workspace } from '../../domain';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { requestReload, useAppStore } from '../shell/appStore';
import { AreaDrawMap } from './AreaDrawMap';
import { deleteArea, DRAWN_AREA_KINDS, saveAreaDraft, type AreaDraftError } from './drawnAreas';

const KIND_LABELS: Readonly<Record<AreaKind, MessageKey>> = { district: 'areaKindOneDistrict', estate: 'areaKindOneEstate', care_region: 'areaKindOneCareRegion', custom: 'areaKindOneCustom' };
const ERROR_TEXT: Readonly<Record<AreaDraftError, MessageKey>> = {
  name_empty: 'areaDrawNameEmpty',
  name_too_long: 'areaDrawNameTooLong',
  name_taken: 'areaDrawNameTaken',
  kind_unknown: 'areaDrawKindUnknown',
  geometry_invalid: 'areaDrawGeometryInvalid',
};

type Mode = { kind: 'idle' } | { kind: 'drawing' } | { kind: 'naming'; geometry: PolygonGeometry } | { kind: 'editing'; id: string };
type Status =
  | null
  | { kind: 'saved' | 'deleted' | 'undone'; name: string }
  | { kind: 'in_use'; name: string; waves: string[] }
  | { kind: 'failed'; reason: string };

interface PanelState {
  mode: Mode;
  name: string;
  areaKind: AreaKind;
  errors: Partial<Record<'name' | 'kind' | 'geometry', AreaDraftError>>;
  detail?: string | undefined;
  status: Status;
  /** What takes the last change back (one step). */
  undo: { changes: WorkspaceChanges; name: string } | null;
  busy: boolean;
  /** Bumped to clear the unsaved boundary from the map. */
  clearTick: number;
}

type Action =
  | { type: 'start' }
  | { type: 'drawn'; geometry: PolygonGeometry | null }
  | { type: 'select'; id: string; name: string; areaKind: AreaKind }
  | { type: 'name'; name: string }
  | { type: 'kind'; areaKind: AreaKind }
  | { type: 'cancel' }
  | { type: 'busy' }
  | { type: 'invalid'; errors: PanelState['errors']; detail?: string | undefined }
  | { type: 'done'; status: Exclude<Status, null>; undo: PanelState['undo'] }
  | { type: 'failed'; status: Exclude<Status, null> };

const initial: PanelState = { mode: { kind: 'idle' }, name: '', areaKind: 'estate', errors: {}, status: null, undo: null, busy: false, clearTick: 0 };

/** The editor's transitions: draw → name and kind → save; choose an area → rename, change kind, delete; undo one step. */
export function areaDrawReducer(state: PanelState, action: Action): PanelState {
  switch (action.type) {
    case 'start':
      return { ...state, mode: { kind: 'drawing' }, name: '', errors: {}, detail: undefined, status: null };
    case 'drawn':
      return action.geometry ? { ...state, mode: { kind: 'naming', geometry: action.geometry } } : { ...state, mode: { kind: 'idle' } };
    case 'select':
      // A new boundary waits for its name: choosing another area would lose it (cancel first).
      if (state.mode.kind === 'naming' || state.mode.kind === 'drawing') return state;
      return { ...state, mode: { kind: 'editing', id: action.id }, name: action.name, areaKind: action.areaKind, errors: {}, detail: undefined, status: null, clearTick: state.clearTick + 1 };
    case 'name':
      return { ...state, name: action.name, errors: { ...state.errors, name: undefined } };
    case 'kind':
      return { ...state, areaKind: action.areaKind, errors: { ...state.errors, name: undefined, kind: undefined } };
    case 'cancel':
      return { ...state, mode: { kind: 'idle' }, errors: {}, detail: undefined, clearTick: state.clearTick + 1 };
    case 'busy':
      return { ...state, busy: true };
    case 'invalid':
      return { ...state, busy: false, errors: action.errors, detail: action.detail };
    case 'done':
      return { ...state, busy: false, mode: { kind: 'idle' }, errors: {}, detail: undefined, status: action.status, undo: action.undo, clearTick: state.clearTick + 1 };
    case 'failed':
      return { ...state, busy: false, status: action.status };
  }
}

/**
 * "Obszary na mapie": draw a district, estate, care region or town outline on the map and name it; choose an area
 * (on the map or in the list, by keyboard) to rename it, change its kind or delete it. Each change is one atomic write
 * (src/ui/importWizard/drawnAreas.ts validates with the domain's zod schemas) and can be undone in one step.
 */
export function AreaDrawPanel({ dataSource, workspace: loaded }: { dataSource: DataSource; workspace: Workspace | null }) {
  const t = useT();
  // While the workspace reloads after a save, keep showing the last one (the list stays open, the map keeps its areas).
  const lastLoaded = useRef(loaded);
  if (loaded) lastLoaded.current = loaded;
  const workspace = loaded ?? lastLoaded.current;
  const id = useId();
  const store = useAppStore();
  const [state, dispatch] = useReducer(areaDrawReducer, initial);
  const areas = workspace?.areas ?? [];
  const editing = state.mode.kind === 'editing' ? areas.find((a) => a.id === (state.mode as { id: string }).id) : undefined;

  const onSelect = useCallback(
    (areaId: string) => {
      const area = workspace?.areas.find((a) => a.id === areaId);
      if (area) dispatch({ type: 'select', id: area.id, name: area.name, areaKind: area.kind });
    },
    [workspace],
  );
  const onDrawn = useCallback((geometry: PolygonGeometry | null) => dispatch({ type: 'drawn', geometry }), []);

  const write = async (changes: WorkspaceChanges): Promise<string | null> => {
    const result = await dataSource.applyChanges(changes);
    if (!result.ok) return result.issues.map(formatIssue).join('; ');
    requestReload(store);
    return null;
  };

  const save = async () => {
    if (!workspace || state.busy) return;
    const geometry = state.mode.kind === 'naming' ? state.mode.geometry : undefined;
    const saved = saveAreaDraft({ ...(editing ? { id: editing.id } : {}), name: state.name, kind: state.areaKind, ...(geometry ? { geometry } : {}) }, workspace);
    if (!saved.ok) return dispatch({ type: 'invalid', errors: saved.errors, detail: saved.detail });
    dispatch({ type: 'busy' });
    const failure = await write(saved.changes);
    if (failure) return dispatch({ type: 'failed', status: { kind: 'failed', reason: failure } });
    dispatch({ type: 'done', status: { kind: 'saved', name: saved.area.name }, undo: { changes: saved.undo, name: saved.area.name } });
  };

  const remove = async () => {
    if (!workspace || !editing || state.busy) return;
    const deletion = deleteArea(editing.id, workspace);
    if (!deletion.ok) return dispatch({ type: 'failed', status: { kind: 'in_use', name: editing.name, waves: deletion.waves } });
    dispatch({ type: 'busy' });
    const failure = await write(deletion.changes);
    if (failure) return dispatch({ type: 'failed', status: { kind: 'failed', reason: failure } });
    dispatch({ type: 'done', status: { kind: 'deleted', name: editing.name }, undo: { changes: deletion.undo, name: editing.name } });
  };

  const undo = async () => {
    if (!state.undo || state.busy) return;
    dispatch({ type: 'busy' });
    const failure = await write(state.undo.changes);
    if (failure) return dispatch({ type: 'failed', status: { kind: 'failed', reason: failure } });
    dispatch({ type: 'done', status: { kind: 'undone', name: state.undo.name }, undo: null });
  };

  const formOpen = state.mode.kind === 'naming' || state.mode.kind === 'editing';
  const error = (field: 'name' | 'kind' | 'geometry') => {
    const code = state.errors[field];
    return code ? (
      <p className="form-error" id={`${id}-${field}-error`}>
        {t(ERROR_TEXT[code])}
        {field === 'geometry' && state.detail ? ` (${state.detail})` : ''}
      </p>
    ) : null;
  };

  return (
    <section className="import-section" aria-labelledby={`${id}-title`} data-testid="area-draw">
      <h3 id={`${id}-title`}>{t('areaDrawTitle')}</h3>
      <p className="import-note">{t('areaDrawIntro')}</p>
      <AreaDrawMap areas={areas} streets={workspace?.streets ?? []} selectedId={editing?.id ?? null} drawing={state.mode.kind === 'drawing'} clearTick={state.clearTick} onSelect={onSelect} onDrawn={onDrawn} />
      <div className="import-actions-row">
        <button type="button" className="button-primary" data-testid="area-draw-start" disabled={!workspace || state.busy || state.mode.kind === 'drawing'} onClick={() => dispatch({ type: 'start' })}>
          {t('areaDrawStart')}
        </button>
        {state.mode.kind === 'drawing' ? (
          <>
            <span className="import-note" role="status">
              {t('areaDrawDrawing')}
            </span>
            <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'cancel' })}>
              {t('areaDrawCancel')}
            </button>
          </>
        ) : null}
      </div>
      {formOpen ? (
        <form
          className="area-draw-form"
          data-testid="area-draw-form"
          aria-labelledby={`${id}-form-title`}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <h4 id={`${id}-form-title`}>{editing ? t('areaDrawEditTitle', { name: editing.name }) : t('areaDrawNewTitle')}</h4>
          <label htmlFor={`${id}-name`}>{t('areaDrawName')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={state.name}
            maxLength={200}
            autoComplete="off"
            aria-invalid={state.errors.name ? true : undefined}
            aria-describedby={state.errors.name ? `${id}-name-error` : undefined}
            onChange={(e) => dispatch({ type: 'name', name: e.currentTarget.value })}
          />
          {error('name')}
          <label htmlFor={`${id}-kind`}>{t('areaDrawKind')}</label>
          <select id={`${id}-kind`} value={state.areaKind} onChange={(e) => dispatch({ type: 'kind', areaKind: e.currentTarget.value as AreaKind })}>
            {DRAWN_AREA_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
          {error('kind')}
          {error('geometry')}
          <p className="import-actions-row">
            <button type="submit" className="button-primary" data-testid="area-draw-save" disabled={state.busy}>
              {t('areaDrawSave')}
            </button>{' '}
            <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'cancel' })}>
              {t('areaDrawCancel')}
            </button>{' '}
            {editing ? (
              <button type="button" className="button-secondary" data-testid="area-draw-delete" disabled={state.busy} onClick={() => void remove()}>
                {t('areaDrawDelete')}
              </button>
            ) : null}
          </p>
        </form>
      ) : null}
      <div role="status" className="import-status" data-testid="area-draw-status">
        {state.status?.kind === 'saved' ? t('areaDrawSaved', { name: state.status.name }) : null}
        {state.status?.kind === 'deleted' ? t('areaDrawDeleted', { name: state.status.name }) : null}
        {state.status?.kind === 'undone' ? t('areaDrawUndone', { name: state.status.name }) : null}
        {state.status?.kind === 'in_use' ? t('areaDrawInUse', { name: state.status.name, waves: state.status.waves.join(', ') }) : null}
        {state.status?.kind === 'failed' ? t('areaDrawFailed', { reason: state.status.reason }) : null}
        {state.undo ? (
          <>
            {' '}
            <button type="button" className="button-secondary" data-testid="area-draw-undo" disabled={state.busy} onClick={() => void undo()}>
              {t('areaDrawUndo')}
            </button>
          </>
        ) : null}
      </div>
      {areas.length ? (
        <details className="area-choose">
          <summary>{t('areaDrawList', { count: areas.length })}</summary>
          <ul className="wave-area-list" data-testid="area-draw-list">
            {areas.map((area) => (
              <li key={area.id}>
                <button type="button" className="row-button" aria-pressed={editing?.id === area.id} onClick={() => onSelect(area.id)}>
                  {area.name} · {t(KIND_LABELS[area.kind])}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
