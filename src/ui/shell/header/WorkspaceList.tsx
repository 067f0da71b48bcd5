import { useEffect, useState } from 'react';
import { DEMO_WORKSPACE_ID, type EmbeddedWorkspace } from '../../../data/embedded';
import { useT } from '../../i18n/useT';
import { openWorkspace, workspaceRegistry } from './workspaceSwitch';

type ListState = { status: 'loading' } | { status: 'ready'; workspaces: EmbeddedWorkspace[] } | { status: 'failed'; reason: string };

/**
 * The workspaces of this browser inside the settings menu: the demo town and every centre's own town, the open one
 * marked; choosing another opens it (a page reload). `onNew` opens the "new workspace" dialog.
 */
export function WorkspaceList({ currentId, onNew, onChoose }: { currentId: string; onNew: () => void; onChoose: () => void }) {
  const t = useT();
  const [list, setList] = useState<ListState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    workspaceRegistry()
      .list(controller.signal)
      .then(
        ({ workspaces }) => setList({ status: 'ready', workspaces }),
        (error: unknown) => {
          if (!controller.signal.aborted) setList({ status: 'failed', reason: error instanceof Error ? error.message : String(error) });
        },
      );
    return () => controller.abort();
  }, []);

  const entries = [
    { id: DEMO_WORKSPACE_ID, label: t('workspaceDemo') },
    ...(list.status === 'ready' ? list.workspaces.map((w) => ({ id: w.id, label: `${w.organisation.town} — ${w.organisation.name}` })) : []),
  ];
  return (
    <section className="settings-section" aria-labelledby="settings-workspaces" data-testid="workspace-list">
      <h2 id="settings-workspaces" className="settings-heading">
        {t('workspaceHeading')}
      </h2>
      <ul className="settings-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <button
              type="button"
              className="settings-item"
              aria-current={entry.id === currentId ? 'true' : undefined}
              data-workspace={entry.id}
              onClick={() => {
                onChoose();
                if (entry.id !== currentId) openWorkspace(workspaceRegistry(), entry.id);
              }}
            >
              {entry.id === currentId ? <span aria-hidden="true">✓ </span> : null}
              {entry.label}
              {entry.id === currentId ? <span className="visually-hidden"> ({t('workspaceOpen')})</span> : null}
            </button>
          </li>
        ))}
      </ul>
      {list.status === 'failed' ? <p className="settings-note form-error">{t('workspaceListFailed', { reason: list.reason })}</p> : null}
      <button type="button" className="settings-item" onClick={onNew}>
        {t('workspaceNew')}
      </button>
    </section>
  );
}
