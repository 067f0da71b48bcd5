import type { AnalysisRefusalCode } from '../../../domain/analysisRefusal';
import { polish } from './bilingual';

/** Why the analysis did not answer (domain/analysisRefusal.ts), one `analysisRefusal_<code>` per code. */
export const analysisRefusalMessages = polish(
  {
    analysisRefusal_bad_request: 'zapytanie do analizy jest niepoprawne: {issues}',
    analysisRefusal_no_workspace: 'analiza nie ma jeszcze wczytanych danych — poczekaj chwilę i spróbuj ponownie',
    analysisRefusal_no_waves: 'nie ma jeszcze żadnej fali badania do analizy',
    analysisRefusal_engine_failed: 'analiza nie powiodła się ({reason})',
    analysisRefusal_worker_stopped: 'moduł analizy przestał działać ({reason}); odśwież stronę',
    analysisRefusal_contiguity_for_areas: 'sąsiedztwo przez wspólną granicę liczymy dla sześciokątów i ulic; dla obszarów wybierz k najbliższych albo odległość',
    analysisRefusal_invalid_weight: 'waga potrzeby {need} musi być liczbą nie mniejszą od zera (jest: {value})',
    analysisRefusal_all_weights_zero: 'wszystkie wagi potrzeb są zerowe: nadaj co najmniej jednej potrzebie wagę większą od zera',
    analysisRefusal_need_not_aggregated: 'potrzeby {need} nie ma wśród zliczonych potrzeb',
    analysisRefusal_unknown_wave: 'nie ma fali badania „{campaignId}”',
    analysisRefusal_lisa_permutations: 'LISA potrzebuje co najmniej {minimum} permutacji (domyślnie 999)',
    analysisRefusal_unknown_unit: 'nie ma jednostki o identyfikatorze „{unitId}” ({unitKind})',
  },
);

/** Compile-time check: every refusal code has its text. */
type MissingRefusalTexts = Exclude<`analysisRefusal_${AnalysisRefusalCode}`, keyof typeof analysisRefusalMessages>;
const everyRefusalHasText: [MissingRefusalTexts] extends [never] ? true : MissingRefusalTexts = true;
void everyRefusalHasText;
