import { useEffect, useId, useRef, useState } from 'react';
import type { DataSource } from '../../data/dataSource';
import { isAbortError } from '../../data/abort';
import { exportWorkspaceFile, parseWorkspaceFile, type WorkspaceFileIssue } from '../../data/import';
import type { Workspace } from '../../domain';
import { useT } from '../i18n/useT';
import { requestReload, useAppState, useAppStore } from '../shell/appStore';
import { issueText } from './issueText';
import { applyWorkspaceReplacement, planWorkspaceReplacement, type WorkspaceReplacement } from './workspaceReplace';
import { createEmbeddedDataSource } from '../../data/embedded';
import { COLLECTION_NAMES } from '../../domain';
import { openWorkspace, workspaceRegistry } from '../shell/header/workspaceSwitch';

type LoadStatus =
  | { kind: 'idle' }
  | { kind: 'invalid'; fileName: string; issues: WorkspaceFileIssue[] }
  | { kind: 'confirm'; fileName: string; workspace: Workspace; replacement: WorkspaceReplacement }
  | { kind: 'saving' }
  | { kind: 'done'; fileName: string }
  | { kind: 'failed'; issues: WorkspaceFileIssue[] };

/** "cal-map-Dębowo-2025-06-01.json": the town and the day, so a folder of exports sorts and reads well. */
export function workspaceFileName(town: string, now: Date): string {
  const safeTown = town.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '') || 'obszar';
  return `cal-map-${safeTown}-${now.toISOString().slice(0, 10)}.json`;
}

/**
 * "Eksportuj obszar roboczy" downloads the whole workspace as one file; "Wczytaj obszar roboczy" reads one, checks all
 * of it first (nothing changes if any record is wrong), asks, and then replaces the data through the DataSource.
 */
