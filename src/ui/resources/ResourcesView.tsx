import { useCallback, useEffect, useMemo, useState } from 'react';
import { type GroupKind, type NeedCategoryId, type ResourceKind } from '../../domain';
import { RESOURCE_CATEGORIES, RESOURCE_CATEGORY_OF_KIND, RESOURCE_CATEGORY_STYLE, resourceIconId } from '../../map/palette';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { NeedFilter } from '../common/NeedFilter';
import { useAppState } from '../shell/appStore';
import { CATEGORY_LABEL_KEYS, MarkerSwatch } from '../common/Legend';
import { GROUP_COLOUR, InventoryMap, type InventoryPoint } from './InventoryMap';
import { GroupTable, ResourceTable } from './InventoryTables';
import {
  filterGroups,
  filterResources,
  sortGroups,
  sortResources,
  type GroupSortKey,
  type ResourceSortKey,
} from './inventoryFilter';
import { nextSortOrder, polishCollator, type SortOrder } from '../common/table/tableSort';
import '../common/table/tableViews.css';
import './resources.css';
import type { ScreenProps } from '../shell/screens';
import { canSeeLeaderContacts, CURRENT_AUDIENCE } from '../common/audience';
import { LeaderList } from './LeaderList';
import { CooperationPanel } from './CooperationPanel';

type Collection = 'resources' | 'groups' | 'cooperation' | 'leaders';

/**
 * "Zasoby": the inventory of institutions, partners and groups. Filters (kind, need, name) and sorting are UI
 * logic over the workspace (inventoryFilter.ts); the map beside the table shows exactly the rows shown, and a
 * selection in either is a selection in both.
 */
