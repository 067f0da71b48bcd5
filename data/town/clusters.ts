import type { NeedCategoryId } from '../../src/domain';
import type { XY } from './frame';
import type { Housing } from './layout';

/**
 * Where needs are. Every household has a baseline probability of naming each need; planted clusters add
 * a Gaussian bump, amplitude × exp(−d² / 2σ²) with σ = radius / 2, so at the radius the bump has fallen to
 * e⁻² ≈ 14 % and its mean over the disc is (1 − e⁻²) / 2 ≈ 43 % of the amplitude.
 */
export const BASELINE: Record<NeedCategoryId, number> = {
  unemployment: 0.07,
  material_hardship: 0.09,
  housing: 0.05,
  addiction: 0.035,
  domestic_violence: 0.02,
  loneliness_seniors: 0.07,
  disability: 0.05,
  children_youth_leisure: 0.08,
  health: 0.09,
  safety: 0.05,
  neglected_public_space: 0.06,
  civic_participation: 0.07,
};

/** Mild differences by housing type (old tenements are older and damper; block estates feel less safe). */
export const HOUSING_FACTOR: Record<Housing, Partial<Record<NeedCategoryId, number>>> = {
  houses: { children_youth_leisure: 0.9, neglected_public_space: 0.8 },
  tenements: { loneliness_seniors: 1.3, housing: 1.4, health: 1.1 },
  blocks: { safety: 1.2, civic_participation: 1.2 },
};

export interface PlantedCluster {
  id: string;
  estateId: string;
  centre: XY;
  radiusMeters: number;
  /** Amplitude of the bump per need, [wave 1, wave 2]. */
  amplitude: Partial<Record<NeedCategoryId, [number, number]>>;
  /** The need no nearby institution serves (a deliberate gap), if any. */
  gapNeed?: NeedCategoryId;
  story: string;
}

export const CLUSTERS: PlantedCluster[] = [
  {
    id: 'cluster-gornicze-hardship',
    estateId: 'estate-gornicze',
    centre: [-690, -730],
    radiusMeters: 420,
    amplitude: { unemployment: [0.4, 0.22], material_hardship: [0.38, 0.22], addiction: [0.26, 0.15] },
    story: 'Po zamknięciu szybu: bezrobocie, ubóstwo i alkohol na Osiedlu Górniczym; w 2025 r. rusza tu PAL „Moja dzielnica – moje miejsce”, więc w fali 2 skupisko słabnie.',
  },
  {
    id: 'cluster-stare-miasto-seniors',
    estateId: 'estate-stare-miasto',
    centre: [330, 300],
    radiusMeters: 330,
    amplitude: { loneliness_seniors: [0.42, 0.44], health: [0.32, 0.32] },
    story: 'Samotni seniorzy w kamienicach Starego Miasta; Klub Seniora „Wrzos” jest blisko, ale skupisko trwa.',
  },
  {
    id: 'cluster-tysiaclecia-youth',
    estateId: 'estate-tysiaclecia',
    centre: [455, -760],
    radiusMeters: 400,
    amplitude: { children_youth_leisure: [0.38, 0.52], safety: [0.32, 0.42] },
    gapNeed: 'children_youth_leisure',
    story: 'Dzieci i młodzież z bloków Osiedla Tysiąclecia bez miejsca i zajęć; w promieniu 800 m nie ma żadnej placówki dla nich, a w fali 2 problem rośnie.',
  },
  {
    id: 'cluster-kolejowe-public-space',
    estateId: 'estate-kolejowe',
    centre: [760, 1990],
    radiusMeters: 320,
    amplitude: { neglected_public_space: [0.45, 0.4] },
    gapNeed: 'neglected_public_space',
    story: 'Zaniedbane podwórka i nieoświetlone przejścia przy dawnej bocznicy na Osiedlu Kolejowym (także ul. Obieżowa); nikt w pobliżu nie zajmuje się przestrzenią publiczną.',
  },
];

/** The raised part of a need's probability at `p` in wave 1 or 2, and the strongest cluster's share of it (0–1). */
export function clusterBump(need: NeedCategoryId, p: XY, wave: 1 | 2): { bump: number; influence: number } {
  let bump = 0;
  let influence = 0;
  for (const c of CLUSTERS) {
    const amp = c.amplitude[need]?.[wave - 1];
    if (!amp) continue;
    const sigma = c.radiusMeters / 2;
    const d2 = (p[0] - c.centre[0]) ** 2 + (p[1] - c.centre[1]) ** 2;
    const g = Math.exp(-d2 / (2 * sigma * sigma));
    bump += amp * g;
    influence = Math.max(influence, g);
  }
  return { bump, influence };
}

/** Probability that a household at `p` in a `housing` area names `need` in wave 1 or 2. */
export function needProbability(need: NeedCategoryId, p: XY, housing: Housing, wave: 1 | 2): number {
  const base = BASELINE[need] * (HOUSING_FACTOR[housing][need] ?? 1);
  return Math.min(0.9, base + clusterBump(need, p, wave).bump);
}
