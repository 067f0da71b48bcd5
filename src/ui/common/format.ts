import { translate, type Language } from '../i18n/dictionary';

/**
 * Numbers, percentages, distances, p-values and dates the way the UI language writes them, for every screen: Polish
 * "70,6 %", "21 390", "1,2 km", "p = 0,003", "7 kwietnia 2025"; English "70.6%", "21,390", "1.2 km", "p = 0.003",
 * "7 April 2025". One formatter per language and style, made once.
 */

export const LOCALE: Readonly<Record<Language, string>> = { pl: 'pl-PL', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as F;
}

const numberFormat = (language: Language, minDigits: number, maxDigits: number): Intl.NumberFormat =>
  formatter(`n:${language}:${minDigits}:${maxDigits}`, () => new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: minDigits, maximumFractionDigits: maxDigits }));

/** Whole or decimal count with the language's grouping: 21390 → "21 390" (pl), "21,390" (en). */
export function formatCount(language: Language, value: number): string {
  return numberFormat(language, 0, 3).format(value);
}

/** A decimal number with exactly `digits` decimals: (pl, 1.25, 2) → "1,25". */
export function formatDecimal(language: Language, value: number, digits: number): string {
  return numberFormat(language, digits, digits).format(value);
}

/** The language's percent sign after a formatted number: Polish writes a non-breaking space before it. */
export const withPercentSign = (language: Language, number: string): string => (language === 'pl' ? `${number}\u00a0%` : `${number}%`);

/**
 * A number of households that may be unknown (an address without a count from the register, or a sum over one):
 * NaN or undefined → "nieznana" / "unknown", never 0 or 1.
 */
export function formatHouseholds(language: Language, value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return language === 'pl' ? 'nieznana' : 'unknown';
  return formatCount(language, value);
}

/**
 * A share in [0, 1] as a percentage with `digits` decimals (one by default): (pl, 0.70588) → "70,6 %",
 * (en, 0.70588) → "70.6%", (pl, 0.43, 0) → "43 %". NaN or ±Infinity → "—".
 */
export function formatPercent(language: Language, share: number, digits = 1): string {
  if (!Number.isFinite(share)) return '—';
  return withPercentSign(language, numberFormat(language, digits, digits).format(share * 100));
}

/** "350 m" / "1,2 km"; Infinity → null (nothing at any distance). */
export function formatDistance(language: Language, meters: number): string | null {
  if (!Number.isFinite(meters)) return null;
  if (meters < 1000) return translate(language, 'metres', { value: Math.round(meters / 10) * 10 });
  return `${numberFormat(language, 0, 1).format(meters / 1000)} km`;
}

/** "p = 0,003" / "p < 0,001" (Polish decimal comma); `symbol` 'q' for a BH-corrected value. */
export function formatP(language: Language, p: number, symbol: 'p' | 'q' = 'p'): string {
  if (p < 0.001) return `${symbol} < ${numberFormat(language, 0, 3).format(0.001)}`;
  return `${symbol} = ${numberFormat(language, 3, 3).format(p)}`;
}

/** "2025-04-07" → "7 kwietnia 2025" / "7 April 2025" (read as a calendar date: no time zone shift). */
export function formatDate(language: Language, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return formatter(`date:${language}`, () => new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' })).format(new Date(Date.UTC(y, m - 1, d)));
}
