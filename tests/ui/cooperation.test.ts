import { describe, expect, it } from 'vitest';
import type { Area, Group, Resource } from '../../src/domain';
import { cooperationKind, cooperations } from '../../src/ui/resources/cooperation';

const at = (lng: number, lat: number) => ({ type: 'Point' as const, coordinates: [lng, lat] as [number, number] });
const resource = (id: string, name: string, lng: number, serves: Resource['serves'], coalitions: string[]): Resource => ({ id, name, kind: 'ngo', location: at(lng, 50.0), serves, coalitions });
const estate = (id: string, name: string, west: number): Area => ({ id, name, kind: 'estate', geometry: { type: 'Polygon', coordinates: [[[west, 49.99], [west + 0.01, 49.99], [west + 0.01, 50.01], [west, 50.01], [west, 49.99]]] } });
const group = (id: string, host: string | undefined, targetNeeds: Group['targetNeeds']): Group => ({ id, name: `Grupa ${id}`, kind: 'support', ...(host ? { meetingPlaceId: host } : {}), location: at(19.0, 50.0), targetNeeds, activeFrom: 2024 });

const P = 'Partnerstwo Lokalne Testowo';
const K = 'Koalicja „Bez przemocy”';
const workspace = Object.freeze({
  resources: [
    resource('mops', 'MOPS', 19.005, ['housing', 'addiction'], [P, K]),
    resource('szkola', 'Szkoła', 19.015, ['children_youth_leisure'], [P]),
    resource('policja', 'Komisariat', 19.035, ['domestic_violence', 'safety'], [K, K]), // a name listed twice counts once
    resource('biblioteka', 'Biblioteka', 19.005, ['civic_participation'], []),
  ],
  groups: [group('g1', 'mops', ['addiction']), group('g2', 'biblioteka', ['loneliness_seniors']), group('g3', undefined, ['safety'])],
  areas: [estate('e1', 'Osiedle Zachód', 19.0), estate('e2', 'Osiedle Środek', 19.01)],
});

describe('who works together', () => {
  const found = cooperations(workspace);

  it('lists each partnership and coalition with its members, the groups they host, and the estates they are in', () => {
    expect(found.map((c) => [c.name, c.kind, c.members.map((m) => m.id), c.groups.map((g) => g.id), c.estates])).toEqual([
      [P, 'partnership', ['mops', 'szkola'], ['g1'], ['Osiedle Środek', 'Osiedle Zachód']],
      [K, 'coalition', ['policja', 'mops'], ['g1'], ['Osiedle Zachód']], // the police station lies in no estate
    ]);
  });

  it('counts the needs each addresses: members and hosted groups, each once per need, in taxonomy order', () => {
    // Partnership: MOPS (housing, addiction), school (children), group g1 at MOPS (addiction) → addiction 2.
    expect(found[0]!.needs).toEqual([
      { need: 'housing', count: 1 },
      { need: 'addiction', count: 2 },
      { need: 'children_youth_leisure', count: 1 },
    ]);
    expect(found[1]!.needs.map((n) => `${n.need}:${n.count}`)).toEqual(['housing:1', 'addiction:2', 'domestic_violence:1', 'safety:1']);
  });

  it('tells a partnership from a coalition by its name', () => {
    expect(['Partnerstwo Lokalne Dębowo', ' partnerstwo na rzecz seniorów', 'Koalicja na rzecz bezdomnych', 'Sieć wsparcia'].map(cooperationKind)).toEqual(['partnership', 'partnership', 'coalition', 'coalition']);
  });
});
