import { useEffect, useId, useMemo, useReducer, useRef, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import { isAbortError } from '../../data/abort';
import { commitImport, rejectedRowsCsv, type ImportPlan } from '../../data/import';
import { importUndoChanges } from '../../data/import/importUndo';
import type { WorkspaceChanges } from '../../data/dataSource';
import { IMPORT_KINDS, type ImportKind } from '../../domain/importing';
import { buildMapData } from '../../map/mapData';
import { createImportClient, type ImportClient } from '../../worker/importClient';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { requestReload, useAppState, useAppStore } from '../shell/appStore';
import { ColumnMappingTable } from './ColumnMappingTable';
import { FIELDS_OF_KIND, KIND_HINT, KIND_LABEL } from './columnFields';
import { FileReadingPanel } from './FileReadingPanel';
import { ImportPreviewMap } from './ImportPreviewMap';
import { IssuesTable } from './IssuesTable';
import { GUESS_HEAD_BYTES, suggestImportKind } from './kindGuess';
import { MatchReportPanel } from './MatchReportPanel';
import { previewFit } from './previewGeometry';
import { issueText } from './issueText';
import { inputIssueText, inputIssuesText } from '../i18n/problemText';
import { browserStorage, forgetValueMapping, loadValueMapping, mappedValueCount, saveValueMapping } from './savedValueMapping';
import { ValueMappingPanel } from './ValueMappingPanel';
import { canCommit, canCommitValidRows, initialWizardState, plannedCounts, planSettings, shownMapping, wizardReducer, type RecordCounts } from './wizardState';
import { WorkspaceFilePanel } from './WorkspaceFilePanel';
import { AreaImportPanel } from './AreaImportPanel';
import { AreaDrawPanel } from './AreaDrawPanel';
import { OverpassFetch } from './OverpassFetch';
import { FarFromTownConfirm } from './FarFromTownConfirm';
import { DEMO_ORGANISATION_ID } from '../i18n/attribution';
import './importWizard.css';

const countOf = (records: ImportPlan['records']): number => records.streets.length + records.addresses.length + records.resources.length + records.responses.length;

/** A short pause before planning, so that a few quick changes of a select plan once. */
const PLAN_DELAY_MS = 150;

const COUNT_KEYS: ReadonlyArray<[keyof RecordCounts, MessageKey]> = [
  ['streets', 'importCountStreets'],
  ['addresses', 'importCountAddresses'],
  ['resources', 'importCountResources'],
  ['responses', 'importCountResponses'],
];

/**
 * "Import danych": choose a file and what it holds, check how it was read, map columns, see the plan on a map and
 * every problem in a table, then import everything or nothing. Planning runs in the import worker; the commit goes
 * through the DataSource, and the workspace is then reloaded so every view shows the new records.
 */
export function ImportWizardView({ dataSource }: { dataSource: DataSource }) {
  const t = useT();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const load = useAppState((s) => s.load);
  const workspace = load.status === 'ready' ? load.workspace : null;
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);
  const [client, setClient] = useState<ImportClient | null>(null);
  const [dragging, setDragging] = useState(false);
  /** The changes that take the last committed import back (importUndo.ts), and where undoing it stands. */
  const undoRef = useRef<WorkspaceChanges | null>(null);
  const [undoStatus, setUndoStatus] = useState<null | 'working' | 'done' | { reason: string }>(null);
  const planController = useRef<AbortController | null>(null);
  const commitController = useRef<AbortController | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ids = { file: useId(), campaign: useId(), unmatched: useId(), title: useId() };

  useEffect(() => {
    const created = createImportClient();
    setClient(created);
    headingRef.current?.focus();
    return () => {
      created.dispose();
      commitController.current?.abort();
    };
  }, []);

  const town = useMemo(() => (workspace ? buildMapData(workspace) : null), [workspace]);
  const fit = useMemo(() => (state.preview ? previewFit(state.preview.points, town?.bounds) : null), [state.preview, town]);

  // Plan whenever the file, kind or settings change (each change is a new revision); never again after the commit.
  const { revision, file, kind, settings } = state;
  const committed = state.commit.status === 'done';
  useEffect(() => {
    if (!client || !file || !kind || !workspace || committed) return;
    const controller = new AbortController();
    planController.current = controller;
    const request = { kind, file: file.blob, fileName: file.name, settings: planSettings({ ...initialWizardState, kind, settings }), workspace };
    const timer = setTimeout(() => {
      dispatch({ type: 'planStarted', revision });
      client
        .plan(request, { signal: controller.signal, onProgress: (done, total) => dispatch({ type: 'planProgress', revision, done, total }) })
        .then((outcome) => {
          if (outcome.ok) dispatch({ type: 'planned', revision, plan: outcome.plan, preview: outcome.preview });
          else dispatch({ type: 'planFailed', revision, message: outcome.message });
        })
        .catch((error: unknown) => {
          if (!isAbortError(error)) dispatch({ type: 'planFailed', revision, message: String(error) });
        });
    }, PLAN_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [client, revision, file, kind, settings, workspace, committed]);

  const chooseFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    const head = new Uint8Array(await chosen.slice(0, GUESS_HEAD_BYTES).arrayBuffer());
    const campaigns = [...(workspace?.campaigns ?? [])].sort((a, b) => b.startDate.localeCompare(a.startDate));
    // The centre's remembered meanings of its own codes (issue 12), reused by this import.
    const remembered = workspace ? loadValueMapping(browserStorage(), workspace.organisation.id) : undefined;
    dispatch({
      type: 'fileChosen',
      file: { name: chosen.name, size: chosen.size, blob: chosen },
      suggestedKind: suggestImportKind(chosen.name, head),
      ...(campaigns[0] ? { defaultCampaignId: campaigns[0].id } : {}),
      ...(remembered && mappedValueCount(remembered) > 0 ? { valueMapping: remembered } : {}),
    });
  };

  // Every decision about a value is remembered at once, per organisation, so an interrupted import loses none.
  const organisationId = workspace?.organisation.id;
  const valueMapping = settings.valueMapping;
  useEffect(() => {
    if (organisationId && valueMapping) saveValueMapping(browserStorage(), organisationId, valueMapping);
  }, [organisationId, valueMapping]);

  const forgetValues = () => {
    if (organisationId) forgetValueMapping(browserStorage(), organisationId);
    dispatch({ type: 'valueMappingCleared' });
  };

  /** The rows a partial import leaves out, as Polish Excel's CSV with a reason column; offered as a download. */
  const downloadRejected = (chosenPlan: ImportPlan) => {
    const csv = rejectedRowsCsv(chosenPlan, t('importRejectedReasonHeader'), (issue) =>
      t('importRejectedReason', { row: issue.displayRow ?? '—', column: issue.column ?? '—', reason: issueText(issue, language) }),
    );
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `${(file?.name ?? 'import').replace(/\.[^.]+$/, '')}-odrzucone.csv`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const cancelPlanning = () => {
    planController.current?.abort();
    dispatch({ type: 'planFailed', revision, message: t('importCancelled') });
  };

  const commit = async (validRowsOnly = false) => {
    const plan = state.plan;
    if (!plan || !(validRowsOnly ? canCommitValidRows(state) : canCommit(state))) return;
    // What takes this import back, from the records as they are before it (one step, all or nothing).
    const undo = workspace ? importUndoChanges(validRowsOnly ? plan.partial.records : plan.records, workspace) : null;
    setUndoStatus(null);
    dispatch({ type: 'commitStarted', validRowsOnly });
    commitController.current?.abort();
    const controller = new AbortController();
    commitController.current = controller;
    try {
      const result = await commitImport(plan, dataSource, controller.signal, { validRowsOnly });
      if (result.ok) {
        undoRef.current = undo;
        dispatch({ type: 'committed', counts: plannedCounts(validRowsOnly ? { ...plan, records: plan.partial.records } : plan), rejected: validRowsOnly ? plan.partial.rejected.length : 0 });
        requestReload(store, { refit: plan.kind !== 'responses' });
      } else dispatch({ type: 'commitFailed', issues: result.issues });
    } catch (error) {
      if (!isAbortError(error)) dispatch({ type: 'commitFailed', issues: [{ source: 'import', field: '(storage)', message: error instanceof Error ? error.message : String(error) }] });
    }
  };

  /** Takes the last import back: the records it added are deleted, those it replaced come back. */
  const undoImport = async () => {
    const changes = undoRef.current;
    if (!changes) return;
    setUndoStatus('working');
    const result = await dataSource.applyChanges(changes);
    if (!result.ok) {
      setUndoStatus({ reason: inputIssuesText(result.issues, language) });
      return;
    }
    undoRef.current = null;
    setUndoStatus('done');
    requestReload(store, { refit: true });
  };

  const plan = state.plan;
  const mapping = shownMapping(state);
  const planning = state.planning.status === 'planning' ? state.planning : null;
  const countsText = (counts: RecordCounts) =>
    COUNT_KEYS.filter(([key]) => counts[key] > 0)
      .map(([key, label]) => t(label, { count: counts[key] }))
      .join(', ');

  return (
    <main className="import-view" aria-labelledby={ids.title}>
      <div className="import-page">
        <h2 id={ids.title} ref={headingRef} tabIndex={-1}>
          {t('importTitle')}
        </h2>
        <p className="import-note">{t('importIntro')}</p>
        {!workspace ? <p role="status">{t('loading')}</p> : null}

        <section className="import-section" aria-labelledby={`${ids.file}-h`}>
          <h3 id={`${ids.file}-h`}>{t('importStepFile')}</h3>
          <div
            className={`import-drop${dragging ? ' import-drop-active' : ''}`}
            data-testid="import-drop"
            onDragOver={(event) => {
              event.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={(event) => {
              event.preventDefault();
              setDragging(false);
              void chooseFile(event.dataTransfer.files[0]);
            }}
          >
            {/* The native input keeps keyboard and screen-reader use; the label is the visible, Polish button. */}
            <input
              id={ids.file}
              className="visually-hidden import-file-input"
              type="file"
              accept=".csv,.tsv,.txt,.json,.geojson,text/csv,application/json,application/geo+json"
              disabled={!workspace}
              data-testid="import-file-input"
              onChange={(event) => void chooseFile(event.target.files?.[0])}
            />
            <label htmlFor={ids.file} className="button-primary import-file-button">
              {t('importChooseFile')}
            </label>{' '}
            <span data-testid="import-file-name">
              {file ? t('importFileChosen', { name: file.name, size: Math.max(1, Math.round(file.size / 1024)) }) : t('importNoFile')}
            </span>
            <p className="import-note">{t('importDropHint')}</p>
          </div>
          {/* The fictional demo town has no OpenStreetMap data of its own. */}
          <OverpassFetch organisation={workspace && workspace.organisation.id !== DEMO_ORGANISATION_ID ? workspace.organisation : undefined} disabled={!workspace} onFile={(chosen) => void chooseFile(chosen)} />

          {file ? (
            <fieldset className="import-kinds">
              <legend>{t('importKindLegend')}</legend>
              {IMPORT_KINDS.map((k: ImportKind) => (
                <label key={k} className="import-kind">
                  <input type="radio" name="import-kind" value={k} checked={kind === k} onChange={() => dispatch({ type: 'kindChosen', kind: k })} />
                  <span>
                    <strong>{t(KIND_LABEL[k])}</strong>
                    {state.suggestedKind === k ? <em className="import-suggested"> {t('importKindSuggested')}</em> : null}
                    <br />
                    <span className="import-note">{t(KIND_HINT[k])}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          ) : null}

          {file && kind === 'responses' ? (
            <div className="import-field-row">
              <label htmlFor={ids.campaign}>{t('importCampaign')}</label>
              <select id={ids.campaign} value={settings.campaignId ?? ''} onChange={(event) => dispatch({ type: 'campaignChosen', campaignId: event.target.value })}>
                {(workspace?.campaigns ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
              <label htmlFor={ids.unmatched}>{t('importOnUnmatched')}</label>
              <select id={ids.unmatched} value={settings.onUnmatched} onChange={(event) => dispatch({ type: 'onUnmatchedChosen', onUnmatched: event.target.value === 'skip' ? 'skip' : 'error' })}>
                <option value="error">{t('importOnUnmatchedError')}</option>
                <option value="skip">{t('importOnUnmatchedSkip')}</option>
              </select>
            </div>
          ) : null}
        </section>

        {file && plan ? (
          <div className="import-grid">
            <div className="import-column">
              <FileReadingPanel plan={plan} settings={settings} language={language} dispatch={dispatch} />
              {mapping && plan.columns && kind && FIELDS_OF_KIND[kind].length ? (
                <section className="import-section" aria-labelledby={`${ids.title}-columns`}>
                  <h3 id={`${ids.title}-columns`}>{t('importStepColumns')}</h3>
                  {plan.columns.suggested ? <p className="import-note">{t('importColumnsSuggested')}</p> : null}
                  <ColumnMappingTable
                    kind={kind}
                    headers={plan.columns.headers}
                    mapping={mapping}
                    personalData={plan.columns.personalData}
                    language={language}
                    onChange={(field, column) => dispatch({ type: 'columnChosen', field, column })}
                  />
                </section>
              ) : null}
            </div>
            <section className="import-section import-column" aria-labelledby={`${ids.title}-preview`}>
              <h3 id={`${ids.title}-preview`}>{t('importStepPreview')}</h3>
              <ImportPreviewMap town={town} preview={state.preview} pointBounds={fit?.bounds} />
              <p data-testid="import-preview-summary">
                {fit && fit.total > 0
                  ? t('importPreviewSummary', { shown: fit.total, total: state.preview?.pointTotal ?? fit.total, inTown: fit.inTown, town: workspace?.organisation.town ?? '' })
                  : (state.preview?.lines.length ?? 0) > 0
                    ? t('importPreviewLines', { count: state.preview?.lines.length ?? 0 })
                    : t('importPreviewNothing')}
              </p>
              {fit && fit.total > 0 && fit.inTown < fit.total / 2 ? (
                <p className="import-warning-box" role="alert">
                  {t('importPreviewOutside')}
                </p>
              ) : null}
              {state.preview && !state.preview.fromRecords && fit && fit.total > 0 ? <p className="import-note">{t('importPreviewRaw')}</p> : null}
              {plan.farFromTown && workspace ? (
                <FarFromTownConfirm town={workspace.organisation.town} checked={settings.acceptFarFromTown === true}
                  onChange={(accepted) => dispatch({ type: 'farFromTownAccepted', accepted })} />
              ) : null}
            </section>
          </div>
        ) : null}

        {file && plan && (kind === 'responses' || kind === 'resources') && state.valuesSeen.length > 0 ? (
          <ValueMappingPanel
            values={state.valuesSeen}
            mapping={settings.valueMapping}
            organisationName={workspace?.organisation.name ?? ''}
            language={language}
            onMap={(entries) => dispatch({ type: 'valuesMapped', entries })}
            onForget={forgetValues}
          />
        ) : null}

        {file && plan ? (
          <section className="import-section" aria-labelledby={`${ids.title}-problems`}>
            <h3 id={`${ids.title}-problems`}>{t('importStepProblems')}</h3>
            {plan.matchReport ? <MatchReportPanel report={plan.matchReport} /> : null}
            <IssuesTable issues={plan.issues} errorCount={plan.errorCount} warningCount={plan.warningCount} language={language} />
          </section>
        ) : null}

        {file ? (
          <section className="import-section import-commit" aria-label={t('importStepCommit')}>
            <div className="import-progress" data-testid="import-progress" aria-live="polite">
              {planning ? (
                <>
                  <progress max={Math.max(1, planning.total)} value={planning.done} aria-label={t('importProgressLabel')} />
                  <span data-testid="import-progress-text">
                    {planning.total > 0 ? t('importProgress', { done: planning.done, total: planning.total }) : t('importReading')}
                  </span>
                  <button type="button" className="button-secondary" onClick={cancelPlanning}>
                    {t('importCancel')}
                  </button>
                </>
              ) : state.planning.status === 'failed' ? (
                <span className="form-error">{state.planning.message === t('importCancelled') ? state.planning.message : t('importPlanFailed', { reason: state.planning.message })}</span>
              ) : plan ? (
                <span data-testid="import-progress-text">{t('importChecked', { count: plan.file.rowCount })}</span>
              ) : null}
            </div>
            {state.commit.status === 'done' ? (
              <div className="import-success" role="status" data-testid="import-success">
                <p>
                  <strong>{t('importDone', { counts: countsText(state.commit.counts) })}</strong>
                </p>
                {state.commit.rejected > 0 && plan ? (
                  <p>
                    <button type="button" className="button-secondary" data-testid="import-download-rejected" onClick={() => downloadRejected(plan)}>
                      {t('importDownloadRejected', { count: state.commit.rejected })}
                    </button>
                  </p>
                ) : null}
                <p className="import-actions-row">
                  <a className="button-primary" href="#map">
                    {t('importShowOnMap')}
                  </a>
                  <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'reset' })}>
                    {t('importAnother')}
                  </button>
                  {undoRef.current && undoStatus !== 'done' ? (
                    <button type="button" className="button-secondary" data-testid="import-undo" disabled={undoStatus === 'working'} onClick={() => void undoImport()}>
                      {t('importUndo')}
                    </button>
                  ) : null}
                </p>
                {undoStatus === 'done' ? <p data-testid="import-undone">{t('importUndone')}</p> : null}
                {undoStatus !== null && typeof undoStatus === 'object' ? (
                  <p className="form-error" role="alert">
                    {t('importUndoFailed', { reason: undoStatus.reason })}
                  </p>
                ) : null}
              </div>
            ) : (
              <div className="import-actions-row">
                <button type="button" className="button-primary" disabled={!canCommit(state)} onClick={() => void commit()} data-testid="import-commit" aria-describedby={`${ids.title}-why`}>
                  {state.commit.status === 'saving' ? t('importSaving') : t('importCommit')}
                </button>
                <span id={`${ids.title}-why`} className="import-note">
                  {plan && !planning
                    ? plan.ok
                      ? t('importReady', { counts: countsText(plannedCounts(plan)) || t('none') })
                      : t('importBlocked', { count: plan.errorCount })
                    : ''}
                </span>
              </div>
            )}
            {plan && !planning && state.commit.status !== 'done' && canCommitValidRows(state) ? (
              <div className="import-partial" data-testid="import-partial">
                <p className="import-note">{t('importPartialNote', { rejected: plan.partial.rejected.length, valid: countOf(plan.partial.records) })}</p>
                <p className="import-actions-row">
                  <button type="button" className="button-primary" data-testid="import-commit-valid" onClick={() => void commit(true)}>
                    {state.commit.status === 'saving' ? t('importSaving') : t('importCommitValid', { count: countOf(plan.partial.records) })}
                  </button>{' '}
                  <button type="button" className="button-secondary" data-testid="import-download-rejected" onClick={() => downloadRejected(plan)}>
                    {t('importDownloadRejected', { count: plan.partial.rejected.length })}
                  </button>
                </p>
              </div>
            ) : null}
            {state.commit.status === 'failed' ? (
              <div className="form-error" role="alert">
                <p>{t('importCommitFailed')}</p>
                <ul>
                  {state.commit.issues.slice(0, 20).map((issue, i) => (
                    <li key={i}>{inputIssueText(issue, language)}</li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        ) : null}

        <AreaImportPanel dataSource={dataSource} workspace={workspace} />
        <AreaDrawPanel dataSource={dataSource} workspace={workspace} />
        <WorkspaceFilePanel dataSource={dataSource} workspace={workspace} />
      </div>
    </main>
  );
}
