/**
 * The `k` highest-scoring items of a stream, without sorting the stream: a query can touch tens of
 * thousands of records, and only a few dozen go on to the next stage.
 */
export class TopK {
  private readonly items: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  /** The score an item must beat to be kept: the lowest kept once `k` are kept, until then none. */
  get threshold(): number {
    return this.items.length < this.k ? Number.NEGATIVE_INFINITY : (this.scores[0] as number);
  }

  /** Offers an item; kept if it beats the lowest of the `k` kept so far. */
  offer(item: number, score: number): void {
    if (this.k <= 0) return;
    if (this.items.length < this.k) {
      this.items.push(item);
      this.scores.push(score);
      this.siftUp(this.items.length - 1);
    } else if (score > (this.scores[0] as number)) {
      this.items[0] = item;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept items, best first. */
  sorted(): { item: number; score: number }[] {
    return this.items.map((item, i) => ({ item, score: this.scores[i] as number })).sort((a, b) => b.score - a.score);
  }

  private siftUp(index: number): void {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.scores[parent] as number) <= (this.scores[i] as number)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(index: number): void {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.items.length && (this.scores[left] as number) < (this.scores[smallest] as number))
        smallest = left;
      if (right < this.items.length && (this.scores[right] as number) < (this.scores[smallest] as number))
        smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    [this.items[a], this.items[b]] = [this.items[b] as number, this.items[a] as number];
    [this.scores[a], this.scores[b]] = [this.scores[b] as number, this.scores[a] as number];
  }
}
