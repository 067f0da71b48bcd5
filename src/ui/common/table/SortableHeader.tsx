import type { SortOrder } from './tableSort';

interface SortableHeaderProps<K extends string> {
  column: K;
  label: string;
  order: SortOrder<K>;
  onSort: (column: K) => void;
  /** Right-aligned numbers. */
  numeric?: boolean;
}

/**
 * A column header that sorts its table: a real button (keyboard, focus ring) inside a th whose aria-sort tells
 * screen readers the current order (WAI-ARIA APG "Sortable Table"). Used by the inventory and survey tables.
 */
export function SortableHeader<K extends string>({ column, label, order, onSort, numeric }: SortableHeaderProps<K>) {
  const active = order.key === column;
  return (
    <th scope="col" aria-sort={active ? order.direction : undefined} className={numeric ? 'numeric' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)} data-column={column}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (order.direction === 'ascending' ? '▲' : '▼') : '↕'}
        </span>
      </button>
    </th>
  );
}
