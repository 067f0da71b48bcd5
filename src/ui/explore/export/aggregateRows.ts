import type { ExploreLayer, NeedMapResult } from '../../../analysis/exploreSession';

/**
 * The rows every aggregate export writes (CSV and GeoJSON): one per unit of the layer the map shows, with the
 * worker's numbers for the wave and measure on screen. Nothing is computed here: the rows only join the layer and
 * the need map unit by unit (the worker keeps both in one unit order).
 *
 * Suppression (k): a unit with fewer than k answers has every survey number left EMPTY (null) — its answers, its
 * response rate, its value and Wilson bounds — never the hidden numbers; only its households (from the address
 * register, not from the survey) and the flag are written. A file sent outside the centre then cannot reveal a
 * cell the map hides.
 */
export interface AggregateRow {
  unitId: string;
  label: string;
  /** null when an address of the unit has no household count (unknown). */
  households: number | null;
  suppressed: boolean;
  responses: number | null;
  /** responses / households, 0–1; null when suppressed or the unit has no households. */
  responseRate: number | null;
  /** The need's rate or the composite index, 0–1. */
  value: number | null;
  /** Wilson 95 % bounds of a single need's rate (Wilson 1927); null for the index, which is not a proportion. */
  lower: number | null;
  upper: number | null;
}

type LayerPart = Pick<ExploreLayer, 'unitIds' | 'labels' | 'households'>;
type NeedMapPart = Pick<NeedMapResult, 'values' | 'lower' | 'upper' | 'responses' | 'responseRate' | 'suppressed'>;

const finite = (v: number | undefined): number | null => (v !== undefined && Number.isFinite(v) ? v : null);

/** Joins a layer and its need map into export rows. O(units). Throws when the two disagree on the unit count. */
export function aggregateRows(layer: LayerPart, needMap: NeedMapPart): AggregateRow[] {
  const n = layer.unitIds.length;
  if (needMap.values.length !== n) throw new Error(`layer has ${n} units, the need map ${needMap.values.length}`);
  const rows: AggregateRow[] = [];
  for (let u = 0; u < n; u++) {
    const households = layer.households[u]!;
    const suppressed = needMap.suppressed[u] === 1;
    rows.push({
      unitId: layer.unitIds[u]!,
      label: layer.labels[u]!,
      households: finite(households),
      suppressed,
      responses: suppressed ? null : needMap.responses[u]!,
      responseRate: suppressed || !(households > 0) ? null : finite(needMap.responseRate[u]),
      value: suppressed ? null : finite(needMap.values[u]),
      lower: suppressed || !needMap.lower ? null : finite(needMap.lower[u]),
      upper: suppressed || !needMap.upper ? null : finite(needMap.upper[u]),
    });
  }
  return rows;
}
