// What every source test needs: the real HTTP client (instant sleep, no jitter, frozen clock), the
// real source context (secrets from an env map, registered with the masker), and a memory log.
import { sourceContext } from '../../../src/collect/context.ts';
import { periodOf } from '../../../src/periods/periods.ts';
import { createHttpClient } from '../../../src/http/client.ts';
import { memoryLogger } from '../../../src/log.ts';
import { SecretMasker } from '../../../src/secrets.ts';

export const NOW = new Date('2026-11-02T06:00:00Z');
export const OCTOBER = periodOf({ year: 2026, month: 10 }, 'UTC');

export function harness(env: Record<string, string>, now: Date = NOW) {
  const masker = new SecretMasker();
  const log = memoryLogger();
  const http = createHttpClient({ masker, log, sleep: async () => {}, random: () => 0, now: () => now.getTime() });
  const ctx = sourceContext('test-source', { http, env, masker, log, now: () => now });
  return { ctx, log, http, masker };
}

/** Runs a promise that must fail and returns the error (fails the test when it resolves). */
export async function failure(promise: Promise<unknown>): Promise<Error & { code?: string; fix?: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected a failure, got a value');
}

/** Everything a failure or a run could show a person: messages, fixes, log lines. */
export function everythingShown(error: unknown, lines: readonly string[]): string {
  const parts = [...lines];
  if (error instanceof Error) {
    parts.push(error.message, String((error as { fix?: unknown }).fix ?? ''), error.stack ?? '');
  }
  return parts.join('\n');
}
