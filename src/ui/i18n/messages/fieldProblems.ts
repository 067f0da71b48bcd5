import type { FieldRule } from '../../../domain';
import { polish } from './bilingual';

/**
 * What is wrong with a value (the domain's FieldProblem, read from zod), and how an issue names its place. The subject
 * is always "the value", so a problem reads right beside any field or column; limits avoid plural nouns ("liczba
 * znaków musi wynosić co najmniej {minimum}") so one text fits 1, 2 and 5. Worded by i18n/problemText.ts.
 * Polish (the default language) here; English in en/fieldProblems.ts, loaded only when English is chosen.
 */
export const fieldProblemMessages = polish(
  {
    problemTypeNumber: 'wartość musi być liczbą',
    problemTypeInt: 'wartość musi być liczbą całkowitą',
    problemTypeString: 'wartość musi być tekstem',
    problemTypeBoolean: 'wartość musi być „tak” albo „nie” (true / false)',
    problemTypeArray: 'wartość musi być listą',
    problemTypeObject: 'wartość musi być obiektem',
    problemTypeOther: 'wartość ma niewłaściwy typ (oczekiwano: {expected})',
    problemMinNumber: 'wartość musi wynosić co najmniej {minimum}',
    problemAboveNumber: 'wartość musi być większa niż {minimum}',
    problemNonEmpty: 'wartość nie może być pusta',
    problemMinLength: 'liczba znaków musi wynosić co najmniej {minimum}',
    problemMinItems: 'liczba elementów listy musi wynosić co najmniej {minimum}',
    problemMaxNumber: 'wartość może wynosić najwyżej {maximum}',
    problemBelowNumber: 'wartość musi być mniejsza niż {maximum}',
    problemMaxLength: 'liczba znaków może wynosić najwyżej {maximum}',
    problemMaxItems: 'liczba elementów listy może wynosić najwyżej {maximum}',
    problemNotOneOf: 'wartość musi być jedną z: {values}',
    problemFormatDate: 'wartość musi być prawdziwą datą w postaci RRRR-MM-DD',
    problemFormatDatetime: 'wartość musi być datą z godziną w postaci ISO, np. 2025-06-01T12:00:00Z',
    problemFormatOther: 'wartość ma niewłaściwą postać ({format})',
    problemUnknownKeys: 'nieznane pola: {keys}',
    problemInvalid: 'wartość jest niepoprawna',
    problemRule_end_before_start: 'koniec nie może być wcześniejszy niż początek',
    problemRule_repeated_item: 'ta sama pozycja występuje na liście więcej niż raz',
    problemRule_no_location: 'odpowiedź musi mieć adres, ulicę albo punkt na mapie',
    problemRule_unequal_offer_weights: 'udostępniany wskaźnik potencjału liczy wybrane rodzaje pomocy po równo',
    problemRule_needs_and_offers: 'widok pokazuje potrzeby albo zasoby mieszkańców, nie jedno i drugie naraz',
    problemRule_no_weight_above_zero: 'nadaj co najmniej jednej potrzebie wagę większą od zera',
    problemRule_hot_spot_units: 'gorące punkty liczymy dla sześciokątów albo ulic',
    problemRule_same_waves: 'porównaj dwie różne fale badania',
    problemRule_not_finite: 'wartość musi być skończoną liczbą (nie NaN ani Infinity)',
    problemRule_longitude_range: 'długość geograficzna musi mieścić się między -180 a 180',
    problemRule_latitude_range: 'szerokość geograficzna musi mieścić się między -90 a 90',
    problemRule_position_too_long: 'pozycja ma więcej niż 3 liczby',
    problemRule_ring_not_closed: 'obwód wielokąta nie jest zamknięty: pierwszy i ostatni punkt się różnią',
    problemRule_line_one_point: 'linia ma co najmniej dwa punkty, ale wszystkie leżą w tym samym miejscu',
    problemRule_suppressed_with_figures: 'ukryta jednostka nie może nieść żadnych liczb',
    problemRule_below_k_not_suppressed: 'jednostka z liczbą odpowiedzi mniejszą niż próg k musi być ukryta',
    problemRule_need_band_invalid: 'przedział potrzeb pasuje tylko do pokazanej jednostki bez odsetka (dolna ≤ górna ≤ liczba odpowiedzi)',
    problemRule_invalid: 'wartość nie spełnia warunku',
    issueWhere: '{source}, pole {field}',
    issueWhereRow: '{source}, wiersz {row}, pole {field}',
    issueLine: '{where}: {problem}',
    problemRule_phone_digits: 'numer telefonu musi mieć od 9 do 15 cyfr',
    problemRule_no_contact_channel: 'podaj numer telefonu albo adres e-mail',
    problemRule_retention_out_of_range: 'dane kontaktowe można przechowywać najwyżej 12 miesięcy od dnia zgody',
    problemRule_retention_not_shorter: 'termin usunięcia kontaktu można tylko skrócić',
  },
);

/** Compile-time check: every rule of the domain has its text. */
type MissingRuleTexts = Exclude<`problemRule_${FieldRule}`, keyof typeof fieldProblemMessages>;
const everyRuleHasText: [MissingRuleTexts] extends [never] ? true : MissingRuleTexts = true;
void everyRuleHasText;
