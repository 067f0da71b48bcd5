import type { Street } from '../../domain';
import { foldDiacritics } from '../../domain/text';

type StreetPrefix = Street['prefix'];

/**
 * Polish street names as people write them, reduced to one key for matching (the display name is never changed).
 * "ul. Św. Jana Pawła II", "ulica świętego Jana Pawła 2", "JANA PAWŁA II" → "sw jana pawla 2".
 */

/** Leading words that name the street type, folded (no diacritics, no dot). */
const PREFIX_WORDS: Readonly<Record<string, StreetPrefix>> = {
  ul: 'ul.', ulica: 'ul.', ulicy: 'ul.',
  al: 'al.', aleja: 'al.', aleje: 'al.', alei: 'al.', alej: 'al.',
  pl: 'pl.', plac: 'pl.', placu: 'pl.',
  os: 'os.', osiedle: 'os.', osiedla: 'os.', osk: 'os.',
  rondo: 'rondo', ronda: 'rondo',
};

/** Titles written in full or abbreviated; both map to the abbreviation ("św." = "świętego" = "świętej"). */
const TITLE_WORDS: Readonly<Record<string, string>> = {
  sw: 'sw', swietego: 'sw', swietej: 'sw', swietych: 'sw', sww: 'sw',
  ks: 'ks', ksiedza: 'ks', kard: 'kard', kardynala: 'kard', bp: 'bp', biskupa: 'bp', abp: 'abp', arcybiskupa: 'abp',
  o: 'o', ojca: 'o', bl: 'bl', blogoslawionego: 'bl', blogoslawionej: 'bl',
  gen: 'gen', generala: 'gen', marsz: 'marsz', marszalka: 'marsz', plk: 'plk', pulkownika: 'plk', ppor: 'ppor', podporucznika: 'ppor',
  por: 'por', porucznika: 'por', kpt: 'kpt', kapitana: 'kpt', mjr: 'mjr', majora: 'mjr', hm: 'hm', harcmistrza: 'hm',
  prof: 'prof', profesora: 'prof', dr: 'dr', doktora: 'dr', inz: 'inz', inzyniera: 'inz',
  pierwszego: '1', drugiego: '2', trzeciego: '3',
  // "28 Czerwca 1956 roku" = "28 Czerwca 1956 r."
  roku: 'r',
};

const TITLE_ABBREVIATIONS = new Set(Object.values(TITLE_WORDS).filter((t) => /[a-z]/.test(t)));

/** Words that carry no identity: "im." (imienia) anywhere, and the "go" of "1-go Maja" after a number. */
const DROPPED_WORDS = new Set(['im', 'imienia']);

