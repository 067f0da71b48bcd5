import { useState } from 'react';
import type { UnitNeedDetail } from '../../analysis/exploreSession';
import { NEED_CLASS_COLOURS } from '../../map/explorePalette';
import type { Language } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { needLabel } from '../common/viewText';
import { formatPercent } from '../common/format';

/**
 * The unit's main needs as horizontal bars with their Wilson 95 % intervals and the town average (a tick), in plain
 * SVG; every bar is a focusable list item with its numbers as its name, and a button swaps the chart for a table.
 */
export function NeedBars({ needs, language, highlight }: { needs: readonly UnitNeedDetail[]; language: Language; highlight: string | null }) {
  const t = useT();
  const [asTable, setAsTable] = useState(false);
  const shown = [...needs].filter((n) => n.rate !== null).sort((a, b) => (b.rate ?? 0) - (a.rate ?? 0));
  const max = Math.max(0.2, ...shown.map((n) => Math.max(n.upper ?? 0, n.townRate)));
  const x = (v: number) => (100 * v) / max;
  const pct = (v: number | null) => (v === null ? '–' : formatPercent(language, v, 0));

  return (
    <div className="need-bars">
      <p className="hint" id="need-bars-caption">
        {t('detailNeedsCaption')}
      </p>
      {asTable ? (
        <table className="need-table" aria-describedby="need-bars-caption">
          <thead>
            <tr>
              <th scope="col">{t('tableNeed')}</th>
              <th scope="col">{t('tableRate')}</th>
              <th scope="col">{t('tableInterval')}</th>
              <th scope="col">{t('tableTown')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((n) => (
              <tr key={n.needId}>
                <th scope="row">{needLabel(n.needId, language)}</th>
                <td>{pct(n.rate)}</td>
                <td>
                  {pct(n.lower)}–{pct(n.upper)}
                </td>
                <td>{pct(n.townRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <ul className="bar-list" aria-describedby="need-bars-caption">
          {shown.map((n) => {
            const label = t('detailBarLabel', { need: needLabel(n.needId, language), rate: pct(n.rate), lower: pct(n.lower), upper: pct(n.upper), town: pct(n.townRate) });
            return (
              <li key={n.needId} className={n.needId === highlight ? 'bar-row bar-row-current' : 'bar-row'} tabIndex={0} aria-label={label} data-need={n.needId}>
                <span className="bar-name" aria-hidden="true">
                  {needLabel(n.needId, language)}
                </span>
                <span className="bar-value" aria-hidden="true">
                  {pct(n.rate)}
                </span>
                <svg className="bar-svg" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                  <rect x="0" y="2" width="100" height="8" fill="#f1eee8" />
                  <rect x="0" y="2" width={x(n.rate ?? 0)} height="8" fill={n.needId === highlight ? NEED_CLASS_COLOURS[4] : NEED_CLASS_COLOURS[2]} />
                  <line x1={x(n.lower ?? 0)} x2={x(n.upper ?? 0)} y1="6" y2="6" stroke="#26241f" strokeWidth="1.4" vectorEffect="non-scaling-stroke" />
                  <line x1={x(n.lower ?? 0)} x2={x(n.lower ?? 0)} y1="3.5" y2="8.5" stroke="#26241f" strokeWidth="1.4" vectorEffect="non-scaling-stroke" />
                  <line x1={x(n.upper ?? 0)} x2={x(n.upper ?? 0)} y1="3.5" y2="8.5" stroke="#26241f" strokeWidth="1.4" vectorEffect="non-scaling-stroke" />
                  <line x1={x(n.townRate)} x2={x(n.townRate)} y1="0" y2="12" stroke="#1a56b4" strokeWidth="2" vectorEffect="non-scaling-stroke" />
                </svg>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="button-link" onClick={() => setAsTable((v) => !v)}>
        {asTable ? t('detailShowChart') : t('detailShowTable')}
      </button>
    </div>
  );
}
