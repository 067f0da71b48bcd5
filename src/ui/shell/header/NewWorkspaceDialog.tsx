import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ORGANISATION_KINDS, type InputIssue } from '../../../domain';
import type { MessageKey } from '../../i18n/dictionary';
import { useT } from '../../i18n/useT';
import { openWorkspace, workspaceRegistry } from './workspaceSwitch';

type Field = 'name' | 'kind' | 'gminaTeryt' | 'town';
const FIELD_ERRORS: Record<Field, MessageKey> = { name: 'workspaceErrName', kind: 'workspaceErrKind', gminaTeryt: 'workspaceErrTeryt', town: 'workspaceErrTown' };

/** Which fields the registry refused (its issues name them); anything else is a storage failure with a reason. */
function fieldErrors(issues: readonly InputIssue[]): { fields: Partial<Record<Field, true>>; other: string | null } {
  const fields: Partial<Record<Field, true>> = {};
  const other: string[] = [];
  for (const issue of issues) {
    if (issue.field in FIELD_ERRORS) fields[issue.field as Field] = true;
    else other.push(issue.message);
  }
  return { fields, other: other.length ? other.join('; ') : null };
}

/**
 * "Nowy obszar / nowa gmina": the centre's name and kind, the gmina's TERYT code and the town. On success the new,
 * empty workspace is opened on the import screen; the demo town stays in the workspace list.
 */
export function NewWorkspaceDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Mounted when asked for, as an open modal; closing it (Cancel, Esc) unmounts it, so no hidden form stays behind.
  useEffect(() => {
    if (!dialogRef.current?.open) dialogRef.current?.showModal();
  }, []);
  const [values, setValues] = useState<Record<Field, string>>({ name: '', kind: 'OPS', gminaTeryt: '', town: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, true>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setFailure(null);
    const registry = workspaceRegistry();
    const result = await registry.create({ ...values, gminaTeryt: values.gminaTeryt.replace(/\s+/g, '') });
    if (result.ok) {
      openWorkspace(registry, result.workspace.id, 'import');
      return;
    }
    const { fields, other } = fieldErrors(result.issues);
    setErrors(fields);
    setFailure(other);
    setBusy(false);
    const first = (['name', 'kind', 'gminaTeryt', 'town'] as const).find((f) => fields[f]);
    if (first) document.getElementById(`${id}-${first}`)?.focus();
  };

  const input = (field: Field, label: MessageKey, extra: { hint?: MessageKey; inputMode?: 'numeric'; autoComplete?: string } = {}) => (
    <div className="workspace-field">
      <label htmlFor={`${id}-${field}`}>{t(label)}</label>
      <input
        id={`${id}-${field}`}
        name={field}
        type="text"
        value={values[field]}
        inputMode={extra.inputMode}
        autoComplete={extra.autoComplete ?? 'off'}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={[extra.hint ? `${id}-${field}-hint` : '', errors[field] ? `${id}-${field}-error` : ''].filter(Boolean).join(' ') || undefined}
        onChange={(e) => {
          const value = e.currentTarget.value;
          setValues((v) => ({ ...v, [field]: value }));
          if (errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
        }}
      />
      {extra.hint ? (
        <p id={`${id}-${field}-hint`} className="workspace-hint">
          {t(extra.hint)}
        </p>
      ) : null}
      {errors[field] ? (
        <p id={`${id}-${field}-error`} className="form-error">
          {t(FIELD_ERRORS[field])}
        </p>
      ) : null}
    </div>
  );

  return (
    <dialog ref={dialogRef} className="confirm-dialog workspace-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="new-workspace-form">
        <h2 id={`${id}-title`}>{t('workspaceNewTitle')}</h2>
        <p>{t('workspaceNewIntro')}</p>
        {input('name', 'workspaceName', { autoComplete: 'organization' })}
        <div className="workspace-field">
          <label htmlFor={`${id}-kind`}>{t('workspaceKind')}</label>
          <select id={`${id}-kind`} name="kind" value={values.kind} onChange={(e) => {
              const kind = e.currentTarget.value;
              setValues((v) => ({ ...v, kind }));
            }}>
            {ORGANISATION_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kind === 'other' ? t('workspaceKindOther') : kind}
              </option>
            ))}
          </select>
          {errors.kind ? <p className="form-error">{t('workspaceErrKind')}</p> : null}
        </div>
        {input('gminaTeryt', 'workspaceTeryt', { hint: 'workspaceTerytHint', inputMode: 'numeric' })}
        {input('town', 'workspaceTown')}
        {failure ? (
          <p className="form-error" role="alert">
            {t('workspaceErrStorage', { reason: failure })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => dialogRef.current?.close()}>
            {t('cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? t('workspaceCreating') : t('workspaceCreate')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
