import { shapeSvgPoints } from '../../map/markerIcons';
import { MAP_COLOURS, RESOURCE_CATEGORIES, RESOURCE_CATEGORY_STYLE, type MarkerShape, type ResourceCategory } from '../../map/palette';
import type { MessageKey } from '../i18n/dictionary';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';

export const CATEGORY_LABEL_KEYS: Readonly<Record<ResourceCategory, MessageKey>> = {
  welfare: 'categoryWelfare',
  education: 'categoryEducation',
  culture_leisure: 'categoryCultureLeisure',
  health_safety: 'categoryHealthSafety',
  civic: 'categoryCivic',
  economy_housing: 'categoryEconomyHousing',
  other: 'categoryOther',
};

/** The same marker the map draws (markerIcons.ts), as SVG. */
export function MarkerSwatch({ shape, colour }: { shape: MarkerShape; colour: string }) {
  const points = shapeSvgPoints(shape);
  return (
    <svg className="swatch" viewBox="-1.25 -1.25 2.5 2.5" width="18" height="18" aria-hidden="true" focusable="false">
      {points ? <polygon points={points} fill={colour} stroke="#fff" strokeWidth="0.18" /> : <circle r="1" fill={colour} stroke="#fff" strokeWidth="0.18" />}
    </svg>
  );
}

/** Says in words what each colour and shape on the map means (UX.md: the legend always says what colour means). */
export function Legend() {
  const t = useT();
  const visible = useAppState((s) => s.visibleGroups);
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h3 id="legend-title" className="section-title">
        {t('legend')}
      </h3>
      <ul className="legend-list">
        {visible.districts ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <line x1="1" y1="9" x2="17" y2="9" stroke={MAP_COLOURS.districtLine} strokeWidth="2" strokeDasharray="4 2.5" />
            </svg>
            {t('legendDistrict')}
          </li>
        ) : null}
        {visible.estates ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <rect x="1.5" y="3.5" width="15" height="11" fill={MAP_COLOURS.estateFill} stroke={MAP_COLOURS.estateLine} />
            </svg>
            {t('legendEstate')}
          </li>
        ) : null}
        {visible.streets ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <line x1="1" y1="9" x2="17" y2="9" stroke={MAP_COLOURS.streetCasing} strokeWidth="7" strokeLinecap="round" />
              <line x1="1" y1="9" x2="17" y2="9" stroke={MAP_COLOURS.street} strokeWidth="4" strokeLinecap="round" />
            </svg>
            {t('legendStreet')}
          </li>
        ) : null}
        {visible.addresses ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <circle cx="5" cy="11" r="2.5" fill={MAP_COLOURS.address} />
              <circle cx="12" cy="9" r="4.5" fill={MAP_COLOURS.address} />
            </svg>
            {t('legendAddress')}
          </li>
        ) : null}
        <li>
          <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
            <line x1="1" y1="9" x2="17" y2="9" stroke={MAP_COLOURS.selected} strokeWidth="5" strokeLinecap="round" />
          </svg>
          {t('legendSelected')}
        </li>
      </ul>
      {visible.resources ? (
        <>
          <h4 className="legend-subtitle">{t('legendResources')}</h4>
          <ul className="legend-list">
            {RESOURCE_CATEGORIES.map((category) => (
              <li key={category}>
                <MarkerSwatch {...RESOURCE_CATEGORY_STYLE[category]} />
                {t(CATEGORY_LABEL_KEYS[category])}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
