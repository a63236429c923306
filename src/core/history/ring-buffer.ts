// Fixed-capacity history of numbers: memory stays bounded however long ctop-ts runs.
//
// Backed by a Float64Array, with null kept as NaN: a plain array of 600 non-integer numbers holds
// 600 heap-allocated doubles (24 bytes each with the pointer) that every full GC walks; here
// they are 8 bytes each and invisible to the GC. 200 containers × 7 series × 600 samples: ~7 MB
// instead of ~20 MB, and the live screen's RSS under 100 MB once the history is full.
export class RingBuffer<T extends number | null = number | null> {
  private readonly items: Float64Array;
  private start = 0;
  private count = 0;
  private total = 0; // items ever pushed: a version that snapshots can refer to

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('ring buffer capacity must be positive');
    this.items = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** How many items were ever pushed; pass it to toArray to read the buffer as it was then. */
  get pushed(): number {
    return this.total;
  }

  /** A number, or null (unknown); NaN is stored and read back as null. */
  push(item: T): void {
    this.total++;
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item === null ? NaN : item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /**
   * Oldest first, as the buffer was when `asOf` items had been pushed (default: now), minus any
   * item evicted since. A fresh array: callers may keep it as an immutable snapshot.
   */
  toArray(asOf = this.total): T[] {
    const n = Math.max(0, this.count - (this.total - Math.min(asOf, this.total)));
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) {
      const v = this.items[(this.start + i) % this.capacity];
      out[i] = (Number.isNaN(v) ? null : v) as T;
    }
    return out;
  }
}
