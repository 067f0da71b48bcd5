import { NEED_BY_ID } from '../../domain';
import { formatCount, formatDate } from '../common/format';
import { RESOURCE_KIND_LABELS, type Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import type { Cooperation } from './cooperation';

/**
 * "Współpraca": the local partnership and the coalitions of the inventory — who works together (institutions and the
 * groups they host), on which needs, and where. Choosing one shows its members on the map beside.
 */
export function CooperationList({ items, selected, onSelect, language }: { items: readonly Cooperation[]; selected: string | null; onSelect: (name: string | null) => void; language: Language }) {
  const t = useT();
  if (items.length === 0) return <p className="table-empty">{t('coopEmpty')}</p>;
  return (
    <ul className="plain-list cooperation-list" data-testid="cooperation-list">
      {items.map((c) => {
        const isSelected = c.name === selected;
        return (
          <li key={c.name} className={isSelected ? 'cooperation is-selected' : 'cooperation'} data-kind={c.kind}>
            <h3 className="cooperation-name">
              <button type="button" className="row-button" aria-pressed={isSelected} onClick={() => onSelect(isSelected ? null : c.name)}>
                {c.name}
              </button>
            </h3>
            <p className="cooperation-facts">
              {t(c.kind === 'partnership' ? 'coopKindPartnership' : 'coopKindCoalition')} ·{' '}
              {t('coopMembers', { count: formatCount(language, c.members.length) })}
              {c.groups.length ? ` · ${t('coopGroups', { count: formatCount(language, c.groups.length) })}` : ''}
            </p>
            <p className="cooperation-where">{c.estates.length ? t('coopWhere', { estates: c.estates.join(', ') }) : t('coopWhereNone')}</p>
            <div className="cooperation-needs">
              <span className="filter-label">{t('coopNeeds')}</span>
              <ul className="tag-list">
                {c.needs.map((n) => (
                  <li key={n.need} className="tag">
                    {t('coopNeedCount', { need: NEED_BY_ID[n.need].label[language], count: formatCount(language, n.count) })}
                  </li>
                ))}
              </ul>
            </div>
            {isSelected ? (
              <div className="cooperation-members">
                <ul>
                  {c.members.map((m) => (
                    <li key={m.id}>
                      {m.name} <span className="muted">({RESOURCE_KIND_LABELS[m.kind][language]}{m.partnershipDeclaredOn ? `, ${t('partnershipSince', { date: formatDate(language, m.partnershipDeclaredOn) })}` : ''})</span>
                    </li>
                  ))}
                  {c.groups.map((g) => (
                    <li key={g.id}>
                      {g.name} <span className="muted">({t('coopHostedGroup')})</span>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
