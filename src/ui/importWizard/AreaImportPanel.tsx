import { useEffect, useId, useRef, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import { planAreaImport, type AreaImportIssue, type AreaImportPlan, type AreaImportSettings } from '../../data/import/areaImport';
import type { Area, AreaKind, Workspace } from '../../domain';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { requestReload, useAppState, useAppStore } from '../shell/appStore';
import { inputIssuesText } from '../i18n/problemText';
import { crsName, issueText } from './issueText';
import { FarFromTownConfirm } from './FarFromTownConfirm';
import { formatCount } from '../common/format';

const KIND_LABELS: Readonly<Record<AreaKind, MessageKey>> = { district: 'areaKindDistrict', estate: 'areaKindEstate', care_region: 'areaKindCareRegion', custom: 'areaKindCustom' };

/** A guess of the kind from the file name: "dzielnice.zip" → district, "osiedla.gml" → estate. */
export function kindFromFileName(name: string): AreaKind {
  const folded = name.toLowerCase();
  if (/dzielnic|district/.test(folded)) return 'district';
  if (/osiedl|estate/.test(folded)) return 'estate';
  if (/rejon|region/.test(folded)) return 'care_region';
  if (/granic|gmin|boundary/.test(folded)) return 'custom';
  return 'estate';
}

type Status =
  | { kind: 'idle' }
  /** `plan`: the previous plan, kept on screen while a changed setting is planned again (no flicker, lists stay open). */
  | { kind: 'reading'; plan?: AreaImportPlan }
  | { kind: 'planned'; plan: AreaImportPlan }
  | { kind: 'saving'; plan: AreaImportPlan }
  | { kind: 'done'; count: number; undo: { restore: Area[]; remove: string[] } }
  | { kind: 'undone' }
  | { kind: 'failed'; reason: string; plan?: AreaImportPlan };

/** Warnings shown at once; the rest behind "more warnings". */
const WARNINGS_SHOWN = 8;

/**
 * "Obszary": districts, estates or care regions from a GeoJSON or GML file or a zipped Shapefile (src/data/import/areaImport.ts).
 * The user picks the kind and the name column, sees the names and every problem by feature, confirms a file far from
 * the town, and commits all the areas in one write. The import can be undone in one step (the areas it added are
 * removed and those it replaced come back).
 */
export function AreaImportPanel({ dataSource, workspace }: { dataSource: DataSource; workspace: Workspace | null }) {
  const t = useT();
  const id = useId();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const [file, setFile] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [settings, setSettings] = useState<AreaImportSettings>({ kind: 'estate' });
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const generation = useRef(0);

  useEffect(() => {
    if (!file || !workspace) return;
    const mine = ++generation.current;
    const controller = new AbortController();
    setStatus((previous) => ({ kind: 'reading', ...(previous.kind === 'planned' || previous.kind === 'reading' ? { plan: previous.plan } : {}) }));
    planAreaImport(file.bytes, settings, workspace, { signal: controller.signal }).then(
      (plan) => {
        if (mine === generation.current) setStatus({ kind: 'planned', plan });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setStatus({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => controller.abort();
    // The workspace changes after this panel's own commit; re-planning then would only show "replaced" warnings.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [file, settings]);

  const plan = status.kind === 'planned' || status.kind === 'saving' || status.kind === 'reading' || status.kind === 'failed' ? status.plan : undefined;

  const commit = async () => {
    if (status.kind !== 'planned' || !status.plan.ok || !workspace) return;
    const areas = status.plan.areas;
    const before = new Map(workspace.areas.map((a) => [a.id, a]));
    const undo = { restore: areas.flatMap((a) => before.get(a.id) ?? []), remove: areas.filter((a) => !before.has(a.id)).map((a) => a.id) };
    setStatus({ kind: 'saving', plan: status.plan });
    const result = await dataSource.applyChanges({ upserts: { areas } });
    if (!result.ok) {
      setStatus({ kind: 'failed', reason: inputIssuesText(result.issues, language), plan: status.plan });
      return;
    }
    setStatus({ kind: 'done', count: areas.length, undo });
    requestReload(store, { refit: true });
  };

  const undo = async () => {
    if (status.kind !== 'done') return;
    const result = await dataSource.applyChanges({ upserts: { areas: status.undo.restore }, deletes: { areas: status.undo.remove } });
    if (!result.ok) {
      setStatus({ kind: 'failed', reason: inputIssuesText(result.issues, language) });
      return;
    }
    setStatus({ kind: 'undone' });
    requestReload(store, { refit: true });
  };

  const text = (issue: AreaImportIssue) => {
    if (!issue.areaCode) return issueText(issue, language);
    const params = { ...issue.areaParams };
    if (typeof params.crs === 'string') params.crs = crsName(params.crs as never, language);
    if (typeof params.squareMeters === 'number') params.squareMeters = formatCount(language, params.squareMeters);
    return t(`areaMsg_${issue.areaCode}`, params);
  };

  // What stops the import comes first (the questions, then the errors, which the file's order may put after hundreds
  // of warnings: a national gminas file names some 130 duplicate names before the one question that blocks it).
  const planErrors = plan?.issues.filter((issue) => issue.severity === 'error') ?? [];
  const planWarnings = plan?.issues.filter((issue) => issue.severity !== 'error') ?? [];
  const issueItem = (issue: AreaImportIssue, key: number) => (
    <li key={key} className={issue.severity === 'error' ? 'form-error' : undefined}>
      {issue.displayRow !== undefined ? `${t('areaImportFeature', { row: issue.displayRow })}: ` : ''}
      {text(issue)}
    </li>
  );

  return (
    <section className="import-section" aria-labelledby={`${id}-title`} data-testid="area-import">
      <h3 id={`${id}-title`}>{t('areaImportTitle')}</h3>
      <p className="import-note">{t('areaImportIntro')}</p>
      <div className="import-actions-row">
        <input
          id={`${id}-file`}
          className="visually-hidden import-file-input"
          type="file"
          accept=".zip,.geojson,.json,.gml,.xml,application/zip,application/geo+json,application/json,application/gml+xml,application/xml,text/xml"
          disabled={!workspace || status.kind === 'saving'}
          data-testid="area-file-input"
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = '';
            if (!chosen) return;
            setStatus({ kind: 'idle' });
            void chosen.arrayBuffer().then((buffer) => {
              setSettings({ kind: kindFromFileName(chosen.name) });
              setFile({ name: chosen.name, bytes: new Uint8Array(buffer) });
            });
          }}
        />
        <label className="button-secondary import-file-button" htmlFor={`${id}-file`}>
          {t('areaImportFile')}
        </label>
      </div>
      {file ? (
        <div className="import-actions-row">
          <label htmlFor={`${id}-kind`}>{t('areaImportKind')}</label>
          <select id={`${id}-kind`} value={settings.kind} onChange={(e) => {
            const kind = e.currentTarget.value as AreaKind;
            setSettings((s) => ({ ...s, kind }));
          }}>
            {(Object.keys(KIND_LABELS) as AreaKind[]).map((kind) => (
              <option key={kind} value={kind}>
                {t(KIND_LABELS[kind])}
              </option>
            ))}
          </select>
          {plan && plan.fields.length ? (
            <>
              <label htmlFor={`${id}-name`}>{t('areaImportNameField')}</label>
              <select id={`${id}-name`} value={plan.nameField ?? ''} onChange={(e) => {
                const nameField = e.currentTarget.value;
                setSettings((s) => ({ ...s, nameField }));
              }}>
                {plan.nameField ? null : <option value="">—</option>}
                {plan.fields.map((field) => (
                  <option key={field} value={field}>
                    {field}
                  </option>
                ))}
              </select>
            </>
          ) : null}
        </div>
      ) : null}
      <div role="status" className="import-status">
        {status.kind === 'reading' ? t('areaImportReading') : null}
        {status.kind === 'saving' ? t('areaImportSaving') : null}
        {status.kind === 'done' ? t('areaImportDone', { count: status.count }) : null}
        {status.kind === 'undone' ? t('areaImportUndone') : null}
      </div>
      {plan && file ? (
        <div data-testid="area-plan">
          <p>{t('areaImportSummary', { file: file.name, count: plan.ok ? plan.areas.length : 0, crs: plan.crs.fromPrj ? t('areaImportFromPrj') : plan.crs.used ? crsName(plan.crs.used.code, language) : '—' })}</p>
          {plan.ok && plan.areas.length ? (
            <p className="import-note">
              {t('areaImportNames', {
                names: plan.areas.slice(0, 12).map((a) => a.name).join(', ') + (plan.areas.length > 12 ? ` ${t('areaImportMore', { count: plan.areas.length - 12 })}` : ''),
              })}
            </p>
          ) : null}
          {planErrors.length ? (
            <ul className="area-issues" data-testid="area-issues">
              {planErrors.slice(0, 30).map((issue, i) => issueItem(issue, i))}
            </ul>
          ) : null}
          {plan.teryt && workspace && plan.teryt.ownGmina > 0 && plan.features.length > plan.teryt.ownGmina ? (
            <label className="import-confirm">
              <input type="checkbox" checked={settings.onlyOwnGmina === true} data-testid="area-own-gmina" onChange={(e) => {
                const onlyOwnGmina = e.currentTarget.checked;
                setSettings((s) => ({ ...s, onlyOwnGmina }));
              }} />{' '}
              {t('areaImportOwnGmina', { town: workspace.organisation.town, teryt: workspace.organisation.gminaTeryt, field: plan.teryt.field, count: plan.teryt.ownGmina })}
            </label>
          ) : null}
          {plan.farFromTown && workspace ? (
            <FarFromTownConfirm town={workspace.organisation.town} checked={settings.acceptFarFromTown === true}
              onChange={(acceptFarFromTown) => setSettings((s) => ({ ...s, acceptFarFromTown }))} />
          ) : null}
          {planWarnings.length ? (
            <>
              <ul className="area-issues" data-testid="area-warnings">
                {planWarnings.slice(0, WARNINGS_SHOWN).map((issue, i) => issueItem(issue, i))}
              </ul>
              {planWarnings.length > WARNINGS_SHOWN ? (
                <details className="area-choose" data-testid="area-more-warnings">
                  <summary>{t('areaImportMoreWarnings', { count: planWarnings.length - WARNINGS_SHOWN })}</summary>
                  <ul className="area-issues">
                    {planWarnings.slice(WARNINGS_SHOWN, 1000).map((issue, i) => issueItem(issue, i))}
                  </ul>
                </details>
              ) : null}
            </>
          ) : null}
          {plan.features.length > 1 && !settings.onlyOwnGmina ? (
            <details className="area-choose" data-testid="area-choose">
              <summary>{t('areaImportChoose', { chosen: plan.features.length - plan.skippedFeatures.length, all: plan.features.length })}</summary>
              <ul className="wave-area-list">
                {plan.features.slice(0, 500).map((f) => (
                  <li key={f.index}>
                    <label>
                      <input
                        type="checkbox"
                        checked={!plan.skippedFeatures.includes(f.index)}
                        onChange={(e) => {
                          const keep = e.currentTarget.checked;
                          setSettings((s) => {
                            const skip = new Set(s.skipFeatures ?? plan.skippedFeatures);
                            if (keep) skip.delete(f.index);
                            else skip.add(f.index);
                            return { ...s, skipFeatures: [...skip].sort((a, b) => a - b) };
                          });
                        }}
                      />{' '}
                      {f.name || `${t('areaImportFeature', { row: f.index + 1 })}`}
                    </label>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          <button type="button" className="button-primary" disabled={!plan.ok || status.kind !== 'planned'} onClick={() => void commit()} data-testid="area-commit">
            {t('areaImportCommit', { count: plan.ok ? plan.areas.length : 0 })}
          </button>
        </div>
      ) : null}
      {status.kind === 'done' ? (
        <p className="import-actions-row">
          <a href="#map">{t('areaImportShowMap')}</a>
          <button type="button" className="button-secondary" onClick={() => void undo()} data-testid="area-undo">
            {t('areaImportUndo')}
          </button>
        </p>
      ) : null}
      {status.kind === 'failed' ? (
        <p className="form-error" role="alert">
          {t('areaImportFailed', { reason: status.reason })}
        </p>
      ) : null}
    </section>
  );
}
