import type { NeedMapResult } from '../../analysis/exploreSession';
import { EXPLORE_COLOURS, NEED_CLASS_COLOURS } from '../../map/explorePalette';
import type { Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { classLabels } from './viewText';

/**
 * The need classes of a map that is not the explore map ("Programy"): a title saying what colour means (the
 * view in words and the wave), one row per class with its range, and the suppressed row (UX.md: never a colour
 * that could be read as "low").
 */
export function NeedClassLegend({ title, map, language }: { title: string; map: Pick<NeedMapResult, 'breaks' | 'classMin' | 'classMax' | 'minResponses'>; language: Language }) {
  const t = useT();
  const labels = classLabels(map.breaks, language, map);
  return (
    <div className="need-class-legend" data-testid="need-class-legend">
      <p className="legend-title">{title}</p>
      <ul className="legend-list legend-inline">
        {labels.map((label, i) => (
          <li key={`${i}:${label}`}>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <rect x="2" y="2" width="14" height="14" fill={NEED_CLASS_COLOURS[i]} stroke="#8c877d" />
            </svg>
            {label}
          </li>
        ))}
        <li>
          <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
            <rect x="2" y="2" width="14" height="14" fill={EXPLORE_COLOURS.suppressed} stroke="#8c877d" />
          </svg>
          {t('needLegendSuppressed', { k: map.minResponses })}
        </li>
      </ul>
    </div>
  );
}