const ROMAN = /^(x{0,3})(ix|iv|v?i{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { i: 1, v: 5, x: 10 };

/** "ii" → "2", "xxx" → "30"; only I, V, X up to 39, and only two letters or more (a lone "i" is the Polish "and", "v"/"x" initials). */
function romanToArabic(token: string): string {
  if (token.length < 2 || !ROMAN.test(token)) return token;
  let total = 0;
  for (let i = 0; i < token.length; i++) {
    const v = ROMAN_VALUES[token[i]!]!;
    const next = ROMAN_VALUES[token[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return String(total);
}

export { foldDiacritics };

function tokensOf(text: string): string[] {
  return foldDiacritics(text.normalize('NFC'))
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((t) => t !== '');
}

/** The canonical tokens of a street name: prefix dropped, titles abbreviated, numerals arabic. */
export function streetNameTokens(name: string): string[] {
  let tokens = tokensOf(name);
  if (tokens.length > 1 && PREFIX_WORDS[tokens[0]!] !== undefined) tokens = tokens.slice(1);
  // Register exports write the type last: "Mickiewicza ul.", "Niepodległości al." (never "rondo": "Rondo" ends names).
  else if (tokens.length > 1 && PREFIX_WORDS[tokens[tokens.length - 1]!] !== undefined && tokens[tokens.length - 1] !== 'rondo' && tokens[tokens.length - 1] !== 'ronda') tokens = tokens.slice(0, -1);
  const out: string[] = [];
  tokens.forEach((raw, i) => {
    if (DROPPED_WORDS.has(raw) && tokens.length > 1) return;
    if (raw === 'go' && /^\d+$/.test(out[out.length - 1] ?? '')) return;
    // A lone "i" is the Polish "and", except first in a name: "I Pułku Szwoleżerów" = "1 Pułku Szwoleżerów".
    if (i === 0 && raw === 'i' && tokens.length > 1) out.push('1');
    else out.push(TITLE_WORDS[raw] ?? romanToArabic(raw));
  });
  return out;
}

/**
 * The matching key of a street name: case, diacritics, punctuation, the prefix, title abbreviations and roman numerals
 * do not matter. For matching only; never shown. O(length).
 * @example normaliseStreetName('ul. Św. Jana Pawła II') → 'sw jana pawla 2'; normaliseStreetName('Jana Pawla 2') → 'jana pawla 2'
 */
export function normaliseStreetName(name: string): string {
  return streetNameTokens(name).join(' ');
}

const isWord = (t: string): boolean => /[a-z]/.test(t);
const MAX_ABBREVIATED_WORDS = 3;

/**
 * Looser keys under which a street can also be found: leading words dropped ("Pawła II" for "Jana Pawła II",
 * "Mickiewicza" for "Adama Mickiewicza") and leading words shortened to initials ("J. Pawła II"). The full key comes first.
 * A variant needs a word of 3+ letters, so "2" alone is never a key. At most 2^3 initial patterns per suffix.
 * @example streetMatchKeys('Jana Pawła II') → ['jana pawla 2', 'j pawla 2', 'pawla 2']
 */
export function streetMatchKeys(name: string): string[] {
  const tokens = streetNameTokens(name);
  const keys = new Set<string>();
  for (let start = 0; start < tokens.length; start++) {
    const suffix = tokens.slice(start);
    if (!suffix.some((t) => isWord(t) && t.length >= 3)) break;
    // Words before the last word (the surname stays whole) that can be shortened to an initial.
    let lastWord = suffix.length - 1;
    while (lastWord > 0 && !isWord(suffix[lastWord]!)) lastWord--;
    // Titles are abbreviations already: "św." shortened to "s." would read as the initial of "Stablewskiego".
    const shortenable = suffix.map((t, i) => i < lastWord && isWord(t) && t.length > 1 && !TITLE_ABBREVIATIONS.has(t)).map((s, i) => (s ? i : -1)).filter((i) => i >= 0).slice(0, MAX_ABBREVIATED_WORDS);
    for (let mask = 0; mask < 1 << shortenable.length; mask++) {
      const variant = suffix.slice();
      shortenable.forEach((position, bit) => {
        if (mask & (1 << bit)) variant[position] = variant[position]![0]!;
      });
      keys.add(variant.join(' '));
    }
  }
  return [...keys];
}

/**
 * Register-order keys: the official TERYT ULIC register and many municipal systems write the main part first and the
 * given names or leading words after it ("Matejki Jana" for "Jana Matejki", "Katynia Ofiar" for "Ofiar Katynia",
 * "Mikołaja Świętego" for "Świętego Mikołaja"). Every rotation of the canonical tokens at a word boundary, the
 * original order excluded. O(tokens²).
 * @example registerOrderKeys('Jana Matejki') → ['matejki jana']; registerOrderKeys('Ofiar Katynia') → ['katynia ofiar']
 */
export function registerOrderKeys(name: string): string[] {
  return rotationsOfKey(normaliseStreetName(name));
}

/**
 * The words of a normalised key in alphabetical order: one key for every order a register or a clerk writes the same
 * words in ("Kutrzeby Tadeusza gen." = "gen. Tadeusza Kutrzeby", "Katynia Ofiar" = "Ofiar Katynia"). O(words log words).
 * @example tokenBagKey('kutrzeby tadeusza gen') → 'gen kutrzeby tadeusza'
 */
export function tokenBagKey(key: string): string {
  return key.split(' ').filter((t) => t !== '').sort().join(' ');
}

/** Rotations of an already normalised key ("a b c" → "b c a", "c a b"); none for a one-word key. */
export function rotationsOfKey(key: string): string[] {
  const tokens = key.split(' ').filter((t) => t !== '');
  if (tokens.length < 2) return [];
  const keys = new Set<string>();
  for (let k = 1; k < tokens.length; k++) {
    const rotated = [...tokens.slice(k), ...tokens.slice(0, k)];
    // A rotation must start with a word: "2 jana pawla" is no one's way of writing "Jana Pawła II".
    if (!isWord(rotated[0]!)) continue;
    keys.add(rotated.join(' '));
  }
  keys.delete(key);
  return [...keys];
}

/**
 * Splits the street type off a full name and infers the prefix: "Aleja X"/"al. X" → al., "Plac X" → pl.,
 * "Rondo X" → rondo, "Osiedle X" → os., otherwise ul. The name keeps its case and diacritics.
 * @example splitStreetPrefix('Aleja Armii Krajowej') → { prefix: 'al.', name: 'Armii Krajowej' }
 */
export function splitStreetPrefix(fullName: string): { prefix: StreetPrefix; name: string } {
  const trimmed = fullName.normalize('NFC').replace(/\s+/g, ' ').trim();
  const match = /^([\p{L}]+)\.?\s*(.*)$/u.exec(trimmed);
  if (match) {
    const prefix = PREFIX_WORDS[foldDiacritics(match[1]!)];
    const rest = match[2]!.trim();
    const wroteDot = trimmed.charAt(match[1]!.length) === '.';
    // "Rondo", "Plac" alone are names; "ul" without a dot or space before the name (e.g. "Ulanów") is not a prefix.
    if (prefix !== undefined && rest !== '' && (wroteDot || trimmed.charAt(match[1]!.length) === ' ')) return { prefix, name: rest };
  }
  return { prefix: 'ul.', name: trimmed };
}

/** Prefix written in an address text ("al. Wolności 5" → 'al.'), or undefined when the text names none. */
export function prefixWritten(text: string): StreetPrefix | undefined {
  const first = /^\s*([\p{L}]+)[.\s]/u.exec(text.normalize('NFC'));
  return first ? PREFIX_WORDS[foldDiacritics(first[1]!)] : undefined;
}

/** Levenshtein distance with an early exit above `max` (returns max + 1). O(a·b) worst case, two rows of memory. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = new Uint16Array(b.length + 1);
  let current = new Uint16Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (current[j]! < rowMin) rowMin = current[j]!;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}
