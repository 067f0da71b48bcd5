import { crsGuess, type CrsCandidate, type CrsGuess, type EncodingReason, type ImportIssue, type ImportMessage, type MatchDetail } from '../../data/import';
import type { CrsCode, ValueMappingField } from '../../domain/importing';
import { translate, type Language, type MessageKey } from '../i18n/dictionary';
import { problemText } from '../i18n/problemText';
import { formatDistance } from '../common/format';

/**
 * The import pipeline's coded messages (src/data/import/importMessages.ts) in the user's language: each code is one
 * `importMsg_<code>` of the dictionary; this file only prepares the parameters a sentence needs in words (lists, the
 * reason an address did not match, a coordinate system). A schema's refusal (`problem`) is worded by problemText.
 * Pure; parameters are text from the file and the caller renders the result as text, never HTML.
 */

type Params = Record<string, string | number>;

export const VALUE_FIELD_KEYS: Readonly<Record<ValueMappingField, MessageKey>> = {
  needs: 'importValueFieldNeeds',
  nuisances: 'importValueFieldNuisances',
  offers: 'importValueFieldOffers',
  resourceKinds: 'importValueFieldResourceKinds',
};

const list = (items: readonly (string | number)[]) => items.join(', ');

/** "nie ma takiej ulicy w danych miasta" + "; czy chodziło o: ul. Polna?" */
function matchParams(detail: MatchDetail, language: Language): Params {
  const hint = detail.streets.length
    ? translate(language, 'importMatchHintStreets', { streets: list(detail.streets) })
    : detail.numbers.length
      ? translate(language, 'importMatchHintNumbers', { numbers: list(detail.numbers) })
      : '';
  return { reason: translate(language, `importMatchReason_${detail.reason}`), hint };
}

/** "PUWG 1992 (EPSG:2180, układ krajowy): 100 % z 12 sprawdzonych punktów leży w Polsce". */
export function crsGuessText(guess: CrsGuess, language: Language): string {
  return translate(language, 'importCrsFit', { crs: crsName(guess.crs, language), swapped: guess.swapped ? translate(language, 'importCrsSwapped') : '', share: guess.inPoland, sampled: guess.sampled });
}

/** The dictionary key and the parameters of one message. */
function keyAndParams(msg: ImportMessage, language: Language): [MessageKey, Params] {
  const key: MessageKey = `importMsg_${msg.code}`;
  switch (msg.code) {
    case 'personal_data_columns':
      return [key, { columns: list(msg.columns) }];
    case 'no_household_counts':
      return msg.residents ? ['importMsg_no_household_counts_residents', { residents: msg.residents }] : [key, {}];
    case 'crs_guessed':
      return [key, { guess: crsGuessText(msg.guess, language) }];
    case 'crs_unclear':
      return [key, { candidates: msg.candidates.map((c) => crsGuessText(c, language)).join('; ') }];
    case 'crs_points_outside':
      return msg.best
        ? [key, { crs: crsName(msg.crs, language), best: crsGuessText(msg.best, language) }]
        : ['importMsg_crs_points_outside_none', { crs: crsName(msg.crs, language) }];
    case 'street_unmatched':
    case 'resource_address_unmatched':
    case 'address_unmatched':
    case 'address_kept_on_street':
    case 'address_row_left_out':
      return [key, matchParams(msg, language)];
    case 'street_far_from_point': {
      // "470 m", "467 km": a register's point can be a town away from its street.
      const distance = formatDistance(language, msg.distance) ?? String(msg.distance);
      return msg.nearest ? ['importMsg_street_far_from_point_nearest', { street: msg.street, distance, nearest: msg.nearest }] : [key, { street: msg.street, distance }];
    }
    case 'unknown_value':
      return [key, { value: msg.value, field: translate(language, VALUE_FIELD_KEYS[msg.field]) }];
    case 'unknown_list_value':
      return [key, { value: msg.value, what: translate(language, msg.what === 'interests' ? 'importListWhatInterests' : VALUE_FIELD_KEYS[msg.what]) }];
    case 'unnamed_lines':
      return [key, { count: msg.count, features: list(msg.features) + (msg.count > msg.features.length ? ', …' : '') }];
    case 'line_several_names':
      return [key, { names: list(msg.names), first: msg.first }];
    case 'street_spellings_merged':
      return [key, { street: msg.street, others: list(msg.others), lines: msg.lines }];
    case 'address_point_left_out':
      return [key, { cause: msg.cause ? importMessageText(msg.cause, language) : msg.problem ? problemText(msg.problem, language) : '—' }];
    default: {
      // Every other code's parameters are text and numbers, used as they are.
      const { code: _code, ...params } = msg as { code: string } & Params;
      return [key, params];
    }
  }
}

/** One coded message in the user's language. */
export function importMessageText(msg: ImportMessage, language: Language): string {
  const [key, params] = keyAndParams(msg, language);
  return translate(language, key, params);
}

/**
 * An issue in the user's language: its coded message, or the domain's problem when a record schema refused a field.
 * An issue with neither (none is left in the pipeline; tests check) shows its log text rather than nothing.
 */
export function issueText(issue: Pick<ImportIssue, 'message' | 'msg' | 'problem'>, language: Language): string {
  if (issue.msg) return importMessageText(issue.msg, language);
  if (issue.problem) return problemText(issue.problem, language);
  return issue.message;
}

const CRS_NAME_KEYS: Readonly<Record<CrsCode, MessageKey>> = {
  'EPSG:4326': 'importCrsName4326',
  'EPSG:3857': 'importCrsName3857',
  'EPSG:2180': 'importCrsName2180',
  'EPSG:2176': 'importCrsName2176',
  'EPSG:2177': 'importCrsName2177',
  'EPSG:2178': 'importCrsName2178',
  'EPSG:2179': 'importCrsName2179',
};

export function crsName(code: CrsCode, language: Language): string {
  return translate(language, CRS_NAME_KEYS[code]);
}

/** A detected candidate in words (FileReadingPanel's list). */
export function crsCandidateText(candidate: Pick<CrsCandidate, 'code' | 'axisOrder' | 'fitInPoland' | 'sampled'>, language: Language): string {
  return crsGuessText(crsGuess(candidate), language);
}

/** Why this encoding, in words: "zawartość pliku jest poprawnym UTF-8". */
export function encodingReasonText(reason: EncodingReason, language: Language): string {
  return reason.code === 'polish_letters'
    ? translate(language, 'importEncodingPolishLetters', { chosen: reason.chosen, letters: reason.letters, other: reason.other, otherLetters: reason.otherLetters })
    : translate(language, `importEncoding_${reason.code}`);
}
