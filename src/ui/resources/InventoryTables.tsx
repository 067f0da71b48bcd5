import { useEffect, useRef } from 'react';
import { NEED_BY_ID, type Group, type NeedCategoryId, type Resource } from '../../domain';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { formatDate } from '../common/format';
import type { GroupSortKey, ResourceSortKey } from './inventoryFilter';
import type { SortOrder } from '../common/table/tableSort';
import { SortableHeader } from '../common/table/SortableHeader';

interface TableProps<T, K extends string> {
  rows: readonly T[];
  caption: string;
  order: SortOrder<K>;
  onSort: (column: K) => void;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  language: Language;
}

function NeedTags({ needs, language }: { needs: readonly NeedCategoryId[]; language: Language }) {
  return (
    <ul className="tag-list">
      {needs.map((n) => (
        <li key={n} className="tag">
          {NEED_BY_ID[n].label[language]}
        </li>
      ))}
    </ul>
  );
}

/** Keeps the selected row on screen when the selection comes from the map. */
function useScrollSelectedIntoView(selectedId: string | null) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (!selectedId) return;
    const row = bodyRef.current?.querySelector<HTMLElement>(`tr[data-id="${CSS.escape(selectedId)}"]`);
    row?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  return bodyRef;
}

/** The row's name is a toggle button, so keyboard users select a row exactly as a click on the row does. */
function RowName({ name, selected }: { name: string; selected: boolean }) {
  return (
    <th scope="row">
      <button type="button" className="row-button" aria-pressed={selected}>
        {name}
      </button>
    </th>
  );
}

export function ResourceTable({ rows, caption, order, onSort, selectedId, onSelect, language }: TableProps<Resource, ResourceSortKey>) {
  const t = useT();
  const bodyRef = useScrollSelectedIntoView(selectedId);
  return (
    <table className="data-table" data-testid="inventory-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <SortableHeader column="name" label={t('invColName')} order={order} onSort={onSort} />
          <SortableHeader column="kind" label={t('invColKind')} order={order} onSort={onSort} />
          <SortableHeader column="needs" label={t('invColNeeds')} order={order} onSort={onSort} />
          <SortableHeader column="partnership" label={t('invColPartnership')} order={order} onSort={onSort} />
          <SortableHeader column="coalitions" label={t('invColCoalitions')} order={order} onSort={onSort} />
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {rows.map((r) => {
          const selected = r.id === selectedId;
          return (
            <tr key={r.id} data-id={r.id} className={selected ? 'is-selected' : undefined} onClick={() => onSelect(selected ? null : r.id)}>
              <RowName name={r.name} selected={selected} />
              <td>{RESOURCE_KIND_LABELS[r.kind][language]}</td>
              <td>
                <NeedTags needs={r.serves} language={language} />
              </td>
              <td className="nowrap">{r.partnershipDeclaredOn ? formatDate(language, r.partnershipDeclaredOn) : <span className="muted">{t('none')}</span>}</td>
              <td>
                {r.coalitions.length ? (
                  <ul className="plain-list">
                    {r.coalitions.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <span className="muted">{t('none')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function GroupTable({ rows, caption, order, onSort, selectedId, onSelect, language, meetingPlace }: TableProps<Group, GroupSortKey> & { meetingPlace: (resourceId: string) => string | undefined }) {
  const t = useT();
  const bodyRef = useScrollSelectedIntoView(selectedId);
  return (
    <table className="data-table" data-testid="inventory-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <SortableHeader column="name" label={t('invColName')} order={order} onSort={onSort} />
          <SortableHeader column="kind" label={t('invColKind')} order={order} onSort={onSort} />
          <SortableHeader column="needs" label={t('invColTargetNeeds')} order={order} onSort={onSort} />
          <SortableHeader column="years" label={t('invColYears')} order={order} onSort={onSort} />
          <SortableHeader column="meetingPlace" label={t('invColMeetingPlace')} order={order} onSort={onSort} />
        </tr>
      </thead>
      <tbody ref={bodyRef}>
        {rows.map((g) => {
          const selected = g.id === selectedId;
          const place = g.meetingPlaceId ? meetingPlace(g.meetingPlaceId) : undefined;
          return (
            <tr key={g.id} data-id={g.id} className={selected ? 'is-selected' : undefined} onClick={() => onSelect(selected ? null : g.id)}>
              <RowName name={g.name} selected={selected} />
              <td>{GROUP_KIND_LABELS[g.kind][language]}</td>
              <td>
                <NeedTags needs={g.targetNeeds} language={language} />
              </td>
              <td className="nowrap">
                {g.activeTo === undefined ? t('invYearsSince', { from: String(g.activeFrom) }) : t('invYearsRange', { from: String(g.activeFrom), to: String(g.activeTo) })}
              </td>
              <td>{place ?? <span className="muted">{t('none')}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
