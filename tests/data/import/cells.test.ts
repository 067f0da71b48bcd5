import { describe, expect, it } from 'vitest';
import { parseDateCell, parseIntegerCell, parseNumberCell, parseYesNoCell, splitListCell } from '../../../src/data/import/cells';
import { rowAddress } from '../../../src/data/import/rowLocation';

describe('spreadsheet cells with Polish conventions (cells.ts)', () => {
  it('numbers: decimal comma, spaces (also no-break) as thousands separators; empty is undefined, junk NaN', () => {
    expect(parseNumberCell('19,25')).toBe(19.25);
    expect(parseNumberCell(' 6 542 396,52 ')).toBe(6542396.52);
    expect(parseNumberCell('6\u00a0542\u202f396')).toBe(6542396);
    expect(parseNumberCell('-0.5')).toBe(-0.5);
    expect(parseNumberCell('.5')).toBe(0.5);
    expect(parseNumberCell('2e3')).toBe(2000);
    expect([parseNumberCell(undefined), parseNumberCell('   ')]).toEqual([undefined, undefined]);
    // A comma is a decimal comma only between digits, once: "1,234,5" and "1.2.3" are not numbers; nor are words.
    for (const junk of ['abc', 'NaN', 'Infinity', '1e999', '1,234,5', '1.2.3', '0x1F', '12,5 zł']) expect(parseNumberCell(junk), junk).toBeNaN();
  });

  it('whole numbers: "3" and "3,0" are 3; "2,5" is NaN', () => {
    expect([parseIntegerCell('3'), parseIntegerCell('3,0'), parseIntegerCell(''), parseIntegerCell('2,5')]).toEqual([3, 3, undefined, Number.NaN]);
  });

  it('dates: ISO, Polish DD.MM.YYYY, slashes, dashes, two-digit years in this century; anything else null', () => {
    expect(parseDateCell('2025-05-05')).toBe('2025-05-05');
    expect(parseDateCell('2025-5-7 10:00')).toBe('2025-05-07');
    expect(parseDateCell('5.05.2025')).toBe('2025-05-05');
    expect(parseDateCell('07/04/2025')).toBe('2025-04-07');
    expect(parseDateCell('07-04-2025')).toBe('2025-04-07');
    expect(parseDateCell('5.05.25')).toBe('2025-05-05');
    expect(parseDateCell('30.02.2025')).toBe('2025-02-30'); // not checked here: the schema refuses it
    expect([parseDateCell(''), parseDateCell(undefined)]).toEqual([undefined, undefined]);
    expect([parseDateCell('maj 2025'), parseDateCell('2025/05/05'), parseDateCell('5.5.2025r')]).toEqual([null, null, null]);
  });

  it('yes/no: tak, x, ✓ and friends; nie, -, fałsz; empty undefined; anything else null', () => {
    expect(['tak', 'TAK', ' x ', '1', '✓', 'yes', 'prawda'].map(parseYesNoCell)).toEqual([true, true, true, true, true, true, true]);
    expect(['nie', 'N', '0', '-', '–', 'fałsz', 'falsz'].map(parseYesNoCell)).toEqual([false, false, false, false, false, false, false]);
    expect([parseYesNoCell(''), parseYesNoCell(undefined), parseYesNoCell('może')]).toEqual([undefined, undefined, null]);
  });

  it('lists split on ; , | and line breaks, trimmed, empties dropped; names with commas kept whole when asked', () => {
    expect(splitListCell('bezrobocie, zdrowie;  samotność |\nbezpieczeństwo;;')).toEqual(['bezrobocie', 'zdrowie', 'samotność', 'bezpieczeństwo']);
    expect(splitListCell('Fundacja „Razem, nie osobno”; Klub Seniora', false)).toEqual(['Fundacja „Razem, nie osobno”', 'Klub Seniora']);
    expect(splitListCell(undefined)).toEqual([]);
  });
});

describe('rowAddress: the address a row gives (rowLocation.ts)', () => {
  const row = (cells: Record<string, string>) => (column: string | undefined) => (column === undefined ? undefined : cells[column]);

  it('one address cell is split into street and number; the text is kept as written', () => {
    expect(rowAddress(row({ Adres: ' ul. Lubelska 12/3 ' }), { address: 'Adres' })).toEqual({ street: 'ul. Lubelska', houseNumber: '12', text: 'ul. Lubelska 12/3' });
    expect(rowAddress(row({ Adres: '3 Maja' }), { address: 'Adres' })).toEqual({ street: '3 Maja', text: '3 Maja' });
  });

  it('street and number cells; a street cell that holds the number too', () => {
    expect(rowAddress(row({ Ulica: 'Lubelska', Nr: '12A' }), { street: 'Ulica', houseNumber: 'Nr' })).toEqual({ street: 'Lubelska', houseNumber: '12A', text: 'Lubelska 12A' });
    expect(rowAddress(row({ Ulica: 'al. Jana Pawła II 14', Nr: '' }), { street: 'Ulica', houseNumber: 'Nr' })).toEqual({ street: 'al. Jana Pawła II', houseNumber: '14', text: 'al. Jana Pawła II 14' });
  });

  it('the address cell wins over street cells; no address at all is undefined', () => {
    expect(rowAddress(row({ Adres: 'Lubelska 5', Ulica: 'Polna', Nr: '1' }), { address: 'Adres', street: 'Ulica', houseNumber: 'Nr' })?.text).toBe('Lubelska 5');
    expect(rowAddress(row({ Adres: '  ', Ulica: '' }), { address: 'Adres', street: 'Ulica' })).toBeUndefined();
    expect(rowAddress(row({}), {})).toBeUndefined();
  });
});
