import { describe, expect, it } from 'vitest';
import { NEED_CATEGORY_IDS } from '../../src/domain';
import { needChoiceOf, selectionFor, usableWeights, weightsFor } from '../../src/ui/common/plannerView';
import { needChoiceText } from '../../src/ui/common/viewText';

describe('the planner view Programy and the report follow (from the link)', () => {
  it('the link\'s weights win, then its need, then the index with equal weights', () => {
    expect(needChoiceOf({ need: 'health' }, { housing: 2 })).toBe('mapWeights');
    expect(needChoiceOf({ need: 'health' }, null)).toBe('health');
    expect(needChoiceOf({ need: null }, null)).toBe('index');
    expect(usableWeights({ housing: 0, health: 0 })).toBeNull(); // all zero: the engine would refuse it
  });

  it('one choice, one ranking weighting and one mapped selection', () => {
    expect(weightsFor('health')).toEqual({ health: 1 });
    expect(selectionFor('health')).toEqual({ kind: 'need', needId: 'health' });
    const equal = weightsFor('index');
    expect(Object.keys(equal)).toHaveLength(NEED_CATEGORY_IDS.length);
    expect(new Set(Object.values(equal))).toEqual(new Set([1]));
    expect(selectionFor('index')).toEqual({ kind: 'index', weights: equal });
    expect(selectionFor('mapWeights', { housing: 2, health: 0.5 })).toEqual({ kind: 'index', weights: { housing: 2, health: 0.5 } });
  });

  it('says which in words, in both languages', () => {
    expect(needChoiceText('health', null, 'pl')).toBe('Zdrowie');
    expect(needChoiceText('index', null, 'pl')).toBe('indeks potrzeb (wszystkie potrzeby, równe wagi)');
    expect(needChoiceText('mapWeights', { housing: 2, health: 0.5 }, 'pl')).toBe('indeks potrzeb z wagami z mapy: warunki mieszkaniowe ×2, zdrowie ×0,5');
    expect(needChoiceText('mapWeights', { housing: 2 }, 'en')).toBe('need index with the weights set on the map: housing ×2');
  });
});
