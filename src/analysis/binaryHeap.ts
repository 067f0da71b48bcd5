/**
 * A binary min-heap of (key, value) pairs in typed arrays (Float64Array keys, Uint32Array values), for
 * Dijkstra. No decrease-key: a shorter path is pushed again and the stale entry is skipped when popped
 * ("lazy deletion"), which is simpler and, with a binary heap, as fast in practice (Chen et al. 2007,
 * "Priority queues and Dijkstra's algorithm"). push and pop are O(log size); the arrays double when full.
 */
export class MinHeap {
  private keys: Float64Array;
  private values: Uint32Array;
  private count = 0;

  constructor(initialCapacity = 64) {
    const capacity = Math.max(1, initialCapacity);
    this.keys = new Float64Array(capacity);
    this.values = new Uint32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  /** Smallest key; Infinity when empty. */
  peekKey(): number {
    return this.count > 0 ? this.keys[0]! : Infinity;
  }

  push(key: number, value: number): void {
    if (this.count === this.keys.length) this.grow();
    const keys = this.keys;
    const values = this.values;
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const parentKey = keys[parent]!;
      if (parentKey <= key) break;
      keys[i] = parentKey;
      values[i] = values[parent]!;
      i = parent;
    }
    keys[i] = key;
    values[i] = value;
  }

  /** Removes the entry with the smallest key and returns its value; read its key with peekKey() first. Throws when empty. */
  pop(): number {
    if (this.count === 0) throw new Error('MinHeap.pop on an empty heap');
    const keys = this.keys;
    const values = this.values;
    const top = values[0]!;
    const last = --this.count;
    if (last > 0) {
      const key = keys[last]!;
      const value = values[last]!;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= key) break;
        keys[i] = keys[c]!;
        values[i] = values[c]!;
        i = c;
      }
      keys[i] = key;
      values[i] = value;
    }
    return top;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    const values = new Uint32Array(this.values.length * 2);
    keys.set(this.keys);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
  }
}
