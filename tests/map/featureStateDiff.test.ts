import { describe, expect, it } from 'vitest';
import { unitsToRedraw } from '../../src/map/featureStateDiff';

describe('unitsToRedraw', () => {
  it('names only the units whose state differs in any column', () => {
    const before = [Uint8Array.of(0, 1, 2, 3, 255), Uint8Array.of(0, 0, 1, 0, 0)];
    const after = [Uint8Array.of(0, 4, 2, 3, 255), Uint8Array.of(0, 0, 0, 0, 0)];
    expect(unitsToRedraw(before, after)).toEqual([1, 2]);
  });

  it('names none when nothing changed', () => {
    expect(unitsToRedraw([Int8Array.of(-3, 0, 3)], [Int8Array.of(-3, 0, 3)])).toEqual([]);
  });

  it('names every unit when nothing was drawn on this layer yet, or the shape differs', () => {
    expect(unitsToRedraw(null, [Uint8Array.of(1, 1, 1)])).toEqual([0, 1, 2]);
    expect(unitsToRedraw([Uint8Array.of(1, 1)], [Uint8Array.of(1, 1, 1)])).toEqual([0, 1, 2]);
    expect(unitsToRedraw([Uint8Array.of(1, 1, 1)], [Uint8Array.of(1, 1, 1), Uint8Array.of(0, 0, 0)])).toEqual([0, 1, 2]);
  });
});
