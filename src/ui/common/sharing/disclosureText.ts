import type { Language } from '../../i18n/dictionary';

/**
 * The partner view's words for the disclosure rules (supabase/README.md "Disclosure control"): a need count shown as
 * a band, and the sentence on why some areas are hidden. Kept beside the partner view (the dictionary split by screen,
 * STYLE.md habit 20); plural forms through Intl.PluralRules.
 */

const HOUSEHOLDS: Record<Language, Record<Intl.LDMLPluralRule, string>> = {
  pl: { zero: 'gospodarstw', one: 'gospodarstwo', two: 'gospodarstwa', few: 'gospodarstwa', many: 'gospodarstw', other: 'gospodarstwa' },
  en: { zero: 'households', one: 'household', two: 'households', few: 'households', many: 'households', other: 'households' },
};

const households = (n: number, language: Language): string =>
  `${new Intl.NumberFormat(language === 'pl' ? 'pl-PL' : 'en-GB').format(n)} ${HOUSEHOLDS[language][new Intl.PluralRules(language === 'pl' ? 'pl-PL' : 'en-GB').select(n)]}`;

/** A band from 0 to every answer says nothing: the unit is hidden to protect other areas (complementary suppression). */
export const bandHidesAll = (band: { low: number; high: number }, responses: number | null): boolean => band.low === 0 && band.high >= (responses ?? band.high);

/**
 * A need count not shown exactly: "mniej niż 5 gospodarstw" (0 … 4), "co najmniej 16 gospodarstw" (16 … all), or
 * "ukryte, by chronić inne obszary" (0 … all: hidden so that no other area can be worked out by subtraction).
 * @example bandText({ low: 0, high: 4 }, 12, 'pl') → 'mniej niż 5 gospodarstw'
 */
export function bandText(band: { low: number; high: number }, responses: number | null, language: Language): string {
  if (bandHidesAll(band, responses)) return language === 'pl' ? 'ukryte, by chronić inne obszary' : 'hidden to protect other areas';
  if (band.low === 0) return language === 'pl' ? `mniej niż ${households(band.high + 1, 'pl').replace(/gospodarstw[ao]?$/, 'gospodarstw')}` : `fewer than ${households(band.high + 1, 'en')}`;
  return language === 'pl' ? `co najmniej ${households(band.low, 'pl')}` : `at least ${households(band.low, 'en')}`;
}

/**
 * Why some areas are hidden and some figures are ranges, in plain words, with the package's k; `subject` 'offers' for
 * residents' resources (the same rules, on households offering help instead of reporting a need).
 */
export function disclosureSentence(k: number, language: Language, subject: 'needs' | 'offers' = 'needs'): string {
  const ranges =
    language === 'pl'
      ? subject === 'offers'
        ? `Gdy pomoc oferuje albo nie oferuje mniej niż ${k} gospodarstw`
        : `Gdy potrzebę zgłosiło albo nie zgłosiło mniej niż ${k} gospodarstw`
      : subject === 'offers'
        ? `Where fewer than ${k} households offer the help, or fewer than ${k} do not`
        : `Where fewer than ${k} households reported the need, or fewer than ${k} did not`;
  return language === 'pl'
    ? `Pokazujemy tylko obszary z co najmniej ${k} odpowiedziami z co najmniej ${k} różnych adresów, w których żaden adres nie daje więcej niż trzech czwartych odpowiedzi; niektóre dalsze obszary są ukryte, aby nie dało się ich odtworzyć przez odejmowanie. ${ranges}, podajemy tylko przedział („mniej niż ${k}”). Tak nikt nie rozpozna odpowiedzi jednego domu.`
    : `Only areas with at least ${k} answers from at least ${k} different addresses, none of which gives more than three quarters of the answers, are shown; a few more are hidden so that none can be worked out by subtraction. ${ranges}, only a range is given ("fewer than ${k}"). So no one can recognise the answers of a single home.`;
}

/**
 * The share dialog on the embedded default (no server): why there is no link, in plain words (no product names), and
 * what to do instead.
 */
export function embeddedShareNote(language: Language): string {
  return language === 'pl'
    ? 'Link dla partnera działa tylko wtedy, gdy ośrodek ma własny serwer z danymi. Tutaj dane są zapisane tylko w tej przeglądarce, więc zamiast linku pobierz pakiet dla partnera: plik z samymi wynikami zbiorczymi, który partner otworzy w CAL Map.'
    : 'A partner link works only when the centre has its own data server. Here the data live only in this browser, so download a partner package instead: a file with area totals only, which the partner opens in CAL Map.';
}

/** The legend row of hidden units: too few answers, or hidden so that another unit cannot be worked out. */
export function hiddenLegend(k: number, language: Language): string {
  return language === 'pl' ? `ukryte (mniej niż ${k} odpowiedzi albo ochrona innych obszarów)` : `hidden (fewer than ${k} answers, or protecting other areas)`;
}
