import { describe, expect, it } from 'vitest';
import { CURRENT_AUDIENCE, canExportRawAnswers, canSeeHouseholdHeatmap } from '../../src/ui/common/audience';

describe('audience: household-level data is for the centre’s planners only', () => {
  it('a planner sees the household heatmap and may export raw answers; a partner may do neither', () => {
    expect([canSeeHouseholdHeatmap('planner'), canExportRawAnswers('planner')]).toEqual([true, true]);
    expect([canSeeHouseholdHeatmap('partner'), canExportRawAnswers('partner')]).toEqual([false, false]);
    expect(CURRENT_AUDIENCE).toBe('planner');
  });
});
