import type { Area, Group, LocalEvent, NeedCategoryId, Programme } from '../../src/domain';
import type { AddressPlan } from './addresses';
import type { ResourcePlan } from './resources';

type GroupSpec = [id: string, name: string, kind: Group['kind'], meetingPlaceId: string, targetNeeds: NeedCategoryId[], activeFrom: number, activeTo?: number];

/** Groups that meet in town (after the kinds of groups the seed CALs report: Libiąż, Kozienice, Głogów). */
const GROUPS: GroupSpec[] = [
  ['group-matki', 'Grupa samopomocowa matek samotnie wychowujących dzieci', 'self_help', 'res-kis', ['material_hardship', 'children_youth_leisure'], 2025],
  ['group-nowy-start', 'Grupa wsparcia dla osób bezrobotnych „Nowy Start”', 'support', 'res-kis', ['unemployment'], 2025],
  ['group-kobiety-30-45', 'Grupa wsparcia dla bezrobotnych kobiet w wieku 30–45 lat', 'support', 'res-pup', ['unemployment'], 2023, 2024],
  ['group-nasze-gornicze', 'Grupa obywatelska „Nasze Górnicze”', 'citizen', 'res-cal-gornik', ['civic_participation', 'neglected_public_space'], 2025],
  ['group-wolontariusze', 'Klub Wolontariusza przy MOPS w Dębowie', 'volunteer_club', 'res-mops', ['loneliness_seniors', 'children_youth_leisure'], 2023],
  ['group-wrzos', 'Klub Seniora „Wrzos”', 'senior_club', 'res-wrzos', ['loneliness_seniors'], 2019],
  ['group-zlota-jesien', 'Klub Seniora „Złota Jesień”', 'senior_club', 'res-senior-plus', ['loneliness_seniors', 'health'], 2021],
  ['group-przystan', 'Młodzieżowa grupa „Przystań”', 'youth_club', 'res-przystan', ['children_youth_leisure'], 2022],
  ['group-aa', 'Wspólnota AA „Nadzieja”', 'self_help', 'res-parafia-barbary', ['addiction'], 2015],
  ['group-rodziny-uzaleznionych', 'Grupa wsparcia dla rodzin osób uzależnionych', 'support', 'res-poradnia-uzaleznien', ['addiction', 'domestic_violence'], 2024],
  ['group-obiezowa', 'Grupa obywatelska ulicy Obieżowej', 'citizen', 'res-swietlica-semafor', ['civic_participation', 'neglected_public_space'], 2025],
  ['group-pomocna-dlon', 'Szkolny Klub Wolontariusza „Pomocna Dłoń”', 'volunteer_club', 'res-zsp', ['loneliness_seniors', 'disability'], 2024],
  ['group-opiekunowie', 'Grupa wsparcia opiekunów osób z niepełnosprawnościami', 'support', 'res-debowy-krag', ['disability'], 2023],
  ['group-promyk', 'Klub Młodzieżowy „Promyk”', 'youth_club', 'res-promyk', ['children_youth_leisure'], 2020, 2024],
  ['group-sasiedzi', 'Grupa samopomocowa „Sąsiedzi dla sąsiadów”', 'self_help', 'res-parafia-nmp', ['loneliness_seniors'], 2025],
  ['group-rada-tysiaclecia', 'Grupa obywatelska mieszkańców Osiedla Tysiąclecia', 'citizen', 'res-sm-przyszlosc', ['safety', 'neglected_public_space'], 2026],
];

export function buildGroups(resources: ResourcePlan[]): Group[] {
  const byId = new Map(resources.map((r) => [r.record.id, r.record]));
  return GROUPS.map(([id, name, kind, meetingPlaceId, targetNeeds, activeFrom, activeTo]) => {
    const place = byId.get(meetingPlaceId);
    if (!place) throw new Error(`group ${id}: no resource ${meetingPlaceId}`);
    return { id, name, kind, meetingPlaceId, location: place.location, targetNeeds, activeFrom, ...(activeTo ? { activeTo } : {}) };
  });
}

