import type { ExploreState } from '../exploreController';
import { MIN_RESPONSES } from '../../../domain/units';
import { hotSpotsApply, lisaApply } from '../../common/exploreSettings';
import { shownMap } from '../exploreController';
import { HOT_SPOT_ROWS, LISA_ROWS } from '../legendRows';
import { classLabels, legendTitle } from '../../common/viewText';
import { classColours, EXPLORE_COLOURS, GI_BIN_COLOURS } from '../../../map/explorePalette';
import { translate, type Language } from '../../i18n/dictionary';

/** What the PNG's legend lists: the same rows as the on-screen legend (ExploreLegend), as plain data to draw. */
export interface LegendModel {
  title: string;
  rows: { colour: string; label: string; hatched?: boolean }[];
}

/** The legend of the explore map now; null before a wave is chosen. */
export function legendModel(state: ExploreState, language: Language): LegendModel | null {
  const { settings, campaigns, results } = state;
  if (!settings.campaignId) return null;
  const campaign = campaigns.find((c) => c.id === settings.campaignId);
  const subject = legendTitle(settings, campaign, language);
  const suppressed = { colour: EXPLORE_COLOURS.suppressed, label: translate(language, 'legendSuppressed', { k: MIN_RESPONSES }), hatched: true };
  if (hotSpotsApply(settings)) {
    return {
      title: translate(language, 'legendHotTitle', { subject: subject.charAt(0).toLocaleLowerCase() + subject.slice(1) }),
      rows: [...HOT_SPOT_ROWS.map(([bin, key]) => ({ colour: GI_BIN_COLOURS[bin + 3]!, label: translate(language, key) })), suppressed],
    };
  }
  if (lisaApply(settings)) {
    const lisa = results.lisa;
    return {
      title: translate(language, 'legendLisaTitle', { subject: subject.charAt(0).toLocaleLowerCase() + subject.slice(1) }),
      rows: [...LISA_ROWS.map(([colour, key, count]) => ({ colour, label: translate(language, key) + (lisa && count ? ` (${lisa.counts[count]})` : '') })), suppressed],
    };
  }
  // The ranges the on-screen legend prints (classMin/classMax) of the map the units are coloured by (the residents'
  // resources map in that mode, in green), so the image and the screen say the same classes.
  const shown = shownMap(state);
  const labels = shown ? classLabels(shown.breaks, language, shown) : [];
  const colours = classColours(settings.subject === 'resources' ? 'resources' : 'needs');
  const rows = labels.map((label, i) => ({ colour: colours[i] ?? colours[4]!, label })).reverse();
  return { title: subject, rows: [...rows, suppressed] };
}
