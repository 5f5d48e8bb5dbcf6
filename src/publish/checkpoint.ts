// A backfill's checkpoint in the handbook: the snapshot files of months whose collection is
// complete, committed to data_dir on the target branch while later months are still being
// collected, so a backfill stopped at any point (job timeout, cancel, crash) resumes from the
// handbook's history on the next run. Each file is committed once: a file that already holds these
// bytes is left out, and a stored email delivery record is carried over, never dropped.
import type { Snapshot } from '../history/snapshot.ts';
import type { Logger } from '../log.ts';
import { storedDelivery } from './delivery.ts';
import { commitChecked, readFiles } from './handbook/commit.ts';
import type { CommitInfo } from './handbook/responses.ts';
import { actionsFor } from './plan.ts';
import { snapshotFileText } from './record.ts';
import type { HandbookTarget } from './targets.ts';

function monthsText(periods: readonly string[]): string {
  return periods.length === 1 ? (periods[0] ?? '') : `${periods[0]} … ${periods.at(-1)} (${periods.length} months)`;
}

/** Commits `snapshots` to data_dir on the target branch in one commit; undefined when nothing changed. */
export async function commitHistory(target: HandbookTarget, snapshots: readonly Snapshot[], meta: { title: string; generator: string }, log: Logger): Promise<CommitInfo | undefined> {
  const { api, settings } = target;
  const pathOf = (s: Snapshot) => `${settings.dataDir}/${s.period}.json`;
  for (let tries = 0; ; tries++) {
    const read = await readFiles(api, settings.branch, snapshots.map(pathOf));
    const files = snapshots.flatMap((snapshot) => {
      const stored = storedDelivery(read.get(pathOf(snapshot))?.content.toString('utf8'), snapshot.period);
      // An unreadable delivery record is never replaced by a guess: that month stays as it is.
      if (stored.kind === 'malformed') {
        log.warn(`handbook: ${pathOf(snapshot)} has an unreadable publication record; its history is left as it is`);
        return [];
      }
      return [{ path: pathOf(snapshot), content: snapshotFileText(snapshot, stored.kind === 'record' ? { email: stored.record } : undefined) }];
    });
    const { actions, expected } = actionsFor(files, read);
    if (actions.length === 0) return undefined;
    const periods = files.filter((f) => expected.has(f.path)).map((f) => f.path.slice(settings.dataDir.length + 1, -'.json'.length));
    const message = `${meta.title}: history ${monthsText(periods)}\n\nBackfill checkpoint by ${meta.generator}: the months whose collection is complete, so a stopped backfill resumes after them.`;
    const done = await commitChecked(api, { branch: settings.branch, viaMergeRequest: false }, { actions, expected, message }, read, log);
    if (done.kind === 'committed') return done.commit;
    if (tries >= 1) throw new Error(`${settings.branch} changed again while the checkpoint was being written (${done.reason})`);
  }
}
