/**
 * Polish address text: "ul. Jana Pawła II 12A/3", "Armii Krajowej 5 m. 12", "al. Wolności 3 lok. 2, 22-100 Chełm".
 * The flat (after "/", "m.", "lok.") is kept apart: matching is by building.
 */
export interface ParsedAddress {
  /** Street as written, prefix included ("ul. Jana Pawła II"). */
  street: string;
  /** Normalised building number ("12A"), or undefined when the text has none. */
  houseNumber?: string;
  flat?: string;
}

/** " 12 a " → "12A", "12a/3" → "12A/3": upper-case letter, no spaces. */
export function normaliseHouseNumber(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

// street … number [letter] [(/ | m. | lok. | mieszk.) flat]
const ADDRESS = /^(.*?\p{L}.*?)[\s,]+(?:nr\.?\s*)?(\d{1,4}\s?[a-z]?)(?:\s*(?:\/|\bm\.?|\blok\.?|\bmieszk\.?)\s*(\d{1,4}\s?[a-z]?))?\.?$/iu;

/**
 * Splits an address into street, building number and flat. A part after a comma that holds a postcode or town is ignored;
 * a text with no number gives only the street. O(length).
 * @example parseAddressText('ul. Jana Pawła II 12A/3') → { street: 'ul. Jana Pawła II', houseNumber: '12A', flat: '3' }
 * @example parseAddressText('3 Maja') → { street: '3 Maja' }
 */
export function parseAddressText(text: string): ParsedAddress {
  const parts = text.normalize('NFC').replace(/\s+/g, ' ').split(',').map((p) => p.trim()).filter((p) => p !== '');
  for (const part of parts) {
    if (/^\d{2}-\d{3}\b/.test(part)) continue; // "22-100 Chełm"
    const match = ADDRESS.exec(part);
    if (match) {
      const flat = match[3] === undefined ? undefined : normaliseHouseNumber(match[3]);
      return { street: match[1]!.trim(), houseNumber: normaliseHouseNumber(match[2]!), ...(flat === undefined ? {} : { flat }) };
    }
  }
  // "Lubelska, 12" (number alone after a comma)
  if (parts.length >= 2 && /^\d{1,4}\s?[a-z]?(?:\/\d{1,4}[a-z]?)?$/i.test(parts[1]!)) {
    const [building, flat] = normaliseHouseNumber(parts[1]!).split('/');
    return { street: parts[0]!, houseNumber: building!, ...(flat ? { flat } : {}) };
  }
  return { street: parts[0] ?? '' };
}
