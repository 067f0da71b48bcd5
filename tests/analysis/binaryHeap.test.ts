import { describe, expect, it } from 'vitest';
import { MinHeap } from '../../src/analysis/binaryHeap';
import { seededRandom } from './seededRandom';

describe('MinHeap', () => {
  it('pops keys in ascending order and grows past its initial capacity', () => {
    const heap = new MinHeap(2);
    [5, 1, 4, 1, 3].forEach((key, value) => heap.push(key, value));
    const popped: [number, number][] = [];
    while (heap.size > 0) {
      const key = heap.peekKey();
      popped.push([key, heap.pop()]);
    }
    // keys 1 (values 1 and 3 in some order), 3, 4, 5
    expect(popped.map(([k]) => k)).toEqual([1, 1, 3, 4, 5]);
    expect(popped.slice(2).map(([, v]) => v)).toEqual([4, 2, 0]);
    expect(heap.peekKey()).toBe(Infinity);
    expect(() => heap.pop()).toThrow();
  });

  it('sorts like Array.prototype.sort on random keys (property)', () => {
    const random = seededRandom(2);
    for (let trial = 0; trial < 50; trial++) {
      const keys = Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 100));
      const heap = new MinHeap(1);
      keys.forEach((k, i) => heap.push(k, i));
      const out: number[] = [];
      while (heap.size > 0) {
        const k = heap.peekKey();
        const v = heap.pop();
        expect(keys[v]).toBe(k);
        out.push(k);
      }
      expect(out).toEqual([...keys].sort((a, b) => a - b));
    }
  });
});
