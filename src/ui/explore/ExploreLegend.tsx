import { classColours, EXPLORE_COLOURS, GI_BIN_COLOURS } from '../../map/explorePalette';
import { HOT_SPOT_ROWS, LISA_ROWS } from './legendRows';
import { MIN_RESPONSES } from '../../domain/units';
import { useT } from '../i18n/useT';
import { useAppState } from '../shell/appStore';
import { canSeeHouseholdHeatmap, CURRENT_AUDIENCE } from '../common/audience';
import { gapNeed, hotSpotsApply, lisaApply } from '../common/exploreSettings';
import { neighbourhoodWords, scaleAdviceWords } from './exploreText';
import { classLabels, legendTitle, needLabel } from '../common/viewText';
import { useExploreState } from './useExplore';
import { shownMap } from './exploreController';

function Box({ colour, hatched = false }: { colour: string; hatched?: boolean }) {
  return (
    <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
      <rect x="1.5" y="1.5" width="15" height="15" fill={colour} stroke="#8c877d" strokeWidth="1" />
      {hatched ? <path d="M2 10 L10 2 M2 17 L17 2 M9 17 L17 9" stroke={EXPLORE_COLOURS.suppressedLine} strokeWidth="1.6" /> : null}
    </svg>
  );
}

/**
 * What the explore map's colours mean, in words and numbers (UX.md): the measure and the wave, the five class
 * ranges, the grey of suppression with its k; or the hot-spot classes; and the overlays shown.
 */
