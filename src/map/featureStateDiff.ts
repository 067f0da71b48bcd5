/**
 * Which units' feature-state must be written again, given the columns drawn last time and the columns to draw now
 * (e.g. [classOfUnit, uncertain] of a need map, index = unit). MapLibre (6.x, SourceFeatureState.coalesceChanges →
 * ProgramConfiguration.updatePaintArrays) re-evaluates, in every loaded tile and every state-dependent layer, each
 * feature whose state was set, even to the value it already had; so a recolour costs what it writes. Writing only the
 * units that differ makes a recolour proportional to what changed.
 *
 * `previous` null (nothing drawn on this layer yet) or of another shape: every unit. O(units × columns).
 *
 * @example unitsToRedraw([Uint8Array.of(0, 1, 2)], [Uint8Array.of(0, 3, 2)]) → [1]
 */
export function unitsToRedraw(previous: ReadonlyArray<ArrayLike<number>> | null, next: ReadonlyArray<ArrayLike<number>>): number[] {
  const units = next[0]?.length ?? 0;
  const comparable = previous !== null && previous.length === next.length && previous.every((column, c) => column.length === next[c]!.length && column.length === units);
  const changed: number[] = [];
  for (let u = 0; u < units; u++) {
    if (!comparable || next.some((column, c) => column[u] !== previous[c]![u])) changed.push(u);
  }
  return changed;
}
