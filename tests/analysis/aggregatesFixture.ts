import { aggregateUnits } from '../../src/analysis/aggregate';
import type { NeedCategoryId } from '../../src/domain/needs';
import { NEED_CATEGORY_IDS } from '../../src/domain/needs';
import type { UnitAggregates } from '../../src/analysis/unitAggregates';

/**
 * Aggregates built straight from counts: unit u has n responses, of which x[need] report the need.
 * Goes through the real hot loop (aggregateUnits), so tests of later steps start from genuine results.
 */
export function aggregatesFromCounts(
  units: { n: number; x: Partial<Record<NeedCategoryId, number>>; households?: number }[],
  options: { needIds?: NeedCategoryId[]; minResponses?: number } = {},
): UnitAggregates {
  const unitOf: number[] = [];
  const masks: number[] = [];
  units.forEach(({ n, x }, u) => {
    for (let i = 0; i < n; i++) {
      let mask = 0;
      NEED_CATEGORY_IDS.forEach((id, j) => {
        if (i < (x[id] ?? 0)) mask |= 1 << j;
      });
      unitOf.push(u);
      masks.push(mask);
    }
  });
  return aggregateUnits({
    layer: {
      kind: 'street',
      unitIds: units.map((_, u) => `u${u}`),
      unitOfResponse: Int32Array.from(unitOf),
      households: Float64Array.from(units, (unit) => unit.households ?? 100),
      centerXs: new Float64Array(units.length),
      centerYs: new Float64Array(units.length),
    },
    needMasks: Uint16Array.from(masks),
    include: null,
    ...(options.needIds ? { needIds: options.needIds } : {}),
    ...(options.minResponses !== undefined ? { minResponses: options.minResponses } : {}),
  });
}
