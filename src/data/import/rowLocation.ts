import type { AddressMatch, AddressMatcher } from './addressMatcher';
import { parseAddressText } from './addressText';

/** The address a row gives: one "address" cell ("ul. Lubelska 12/3"), or street + number cells (the street cell may hold both). */
export function rowAddress(cell: (column: string | undefined) => string | undefined, columns: { address?: string; street?: string; houseNumber?: string }): { street: string; houseNumber?: string; text: string } | undefined {
  const addressText = cell(columns.address)?.trim();
  const streetText = cell(columns.street)?.trim();
  const numberText = cell(columns.houseNumber)?.trim();
  if (addressText) {
    const parsed = parseAddressText(addressText);
    return { street: parsed.street, ...(parsed.houseNumber ? { houseNumber: parsed.houseNumber } : {}), text: addressText };
  }
  if (streetText) {
    if (numberText) return { street: streetText, houseNumber: numberText, text: `${streetText} ${numberText}` };
    const parsed = parseAddressText(streetText);
    return { street: parsed.street, ...(parsed.houseNumber ? { houseNumber: parsed.houseNumber } : {}), text: streetText };
  }
  return undefined;
}

export function matchRowAddress(matcher: AddressMatcher, address: { street: string; houseNumber?: string }): AddressMatch {
  return matcher.match(address.street, address.houseNumber);
}
