import type { ExploreLayer, NeedMapResult, OfferMapResult } from '../../../analysis/exploreSession';
import type { UnitDisclosure } from '../../../analysis/disclosureControl';
import type { Area, Street } from '../../../domain';
import {
  MIN_SHARE_K,
  SHARE_PACKAGE_FORMAT,
  SHARE_PACKAGE_VERSION,
  type SharePackage,
  type ShareSelection,
  type ShareUnit,
  type ShareUnitGeometry,
  type ShareViewInfo,
} from '../../../domain/sharePackage';

/** Figures per unit, in unit order: the need map's arrays (NaN = no value). Plain arrays work too (tests). */
export interface UnitFigures {
  unitIds: readonly string[];
  labels: readonly string[];
  /** null → the unit has no drawable geometry and is left out. */
  geometries: readonly (ShareUnitGeometry | null)[];
  households: ArrayLike<number>;
  responses: ArrayLike<number>;
  values: ArrayLike<number>;
  lower: ArrayLike<number> | null;
  upper: ArrayLike<number> | null;
  /** 1 where the engine already suppressed the unit (fewer than its own k answers). */
  suppressed: ArrayLike<number>;
}

export interface SharePackageInput {
  organisation: { name: string; town: string };
  campaign: { name: string; wave: number } | null;
  unit: ShareViewInfo['unit'];
  selection: ShareSelection;
  minSeverity: 1 | 2 | 3;
  /** The partner threshold (≥ 5): a unit with fewer answers loses every figure. */
  k: number;
  createdAt: Date;
  expiresAt: Date | null;
  figures: UnitFigures;
  /**
   * The disclosure pattern by unit id (packageDisclosure): a unit absent or not published is suppressed; a need count
   * not shown exactly becomes a band. Without it only the per-unit k applies (tests of the figures alone).
   */
  disclosure?: ReadonlyMap<string, UnitDisclosure>;
}

/** Four decimals of a share (0.01 percentage point) are more than any reader needs and keep the file small. */
const share = (v: number): number | null => (Number.isFinite(v) ? Math.round(Math.min(1, Math.max(0, v)) * 10_000) / 10_000 : null);

/**
 * The aggregates-only package for a partner. A unit is suppressed when the engine suppressed it OR it has fewer than
 * k answers; a suppressed unit keeps its id, label and outline and nothing else (households, answers, rate and
 * interval are null), so "too few answers" cannot be read back from the file. Nothing household-level goes in: the
 * input holds only per-unit figures. O(units). Does not mutate its input.
 * @example buildSharePackage({ organisation, campaign, unit: 'street', selection, minSeverity: 1, k: 5, createdAt, expiresAt: null, figures })
 */
export function buildSharePackage(input: SharePackageInput): SharePackage {
  const k = Math.max(MIN_SHARE_K, Math.ceil(input.k));
  const f = input.figures;
  const units: ShareUnit[] = [];
  for (let u = 0; u < f.unitIds.length; u++) {
    const geometry = f.geometries[u];
    if (!geometry) continue;
    const responses = f.responses[u]!;
    const rate = share(f.values[u]!);
    const disclosed = input.disclosure ? input.disclosure.get(f.unitIds[u]!) : undefined;
    const hidden = f.suppressed[u] !== 0 || !(responses >= k) || rate === null || (input.disclosure !== undefined && !disclosed?.published);
    const base = { id: f.unitIds[u]!, label: f.labels[u] ?? f.unitIds[u]!, geometry };
    if (hidden) {
      units.push({ ...base, households: null, responses: null, rate: null, lower: null, upper: null, suppressed: true });
      continue;
    }
    const banded = disclosed !== undefined && disclosed.needShown !== 'exact';
    units.push({
      ...base,
      households: Number.isFinite(f.households[u]!) ? Math.round(f.households[u]!) : null, // unknown count: no number
      responses,
      rate: banded ? null : rate,
      lower: banded || !f.lower ? null : share(f.lower[u]!),
      upper: banded || !f.upper ? null : share(f.upper[u]!),
      suppressed: false,
      ...(banded ? { needBand: { low: disclosed.needLow!, high: Math.min(disclosed.needHigh!, responses) } } : {}),
    });
  }
  return {
    format: SHARE_PACKAGE_FORMAT,
    v: SHARE_PACKAGE_VERSION,
    organisation: { name: input.organisation.name, town: input.organisation.town },
    createdAt: input.createdAt.toISOString(),
    expiresAt: input.expiresAt ? input.expiresAt.toISOString() : null,
    k,
    view: { campaignName: input.campaign?.name ?? null, wave: input.campaign?.wave ?? null, unit: input.unit, selection: input.selection, minSeverity: input.minSeverity },
    units,
  };
}

/**
 * The outline of each unit of an explore layer: a street unit is the MultiLineString of its merged Street records,
 * an area its own boundary, a hexagon its six corners closed into a ring. null where there is none.
 */
export function unitGeometries(layer: ExploreLayer, streets: readonly Street[], areas: readonly Area[]): (ShareUnitGeometry | null)[] {
  if (layer.kind === 'hex') {
    const corners = layer.hexCorners;
    return layer.unitIds.map((_, u) => {
      if (!corners) return null;
      const ring: [number, number][] = [];
      for (let c = 0; c < 6; c++) ring.push([corners[u * 12 + c * 2]!, corners[u * 12 + c * 2 + 1]!]);
      if (ring.some(([lng, lat]) => !Number.isFinite(lng) || !Number.isFinite(lat))) return null;
      ring.push(ring[0]!);
      return { type: 'Polygon', coordinates: [ring] };
    });
  }
  if (layer.kind === 'street') {
    const byId = new Map(streets.map((s) => [s.id, s]));
    return layer.unitIds.map((id, u) => {
      const lines = (layer.streetIds?.[u] ?? [id]).flatMap((streetId) => byId.get(streetId)?.geometry.coordinates ?? []);
      return lines.length ? { type: 'MultiLineString', coordinates: lines } : null;
    });
  }
  const byId = new Map(areas.map((a) => [a.id, a]));
  return layer.unitIds.map((id) => byId.get(id)?.geometry ?? null);
}

/** The figures of a need map over its layer (they must belong together: same layer key). */
export function figuresOf(layer: ExploreLayer, needMap: NeedMapResult | OfferMapResult, geometries: readonly (ShareUnitGeometry | null)[]): UnitFigures {
  if (needMap.layerKey !== layer.key) throw new Error(`need map of layer ${needMap.layerKey} given with layer ${layer.key}`);
  return {
    unitIds: layer.unitIds,
    labels: layer.labels,
    geometries,
    households: layer.households,
    responses: needMap.responses,
    values: needMap.values,
    lower: needMap.lower,
    upper: needMap.upper,
    suppressed: needMap.suppressed,
  };
}
