import { describe, expect, it } from 'vitest';
import type { Group, Resource } from '../../src/domain';
import { GROUP_KIND_LABELS, RESOURCE_KIND_LABELS } from '../../src/ui/i18n/dictionary';
import {
  filterGroups,
  filterResources,
  sortGroups,
  sortResources,
  type InventoryFilter,
} from '../../src/ui/resources/inventoryFilter';
import { deepFreeze } from '../analysis/seededRandom';
import { nameMatches, nextSortOrder } from '../../src/ui/common/table/tableSort';

const at = { type: 'Point' as const, coordinates: [19.3, 50.15] as [number, number] };
const resource = (id: string, name: string, kind: Resource['kind'], serves: Resource['serves'], extra: Partial<Resource> = {}): Resource => ({
  id, name, kind, location: at, serves, coalitions: [], ...extra,
});
const group = (id: string, name: string, kind: Group['kind'], targetNeeds: Group['targetNeeds'], activeFrom: number, extra: Partial<Group> = {}): Group => ({
  id, name, kind, location: at, targetNeeds, activeFrom, ...extra,
});

// Frozen: the view's logic must never mutate the workspace it is given.
const resources = deepFreeze([
  resource('r-sp2', 'Szkoła Podstawowa nr 2', 'school', ['children_youth_leisure'], { partnershipDeclaredOn: '2024-03-01', coalitions: ['Partnerstwo Lokalne Dębowo'] }),
  resource('r-sp10', 'Szkoła Podstawowa nr 10', 'school', ['children_youth_leisure', 'safety']),
  resource('r-swiet', 'Świetlica „Promyk”', 'youth_club', ['children_youth_leisure'], { partnershipDeclaredOn: '2025-01-20' }),
  resource('r-lodz', 'Łódzka Fundacja Seniora', 'ngo', ['loneliness_seniors', 'health'], { coalitions: ['A', 'B'] }),
  resource('r-lip', 'Lipowy Klub Seniora', 'senior_club', ['loneliness_seniors'], { partnershipDeclaredOn: '2023-11-05' }),
  resource('r-zab', 'Żabka na rogu', 'business', []),
  resource('r-sad', 'Sąd Rejonowy', 'other', ['domestic_violence']),
]);
const kind = (k: string) => RESOURCE_KIND_LABELS[k as Resource['kind']].pl;
const any: InventoryFilter<Resource['kind']> = { query: '', kind: null, need: null };
const names = (rs: readonly { name: string }[]) => rs.map((r) => r.name);

describe('inventory filters', () => {
  it('searches names without case or Polish letters ("lodz" finds Łódzka, "swietlica" finds Świetlica)', () => {
    expect(nameMatches('Łódzka Fundacja Seniora', 'lodz')).toBe(true);
    expect(nameMatches('Świetlica „Promyk”', 'SWIETLICA')).toBe(true);
    expect(nameMatches('Świetlica „Promyk”', 'świetlica promyk')).toBe(true); // every word, in any order
    expect(nameMatches('Świetlica „Promyk”', 'promyk szkoła')).toBe(false);
    expect(nameMatches('anything', '   ')).toBe(true);
    expect(names(filterResources(resources, { ...any, query: 'seniora' }))).toEqual(['Łódzka Fundacja Seniora', 'Lipowy Klub Seniora']);
  });

  it('filters by kind and by need, and combines them (input order kept)', () => {
    expect(names(filterResources(resources, { ...any, kind: 'school' }))).toEqual(['Szkoła Podstawowa nr 2', 'Szkoła Podstawowa nr 10']);
    // children_youth_leisure: two schools and the świetlica → 3 of 7
    expect(filterResources(resources, { ...any, need: 'children_youth_leisure' })).toHaveLength(3);
    // school ∧ safety: only SP 10
    expect(names(filterResources(resources, { ...any, kind: 'school', need: 'safety' }))).toEqual(['Szkoła Podstawowa nr 10']);
    expect(filterResources(resources, { query: 'zabka', kind: 'business', need: 'safety' })).toEqual([]);
    expect(filterResources(resources, any)).toHaveLength(7);
  });

  it('filters groups by kind, target need and name', () => {
    const groups = deepFreeze([
      group('g1', 'Grupa wsparcia „Razem”', 'support', ['addiction'], 2019, { activeTo: 2023 }),
      group('g2', 'Klub Seniora „Złota Jesień”', 'senior_club', ['loneliness_seniors', 'health'], 2025),
      group('g3', 'Obywatelskie Ślęczenie', 'citizen', ['civic_participation'], 2021),
    ]);
    expect(names(filterGroups(groups, { query: 'zlota', kind: null, need: null }))).toEqual(['Klub Seniora „Złota Jesień”']);
    expect(names(filterGroups(groups, { query: '', kind: 'support', need: null }))).toEqual(['Grupa wsparcia „Razem”']);
    expect(names(filterGroups(groups, { query: 'slecz', kind: null, need: 'civic_participation' }))).toEqual(['Obywatelskie Ślęczenie']);
    const glabel = (k: string) => GROUP_KIND_LABELS[k as Group['kind']].pl;
    // Years: by the first year active; descending puts the newest first.
    expect(names(sortGroups(groups, { key: 'years', direction: 'descending' }, { kind: glabel }))).toEqual(['Klub Seniora „Złota Jesień”', 'Obywatelskie Ślęczenie', 'Grupa wsparcia „Razem”']);
    // Kind by its Polish label: Grupa obywatelska < Grupa wsparcia < Klub seniora.
    expect(sortGroups(groups, { key: 'kind', direction: 'ascending' }, { kind: glabel }).map((g) => g.id)).toEqual(['g3', 'g1', 'g2']);
  });
});