export function ResourcesView({ workspace, dataSource }: ScreenProps) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const [collection, setCollection] = useState<Collection>('resources');
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<string | null>(null);
  const [need, setNeed] = useState<NeedCategoryId | null>(null);
  const [resourceOrder, setResourceOrder] = useState<SortOrder<ResourceSortKey>>({ key: 'name', direction: 'ascending' });
  const [groupOrder, setGroupOrder] = useState<SortOrder<GroupSortKey>>({ key: 'name', direction: 'ascending' });
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const resources = useMemo(() => workspace?.resources ?? [], [workspace]);
  const groups = useMemo(() => workspace?.groups ?? [], [workspace]);
  const resourceName = useMemo(() => {
    const names = new Map(resources.map((r) => [r.id, r.name]));
    return (id: string) => names.get(id);
  }, [resources]);

  const kindLabel = useCallback(
    (k: string) => (collection === 'resources' ? RESOURCE_KIND_LABELS[k as ResourceKind][language] : GROUP_KIND_LABELS[k as GroupKind][language]),
    [collection, language],
  );

  // Kinds present in the data, in Polish order of their labels, with their counts.
  const kindOptions = useMemo(() => {
    const counts = new Map<string, number>();
    for (const record of collection === 'resources' ? resources : groups) counts.set(record.kind, (counts.get(record.kind) ?? 0) + 1);
    return [...counts].map(([value, count]) => ({ value, count, label: kindLabel(value) })).sort((a, b) => polishCollator.compare(a.label, b.label));
  }, [collection, resources, groups, kindLabel]);

  const shownResources = useMemo(
    () => (collection === 'resources' ? sortResources(filterResources(resources, { query, kind: kind as ResourceKind | null, need }), resourceOrder, { kind: kindLabel }) : []),
    [collection, resources, query, kind, need, resourceOrder, kindLabel],
  );
  const shownGroups = useMemo(
    () => (collection === 'groups' ? sortGroups(filterGroups(groups, { query, kind: kind as GroupKind | null, need }), groupOrder, { kind: kindLabel, meetingPlace: resourceName }) : []),
    [collection, groups, query, kind, need, groupOrder, kindLabel, resourceName],
  );
  const total = collection === 'resources' ? resources.length : groups.length;
  const shownIds = useMemo(() => (collection === 'resources' ? shownResources : shownGroups).map((r) => r.id), [collection, shownResources, shownGroups]);

  const points: InventoryPoint[] = useMemo(
    () =>
      collection === 'resources'
        ? resources.map((r) => ({ id: r.id, name: r.name, position: r.location.coordinates as [number, number], icon: resourceIconId(RESOURCE_CATEGORY_OF_KIND[r.kind]) }))
        : groups.map((g) => ({ id: g.id, name: g.name, position: g.location.coordinates as [number, number] })),
    [collection, resources, groups],
  );

  // A selection filtered out of the table is dropped.
  useEffect(() => {
    if (selectedId && !shownIds.includes(selectedId)) setSelectedId(null);
  }, [selectedId, shownIds]);

  // Esc clears the selection, as on the map view.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) setSelectedId(null);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  const switchCollection = (next: Collection) => {
    setCollection(next);
    setKind(null);
    setSelectedId(null);
  };
  const clearFilters = () => {
    setQuery('');
    setKind(null);
    setNeed(null);
  };
  const filtered = query !== '' || kind !== null || need !== null;
  const countText = t(collection === 'resources' ? 'invCountResources' : 'invCountGroups', { shown: shownIds.length, total });
  const caption = t(collection === 'resources' ? 'invCaptionResources' : 'invCaptionGroups', { shown: shownIds.length, total });
  const selectedName = selectedId ? points.find((p) => p.id === selectedId)?.name : undefined;

  // Planners also see "Liderzy" (common/audience.ts): the leader candidates, with contacts where consented.
  const collections: readonly Collection[] = canSeeLeaderContacts(CURRENT_AUDIENCE) ? ['resources', 'groups', 'cooperation', 'leaders'] : ['resources', 'groups', 'cooperation'];
  const collectionLabel = { resources: 'invResources', groups: 'invGroups', cooperation: 'invCooperation', leaders: 'invLeaders' } as const;
  const collectionSwitch = (
    <fieldset className="segmented">
      <legend className="filter-label">{t('invShow')}</legend>
      {collections.map((c) => (
        <label key={c} className="segmented-option">
          <input type="radio" name="inventory-collection" value={c} checked={collection === c} onChange={() => switchCollection(c)} />
          <span>{t(collectionLabel[c])}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <main className="table-view" id="main" aria-labelledby="inventory-title">
      <div className="table-view-head">
        <h2 id="inventory-title" className="table-view-title">
          {t('invTitle')}
        </h2>
        <p className="table-view-intro">{t('invIntro')}</p>
      </div>
      {collection === 'cooperation' ? (
        <CooperationPanel workspace={workspace} language={language} collectionSwitch={collectionSwitch} />
      ) : collection === 'leaders' ? (
        <div className="table-view-body leaders-body">
          <div className="filters">{collectionSwitch}</div>
          <LeaderList dataSource={dataSource} workspace={workspace} language={language} />
        </div>
      ) : (
      <div className="table-view-body">
        <div className="table-view-data">
          <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
            {collectionSwitch}
            <div className="filter-field filter-search">
              <label className="filter-label" htmlFor="inventory-search">
                {t('invSearch')}
              </label>
              <input id="inventory-search" className="text-input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby="inventory-search-hint" autoComplete="off" />
              <span id="inventory-search-hint" className="hint">
                {t('invSearchHint')}
              </span>
            </div>
            <div className="filter-field">
              <label className="filter-label" htmlFor="inventory-kind">
                {t('invKind')}
              </label>
              <select id="inventory-kind" className="select-input" value={kind ?? ''} onChange={(e) => setKind(e.target.value || null)}>
                <option value="">{t('invAny')}</option>
                {kindOptions.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label} ({o.count})
                  </option>
                ))}
              </select>
            </div>
            <NeedFilter id="inventory-need" label={t('invNeed')} value={need} onChange={setNeed} language={language} />
            <div className="filter-actions">
              <p className="filter-count" role="status" data-testid="inventory-count">
                {countText}
              </p>
              {filtered ? (
                <button type="button" className="button-secondary" onClick={clearFilters}>
                  {t('invClear')}
                </button>
              ) : null}
            </div>
          </form>
          <p className="hint table-hint">{t('invSortHint')}</p>
          <div className="table-scroll">
            {collection === 'resources' ? (
              <ResourceTable
                rows={shownResources}
                caption={caption}
                order={resourceOrder}
                onSort={(key) => setResourceOrder((o) => nextSortOrder(o, key))}
                selectedId={selectedId}
                onSelect={setSelectedId}
                language={language}
              />
            ) : (
              <GroupTable
                rows={shownGroups}
                caption={caption}
                order={groupOrder}
                onSort={(key) => setGroupOrder((o) => nextSortOrder(o, key))}
                selectedId={selectedId}
                onSelect={setSelectedId}
                language={language}
                meetingPlace={resourceName}
              />
            )}
            {shownIds.length === 0 ? <p className="table-empty">{t('invEmpty')}</p> : null}
          </div>
        </div>
        <div className="table-view-map">
          <InventoryMap points={points} visibleIds={shownIds} selectedId={selectedId} onSelect={setSelectedId} areas={workspace?.areas ?? []} streets={workspace?.streets ?? []} />
          <section className="view-map-legend" aria-labelledby="inventory-legend-title">
            <h3 id="inventory-legend-title">{t('legend')}</h3>
            <ul className="legend-list legend-inline">
              {collection === 'resources' ? (
                RESOURCE_CATEGORIES.filter((c) => shownResources.some((r) => RESOURCE_CATEGORY_OF_KIND[r.kind] === c)).map((c) => (
                  <li key={c}>
                    <MarkerSwatch shape={RESOURCE_CATEGORY_STYLE[c].shape} colour={RESOURCE_CATEGORY_STYLE[c].colour} />
                    {t(CATEGORY_LABEL_KEYS[c])}
                  </li>
                ))
              ) : (
                <li>
                  <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                    <circle cx="9" cy="9" r="6.5" fill={GROUP_COLOUR} stroke="#fff" strokeWidth="1.5" />
                  </svg>
                  {t('invGroups')}
                </li>
              )}
            </ul>
          </section>
          <p className="visually-hidden" aria-live="polite">
            {selectedName ? t('invSelected', { name: selectedName }) : ''}
          </p>
        </div>
      </div>
      )}
    </main>
  );
}
