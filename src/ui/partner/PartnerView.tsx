import { useCallback, useMemo, useState } from 'react';
import { shareSubject, type SharePackage } from '../../domain/sharePackage';
import { classColours, EXPLORE_COLOURS } from '../../map/explorePalette';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { PartnerMap } from './PartnerMap';
import { bandText, disclosureSentence, hiddenLegend } from '../common/sharing/disclosureText';
import { formatCount, formatDate, formatShare, partnerClasses, selectionText, unitName } from '../common/sharing/partnerText';

/**
 * What a partner sees of a share package: who made it and until when it is valid, what the colours mean, the
 * suppression rule in one sentence, the map with its legend and the same numbers as a table. Read-only, printable.
 * It renders only the package: aggregates per unit, nothing else exists here.
 */
export function PartnerView({ pkg, onOpenOther, fromLink = false }: { pkg: SharePackage; onOpenOther?: () => void; fromLink?: boolean }) {
  const t = useT();
  const language = useAppState((s) => s.language);
  const classes = useMemo(() => partnerClasses(pkg, language), [pkg, language]);
  const intervals = pkg.units.some((u) => u.lower !== null);
  const { view } = pkg;
  const subject = shareSubject(view.selection);
  const colours = classColours(subject);
  // The unit under the pointer, or the one clicked (pinned until another click).
  const [focus, setFocus] = useState<{ unit: number | null; pinned: boolean }>({ unit: null, pinned: false });
  const onUnit = useCallback((unit: number | null, pinned: boolean) => {
    setFocus((current) => (pinned ? { unit, pinned: unit !== null } : current.pinned ? current : { unit, pinned: false }));
  }, []);
  const focused = focus.unit === null ? null : pkg.units[focus.unit] ?? null;
  const valueText = (unit: SharePackage['units'][number]) =>
    unit.needBand ? bandText(unit.needBand, unit.responses, language) : formatShare(unit.rate, language);

  return (
    <article className="partner-view" aria-labelledby="partner-heading">
      <header className="partner-meta">
        <h2 id="partner-heading">
          {pkg.organisation.name} · {pkg.organisation.town}
        </h2>
        <p className="partner-validity">
          <strong>{pkg.expiresAt ? t('partnerValidUntil', { date: formatDate(pkg.expiresAt, language) }) : t('partnerNoExpiry')}</strong>
          {' · '}
          {t('partnerMadeOn', { date: formatDate(pkg.createdAt, language) })}
        </p>
        <p className="partner-what">
          {view.wave !== null && view.campaignName ? `${t('partnerWave', { wave: view.wave, name: view.campaignName })}. ` : null}
          {selectionText(view, language)}. {t('partnerUnit', { unit: unitName(view.unit, language) })}.
        </p>
        <p className="partner-suppression">{t('partnerSuppression', { k: pkg.k })}</p>
        <p className="partner-disclosure">{disclosureSentence(pkg.k, language, subject === 'resources' ? 'offers' : 'needs')}</p>
        <p className="partner-readonly">{t('partnerReadOnly')}</p>
        <div className="partner-actions no-print">
          <button type="button" className="partner-button" onClick={() => window.print()}>
            {t('partnerPrint')}
          </button>
          {onOpenOther ? (
            <button type="button" className="partner-button" onClick={onOpenOther}>
              {t('partnerOpenOther')}
            </button>
          ) : null}
        </div>
      </header>

      <section className="partner-map-section" aria-label={t('partnerMapLabel')}>
        <PartnerMap pkg={pkg} subject={subject} classOfUnit={classes.classOfUnit} label={t('partnerMapLabel')} onUnit={onUnit} />
        <div className="partner-legend" role="group" aria-labelledby="partner-legend-title">
          <h3 id="partner-legend-title">{t('partnerLegend')}</h3>
          <p className="partner-legend-what">{selectionText(view, language)}</p>
          <ul>
            {classes.labels.map((label, c) => (
              <li key={label + String(c)}>
                <span className="partner-swatch" style={{ background: colours[c] }} aria-hidden="true" />
                {label}
              </li>
            ))}
            {classes.banded > 0 ? (
              <li>
                <span className="partner-swatch partner-swatch-banded" style={{ background: EXPLORE_COLOURS.banded }} aria-hidden="true" />
                {t('partnerBandedLegend', { k: pkg.k })}
              </li>
            ) : null}
            <li>
              <span className="partner-swatch partner-swatch-hidden" aria-hidden="true" />
              {hiddenLegend(pkg.k, language)}
            </li>
          </ul>
          {/* A link's server leaves out the units below k (it lists only those hidden to protect others): a count of
              hidden units would be too low, so a link says how many have figures; the sentence on suppression above says
              what is hidden. A package file lists every unit, hidden ones too, and counts them. */}
          <p className="partner-counts">{fromLink || classes.hidden === 0 ? t('partnerCountsShown', { shown: classes.shown }) : t('partnerCounts', { shown: classes.shown, hidden: classes.hidden })}</p>
        </div>
        <p className="partner-focus" role="status" aria-live="polite">
          {focused
            ? focused.suppressed
              ? `${focused.label}: ${t('partnerHiddenCell')}`
              : `${focused.label}: ${t('partnerColResponses')} ${formatCount(focused.responses, language)}, ${t('partnerColHouseholds')} ${formatCount(focused.households, language)}, ${t('partnerColValue')} ${valueText(focused)}`
            : null}
        </p>
      </section>

      <section className="partner-table-section">
        <table className="partner-table">
          <caption>{t('partnerTableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('partnerColUnit')}</th>
              <th scope="col">{t('partnerColHouseholds')}</th>
              <th scope="col">{t('partnerColResponses')}</th>
              <th scope="col">{t('partnerColValue')}</th>
              {intervals ? <th scope="col">{t('partnerColInterval')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {pkg.units.map((unit) => (
              <tr key={unit.id} data-suppressed={unit.suppressed ? 'true' : undefined}>
                <th scope="row">{unit.label}</th>
                {unit.suppressed ? (
                  <td colSpan={intervals ? 4 : 3} className="partner-hidden-cell">
                    {t('partnerHiddenCell')}
                  </td>
                ) : (
                  <>
                    <td>{formatCount(unit.households, language)}</td>
                    <td>{formatCount(unit.responses, language)}</td>
                    <td data-band={unit.needBand ? 'true' : undefined}>{valueText(unit)}</td>
                    {intervals ? <td>{unit.lower !== null && unit.upper !== null ? `${formatShare(unit.lower, language)}–${formatShare(unit.upper, language)}` : '–'}</td> : null}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
