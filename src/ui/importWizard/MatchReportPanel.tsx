import type { MatchReport } from '../../data/import';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';

const REASON: Readonly<Record<MatchReport['unmatched'][number]['reason'], MessageKey>> = {
  no_street_text: 'importMatchNoStreetText',
  unknown_street: 'importMatchUnknownStreet',
  ambiguous_street: 'importMatchAmbiguousStreet',
  unknown_house_number: 'importMatchUnknownNumber',
  no_house_number: 'importMatchNoNumber',
  name_far_from_point: 'importMatchNameFarFromPoint',
};

/** The match rate and the rows whose address found no address point, with suggestions (survey answers, resources). */
export function MatchReportPanel({ report }: { report: MatchReport }) {
  const t = useT();
  const percent = Math.round(report.rate * 1000) / 10;
  return (
    <div className="import-match" data-testid="import-match">
      <p>
        <strong>{t('importMatchRate', { matched: report.matched, total: report.total, percent })}</strong>
        {report.matchedStreetOnly > 0 ? ` ${t('importMatchStreetOnly', { count: report.matchedStreetOnly })}` : null}
      </p>
      {report.streetFromPoint > 0 || report.nameFarFromPoint > 0 ? (
        <p data-testid="import-match-points">
          {report.streetFromPoint > 0 ? t('importMatchFromPoint', { count: report.streetFromPoint }) : null}
          {report.streetFromPoint > 0 && report.nameFarFromPoint > 0 ? ' ' : null}
          {report.nameFarFromPoint > 0 ? t('importMatchFarFromPoint', { count: report.nameFarFromPoint }) : null}
        </p>
      ) : null}
      <meter min={0} max={1} value={report.rate} low={0.8} high={0.95} optimum={1} aria-label={t('importMatchMeter')} />
      {report.unmatchedCount > 0 ? (
        <>
          <p>{t('importUnmatchedTitle', { count: report.unmatchedCount })}</p>
          <div className="import-table-scroll" tabIndex={0} role="region" aria-label={t('importUnmatchedRegion')}>
            <table className="import-table">
              <thead>
                <tr>
                  <th scope="col">{t('importIssueRow')}</th>
                  <th scope="col">{t('importUnmatchedAddress')}</th>
                  <th scope="col">{t('importIssueReason')}</th>
                  <th scope="col">{t('importUnmatchedSuggestions')}</th>
                </tr>
              </thead>
              <tbody>
                {report.unmatched.map((row) => (
                  <tr key={row.row}>
                    <td>{row.displayRow}</td>
                    <td className="import-value">{row.text}</td>
                    <td>{t(REASON[row.reason])}</td>
                    <td>
                      {row.streetSuggestions.length
                        ? t('importSuggestStreets', { list: row.streetSuggestions.join(', ') })
                        : row.houseNumberSuggestions.length
                          ? t('importSuggestNumbers', { list: row.houseNumberSuggestions.join(', ') })
                          : '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}
