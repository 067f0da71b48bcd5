import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { useT } from '../../i18n/useT';
import { WorkspaceList } from './WorkspaceList';

interface SettingsMenuProps {
  /** Absent when the data source cannot reset (Supabase): the item is then not offered. */
  onResetDemo: (() => Promise<void>) | undefined;
  /** The embedded default's open workspace (the demo or a centre's own town); absent on Supabase. */
  workspaceId?: string | undefined;
}

/** Loaded when first asked for (a rare step; not part of the first paint). */
const NewWorkspaceDialog = lazy(() => import('./NewWorkspaceDialog').then((m) => ({ default: m.NewWorkspaceDialog })));

type ResetStatus = { kind: 'idle' } | { kind: 'working' } | { kind: 'done' } | { kind: 'failed'; reason: string };

/** A small disclosure menu: the workspaces of this browser, data import, and reset to the demo data (after confirmation). */
export function SettingsMenu({ onResetDemo, workspaceId }: SettingsMenuProps) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ResetStatus>({ kind: 'idle' });
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [newWorkspaceOpen, setNewWorkspaceOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const titleId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const confirmReset = async () => {
    if (!onResetDemo) return;
    setStatus({ kind: 'working' });
    try {
      await onResetDemo();
      setStatus({ kind: 'done' });
      dialogRef.current?.close();
    } catch (error) {
      setStatus({ kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <div className="settings" ref={menuRef}>
      <button
        ref={buttonRef}
        type="button"
        className="header-button"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">⚙ </span>
        <span className="header-button-label">{t('settings')}</span>
      </button>
      <div id={menuId} className="settings-menu" hidden={!open}>
        {workspaceId !== undefined && open ? (
          <WorkspaceList
            currentId={workspaceId}
            onChoose={() => setOpen(false)}
            onNew={() => {
              setOpen(false);
              setNewWorkspaceOpen(true);
            }}
          />
        ) : null}
        <a className="settings-item" href="#import" onClick={() => setOpen(false)}>
          {t('importData')}
        </a>
        {onResetDemo ? (
          <button
            type="button"
            className="settings-item"
            onClick={() => {
              setOpen(false);
              setStatus({ kind: 'idle' });
              dialogRef.current?.showModal();
            }}
          >
            {t('resetDemo')}
          </button>
        ) : workspaceId === undefined ? (
          <p className="settings-note">{t('resetDemoUnavailable')}</p>
        ) : null}
      </div>
      <p className="visually-hidden" role="status">
        {status.kind === 'done' ? t('resetDemoDone') : ''}
      </p>
      {workspaceId !== undefined && newWorkspaceOpen ? (
        <Suspense fallback={null}>
          <NewWorkspaceDialog
            onClose={() => {
              setNewWorkspaceOpen(false);
              buttonRef.current?.focus();
            }}
          />
        </Suspense>
      ) : null}
      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId} onClose={() => buttonRef.current?.focus()}>
        <h2 id={titleId}>{t('resetDemoTitle')}</h2>
        <p>{t('resetDemoBody')}</p>
        {status.kind === 'failed' ? (
          <p className="form-error" role="alert">
            {t('resetDemoFailed', { reason: status.reason })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => dialogRef.current?.close()}>
            {t('cancel')}
          </button>
          <button type="button" className="button-danger" disabled={status.kind === 'working'} onClick={() => void confirmReset()}>
            {t('resetDemoConfirm')}
          </button>
        </div>
      </dialog>
    </div>
  );
}
