// Where a backfill's checkpoints go: the history the next run reads. Always the local history
// directory (--history DIR or --out DIR/history); also the handbook's data_dir when history is read
// from the handbook and this run commits there (not a dry run, mode: commit). A merge_request
// handbook is reviewed before anything lands on its branch, so it gets no checkpoint commits.
import { forCommitTitle } from '../render/escape.ts';
import { LocalDirStore } from '../history/local-store.ts';
import { formatMonth, summarizeMonths } from '../periods/periods.ts';
import { commitHistory, HandbookHistory, publishTargets } from '../publish/index.ts';
import type { CheckpointSink } from './checkpoint.ts';
import { localHistoryDir } from './history-source.ts';
import type { HistorySource, Run, RunDeps } from './state.ts';

export function checkpointSinks(run: Run, history: HistorySource, deps: RunDeps): CheckpointSink[] {
  const { options, goals } = run;
  const local = new LocalDirStore(localHistoryDir(options, deps.cwd), deps.log);
  const sinks: CheckpointSink[] = [
    {
      label: local.dir,
      write: async (records) => {
        for (const record of records) await local.write(record);
      },
    },
  ];
  if (options.dryRun || !(history.store instanceof HandbookHistory)) return sinks;
  const handbook = publishTargets({ handbook: goals.publish.handbook }, deps.env, deps.http, deps.masker).handbook;
  if (!handbook) return sinks;
  const where = `${handbook.settings.project}@${handbook.settings.branch}:${handbook.settings.dataDir}`;
  if (handbook.settings.mode !== 'commit') {
    deps.log.info(`checkpoint: publish.handbook.mode is merge_request, so finished months are kept in ${local.dir} only, not committed to ${where}`);
    return sinks;
  }
  const meta = { title: forCommitTitle(goals.report.title), generator: `community-pulse ${options.version}` };
  sinks.push({
    label: where,
    // The reported month is committed at the end with the page and the email's delivery record.
    skip: new Set([formatMonth(run.reportMonth)]),
    write: async (records) => {
      const commit = await commitHistory(handbook, records, meta, deps.log);
      if (commit) deps.log.info(`handbook: committed the history of ${summarizeMonths(records.map((r) => r.period))}: ${commit.web_url}`);
    },
  });
  return sinks;
}

/** One log line: what this backfill publishes, and where (the component's backfill job shows it). */
export function backfillPublishes(run: Run, sinks: readonly CheckpointSink[]): string {
  const [local, ...remote] = sinks;
  const saved = `backfill: each finished month is saved in ${local?.label ?? 'the local history directory'}${remote.length ? ` and committed to ${remote.map((s) => s.label).join(', ')}` : ''}`;
  const { goals, options } = run;
  const month = formatMonth(run.reportMonth);
  if (options.dryRun) return `${saved}; dry run: nothing is committed or emailed`;
  const parts = [goals.publish.handbook ? `the page, the PI data and the snapshot of ${month} to ${goals.publish.handbook.project}` : undefined, goals.publish.email ? `the email of ${month} (once)` : undefined].filter((p) => p !== undefined);
  return `${saved}; at the end it publishes ${parts.length ? parts.join(', and ') : 'nothing (no publish settings)'}`;
}
