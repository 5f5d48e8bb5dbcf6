// Waiting on the event itself, never on wall-clock time: a fake (a request handler, a sleep, a
// logger) reports each time something happens, and a test awaits "the n-th time". If it never
// happens, the wait fails at its own deadline with what was seen so far, not at the runner's
// timeout; the deadline is a failure guard only, a passing test never waits for it.

export interface Events {
  /** How many times the event has happened. */
  readonly count: number;
  /** Reports one occurrence (the fake calls this). */
  happened(): void;
  /** Resolves once the event has happened `n` times in all; rejects at the deadline. */
  reached(n: number): Promise<void>;
}

export function events(name: string, deadlineMs = 10_000): Events {
  let count = 0;
  const waiting: Array<{ n: number; resolve: () => void }> = [];
  return {
    get count() {
      return count;
    },
    happened() {
      count++;
      for (const waiter of waiting.filter((w) => w.n <= count)) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    reached(n) {
      if (count >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${name}: expected ${n}, saw ${count} within ${deadlineMs} ms`)), deadlineMs);
        waiting.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}