describe('inventory sorting', () => {
  it('sorts names in Polish order: L < Ł, S < Ś, Z < Ż; numbers as numbers', () => {
    expect(names(sortResources(resources, { key: 'name', direction: 'ascending' }, { kind }))).toEqual([
      'Lipowy Klub Seniora',
      'Łódzka Fundacja Seniora',
      'Sąd Rejonowy',
      'Szkoła Podstawowa nr 2',
      'Szkoła Podstawowa nr 10',
      'Świetlica „Promyk”',
      'Żabka na rogu',
    ]);
    // Plain code-point order would put "Ł" and "Ś" after "Ż" and "nr 10" before "nr 2": the collator must not.
    expect(names(sortResources(resources, { key: 'name', direction: 'descending' }, { kind }))[0]).toBe('Żabka na rogu');
  });

  it('sorts kinds by their Polish label, ties by name', () => {
    // Firma lokalna < Inny < Klub młodzieżowy… < Klub seniora < Organizacja pozarządowa < Szkoła ×2
    expect(sortResources(resources, { key: 'kind', direction: 'ascending' }, { kind }).map((r) => r.id)).toEqual(['r-zab', 'r-sad', 'r-swiet', 'r-lip', 'r-lodz', 'r-sp2', 'r-sp10']);
  });

  it('sorts partnership dates with the undeclared last in both directions', () => {
    const asc = sortResources(resources, { key: 'partnership', direction: 'ascending' }, { kind }).map((r) => r.partnershipDeclaredOn ?? '-');
    expect(asc).toEqual(['2023-11-05', '2024-03-01', '2025-01-20', '-', '-', '-', '-']);
    const desc = sortResources(resources, { key: 'partnership', direction: 'descending' }, { kind }).map((r) => r.partnershipDeclaredOn ?? '-');
    expect(desc).toEqual(['2025-01-20', '2024-03-01', '2023-11-05', '-', '-', '-', '-']);
  });

  it('sorts needs and coalitions by how many, and the sort is a permutation', () => {
    const byNeeds = sortResources(resources, { key: 'needs', direction: 'descending' }, { kind });
    expect(byNeeds.map((r) => r.serves.length)).toEqual([2, 2, 1, 1, 1, 1, 0]);
    expect(new Set(byNeeds.map((r) => r.id))).toEqual(new Set(resources.map((r) => r.id)));
    expect(sortResources(resources, { key: 'coalitions', direction: 'descending' }, { kind })[0]!.id).toBe('r-lodz');
  });

  it('a header press starts ascending and flips on the same column', () => {
    expect(nextSortOrder({ key: 'name', direction: 'ascending' }, 'kind')).toEqual({ key: 'kind', direction: 'ascending' });
    expect(nextSortOrder({ key: 'kind', direction: 'ascending' }, 'kind')).toEqual({ key: 'kind', direction: 'descending' });
    expect(nextSortOrder({ key: 'kind', direction: 'descending' }, 'kind')).toEqual({ key: 'kind', direction: 'ascending' });
  });
});
