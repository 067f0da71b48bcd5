import { describe, expect, it } from 'vitest';
import { buildAddressMatcher, editDistance, normaliseHouseNumber, normaliseStreetName, parseAddressText, splitStreetPrefix, streetMatchKeys } from '../../../src/data/import';
import { ADDRESSES, deepFreeze, STREETS } from './fixtures';

describe('normaliseStreetName', () => {
  it.each([
    ['ul. Jana Pawła II', 'jana pawla 2'],
    ['Jana Pawla 2', 'jana pawla 2'],
    ['ALEJA  JANA PAWŁA II', 'jana pawla 2'],
    ['al.Jana Pawła II', 'jana pawla 2'],
    ['ulica Świętego Mikołaja', 'sw mikolaja'],
    ['św. Mikołaja', 'sw mikolaja'],
    ['Pl. Dr. Edwarda Łuczkowskiego', 'dr edwarda luczkowskiego'],
    ['Plac Doktora Edwarda Łuczkowskiego', 'dr edwarda luczkowskiego'],
    ['os. Słoneczne', 'sloneczne'],
    ['Osiedle Słoneczne', 'sloneczne'],
    ['3-go Maja', '3 maja'],
    ['Trzeciego Maja', '3 maja'],
    ['I Pułku Szwoleżerów', '1 pulku szwolezerow'],
    ['Armii Krajowej', 'armii krajowej'],
    ['XXX-lecia PRL', '30 lecia prl'],
    ['Rondo im. Wielkiej Orkiestry', 'wielkiej orkiestry'],
    ['  "Gen. Władysława Sikorskiego"  ', 'gen wladyslawa sikorskiego'],
  ])('%s → %s', (input, key) => {
    expect(normaliseStreetName(input)).toBe(key);
  });

  it('keeps the lone word "i" (Polish "and") inside a name', () => {
    expect(normaliseStreetName('Cyryla i Metodego')).toBe('cyryla i metodego');
  });

  it('derives looser keys: leading words dropped and shortened to initials', () => {
    expect(streetMatchKeys('Jana Pawła II')).toEqual(['jana pawla 2', 'j pawla 2', 'pawla 2']);
    expect(streetMatchKeys('Adama Mickiewicza')).toEqual(['adama mickiewicza', 'a mickiewicza', 'mickiewicza']);
  });
});

describe('splitStreetPrefix (OSM names → prefix + name)', () => {
  it.each([
    ['Aleja Armii Krajowej', 'al.', 'Armii Krajowej'],
    ['al. Wolności', 'al.', 'Wolności'],
    ['Plac Wolności', 'pl.', 'Wolności'],
    ['Rondo Mogilskie', 'rondo', 'Mogilskie'],
    ['Osiedle Kościuszki', 'os.', 'Kościuszki'],
    ['Lubelska', 'ul.', 'Lubelska'],
    ['Ulanów', 'ul.', 'Ulanów'],
    ['Plac', 'ul.', 'Plac'],
  ])('%s → %s %s', (input, prefix, name) => {
    expect(splitStreetPrefix(input)).toEqual({ prefix, name });
  });
});

describe('parseAddressText', () => {
  it.each([
    ['ul. Jana Pawła II 12A/3', { street: 'ul. Jana Pawła II', houseNumber: '12A', flat: '3' }],
    ['Armii Krajowej 5 m. 12', { street: 'Armii Krajowej', houseNumber: '5', flat: '12' }],
    ['al. Wolności 3 lok. 2, 22-100 Chełm', { street: 'al. Wolności', houseNumber: '3', flat: '2' }],
    ['Chełm, ul. Lubelska 7', { street: 'ul. Lubelska', houseNumber: '7' }],
    ['3 Maja 1', { street: '3 Maja', houseNumber: '1' }],
    ['3 Maja', { street: '3 Maja' }],
    ['Lubelska 12 a', { street: 'Lubelska', houseNumber: '12A' }],
    ['Lubelska nr 5', { street: 'Lubelska', houseNumber: '5' }],
    ['Lubelska, 5/2', { street: 'Lubelska', houseNumber: '5', flat: '2' }],
  ])('%s', (text, expected) => {
    expect(parseAddressText(text)).toEqual(expected);
  });

  it('normalises house numbers', () => {
    expect(normaliseHouseNumber(' 12 a ')).toBe('12A');
    expect(normaliseHouseNumber('12a/3b')).toBe('12A/3B');
  });
});

describe('buildAddressMatcher', () => {
  const matcher = buildAddressMatcher(deepFreeze(structuredClone(STREETS)), deepFreeze(structuredClone(ADDRESSES)));

  it.each([
    ['ul. Jana Pawła II 12A/3', 'addr-jp2-12a', 'name'],
    ['al. Jana Pawla 2 12a', 'addr-jp2-12a', 'name'],
    ['J. Pawła II 14', 'addr-jp2-14', 'variant'],
    ['Pawła II 14', 'addr-jp2-14', 'variant'],
    ['LUBELSKA 5', 'addr-lubelska-5', 'name'],
    ['ul. 3-go Maja 1', 'addr-3maja-1', 'name'],
    ['św. Mikołaja 2', 'addr-mikolaja-2', 'name'],
    ['Mickiewicza 10', 'addr-mickiewicza-10', 'variant'],
  ])('%s → %s (street by %s)', (text, addressId, by) => {
    expect(matcher.matchText(text)).toMatchObject({ status: 'address', addressId, streetMatchedBy: by });
  });

  it('a known street with an unknown number matches the street and suggests the nearest numbers', () => {
    expect(matcher.matchText('Lubelska 6')).toMatchObject({ status: 'street', streetId: 'street-lubelska', reason: 'unknown_house_number', houseNumberSuggestions: ['5', '7'] });
  });

  it('an unknown street suggests the closest names by edit distance', () => {
    const match = matcher.matchText('Lubleska 5');
    expect(match).toMatchObject({ status: 'unmatched', reason: 'unknown_street' });
    expect(match.streetSuggestions[0]).toBe('ul. Lubelska');
    expect(matcher.matchText('Mickiewicz 10').streetSuggestions[0]).toBe('ul. Adama Mickiewicza');
  });

  it('editDistance is Levenshtein: kitten → sitting is 3', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('abcdef', 'x', 2)).toBe(3); // early exit above max
  });
});
