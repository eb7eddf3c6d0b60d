interface Waiter<T> {
  match: (item: T) => boolean;
  resolve: (item: T) => void;
  reject: (error: Error) => void;
}

/** An append-only log that tests can await: `waitFor` sees past entries as well as future ones. */
export class Recorder<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters.delete(waiter);
        waiter.resolve(item);
      }
    }
  }

  waitFor(match: (item: T) => boolean, timeoutMs: number, describeTimeout: () => string): Promise<T> {
    const existing = this.items.find(match);
    if (existing !== undefined) return Promise.resolve(existing);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        match,
        resolve: (item) => {
          clearTimeout(timer);
          resolve(item);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(describeTimeout()));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** Fails pending waits so a test blocked on a closed emulator fails fast instead of timing out. */
  rejectPending(reason: string): void {
    for (const waiter of this.waiters) waiter.reject(new Error(reason));
    this.waiters.clear();
  }
}
