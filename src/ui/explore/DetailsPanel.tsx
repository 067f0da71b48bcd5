import { lazy, Suspense, type ReactNode } from 'react';
import { NEED_BY_ID, streetLabel } from '../../domain';
import { formatHouseholds } from '../common/format';
import { RESOURCE_KIND_LABELS, type Language } from '../i18n/dictionary';
import { isExploreRef } from './exploreRef';
import { useExploreState } from './useExplore';
import { useT } from '../i18n/useT';
import type { FeatureRef } from '../shell/appStore';
import type { WorkspaceIndex } from '../../analysis/workspaceIndex';

/** A unit's survey figures and need bars: loaded with the first selection of a unit, not with the first paint. */
const ExploreDetails = lazy(() => import('./ExploreDetails').then((m) => ({ default: m.ExploreDetails })));

interface DetailsPanelProps {
  index: WorkspaceIndex | null;
  selection: FeatureRef | null;
  language: Language;
  onClear: () => void;
}

function Facts({ rows }: { rows: Array<[label: string, value: ReactNode]> }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Right panel: what is selected on the map, in words and numbers. Text only (never HTML from data). */
export function DetailsPanel({ index, selection, language, onClear }: DetailsPanelProps) {
  const t = useT();
  const explore = useExploreState();
  const number = new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB');
  const date = new Intl.DateTimeFormat(language === 'pl' ? 'pl-PL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });

  let kind = '';
  let title = '';
  let body: ReactNode = null;

  if (index && selection) {
    if (selection.kind === 'street') {
      const street = index.streets.get(selection.id);
      if (street) {
        const tally = index.streetTally(street.id);
        kind = t('kindStreet');
        title = streetLabel(street);
        body = <Facts rows={[[t('fieldAddresses'), number.format(tally.addresses)], [t('fieldHouseholds'), formatHouseholds(language, tally.households)]]} />;
      }
    } else if (selection.kind === 'estate') {
      const estate = index.areas.get(selection.id);
      if (estate) {
        const tally = index.areaTally(estate.id);
        const district = estate.parentId ? index.areas.get(estate.parentId) : undefined;
        kind = t('kindEstate');
        title = estate.name;
        body = (
          <Facts
            rows={[
              [t('fieldDistrict'), district?.name ?? t('unknown')],
              [t('fieldAddresses'), number.format(tally.addresses)],
              [t('fieldHouseholds'), formatHouseholds(language, tally.households)],
            ]}
          />
        );
      }
    } else if (selection.kind === 'address') {
      const address = index.addresses.get(selection.id);
      if (address) {
        const street = index.streets.get(address.streetId);
        kind = t('kindAddress');
        title = index.addressLabel(address);
        body = <Facts rows={[[t('fieldStreet'), street ? streetLabel(street) : t('unknown')], [t('fieldHouseholds'), formatHouseholds(language, address.households)], ...(address.residents ? [[t('fieldResidents'), number.format(address.residents)] as [string, string]] : [])]} />;
      }
    } else {
      const resource = index.resources.get(selection.id);
      if (resource) {
        kind = t('kindResource');
        title = resource.name;
        const partnership = resource.partnershipDeclaredOn
          ? t('partnershipSince', { date: date.format(new Date(`${resource.partnershipDeclaredOn}T00:00:00Z`)) })
          : t('partnershipNone');
        body = (
          <>
            <Facts
              rows={[
                [t('fieldKind'), RESOURCE_KIND_LABELS[resource.kind][language]],
                ...(resource.address ? [[t('fieldPostalAddress'), resource.address] as [string, string]] : []),
                [t('fieldPartnership'), partnership],
              ]}
            />
            <h3 className="section-title">{t('fieldNeedsServed')}</h3>
            {resource.serves.length ? (
              <ul className="tag-list">
                {resource.serves.map((need) => (
                  <li key={need} className="tag">
                    {NEED_BY_ID[need].label[language]}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('none')}</p>
            )}
            <h3 className="section-title">{t('fieldCoalitions')}</h3>
            {resource.coalitions.length ? (
              <ul className="plain-list">
                {resource.coalitions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t('none')}</p>
            )}
          </>
        );
      }
    }
  }

  // Streets, estates, districts, hexagons and clusters get the survey panel when there is a survey to show.
  const exploreDetails = explore?.ready && explore.settings.campaignId && isExploreRef(selection);

  return (
    <div className="panel-body" aria-live="polite">
      <h2 className="panel-title">{t('details')}</h2>
      {exploreDetails && selection ? (
        <Suspense fallback={null}>
          <ExploreDetails key={`${selection.kind}:${selection.id}`} selection={selection} language={language} onClear={onClear} />
        </Suspense>
      ) : title ? (
        <article className="details" aria-label={title}>
          <p className="details-kind">{kind}</p>
          <h3 className="details-title" data-testid="details-title">
            {title}
          </h3>
          {body}
          <button type="button" className="button-secondary clear-button" onClick={onClear}>
            {t('clearSelection')}
          </button>
        </article>
      ) : (
        <>
          <p className="muted">{t('detailsEmpty')}</p>
          {index ? (
            <section aria-labelledby="town-overview-title">
              <h3 id="town-overview-title" className="section-title">
                {t('townOverview')}
              </h3>
              <Facts
                rows={[
                  [t('fieldDistricts'), number.format(index.districtCount)],
                  [t('fieldEstates'), number.format(index.estateCount)],
                  [t('fieldStreets'), number.format(index.streets.size)],
                  [t('fieldAddresses'), number.format(index.addresses.size)],
                  [t('fieldHouseholds'), number.format(index.totalHouseholds)],
                  [t('fieldResources'), number.format(index.resources.size)],
                ]}
              />
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
