// The one frozen clock of the tests: 2026-11-02T06:00:00Z, when the monthly job runs for October.
export const NOW = new Date('2026-11-02T06:00:00Z');

/** A clock that always answers NOW (a fresh Date, so no test can move it for another). */
export const frozenClock = (): Date => new Date(NOW);
