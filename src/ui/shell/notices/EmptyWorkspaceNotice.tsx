import type { Workspace } from '../../../domain';
import { useT } from '../../i18n/useT';

/** A workspace with nothing to draw yet: no streets, no areas, no addresses (a centre's own town, just started). */
export const isEmptyWorkspace = (workspace: Workspace): boolean => workspace.streets.length === 0 && workspace.areas.length === 0 && workspace.addresses.length === 0;

/** Says what to do first in an empty workspace, instead of an empty map with nothing to explain it. */
export function EmptyWorkspaceNotice() {
  const t = useT();
  return (
    <section className="notice notice-info" role="status" data-testid="empty-workspace">
      <p className="notice-title">{t('workspaceEmptyTitle')}</p>
      <p>
        {t('workspaceEmptyBody')} <a href="#import">{t('workspaceEmptyImport')}</a>
      </p>
    </section>
  );
}
