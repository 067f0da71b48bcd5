import { distinctClassBreaks } from '../../../analysis/exploreClassBreaks';
import { NEED_BY_ID, NEED_CATEGORY_IDS, OFFER_IDS, OFFER_LABELS, type NeedCategoryId } from '../../../domain';
import type { SharePackage, ShareViewInfo } from '../../../domain/sharePackage';
import { translate, type Language, type MessageKey } from '../../i18n/dictionary';
import { bandHidesAll } from './disclosureText';
import { formatCount as formatPlannerCount, formatPercent } from '../format';

/** Words and numbers of the partner view, pure (tested in tests/ui/partnerView.test.ts). */

const locale = (language: Language): string => (language === 'pl' ? 'pl-PL' : 'en-GB');

/** A share as the planner's screens write it (common/format.ts: "12 %" in Polish, "12%" in English); null → "–". */
export const formatShare = (value: number | null, language: Language, digits = 0): string =>
  value === null || !Number.isFinite(value) ? '–' : formatPercent(language, value, digits);

/** A count as the planner's screens write it ("21 390"); null → "–". */
export const formatCount = (value: number | null, language: Language): string => (value === null ? '–' : formatPlannerCount(language, value));

/** "31 grudnia 2026" / "31 December 2026". */
export const formatDate = (iso: string, language: Language): string =>
  new Intl.DateTimeFormat(locale(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

const UNIT_KEYS: Record<ShareViewInfo['unit'], MessageKey> = {
  street: 'unitStreet',
  estate: 'unitEstate',
  district: 'unitDistrict',
  care_region: 'partnerUnitCareRegion',
  area: 'partnerUnitArea',
  hex: 'unitHex',
};
export const unitName = (unit: ShareViewInfo['unit'], language: Language): string => translate(language, UNIT_KEYS[unit]);

const needName = (id: NeedCategoryId, language: Language) => NEED_BY_ID[id].label[language];

/** What the colours mean, in one line. */
export function selectionText(view: ShareViewInfo, language: Language): string {
  const s = view.selection;
  if (s.kind === 'need') return translate(language, 'partnerNeed', { need: needName(s.needId, language) });
  if (s.kind === 'index') {
    const total = NEED_CATEGORY_IDS.reduce((sum, id) => sum + (s.weights[id] ?? 0), 0) || 1;
    const weights = NEED_CATEGORY_IDS.filter((id) => (s.weights[id] ?? 0) > 0)
      .map((id) => `${needName(id, language).toLocaleLowerCase(locale(language))} ${formatShare((s.weights[id] ?? 0) / total, language)}`)
      .join(', ');
    return translate(language, 'partnerIndex', { weights });
  }
  if (s.kind === 'offer') return translate(language, 'partnerOffer', { offer: OFFER_LABELS[s.offerId][language] });
  if (s.kind === 'offerIndex') {
    const weighted = OFFER_IDS.filter((id) => (s.weights[id] ?? 0) > 0);
    const total = weighted.reduce((sum, id) => sum + s.weights[id]!, 0) || 1;
    // Every offer, equally (the planner's default index): one phrase instead of twelve "8 %".
    if (weighted.length === OFFER_IDS.length && weighted.every((id) => s.weights[id] === s.weights[weighted[0]!])) return translate(language, 'partnerOfferIndexEqual');
    const weights = weighted.map((id) => `${OFFER_LABELS[id][language].toLocaleLowerCase(locale(language))} ${formatShare(s.weights[id]! / total, language)}`).join(', ');
    return translate(language, 'partnerOfferIndex', { weights });
  }
  if (!s.needs || s.needs.length === 0) return translate(language, 'partnerAnyAll');
  return translate(language, 'partnerAny', { needs: s.needs.map((id) => needName(id, language).toLocaleLowerCase(locale(language))).join(', ') });
}

/** The class of a unit published as a range ("mniej niż 5"): drawn in its own colour, never as hidden or as a class. */
export const BANDED_CLASS = 254;

export interface PartnerClasses {
  /** Class 0–4 per unit, BANDED_CLASS for a unit published as a range, 255 for hidden units. */
  classOfUnit: Uint8Array;
  /** Legend rows: the range of each class ("12–18%"), empty when no unit has a value. */
  labels: string[];
  shown: number;
  /** Units published as a range (among `shown`). */
  banded: number;
  hidden: number;
}

/**
 * The planner's map rule (exploreNeedMap.ts: distinctClassBreaks): at most five quantile classes that never repeat,
 * ascending, each legend row printing its own lowest–highest value; to 0.1 pp, as narrow classes need it. Units with a
 * range instead of a rate (a need band) are BANDED_CLASS, hidden units (a band that hides all included) have no class.
 */
export function partnerClasses(pkg: SharePackage, language: Language): PartnerClasses {
  const values = Float64Array.from(pkg.units, (u) => (u.suppressed || u.rate === null ? NaN : u.rate));
  const { classOfUnit, classCount, classMin, classMax } = distinctClassBreaks(values);
  const labels: string[] = [];
  for (let c = 0; c < classCount; c++) {
    const [lo, hi] = [formatShare(classMin[c]!, language, 1), formatShare(classMax[c]!, language, 1)];
    // A class of one value (many streets at 0 %) is that value, not a range.
    labels.push(lo === hi ? hi : `${lo.replace(/\s?%$/, '')}–${hi}`);
  }
  let banded = 0;
  let hidden = 0;
  pkg.units.forEach((u, i) => {
    if (u.suppressed || (u.needBand && bandHidesAll(u.needBand, u.responses))) hidden++;
    else if (u.needBand) {
      classOfUnit[i] = BANDED_CLASS;
      banded++;
    }
  });
  return { classOfUnit, labels, shown: pkg.units.length - hidden, banded, hidden };
}
