import { describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import {
  Address, Area, Group, LocalEvent, NEED_CATEGORIES, NEED_CATEGORY_IDS, Organisation, Programme, Resource, Street,
  SurveyCampaign, SurveyResponse, Workspace, issuesFromZod,
} from '../../src/domain';

function problems(schema: ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesFromZod(r.error, 'x').map((i) => `${i.field}: ${i.message}`);
}

const point = { type: 'Point', coordinates: [19.3, 50.15] } as const;
const polygon = { type: 'Polygon', coordinates: [[[19.3, 50.1], [19.31, 50.1], [19.31, 50.11], [19.3, 50.1]]] } as const;

const response = {
  id: 'r-1', campaignId: 'c-1', addressId: 'ad-1', date: '2025-04-12', householdSize: 3,
  needs: [{ category: 'loneliness_seniors', severity: 3 }, { category: 'health', severity: 1 }],
  nuisances: ['litter'], offers: ['volunteering_time'], leaderCandidate: { consent: true, interests: ['safety'] },
};

describe('need taxonomy', () => {
  it('has the twelve categories the seeds imply, each with Polish and English labels', () => {
    expect(NEED_CATEGORY_IDS).toHaveLength(12);
    expect(NEED_CATEGORIES.map((n) => n.id)).toEqual([...NEED_CATEGORY_IDS]);
    for (const n of NEED_CATEGORIES) {
      expect(n.label.pl.length).toBeGreaterThan(3);
      expect(n.label.en.length).toBeGreaterThan(3);
    }
    expect(NEED_CATEGORIES.find((n) => n.id === 'loneliness_seniors')!.label.pl).toBe('Samotność i potrzeby seniorów');
  });
});

describe('organisation', () => {
  const ops = { id: 'org-1', name: 'OPS Libiąż', kind: 'OPS', gminaTeryt: '1203043', town: 'Libiąż' };
  it('accepts a centre with its TERYT gmina code', () => expect(problems(Organisation, ops)).toEqual([]));
  it('rejects a malformed TERYT code', () => {
    expect(problems(Organisation, { ...ops, gminaTeryt: '12030' })).toEqual([
      'gminaTeryt: gminaTeryt must be a 7-digit TERYT gmina code ending in the gmina type 1–5',
    ]);
    expect(problems(Organisation, { ...ops, gminaTeryt: '1203049' })).toHaveLength(1);
  });
});

describe('area, street, address', () => {
  it('accepts valid records', () => {
    expect(problems(Area, { id: 'est-1', name: 'Osiedle Górnicze', kind: 'estate', parentId: 'dist-1', geometry: polygon })).toEqual([]);
    expect(problems(Street, { id: 'st-1', prefix: 'ul.', name: 'Obieżowa', geometry: { type: 'MultiLineString', coordinates: [[[19.3, 50.1], [19.31, 50.1]]] } })).toEqual([]);
    for (const houseNumber of ['1', '12A', '12/3', '12a/3b', '1024']) {
      expect(problems(Address, { id: 'ad-1', streetId: 'st-1', houseNumber, location: point, households: 2 })).toEqual([]);
    }
  });
  it('rejects bad fields with field names', () => {
    expect(problems(Area, { id: 'est 1', name: ' ', kind: 'osiedle', geometry: polygon })).toEqual([
      'id: id may contain only letters, digits and . _ : -',
      'name: name must not be empty',
      'kind: area kind must be one of: district, estate, care_region, custom',
    ]);
    expect(problems(Address, { id: 'ad-1', streetId: 'st-1', houseNumber: '0', location: point, households: 0 })).toEqual([
      'houseNumber: house number must look like 12, 12A or 12/3',
      'households: households must be at least 1',
    ]);
    expect(problems(Address, { id: 'ad-1', streetId: 'st-1', houseNumber: '3', location: point, households: 2.5 })).toEqual([
      'households: households must be a whole number',
    ]);
  });
});

describe('survey', () => {
  it('accepts a campaign and a response', () => {
    expect(problems(SurveyCampaign, { id: 'c-1', name: 'Ul. Obieżowa 2025', areaIds: ['est-1'], startDate: '2025-04-01', endDate: '2025-05-15', householdsTargeted: 87, method: 'door_to_door', wave: 1 })).toEqual([]);
    expect(problems(SurveyResponse, response)).toEqual([]);
  });
  it('rejects a campaign that ends before it starts', () => {
    expect(problems(SurveyCampaign, { id: 'c-1', name: 'X', areaIds: ['a'], startDate: '2025-05-01', endDate: '2025-04-01', householdsTargeted: 1, method: 'online', wave: 1 })).toEqual([
      'endDate: endDate must not be before startDate',
    ]);
  });
  it('refuses any field that could identify a person', () => {
    expect(problems(SurveyResponse, { ...response, respondentName: 'Jan Kowalski' })).toEqual(['(record): Unrecognized key: "respondentName"']);
    expect(problems(SurveyResponse, { ...response, comment: 'sąsiad z 3 piętra' })).toEqual(['(record): Unrecognized key: "comment"']);
  });
  it('checks severities, duplicates, consent and location', () => {
    expect(problems(SurveyResponse, { ...response, needs: [{ category: 'health', severity: 4 }] })).toEqual(['needs.0.severity: severity must be 1, 2 or 3']);
    expect(problems(SurveyResponse, { ...response, needs: [{ category: 'health', severity: 1 }, { category: 'health', severity: 2 }] })).toEqual([
      'needs: each need category may appear once',
    ]);
    expect(problems(SurveyResponse, { ...response, leaderCandidate: { consent: false, interests: [] } })).toEqual([
      'leaderCandidate.consent: a leader candidate is recorded only with consent',
    ]);
    const { addressId: _drop, ...unlocated } = response;
    expect(problems(SurveyResponse, unlocated)).toEqual(['addressId: a response needs an addressId, a streetId or a location']);
    expect(problems(SurveyResponse, { ...unlocated, location: point })).toEqual([]);
  });
});

describe('resources, groups, programmes, events', () => {
  it('accepts valid records', () => {
    expect(problems(Resource, { id: 'res-1', name: 'Szkoła Podstawowa nr 2', kind: 'school', location: point, serves: ['children_youth_leisure'], partnershipDeclaredOn: '2024-09-01', coalitions: ['Partnerstwo Lokalne'] })).toEqual([]);
    expect(problems(Group, { id: 'g-1', name: 'Klub Seniora „Wrzos”', kind: 'senior_club', meetingPlaceId: 'res-1', location: point, targetNeeds: ['loneliness_seniors'], activeFrom: 2008 })).toEqual([]);
    expect(problems(Programme, { id: 'pal-1', name: 'Moja dzielnica – moje miejsce', yearFrom: 2025, yearTo: 2027, targetGeometry: polygon, goals: ['Aktywizacja mieszkańców'], partnerIds: ['res-1'] })).toEqual([]);
    expect(problems(LocalEvent, { id: 'ev-1', name: 'Festyn uliczny', kind: 'festival', date: '2025-06-14', location: point, placeName: 'ul. Obieżowa', programme: ['Występy dzieci'], participants: 150 })).toEqual([]);
  });
  it('rejects impossible years and unknown kinds', () => {
    expect(problems(Group, { id: 'g-1', name: 'X', kind: 'choir', location: point, targetNeeds: [], activeFrom: 2010, activeTo: 2009 })).toEqual([
      'kind: group kind must be one of: self_help, support, citizen, volunteer_club, senior_club, youth_club',
      'targetNeeds: a group addresses at least one need',
    ]);
    expect(problems(Group, { id: 'g-1', name: 'X', kind: 'citizen', location: point, targetNeeds: ['safety'], activeFrom: 2010, activeTo: 2009 })).toEqual([
      'activeTo: activeTo must not be before activeFrom',
    ]);
    expect(problems(Programme, { id: 'p', name: 'X', yearFrom: 2027, yearTo: 2025, targetGeometry: polygon, goals: ['a'], partnerIds: [] })).toEqual([
      'yearTo: yearTo must not be before yearFrom',
    ]);
    expect(problems(LocalEvent, { id: 'e', name: 'X', kind: 'festival', date: '2025-13-01', location: point, placeName: 'Y', programme: [], participants: -1 })).toEqual([
      'date: date must be a real calendar date written YYYY-MM-DD',
      'participants: participants must be 0 or more',
    ]);
  });
});

describe('workspace', () => {
  it('requires the version and every collection', () => {
    const org = { id: 'org-1', name: 'MOPS', kind: 'MOPS', gminaTeryt: '1261011', town: 'Dębowo' };
    const empty = { v: 1, organisation: org, areas: [], streets: [], addresses: [], campaigns: [], responses: [], resources: [], groups: [], programmes: [], events: [] };
    expect(problems(Workspace, empty)).toEqual([]);
    expect(problems(Workspace, { ...empty, v: 2 })).toEqual(['v: Invalid input: expected 1']);
  });
});
