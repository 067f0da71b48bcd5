import type { ExploreState } from '../exploreController';
import { MIN_RESPONSES } from '../../../domain/units';
import { hotSpotsApply } from '../../common/exploreSettings';
import { classLabels, legendTitle } from '../../common/viewText';
import { EXPLORE_COLOURS, GI_BIN_COLOURS, NEED_CLASS_COLOURS } from '../../../map/explorePalette';
import { translate, type Language, type MessageKey } from '../../i18n/dictionary';

/** What the PNG's legend lists: the same rows as the on-screen legend (ExploreLegend), as plain data to draw. */
export interface LegendModel {
  title: string;
  rows: { colour: string; label: string; hatched?: boolean }[];
}

const HOT_SPOT_ROWS: ReadonlyArray<[bin: number, key: MessageKey]> = [
  [3, 'legendHot99'],
  [2, 'legendHot95'],
  [1, 'legendHot90'],
  [0, 'legendNotSignificant'],
  [-1, 'legendCold90'],
  [-2, 'legendCold95'],
  [-3, 'legendCold99'],
];

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
  // The ranges the on-screen legend prints (classMin/classMax), so the image and the screen say the same classes.
  const labels = results.needMap ? classLabels(results.needMap.breaks, language, results.needMap) : [];
  const rows = labels.map((label, i) => ({ colour: NEED_CLASS_COLOURS[i] ?? NEED_CLASS_COLOURS[4], label })).reverse();
  return { title: subject, rows: [...rows, suppressed] };
}
