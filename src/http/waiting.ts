// How long a run waited on each host to retry (backoff, Retry-After), for the closing log lines.
import { formatWait } from './retry.ts';
import type { HttpStats } from './types.ts';

/** "waited 2m 30s to retry forum.example.com" for every host that made the run wait. */
export function waitingLines(before: HttpStats, after: HttpStats): string[] {
  const lines: string[] = [];
  for (const [host, total] of Object.entries(after.waitedMsByHost)) {
    const waited = total - (before.waitedMsByHost[host] ?? 0);
    if (waited > 0) lines.push(`waited ${formatWait(waited)} to retry ${host}`);
  }
  return lines;
}
