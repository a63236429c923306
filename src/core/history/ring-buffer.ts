// Fixed-capacity history: memory stays bounded however long ctop-ts runs.
export class RingBuffer<T> {
  private readonly items: T[];
  private start = 0;
  private count = 0;
  private total = 0; // items ever pushed: a version that snapshots can refer to

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new RangeError('ring buffer capacity must be positive');
    this.items = new Array<T>(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** How many items were ever pushed; pass it to toArray to read the buffer as it was then. */
  get pushed(): number {
    return this.total;
  }

  push(item: T): void {
    this.total++;
    const end = (this.start + this.count) % this.capacity;
    this.items[end] = item;
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
    for (let i = 0; i < n; i++) out[i] = this.items[(this.start + i) % this.capacity];
    return out;
  }
}
