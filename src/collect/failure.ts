// Turns any failure into the one line a report shows next to an unavailable metric.
import { isPulseError } from '../errors.ts';

export function describeFailure(error: unknown): string {
  if (isPulseError(error)) {
    const message = error.message.replace(/\s+/g, ' ').trim();
    return error.fix ? `${message} (fix: ${error.fix.replace(/\s+/g, ' ').trim()})` : message;
  }
  if (error instanceof Error) return `internal error: ${error.message.replace(/\s+/g, ' ').trim()}`;
  return `internal error: ${String(error)}`;
}
