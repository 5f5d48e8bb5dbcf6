// Where history lives. Readers never throw on a bad file: a snapshot that does not parse is
// reported (a warning naming the file) and skipped, so one hand-edited file cannot stop a run.
import type { Logger } from '../log.ts';
import { SNAPSHOT_SCHEMA_VERSION, snapshotSchema, type Snapshot } from './snapshot.ts';

export interface HistoryStore {
  /** Periods ("YYYY-MM") that have a snapshot file, oldest first. */
  list(): Promise<string[]>;
  read(period: string): Promise<Snapshot | undefined>;
  /** Every readable snapshot, keyed by period, oldest first. */
  readAll(): Promise<Map<string, Snapshot>>;
}

export interface HistoryWriter {
  write(snapshot: Snapshot): Promise<void>;
}

/**
 * Parses one snapshot file's text. Returns undefined (after a warning naming `file`) for invalid
 * JSON, an unknown future schema_version, a shape that does not match, or a period that differs
 * from the file name.
 */
export function parseSnapshotText(text: string, file: string, period: string, log: Logger): Snapshot | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    log.warn(`history: skipped ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    return undefined;
  }
  const version = typeof json === 'object' && json !== null && 'schema_version' in json ? json.schema_version : undefined;
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
    log.warn(`history: skipped ${file}: schema_version ${version} was written by a newer community-pulse (this one reads version ${SNAPSHOT_SCHEMA_VERSION}); upgrade community-pulse`);
    return undefined;
  }
  const result = snapshotSchema.safeParse(json);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first && first.path.length ? first.path.map(String).join('.') : '(root)';
    log.warn(`history: skipped ${file}: not a valid snapshot (${where}: ${first?.message ?? 'invalid'})`);
    return undefined;
  }
  if (result.data.period !== period) {
    log.warn(`history: skipped ${file}: it holds period ${result.data.period}, not ${period}`);
    return undefined;
  }
  return result.data;
}

/** One snapshot file's text and the name warnings use for it. */
export interface SnapshotFile {
  file: string;
  text: string;
}

/**
 * Fetches `periods` with `fetchFile`, at most `concurrency` at a time, then parses them in period
 * order, so warnings come out in the same order on every run.
 */
export async function readMany(periods: readonly string[], fetchFile: (period: string) => Promise<SnapshotFile | undefined>, log: Logger, concurrency = 8): Promise<Map<string, Snapshot>> {
  const files: Array<SnapshotFile | undefined> = new Array(periods.length);
  let next = 0;
  const worker = async () => {
    while (next < periods.length) {
      const index = next++;
      files[index] = await fetchFile(periods[index] as string);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, periods.length) }, worker));
  const out = new Map<string, Snapshot>();
  periods.forEach((period, index) => {
    const f = files[index];
    const snapshot = f && parseSnapshotText(f.text, f.file, period, log);
    if (snapshot) out.set(period, snapshot);
  });
  return out;
}