/** Two Local Activity Programmes (PAL); the first is why the mining estate's cluster weakens in wave 2. */
export function buildProgrammes(areas: Area[]): Programme[] {
  const area = (id: string) => {
    const a = areas.find((x) => x.id === id);
    if (!a) throw new Error(`no area ${id}`);
    return a;
  };
  return [
    {
      id: 'pal-moja-dzielnica',
      name: 'Moja dzielnica – moje miejsce',
      yearFrom: 2025,
      yearTo: 2027,
      targetAreaId: 'estate-gornicze',
      targetGeometry: area('estate-gornicze').geometry,
      goals: [
        'Aktywizacja zawodowa długotrwale bezrobotnych mieszkańców Osiedla Górniczego we współpracy z KIS i PUP',
        'Ograniczenie skutków ubóstwa i uzależnień w rodzinach z osiedla',
        'Powstanie grupy obywatelskiej i zespołu wolontariuszy, którzy wspólnie z mieszkańcami zadbają o podwórka',
        'Coroczny festyn osiedlowy przygotowany przez mieszkańców',
      ],
      partnerIds: ['res-mops', 'res-kis', 'res-cal-gornik', 'res-pup', 'res-sm-gornik', 'res-parafia-barbary', 'res-razem-gorniki', 'res-promyk', 'res-mks-gornik', 'res-sp3'],
    },
    {
      id: 'pal-wspolne-podworko',
      name: 'Kolejowe – nasze wspólne podwórko',
      yearFrom: 2026,
      yearTo: 2028,
      targetAreaId: 'estate-kolejowe',
      targetGeometry: area('estate-kolejowe').geometry,
      goals: [
        'Wspólne z mieszkańcami odnowienie podwórek i przejść przy dawnej bocznicy kolejowej',
        'Integracja sąsiedzka mieszkańców ulicy Obieżowej i całego Osiedla Kolejowego',
        'Włączenie młodzieży w działania wolontariackie na rzecz osiedla',
      ],
      partnerIds: ['res-mops', 'res-swietlica-semafor', 'res-kolejarz', 'res-piekarnia', 'res-urzad', 'res-zielone-debowo'],
    },
  ];
}

type EventSpec = [id: string, name: string, kind: LocalEvent['kind'], date: string, placeResourceId: string | null, placeName: string, programme: string[], participants: number];

const EVENTS: EventSpec[] = [
  ['event-nasza-obiezowa-2025', 'Festyn „Nasza Obieżowa”', 'festival', '2025-07-26', null, 'ul. Obieżowa', ['Gry i zabawy dla dzieci', 'Występ zespołu z Domu Kultury', 'Grill sąsiedzki', 'Prezentacja wyników mapy zasobów i potrzeb'], 180],
  ['event-piknik-gornicze-2025', 'Piknik rodzinny na Osiedlu Górniczym', 'picnic', '2025-06-07', 'res-cal-gornik', 'Centrum Aktywności Lokalnej „Górnik”', ['Turniej piłkarski z MKS „Górnik”', 'Stoisko KIS i PUP z ofertą pracy', 'Malowanie twarzy'], 320],
  ['event-konsultacje-pal-2025', 'Spotkanie konsultacyjne PAL „Moja dzielnica – moje miejsce”', 'meeting', '2025-03-12', 'res-cal-gornik', 'Centrum Aktywności Lokalnej „Górnik”', ['Prezentacja diagnozy osiedla', 'Praca w grupach nad celami programu', 'Podpisanie deklaracji partnerstwa'], 46],
  ['event-wycieczka-wieliczka-2025', 'Wycieczka seniorów do Kopalni Soli w Wieliczce', 'trip', '2025-09-18', 'res-wrzos', 'Klub Seniora „Wrzos” (zbiórka)', ['Przejazd autokarem', 'Zwiedzanie trasy turystycznej', 'Wspólny obiad'], 38],
  ['event-warsztaty-rekodziela-2025', 'Warsztaty rękodzieła w Klubie Seniora „Wrzos”', 'workshop', '2025-11-14', 'res-wrzos', 'Klub Seniora „Wrzos”', ['Ozdoby świąteczne z papieru', 'Kiermasz na rzecz hospicjum'], 24],
  ['event-sprzatanie-kolejowe-2025', 'Sprzątanie Świata na Osiedlu Kolejowym', 'other', '2025-09-20', 'res-swietlica-semafor', 'Świetlica osiedlowa „Semafor”', ['Sprzątanie terenu przy bocznicy', 'Sadzenie krzewów'], 57],
  ['event-dzien-sasiada-2026', 'Dzień Sąsiada na Kolejowym', 'festival', '2026-05-30', 'res-kolejarz', 'Boisko KS „Kolejarz”', ['Otwarcie programu „Kolejowe – nasze wspólne podwórko”', 'Koncert orkiestry dętej', 'Kiermasz wymiany rzeczy'], 240],
];

export function buildEvents(resources: ResourcePlan[], addresses: AddressPlan[]): LocalEvent[] {
  const byId = new Map(resources.map((r) => [r.record.id, r.record]));
  return EVENTS.map(([id, name, kind, date, placeId, placeName, programme, participants]) => {
    const location = placeId ? byId.get(placeId)?.location : midpointOf(addresses.filter((a) => a.record.streetId === 'street-obiezowa'));
    if (!location) throw new Error(`event ${id}: no place`);
    return { id, name, kind, date, location, placeName, programme, participants };
  });
}

/** The address in the middle of a street's numbering, where a street festival would set up. */
function midpointOf(addresses: AddressPlan[]) {
  return addresses[Math.floor(addresses.length / 2)]?.record.location;
}
