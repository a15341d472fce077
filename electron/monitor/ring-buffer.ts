/**
 * A fixed-capacity FIFO: pushing onto a full buffer drops the oldest item. Backs the monitor's timeline so a
 * long broadcast costs bounded memory (2 h at 1 Hz is a few thousand small objects).
 */
export class RingBuffer<Item> {
  readonly #items: (Item | undefined)[];
  /** Index of the oldest item. */
  #start = 0;
  #size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity: must be a positive integer (got ${String(capacity)})`);
    }
    this.#items = new Array<Item | undefined>(capacity);
  }

  get size(): number {
    return this.#size;
  }

  /** Appends an item; returns the one it pushed out, if the buffer was full. */
  push(item: Item): Item | undefined {
    if (this.#size < this.capacity) {
      this.#items[(this.#start + this.#size) % this.capacity] = item;
      this.#size += 1;
      return undefined;
    }
    const dropped = this.#items[this.#start];
    this.#items[this.#start] = item;
    this.#start = (this.#start + 1) % this.capacity;
    return dropped;
  }

  /** The newest item, if any. */
  last(): Item | undefined {
    return this.#size === 0 ? undefined : this.#items[(this.#start + this.#size - 1) % this.capacity];
  }

  /** Oldest first. */
  toArray(): Item[] {
    const out: Item[] = [];
    for (let i = 0; i < this.#size; i += 1) out.push(this.#items[(this.#start + i) % this.capacity] as Item);
    return out;
  }

  /** The newest items (oldest first) for which `keep` holds, scanning back from the newest until it first fails. */
  takeLastWhile(keep: (item: Item) => boolean): Item[] {
    const out: Item[] = [];
    for (let i = this.#size - 1; i >= 0; i -= 1) {
      const item = this.#items[(this.#start + i) % this.capacity] as Item;
      if (!keep(item)) break;
      out.push(item);
    }
    return out.reverse();
  }

  clear(): void {
    this.#items.fill(undefined);
    this.#start = 0;
    this.#size = 0;
  }
}
