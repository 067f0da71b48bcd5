import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { DataSource } from '../../data/dataSource';
import { SURVEY_METHODS, type Workspace } from '../../domain';
import { inputIssuesText } from '../i18n/problemText';
import { SURVEY_METHOD_LABELS, type MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { requestReload, useAppState, useAppStore } from '../shell/appStore';
import { formatCount } from '../common/format';
import { buildWave, householdsInAreas, type WaveDraft, type WaveErrors, type WaveField } from './waveForm';

const ERROR_TEXT: Record<WaveField, MessageKey> = {
  name: 'waveErrName',
  wave: 'waveErrWave',
  startDate: 'waveErrStart',
  endDate: 'waveErrEnd',
  method: 'waveErrMethod',
  householdsTargeted: 'waveErrTargeted',
  areaIds: 'waveErrAreas',
};
const FIELD_ORDER: readonly WaveField[] = ['name', 'wave', 'startDate', 'endDate', 'method', 'areaIds', 'householdsTargeted'];

const AREA_KIND_ORDER = { district: 0, estate: 1, care_region: 2, custom: 3 } as const;

interface WaveDialogProps {
  workspace: Workspace;
  dataSource: DataSource;
  /** The draft to edit (a new wave or an existing one); null: closed. */
  draft: WaveDraft | null;
  onClose: () => void;
  onSaved: (waveNumber: number) => void;
}

/**
 * Creates or edits a survey wave: name, number, dates, method, the areas it covers and the households it targets
 * (suggested from the addresses in those areas). Saved in one all-or-nothing write, with a new "whole town" area
 * when the workspace has none yet; the workspace is then read again so every view shows the wave.
 */
export function WaveDialog({ workspace, dataSource, draft: initial, onClose, onSaved }: WaveDialogProps) {
  const t = useT();
  const id = useId();
  const store = useAppStore();
  const language = useAppState((s) => s.language);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [draft, setDraft] = useState<WaveDraft | null>(initial);
  const [errors, setErrors] = useState<WaveErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setDraft(initial);
    setErrors({});
    setFailure(null);
    const dialog = dialogRef.current;
    if (initial && dialog && !dialog.open) dialog.showModal();
    if (!initial && dialog?.open) dialog.close();
  }, [initial]);

  const areas = useMemo(() => [...workspace.areas].sort((a, b) => AREA_KIND_ORDER[a.kind] - AREA_KIND_ORDER[b.kind] || a.name.localeCompare(b.name, 'pl')), [workspace.areas]);
  const suggested = useMemo(() => (draft ? householdsInAreas(workspace, draft.areaIds, draft.wholeTown) : 0), [workspace, draft]);

  const update = (patch: Partial<WaveDraft>, field?: WaveField) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    if (field && errors[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft || busy) return;
    setFailure(null);
    const suffix = crypto.randomUUID().slice(0, 8);
    const result = buildWave(draft, workspace, {
      campaignId: `campaign-${suffix}`,
      areaId: `area-town-${suffix}`,
      areaName: t('waveWholeTownName', { town: workspace.organisation.town }),
    });
    if (!result.ok) {
      setErrors(result.errors);
      if (result.noExtent) setFailure(t('waveErrNoExtent'));
      const first = FIELD_ORDER.find((f) => result.errors[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    const saved = await dataSource.applyChanges({ upserts: { ...(result.area ? { areas: [result.area] } : {}), campaigns: [result.campaign] } });
    setBusy(false);
    if (!saved.ok) {
      setFailure(t('waveErrSave', { reason: inputIssuesText(saved.issues, language) }));
      return;
    }
    requestReload(store);
    onSaved(result.campaign.wave);
  };

  const describedBy = (field: WaveField, hint?: boolean) => [hint ? `${id}-${field}-hint` : '', errors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  const error = (field: WaveField) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="form-error">
        {t(ERROR_TEXT[field])}
      </p>
    ) : null;

  return (
    <dialog ref={dialogRef} className="confirm-dialog wave-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      {draft ? (
        <form onSubmit={(e) => void submit(e)} noValidate data-testid="wave-form">
          <h2 id={`${id}-title`}>{draft.id ? t('waveEditTitle', { wave: draft.wave }) : t('waveNewTitle')}</h2>
          <div className="form-field">
            <label htmlFor={`${id}-name`}>{t('waveName')}</label>
            <input id={`${id}-name`} type="text" value={draft.name} aria-invalid={errors.name ? true : undefined} aria-describedby={describedBy('name')} onChange={(e) => update({ name: e.currentTarget.value }, 'name')} />
            {error('name')}
          </div>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor={`${id}-wave`}>{t('waveNumber')}</label>
              <input id={`${id}-wave`} type="text" inputMode="numeric" value={draft.wave} aria-invalid={errors.wave ? true : undefined} aria-describedby={describedBy('wave', true)} onChange={(e) => update({ wave: e.currentTarget.value }, 'wave')} />
              <p id={`${id}-wave-hint`} className="form-hint">
                {t('waveNumberHint')}
              </p>
              {error('wave')}
            </div>
            <div className="form-field">
              <label htmlFor={`${id}-method`}>{t('waveMethod')}</label>
              <select id={`${id}-method`} value={draft.method} onChange={(e) => update({ method: e.currentTarget.value as WaveDraft['method'] }, 'method')}>
                {SURVEY_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {SURVEY_METHOD_LABELS[m][language]}
                  </option>
                ))}
              </select>
              {error('method')}
            </div>
          </div>
          <div className="form-row">
            <div className="form-field">
              <label htmlFor={`${id}-startDate`}>{t('waveStart')}</label>
              <input id={`${id}-startDate`} type="date" value={draft.startDate} aria-invalid={errors.startDate ? true : undefined} aria-describedby={describedBy('startDate')} onChange={(e) => update({ startDate: e.currentTarget.value }, 'startDate')} />
              {error('startDate')}
            </div>
            <div className="form-field">
              <label htmlFor={`${id}-endDate`}>{t('waveEnd')}</label>
              <input id={`${id}-endDate`} type="date" value={draft.endDate} aria-invalid={errors.endDate ? true : undefined} aria-describedby={describedBy('endDate')} onChange={(e) => update({ endDate: e.currentTarget.value }, 'endDate')} />
              {error('endDate')}
            </div>
          </div>
          <fieldset className="form-field wave-areas" id={`${id}-areaIds`} tabIndex={-1} aria-describedby={describedBy('areaIds')}>
            <legend>{t('waveAreas')}</legend>
            {draft.wholeTown && !draft.id ? (
              <>
                <p className="form-hint">{t('waveNoAreasHint')}</p>
                <p>{t('waveWholeTown', { town: workspace.organisation.town })}</p>
              </>
            ) : (
              <ul className="wave-area-list">
                {areas.map((area) => (
                  <li key={area.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={draft.areaIds.includes(area.id)}
                        onChange={(e) => {
                          const checked = e.currentTarget.checked;
                          update({ areaIds: checked ? [...draft.areaIds, area.id] : draft.areaIds.filter((a) => a !== area.id) }, 'areaIds');
                        }}
                      />{' '}
                      {area.name}
                    </label>
                  </li>
                ))}
              </ul>
            )}
            {error('areaIds')}
          </fieldset>
          <div className="form-field">
            <label htmlFor={`${id}-householdsTargeted`}>{t('waveTargeted')}</label>
            <input
              id={`${id}-householdsTargeted`}
              type="text"
              inputMode="numeric"
              value={draft.householdsTargeted}
              aria-invalid={errors.householdsTargeted ? true : undefined}
              aria-describedby={describedBy('householdsTargeted', true)}
              onChange={(e) => update({ householdsTargeted: e.currentTarget.value }, 'householdsTargeted')}
            />
            <p id={`${id}-householdsTargeted-hint`} className="form-hint">
              {suggested > 0 ? t('waveTargetedHint', { households: formatCount(language, suggested) }) : t('waveTargetedNoAddresses')}
            </p>
            {error('householdsTargeted')}
          </div>
          {failure ? (
            <p className="form-error" role="alert">
              {failure}
            </p>
          ) : null}
          <div className="dialog-actions">
            <button type="button" className="button-secondary" onClick={() => dialogRef.current?.close()}>
              {t('cancel')}
            </button>
            <button type="submit" className="button-primary" disabled={busy}>
              {busy ? t('waveSaving') : t('waveSave')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
