// The per-host deadline for one run: how much trouble (failed attempts and the waits before
// retrying) a host may cost before its metrics are given up. Only trouble counts, so a healthy
// backfill that is slow because of rate budgets is never cut short; once a host is given up, its
// later requests fail at once instead of waiting all over again.

export class HostDeadlines {
  private deadlineMs: number;
  private readonly troubleMs: Record<string, number> = {};
  private readonly given = new Set<string>();

  constructor(deadlineMs: number) {
    this.deadlineMs = deadlineMs;
  }

  /** The deadline every host gets from now on (goals file: limits.source_deadline_seconds). */
  set(ms: number): void {
    this.deadlineMs = ms;
  }

  get deadline(): number {
    return this.deadlineMs;
  }

  /** Adds time lost to trouble on `host` (never negative). */
  addTrouble(host: string, ms: number): void {
    this.troubleMs[host] = (this.troubleMs[host] ?? 0) + Math.max(0, ms);
  }

  /** Milliseconds of trouble spent on `host` so far. */
  spent(host: string): number {
    return this.troubleMs[host] ?? 0;
  }

  /** Milliseconds of trouble `host` may still cost this run. */
  left(host: string): number {
    return this.deadlineMs - this.spent(host);
  }

  giveUp(host: string): void {
    this.given.add(host);
  }

  isGivenUp(host: string): boolean {
    return this.given.has(host);
  }
}