export function ExploreLegend() {
  const t = useT();
  const language = useAppState((s) => s.language);
  const state = useExploreState();
  if (!state || !state.settings.campaignId) return null;
  const { settings, campaigns, results } = state;
  const campaign = campaigns.find((c) => c.id === settings.campaignId);
  const subject = legendTitle(settings, campaign, language);
  const needMap = shownMap(state);
  const labels = needMap ? classLabels(needMap.breaks, language, needMap) : [];
  const colours = classColours(settings.subject === 'resources' ? 'resources' : 'needs');
  const hot = hotSpotsApply(settings);
  const hotSpots = hot ? results.hotSpots : null;
  const showLisa = lisaApply(settings);
  const lisa = showLisa ? results.lisa : null;
  const clusters = settings.clusters ? results.clusters : null;
  // Another size advised: the panel says it next to the unit choice, with the button; here only "this size fits".
  const advised = results.scaleAdvice?.candidates[results.scaleAdvice.chosen];
  const scaleWords = settings.unit === 'hex' && results.scaleAdvice && advised?.hexSizeMeters === settings.hexSizeMeters ? scaleAdviceWords(results.scaleAdvice, settings.hexSizeMeters, t, language) : null;
  const gapNeedLabel = needLabel(gapNeed(settings), language);

  return (
    // Named with what it explains: the page has the base map's "Legenda" too, and two regions of one name cannot be told
    // apart by a screen reader's landmark list (axe landmark-unique).
    <section className="legend explore-legend" aria-label={`${t('legend')}: ${subject}`} data-testid="explore-legend">
      <h3 id="explore-legend-title" className="section-title">
        {t('legend')}
      </h3>
      {showLisa ? (
        <>
          <p className="legend-caption">{t('legendLisaTitle', { subject: subject.charAt(0).toLocaleLowerCase() + subject.slice(1) })}</p>
          {lisa ? (
            <p className="hint" data-testid="lisa-method">
              {t('legendLisaMethod', { neighbourhood: neighbourhoodWords(lisa.neighbourhood, t), permutations: lisa.permutations })}
            </p>
          ) : null}
          {lisa && lisa.counts.highHigh + lisa.counts.lowLow + lisa.counts.lowHigh + lisa.counts.highLow === 0 ? (
            <p className="legend-caption" role="status" data-testid="lisa-none">
              {t('legendLisaNone', { units: lisa.unitsComputed })}
            </p>
          ) : null}
          <ul className="legend-list" data-testid="lisa-legend">
            {LISA_ROWS.map(([colour, key, count]) => (
              <li key={key}>
                <Box colour={colour} />
                {t(key)}
                {lisa && count ? ` (${lisa.counts[count]})` : null}
              </li>
            ))}
          </ul>
        </>
      ) : hot ? (
        <>
          <p className="legend-caption">{t('legendHotTitle', { subject: subject.charAt(0).toLocaleLowerCase() + subject.slice(1) })}</p>
          {hotSpots ? (
            <p className="hint" data-testid="hot-spot-method">
              {t('legendHotMethod', { neighbourhood: neighbourhoodWords(hotSpots.neighbourhood, t), permutations: hotSpots.permutations })}
            </p>
          ) : null}
          {hotSpots && hotSpots.hotCount + hotSpots.coldCount === 0 ? (
            <p className="legend-caption" role="status" data-testid="hot-spot-none">
              {t('legendHotNone', { units: hotSpots.unitsComputed })}
            </p>
          ) : null}
          <ul className="legend-list">
            {HOT_SPOT_ROWS.map(([bin, key]) => (
              <li key={bin}>
                <Box colour={GI_BIN_COLOURS[bin + 3]!} />
                {t(key)}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p className="legend-caption">{subject}</p>
          <ul className="legend-list" aria-label={t('legendClasses')}>
            {[...labels].reverse().map((label, i) => (
              <li key={label + i}>
                <Box colour={colours[labels.length - 1 - i] ?? colours[4]!} />
                {label}
              </li>
            ))}
          </ul>
          <p className="hint">{t('legendClasses')}</p>
          {needMap && settings.unit !== 'street' && needMap.uncertain.some((v) => v === 1) ? (
            <p className="hint" data-testid="legend-uncertain">
              {t('legendUncertain', { count: needMap.uncertain.reduce((a, b) => a + b, 0) })}
            </p>
          ) : null}
        </>
      )}
      {scaleWords ? (
        <p className="hint" data-testid="scale-advice">
          {scaleWords}
        </p>
      ) : null}
      <ul className="legend-list">
        <li>
          <Box colour={EXPLORE_COLOURS.suppressed} hatched />
          {t('legendSuppressed', { k: MIN_RESPONSES })}
        </li>
        {settings.clusters && settings.subject === 'needs' ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <line x1="1" y1="9" x2="17" y2="9" stroke={EXPLORE_COLOURS.cluster} strokeWidth="3" strokeDasharray="5 2.5" />
            </svg>
            {t('legendCluster')}
          </li>
        ) : null}
        {clusters && clusters.clusters.length === 0 ? (
          <li role="status" data-testid="clusters-none">
            {t('legendClustersNone')}
          </li>
        ) : null}
        {settings.subject === 'matching' || (settings.gaps && settings.subject === 'needs') ? (
          <>
            <li>
              <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                <rect x="2" y="2" width="14" height="14" fill="none" stroke={EXPLORE_COLOURS.gap} strokeWidth="3" />
              </svg>
              {settings.subject === 'matching' ? t('legendMatchGap', { need: gapNeedLabel, meters: settings.matchMeters }) : t('legendGap', { need: gapNeedLabel })}
            </li>
            {settings.subject === 'matching' ? (
              <li>
                <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                  <rect x="3" y="3" width="12" height="12" fill="none" stroke={EXPLORE_COLOURS.help} strokeWidth="2.5" strokeDasharray="4 3" />
                </svg>
                {t('legendMatchHelp', { need: gapNeedLabel, k: MIN_RESPONSES })}
              </li>
            ) : null}
            <li>
              <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
                <circle cx="9" cy="9" r="6.5" fill="none" stroke={EXPLORE_COLOURS.serves} strokeWidth="3" />
              </svg>
              {t('legendServes', { need: gapNeedLabel })}
            </li>
          </>
        ) : null}
        {settings.heatmap && canSeeHouseholdHeatmap(CURRENT_AUDIENCE) ? (
          <li>
            <svg className="swatch" width="18" height="18" aria-hidden="true" focusable="false">
              <defs>
                <linearGradient id="heat-gradient">
                  <stop offset="0" stopColor="#3b528b" />
                  <stop offset="0.5" stopColor="#21918c" />
                  <stop offset="1" stopColor="#fde725" />
                </linearGradient>
              </defs>
              <rect x="1" y="4" width="16" height="10" fill="url(#heat-gradient)" />
            </svg>
            {t('legendHeatmap')}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
