// What a source sees in a real run, built for tests: the real HTTP client (instant sleep, frozen
// clock), the real context that reads secrets from an env and registers them with the masker, and
// a logger that keeps its lines so tests can look for leaked credentials.
import { sourceContext } from '../../../src/collect/context.ts';
import type { Env } from '../../../src/env.ts';
import { createHttpClient } from '../../../src/http/client.ts';
import type { HttpClient } from '../../../src/http/types.ts';
import { memoryLogger } from '../../../src/log.ts';
import { SecretMasker } from '../../../src/secrets.ts';
import type { SourceContext } from '../../../src/sources/types.ts';

/** 2026-11-02T06:00:00Z: the monthly job's schedule, reporting October. */
export const NOW = new Date('2026-11-02T06:00:00Z');

export interface Harness {
  ctx: SourceContext;
  http: HttpClient;
  log: ReturnType<typeof memoryLogger>;
  masker: SecretMasker;
  /** Every line a person could see: log lines plus the messages and fixes of `errors`. */
  visibleText(errors: unknown[]): string;
}

export function harness(env: Env, now: Date = NOW): Harness {
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, random: () => 0.5, now: () => now.getTime() });
  const ctx = sourceContext('test-source', { http, env, masker, log, now: () => now });
  return {
    ctx,
    http,
    log,
    masker,
    visibleText: (errors) => [...log.lines, ...errors.map((e) => (e instanceof Error ? `${e.message} ${'fix' in e ? String(e.fix) : ''}` : String(e)))].join('\n'),
  };
}

export { rejectionOf } from '../../support/rejection.ts';