export function WorkspaceFilePanel({ dataSource, workspace }: { dataSource: DataSource; workspace: Workspace | null }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const store = useAppStore();
  const inputId = useId();
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const controllerRef = useRef<AbortController | null>(null);
  const [status, setStatus] = useState<LoadStatus>({ kind: 'idle' });

  useEffect(() => () => controllerRef.current?.abort(), []);
  useEffect(() => {
    if (status.kind === 'confirm' && !dialogRef.current?.open) dialogRef.current?.showModal();
  }, [status]);

  const exportNow = () => {
    if (!workspace) return;
    const blob = new Blob([exportWorkspaceFile(workspace)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = workspaceFileName(workspace.organisation.town, new Date());
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const readFile = async (file: File) => {
    if (!workspace) return;
    const parsed = parseWorkspaceFile(await file.text());
    if (!parsed.ok) {
      setStatus({ kind: 'invalid', fileName: file.name, issues: parsed.issues });
      return;
    }
    setStatus({ kind: 'confirm', fileName: file.name, workspace: parsed.workspace, replacement: planWorkspaceReplacement(workspace, parsed.workspace) });
  };

  const confirm = async () => {
    if (status.kind !== 'confirm') return;
    const { fileName, replacement } = status;
    dialogRef.current?.close();
    controllerRef.current?.abort();
    const controller = new AbortController();
    controllerRef.current = controller;
    setStatus({ kind: 'saving' });
    try {
      const result = await applyWorkspaceReplacement(dataSource, replacement, controller.signal);
      if (result.ok) {
        setStatus({ kind: 'done', fileName });
        requestReload(store, { refit: true });
      } else setStatus({ kind: 'failed', issues: result.issues });
    } catch (error) {
      if (isAbortError(error)) return;
      setStatus({ kind: 'failed', issues: [{ source: 'workspace file', field: '(storage)', message: error instanceof Error ? error.message : String(error) }] });
    }
  };

  /**
   * A file of another centre (or another town) opened as a workspace of its own, beside the current one, which stays
   * as it is: the registry gets the file's centre, its records go into the new workspace in one write, and it opens.
   */
  const loadAsNew = async () => {
    if (status.kind !== 'confirm') return;
    const { fileName, workspace: incoming } = status;
    dialogRef.current?.close();
    setStatus({ kind: 'saving' });
    const registry = workspaceRegistry();
    const { id: fileOrganisationId, ...organisation } = incoming.organisation;
    const created = await registry.create(organisation, undefined, fileOrganisationId);
    if (!created.ok) {
      setStatus({ kind: 'failed', issues: created.issues });
      return;
    }
    const target = createEmbeddedDataSource({ registry, workspaceId: created.workspace.id });
    const upserts = Object.fromEntries(COLLECTION_NAMES.map((c) => [c, incoming[c]]));
    // Stored whole (one snapshot per collection), so reopening a city-sized town reads a few records, not 200k.
    const result = await target.storeNewWorkspace(upserts);
    if (!result.ok) {
      setStatus({ kind: 'failed', issues: result.issues });
      return;
    }
    setStatus({ kind: 'done', fileName });
    openWorkspace(registry, created.workspace.id);
  };

  const counts = (w: Workspace) => t('importWorkspaceCounts', { streets: w.streets.length, addresses: w.addresses.length, resources: w.resources.length, responses: w.responses.length });

  return (
    <section className="import-section" aria-labelledby={`${titleId}-section`}>
      <h3 id={`${titleId}-section`}>{t('importWorkspaceTitle')}</h3>
      <p className="import-note">{t('importWorkspaceIntro')}</p>
      <div className="import-actions-row">
        <button type="button" className="button-secondary" disabled={!workspace} onClick={exportNow} data-testid="export-workspace">
          {t('exportWorkspace')}
        </button>
        <input
          id={inputId}
          className="visually-hidden import-file-input"
          type="file"
          accept=".json,application/json"
          disabled={!workspace || status.kind === 'saving'}
          data-testid="load-workspace-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void readFile(file);
          }}
        />
        <label className="button-secondary import-file-button" htmlFor={inputId}>
          {t('loadWorkspace')}
        </label>
      </div>
      <div role="status" className="import-status">
        {status.kind === 'saving' ? t('importWorkspaceSaving') : null}
        {status.kind === 'done' ? t('importWorkspaceDone', { file: status.fileName }) : null}
      </div>
      {status.kind === 'invalid' || status.kind === 'failed' ? (
        <div className="form-error" role="alert">
          <p>{status.kind === 'invalid' ? t('importWorkspaceInvalid', { file: status.fileName }) : t('importWorkspaceFailed')}</p>
          <ul>
            {status.issues.slice(0, 20).map((issue, i) => (
              <li key={i}>
                {issue.field}: {issueText(issue, language)}
              </li>
            ))}
          </ul>
          {status.issues.length > 20 ? <p>{t('issuesMore', { count: status.issues.length - 20 })}</p> : null}
        </div>
      ) : null}
      <dialog ref={dialogRef} className="confirm-dialog" aria-labelledby={titleId} onClose={() => setStatus((s) => (s.kind === 'confirm' ? { kind: 'idle' } : s))}>
        <h2 id={titleId}>{t('importWorkspaceConfirmTitle')}</h2>
        {status.kind === 'confirm' ? (
          <>
            <p>{t('importWorkspaceConfirmBody', { file: status.fileName })}</p>
            <p>{counts(status.workspace)}</p>
            <p>
              {t('importWorkspaceChanges', {
                written: Object.values(status.replacement.upserts).reduce((sum, records) => sum + (records?.length ?? 0), 0),
                deleted: status.replacement.deletes.length,
              })}
            </p>
            {status.replacement.organisationDiffers ? (
              <p>{dataSource.workspaceId !== undefined ? t('importWorkspaceOtherCentre', { name: status.workspace.organisation.name, town: status.workspace.organisation.town }) : t('importWorkspaceOrganisationKept')}</p>
            ) : null}
          </>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => dialogRef.current?.close()}>
            {t('cancel')}
          </button>
          {status.kind === 'confirm' && status.replacement.organisationDiffers && dataSource.workspaceId !== undefined ? (
            <button type="button" className="button-primary" onClick={() => void loadAsNew()} data-testid="load-workspace-as-new">
              {t('importWorkspaceAsNew', { town: status.workspace.organisation.town })}
            </button>
          ) : null}
          <button type="button" className="button-danger" onClick={() => void confirm()}>
            {t('importWorkspaceConfirm')}
          </button>
        </div>
      </dialog>
    </section>
  );
}
