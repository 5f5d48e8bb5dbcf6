// Per-host budgets: a concurrency limit (semaphore), a requests-per-minute pace, and a pause that
// every request to the host honours (set when the host answers 429 or says its quota is spent).
// Waits go through the injected sleep and are computed once, never by polling a clock, so tests with
// a frozen clock and an instant sleep cannot spin.
import type { HostBudget } from './types.ts';

export const DEFAULT_BUDGET: HostBudget = { concurrency: 4, requestsPerMinute: 600 };

type Sleep = (ms: number) => Promise<void>;

export class HostLimiter {
  #budget: HostBudget;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  #active = 0;
  readonly #queue: Array<() => void> = [];
  /** Generic cell rate algorithm: the time the next request is "due" if requests were evenly spaced. */
  #theoreticalArrival = 0;
  #pause: Promise<void> | undefined;
  #pauseUntil = 0;

  constructor(budget: HostBudget, sleep: Sleep, now: () => number) {
    this.#budget = normalise(budget);
    this.#sleep = sleep;
    this.#now = now;
  }

  get budget(): HostBudget {
    return this.#budget;
  }

  set budget(budget: HostBudget) {
    this.#budget = normalise(budget);
    this.#drain();
  }

  /** Waits for a concurrency slot, any pause, and the pace; returns the release function. */
  async acquire(): Promise<() => void> {
    await this.#slot();
    try {
      await this.#waitPause();
      const pace = this.#paceWait();
      if (pace > 0) await this.#sleep(pace);
      // A 429 may have paused the host while we waited for our turn.
      await this.#waitPause();
    } catch (error) {
      this.#release();
      throw error;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#release();
    };
  }

  /** Holds every request to this host (queued or retrying) for ms; a longer pause wins. */
  pause(ms: number): void {
    if (ms <= 0) return;
    const until = this.#now() + ms;
    if (this.#pause && until <= this.#pauseUntil) return;
    this.#pauseUntil = until;
    const pause: Promise<void> = this.#sleep(ms).then(
      () => {
        if (this.#pause === pause) this.#pause = undefined;
      },
      () => {
        if (this.#pause === pause) this.#pause = undefined;
      },
    );
    this.#pause = pause;
  }

  /** A promise that settles when the current pause (if any) is over. */
  async #waitPause(): Promise<void> {
    // Loop: a longer pause may replace the one we were waiting for.
    while (this.#pause) await this.#pause;
  }

  #paceWait(): number {
    const interval = 60_000 / this.#budget.requestsPerMinute;
    // Allow a burst of one second's worth of requests, then space them evenly.
    const burst = Math.max(1, Math.ceil(this.#budget.requestsPerMinute / 60));
    const now = this.#now();
    const tat = Math.max(this.#theoreticalArrival, now);
    const wait = Math.max(0, tat - (burst - 1) * interval - now);
    this.#theoreticalArrival = tat + interval;
    return wait;
  }

  #slot(): Promise<void> {
    if (this.#active < this.#budget.concurrency) {
      this.#active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#queue.push(resolve));
  }

  #release(): void {
    this.#active--;
    this.#drain();
  }

  #drain(): void {
    while (this.#active < this.#budget.concurrency && this.#queue.length > 0) {
      this.#active++;
      this.#queue.shift()?.();
    }
  }
}

function normalise(budget: HostBudget): HostBudget {
  return {
    concurrency: Math.max(1, Math.floor(budget.concurrency)),
    requestsPerMinute: budget.requestsPerMinute > 0 ? budget.requestsPerMinute : DEFAULT_BUDGET.requestsPerMinute,
  };
}

/** One limiter per host, created on first use with the default budget unless setBudget came first. */
export class HostBudgets {
  readonly #limiters = new Map<string, HostLimiter>();
  readonly #defaultBudget: HostBudget;
  readonly #sleep: Sleep;
  readonly #now: () => number;

  constructor(defaultBudget: HostBudget, sleep: Sleep, now: () => number) {
    this.#defaultBudget = defaultBudget;
    this.#sleep = sleep;
    this.#now = now;
  }

  for(host: string): HostLimiter {
    const key = host.toLowerCase();
    let limiter = this.#limiters.get(key);
    if (!limiter) {
      limiter = new HostLimiter(this.#defaultBudget, this.#sleep, this.#now);
      this.#limiters.set(key, limiter);
    }
    return limiter;
  }

  set(host: string, budget: HostBudget): void {
    this.for(host).budget = budget;
  }
}
