// The one frozen clock of the tests: 2026-11-02T06:00:00Z, when the monthly job runs for October.
export const NOW = new Date('2026-11-02T06:00:00Z');

/** A clock that always answers NOW (a fresh Date, so no test can move it for another). */
export const frozenClock = (): Date => new Date(NOW);

/**
 * When the monthly job runs on its suggested schedule (06:00 on the 4th): after the slowest
 * sources (GA4, YouTube Analytics: 72 hours) settled for October. Tests that collect every source
 * of the sample world for October run at this time; at NOW those two are not settled yet.
 */
export const SETTLED_NOW = new Date('2026-11-04T06:00:00Z');

export const settledClock = (): Date => new Date(SETTLED_NOW);
