// History in a local directory: <dir>/<YYYY-MM>.json. Used for `--out DIR`, dry runs and tests.
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../log.ts';
import { periodOfFileName, serializeSnapshot, snapshotFileName } from './serialize.ts';
import type { Snapshot } from './snapshot.ts';
import { type HistoryStore, type HistoryWriter, parseSnapshotText, readMany, type SnapshotFile } from './store.ts';

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

export class LocalDirStore implements HistoryStore, HistoryWriter {
  readonly dir: string;
  readonly #log: Logger;

  constructor(dir: string, log: Logger) {
    this.dir = dir;
    this.#log = log;
  }

  async list(): Promise<string[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      if (isNotFound(error)) return []; // no history yet
      throw error;
    }
    return names.flatMap((name) => periodOfFileName(name) ?? []).sort();
  }

  async #file(period: string): Promise<SnapshotFile | undefined> {
    const file = join(this.dir, snapshotFileName(period));
    try {
      return { file, text: await readFile(file, 'utf8') };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async read(period: string): Promise<Snapshot | undefined> {
    const f = await this.#file(period);
    return f && parseSnapshotText(f.text, f.file, period, this.#log);
  }

  async readAll(): Promise<Map<string, Snapshot>> {
    return readMany(await this.list(), (period) => this.#file(period), this.#log);
  }

  /** Writes atomically (temp file + rename) so an interrupted run never leaves half a snapshot. */
  async write(snapshot: Snapshot): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = join(this.dir, snapshotFileName(snapshot.period));
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, serializeSnapshot(snapshot), 'utf8');
    await rename(temp, file);
  }
}
