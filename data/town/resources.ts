import type { NeedCategoryId, Resource, ResourceKind } from '../../src/domain';
import type { XY } from './frame';
import { CLUSTERS } from './clusters';
import type { AddressPlan } from './addresses';
import { dist } from './planar';
import type { Rng } from './prng';
import type { StreetNetwork } from './streets';

export const PARTNERSHIP = 'Partnerstwo Lokalne Dębowo';
export const HOMELESS_COALITION = 'Koalicja na rzecz osób bezdomnych';
export const VIOLENCE_COALITION = 'Koalicja „Dębowo bez przemocy”';

/** A gap is no institution serving the need within this distance of the cluster centre. */
export const GAP_RADIUS_METERS = 800;

interface ResourceSpec {
  id: string;
  name: string;
  kind: ResourceKind;
  estateId: string;
  serves: NeedCategoryId[];
  declaredOn?: string;
  coalitions?: string[];
}

const P = PARTNERSHIP;
const HC = HOMELESS_COALITION;
const VC = VIOLENCE_COALITION;

/** The institutions of Dębowo (all fictional), the estate each stands in, and the needs each serves. */
const SPECS: ResourceSpec[] = [
  { id: 'res-mops', name: 'Miejski Ośrodek Pomocy Społecznej w Dębowie', kind: 'ops', estateId: 'estate-stare-miasto', serves: ['material_hardship', 'housing', 'unemployment', 'addiction', 'domestic_violence', 'loneliness_seniors', 'disability'], declaredOn: '2024-10-15', coalitions: [P, HC, VC] },
  { id: 'res-kis', name: 'Klub Integracji Społecznej przy MOPS w Dębowie', kind: 'kis', estateId: 'estate-gornicze', serves: ['unemployment', 'material_hardship', 'addiction'], declaredOn: '2024-10-15', coalitions: [P] },
  { id: 'res-cal-gornik', name: 'Centrum Aktywności Lokalnej „Górnik”', kind: 'community_centre', estateId: 'estate-gornicze', serves: ['civic_participation', 'unemployment', 'loneliness_seniors'], declaredOn: '2025-03-12', coalitions: [P] },
  { id: 'res-swietlica-semafor', name: 'Świetlica osiedlowa „Semafor”', kind: 'community_centre', estateId: 'estate-kolejowe', serves: ['civic_participation', 'loneliness_seniors'], coalitions: [] },
  { id: 'res-sp1', name: 'Szkoła Podstawowa nr 1 im. Tadeusza Kościuszki', kind: 'school', estateId: 'estate-stare-miasto', serves: ['children_youth_leisure'], declaredOn: '2024-11-05', coalitions: [P] },
  { id: 'res-sp2', name: 'Szkoła Podstawowa nr 2 im. Marii Konopnickiej', kind: 'school', estateId: 'estate-dabrowka', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-sp3', name: 'Szkoła Podstawowa nr 3 im. Górników Dębowskich', kind: 'school', estateId: 'estate-gornicze', serves: ['children_youth_leisure', 'material_hardship'], declaredOn: '2024-11-05', coalitions: [P] },
  { id: 'res-sp4', name: 'Szkoła Podstawowa nr 4 z Oddziałami Integracyjnymi', kind: 'school', estateId: 'estate-nadrzeczne', serves: ['children_youth_leisure', 'disability'], coalitions: [] },
  { id: 'res-zsp', name: 'Zespół Szkół Ponadpodstawowych im. Jana Pawła II', kind: 'school', estateId: 'estate-zamkowe', serves: ['children_youth_leisure', 'civic_participation'], declaredOn: '2025-01-20', coalitions: [P] },
  { id: 'res-lo', name: 'I Liceum Ogólnokształcące im. Adama Mickiewicza', kind: 'school', estateId: 'estate-polne', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-p1', name: 'Przedszkole Miejskie nr 1 „Słoneczko”', kind: 'kindergarten', estateId: 'estate-stare-miasto', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-p2', name: 'Przedszkole Miejskie nr 2 „Bajka”', kind: 'kindergarten', estateId: 'estate-szybowe', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-p3', name: 'Przedszkole Integracyjne nr 3', kind: 'kindergarten', estateId: 'estate-tysiaclecia', serves: ['disability'], coalitions: [] },
  { id: 'res-p4', name: 'Niepubliczne Przedszkole „Dębowy Listek”', kind: 'kindergarten', estateId: 'estate-ptasie', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-dom-kultury', name: 'Dom Kultury w Dębowie', kind: 'culture_house', estateId: 'estate-stare-miasto', serves: ['children_youth_leisure', 'loneliness_seniors', 'civic_participation'], declaredOn: '2024-10-15', coalitions: [P] },
  { id: 'res-biblioteka', name: 'Miejska Biblioteka Publiczna w Dębowie', kind: 'library', estateId: 'estate-stare-miasto', serves: ['civic_participation', 'loneliness_seniors'], declaredOn: '2024-12-02', coalitions: [P] },
  { id: 'res-biblioteka-f2', name: 'Miejska Biblioteka Publiczna – Filia nr 2', kind: 'library', estateId: 'estate-gornicze', serves: ['civic_participation', 'children_youth_leisure'], coalitions: [] },
  { id: 'res-parafia-nmp', name: 'Parafia rzymskokatolicka pw. Wniebowzięcia NMP', kind: 'parish', estateId: 'estate-stare-miasto', serves: ['loneliness_seniors', 'material_hardship'], declaredOn: '2025-02-10', coalitions: [P, HC] },
  { id: 'res-parafia-barbary', name: 'Parafia rzymskokatolicka pw. św. Barbary', kind: 'parish', estateId: 'estate-gornicze', serves: ['material_hardship', 'addiction', 'loneliness_seniors'], declaredOn: '2025-02-10', coalitions: [P, HC] },
  { id: 'res-parafia-jozefa', name: 'Parafia rzymskokatolicka pw. św. Józefa Robotnika', kind: 'parish', estateId: 'estate-sloneczne', serves: ['material_hardship', 'loneliness_seniors'], coalitions: [] },
  { id: 'res-policja', name: 'Komisariat Policji w Dębowie', kind: 'police', estateId: 'estate-stare-miasto', serves: ['safety', 'domestic_violence', 'addiction'], declaredOn: '2024-11-18', coalitions: [P, HC, VC] },
  { id: 'res-policja-rewir', name: 'Rewir Dzielnicowych Górniki', kind: 'police', estateId: 'estate-hutnik', serves: ['safety', 'domestic_violence'], coalitions: [VC] },
  { id: 'res-przychodnia-1', name: 'Przychodnia Rejonowa nr 1', kind: 'health_centre', estateId: 'estate-zamkowe', serves: ['health', 'disability'], coalitions: [] },
  { id: 'res-medyk', name: 'Centrum Zdrowia „Medyk”', kind: 'health_centre', estateId: 'estate-nadrzeczne', serves: ['health'], coalitions: [] },
  { id: 'res-poradnia-uzaleznien', name: 'Poradnia Terapii Uzależnień i Współuzależnienia', kind: 'health_centre', estateId: 'estate-hutnik', serves: ['addiction', 'domestic_violence'], declaredOn: '2025-01-20', coalitions: [P, VC] },
  { id: 'res-razem-gorniki', name: 'Stowarzyszenie „Razem dla Górnik”', kind: 'ngo', estateId: 'estate-gornicze', serves: ['unemployment', 'material_hardship', 'civic_participation'], declaredOn: '2024-10-15', coalitions: [P] },
  { id: 'res-debowy-krag', name: 'Fundacja „Dębowy Krąg”', kind: 'ngo', estateId: 'estate-dabrowka', serves: ['disability', 'health'], declaredOn: '2025-04-01', coalitions: [P] },
  { id: 'res-przyjaciele-starowki', name: 'Stowarzyszenie Przyjaciół Starego Miasta', kind: 'ngo', estateId: 'estate-stare-miasto', serves: ['neglected_public_space', 'civic_participation'], coalitions: [] },
  { id: 'res-pkps', name: 'Polski Komitet Pomocy Społecznej – Koło w Dębowie', kind: 'ngo', estateId: 'estate-zamkowe', serves: ['material_hardship', 'housing'], declaredOn: '2024-11-05', coalitions: [P, HC] },
  { id: 'res-bank-zywnosci', name: 'Punkt Banku Żywności w Dębowie', kind: 'ngo', estateId: 'estate-hutnik', serves: ['material_hardship'], coalitions: [HC] },
  { id: 'res-nowa-droga', name: 'Stowarzyszenie Abstynentów „Nowa Droga”', kind: 'ngo', estateId: 'estate-szybowe', serves: ['addiction'], declaredOn: '2025-02-10', coalitions: [P] },
  { id: 'res-bezpieczny-dom', name: 'Fundacja „Bezpieczny Dom”', kind: 'ngo', estateId: 'estate-zamkowe', serves: ['domestic_violence'], coalitions: [VC] },
  { id: 'res-utw', name: 'Stowarzyszenie Uniwersytet Trzeciego Wieku w Dębowie', kind: 'ngo', estateId: 'estate-stare-miasto', serves: ['loneliness_seniors', 'civic_participation'], declaredOn: '2024-12-02', coalitions: [P] },
  { id: 'res-brat-albert', name: 'Towarzystwo Pomocy im. św. Brata Alberta – Koło Dębowo', kind: 'ngo', estateId: 'estate-hutnik', serves: ['housing', 'material_hardship', 'addiction'], declaredOn: '2024-11-18', coalitions: [P, HC] },
  { id: 'res-osp', name: 'Ochotnicza Straż Pożarna Dębowo-Polne', kind: 'ngo', estateId: 'estate-polne', serves: ['safety', 'civic_participation'], coalitions: [] },
  { id: 'res-nadzieja', name: 'Stowarzyszenie Rodzin i Opiekunów Osób Niepełnosprawnych „Nadzieja”', kind: 'ngo', estateId: 'estate-lesne', serves: ['disability'], coalitions: [] },
  { id: 'res-zielone-debowo', name: 'Fundacja Ekologiczna „Zielone Dębowo”', kind: 'ngo', estateId: 'estate-kwiatowe', serves: ['neglected_public_space'], coalitions: [] },
  { id: 'res-zhp', name: 'ZHP Hufiec Dębowo', kind: 'ngo', estateId: 'estate-ptasie', serves: ['children_youth_leisure', 'civic_participation'], coalitions: [] },
  { id: 'res-wtz', name: 'Warsztaty Terapii Zajęciowej „Pracownia”', kind: 'ngo', estateId: 'estate-wisniowe', serves: ['disability'], coalitions: [] },
  { id: 'res-wrzos', name: 'Klub Seniora „Wrzos”', kind: 'senior_club', estateId: 'estate-stare-miasto', serves: ['loneliness_seniors'], declaredOn: '2024-12-02', coalitions: [P] },
  { id: 'res-senior-plus', name: 'Dzienny Dom „Senior+”', kind: 'senior_club', estateId: 'estate-dabrowka', serves: ['loneliness_seniors', 'health', 'disability'], coalitions: [] },
  { id: 'res-przystan', name: 'Młodzieżowy Klub „Przystań”', kind: 'youth_club', estateId: 'estate-zamkowe', serves: ['children_youth_leisure', 'addiction'], coalitions: [] },
  { id: 'res-promyk', name: 'Świetlica Środowiskowa „Promyk”', kind: 'youth_club', estateId: 'estate-gornicze', serves: ['children_youth_leisure', 'material_hardship'], declaredOn: '2025-03-12', coalitions: [P] },
  { id: 'res-mks-gornik', name: 'MKS „Górnik” Dębowo', kind: 'sports_club', estateId: 'estate-szybowe', serves: ['children_youth_leisure'], declaredOn: '2025-03-12', coalitions: [P] },
  { id: 'res-uks-debowiak', name: 'UKS „Dębowiak”', kind: 'sports_club', estateId: 'estate-dabrowka', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-kolejarz', name: 'Klub Sportowy „Kolejarz” Dębowo', kind: 'sports_club', estateId: 'estate-kolejowe', serves: ['children_youth_leisure'], coalitions: [] },
  { id: 'res-pup', name: 'Powiatowy Urząd Pracy – Filia w Dębowie', kind: 'labour_office', estateId: 'estate-stare-miasto', serves: ['unemployment'], declaredOn: '2024-11-05', coalitions: [P] },
  { id: 'res-sm-gornik', name: 'Spółdzielnia Mieszkaniowa „Górnik”', kind: 'housing_coop', estateId: 'estate-gornicze', serves: ['housing', 'neglected_public_space'], declaredOn: '2025-03-12', coalitions: [P] },
  { id: 'res-sm-przyszlosc', name: 'Spółdzielnia Mieszkaniowa „Przyszłość”', kind: 'housing_coop', estateId: 'estate-tysiaclecia', serves: ['housing', 'neglected_public_space'], coalitions: [] },
  { id: 'res-zgm', name: 'Zakład Gospodarki Mieszkaniowej w Dębowie', kind: 'housing_coop', estateId: 'estate-stare-miasto', serves: ['housing'], coalitions: [HC] },
  { id: 'res-piekarnia', name: 'Piekarnia „Dąbek”', kind: 'business', estateId: 'estate-kolejowe', serves: ['material_hardship'], declaredOn: '2025-06-02', coalitions: [P] },
  { id: 'res-eko-debowo', name: 'Zakład Usług Komunalnych „Eko-Dębowo” Sp. z o.o.', kind: 'business', estateId: 'estate-polne', serves: ['neglected_public_space'], coalitions: [] },
  { id: 'res-spolem', name: 'Sklep „Społem” Dębowo', kind: 'business', estateId: 'estate-tysiaclecia', serves: ['material_hardship'], coalitions: [] },
  { id: 'res-apteka', name: 'Apteka „Pod Dębem”', kind: 'business', estateId: 'estate-stare-miasto', serves: ['health'], coalitions: [] },
  { id: 'res-kopalnia', name: 'Zakład Górniczy „Dębowo” Sp. z o.o.', kind: 'business', estateId: 'estate-szybowe', serves: ['unemployment'], declaredOn: '2025-01-20', coalitions: [P] },
  { id: 'res-bank-spoldzielczy', name: 'Bank Spółdzielczy w Dębowie', kind: 'business', estateId: 'estate-stare-miasto', serves: ['civic_participation'], coalitions: [] },
  { id: 'res-urzad', name: 'Urząd Miejski w Dębowie', kind: 'other', estateId: 'estate-stare-miasto', serves: ['civic_participation', 'housing'], declaredOn: '2024-10-15', coalitions: [P, HC] },
  { id: 'res-pcpr', name: 'Powiatowe Centrum Pomocy Rodzinie – Punkt w Dębowie', kind: 'other', estateId: 'estate-zamkowe', serves: ['domestic_violence', 'disability'], coalitions: [VC] },
  { id: 'res-straz-miejska', name: 'Straż Miejska w Dębowie', kind: 'other', estateId: 'estate-stare-miasto', serves: ['safety'], coalitions: [HC] },
  { id: 'res-sds', name: 'Środowiskowy Dom Samopomocy w Dębowie', kind: 'other', estateId: 'estate-nadrzeczne', serves: ['disability', 'health'], coalitions: [] },
];

export interface ResourcePlan {
  record: Resource;
  xy: XY;
}

/**
 * Places each institution at an address of its estate (one institution an address). One that serves
 * a planted cluster's gap need is kept more than GAP_RADIUS_METERS (+50 m margin) from that cluster.
 */
export function buildResources(addresses: AddressPlan[], streets: StreetNetwork, rng: Rng): ResourcePlan[] {
  const used = new Set<string>();
  const gaps = CLUSTERS.filter((c) => c.gapNeed);
  return SPECS.map((spec) => {
    const r = rng.fork(spec.id);
    const candidates = addresses.filter(
      (a) =>
        a.estateId === spec.estateId &&
        !used.has(a.record.id) &&
        gaps.every((c) => !spec.serves.includes(c.gapNeed!) || dist(a.xy, c.centre) > GAP_RADIUS_METERS + 50),
    );
    if (candidates.length === 0) throw new Error(`no address for resource ${spec.id} in ${spec.estateId}`);
    const a = r.pick(candidates);
    used.add(a.record.id);
    const street = streets.plans[a.streetIndex]!;
    const record: Resource = {
      id: spec.id,
      name: spec.name,
      kind: spec.kind,
      location: a.record.location,
      address: `${street.prefix} ${street.name} ${a.record.houseNumber}`,
      serves: spec.serves,
      ...(spec.declaredOn ? { partnershipDeclaredOn: spec.declaredOn } : {}),
      coalitions: spec.coalitions ?? [],
    };
    return { record, xy: a.xy };
  });
}
