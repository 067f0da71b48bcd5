import { useMemo, useState, type ReactNode } from 'react';
import type { Workspace } from '../../domain';
import { RESOURCE_CATEGORY_OF_KIND, resourceIconId } from '../../map/palette';
import type { Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { formatCount } from '../common/format';
import { cooperations } from './cooperation';
import { CooperationList } from './CooperationList';
import { InventoryMap, type InventoryPoint } from './InventoryMap';

/**
 * "Zasoby → Współpraca": the partnerships and coalitions (cooperation.ts) beside the map of their members and the groups
 * they host — all of them, or the chosen one's.
 */
export function CooperationPanel({ workspace, language, collectionSwitch }: { workspace: Workspace | null; language: Language; collectionSwitch: ReactNode }) {
  const t = useT();
  const [selected, setSelected] = useState<string | null>(null);
  const [pointId, setPointId] = useState<string | null>(null);
  const items = useMemo(() => (workspace ? cooperations(workspace) : []), [workspace]);
  const points: InventoryPoint[] = useMemo(
    () => [
      ...(workspace?.resources ?? []).map((r) => ({ id: r.id, name: r.name, position: r.location.coordinates as [number, number], icon: resourceIconId(RESOURCE_CATEGORY_OF_KIND[r.kind]) })),
      ...(workspace?.groups ?? []).map((g) => ({ id: g.id, name: g.name, position: g.location.coordinates as [number, number] })),
    ],
    [workspace],
  );
  const visibleIds = useMemo(() => {
    const shown = selected === null ? items : items.filter((c) => c.name === selected);
    return [...new Set(shown.flatMap((c) => [...c.members.map((m) => m.id), ...c.groups.map((g) => g.id)]))];
  }, [items, selected]);

  return (
    <div className="table-view-body">
      <div className="table-view-data">
        <div className="filters">{collectionSwitch}</div>
        <h3 className="cooperation-title">{t('coopTitle', { count: formatCount(language, items.length) })}</h3>
        <p className="hint">{t('coopIntro')}</p>
        <CooperationList items={items} selected={selected} onSelect={setSelected} language={language} />
      </div>
      <div className="table-view-map">
        <InventoryMap points={points} visibleIds={visibleIds} selectedId={pointId && visibleIds.includes(pointId) ? pointId : null} onSelect={setPointId} areas={workspace?.areas ?? []} streets={workspace?.streets ?? []} />
      </div>
    </div>
  );
}
