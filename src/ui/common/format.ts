import type { Language } from '../i18n/dictionary';

/**
 * Numbers and dates the way the UI language writes them: Polish "70,6 %", "21 390", "7 kwietnia 2025";
 * English "70.6%", "21,390", "7 April 2025". Formatters are made once per language.
 */

const LOCALE: Readonly<Record<Language, string>> = { pl: 'pl-PL', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function formatter<F extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f as F;
}

/** Whole or decimal count with the language's grouping: 21390 → "21 390" (pl), "21,390" (en). */
export function formatCount(language: Language, value: number): string {
  return formatter(`count:${language}`, () => new Intl.NumberFormat(LOCALE[language])).format(value);
}

/**
 * A share in [0, 1] as a percentage with one decimal: 0.70588 → "70,6 %" (Polish writes a non-breaking space
 * before the sign), "70.6%" (English). NaN → "—".
 */
export function formatPercent(language: Language, share: number): string {
  if (!Number.isFinite(share)) return '—';
  const number = formatter(`pct:${language}`, () => new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(share * 100);
  return language === 'pl' ? `${number}\u00a0%` : `${number}%`;
}

/** A whole percentage for legends: 0.2 → "20 %" / "20%". */
export function formatWholePercent(language: Language, share: number): string {
  const number = formatter(`pct0:${language}`, () => new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 0 })).format(share * 100);
  return language === 'pl' ? `${number}\u00a0%` : `${number}%`;
}

/** "2025-04-07" → "7 kwietnia 2025" / "7 April 2025" (read as a calendar date: no time zone shift). */
export function formatDate(language: Language, isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return formatter(`date:${language}`, () => new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' })).format(new Date(Date.UTC(y, m - 1, d)));
}
