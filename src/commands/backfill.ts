// `community-pulse backfill`: fills history with past months, collecting only what is missing.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { DEFAULT_MAX_MONTHS } from '../periods/periods.ts';
import { defineCommand } from './define.ts';
import { month, PIPELINE_OPTIONS, pipelineValues } from './pipeline-options.ts';

export const backfillCommand = defineCommand({
  name: 'backfill',
  summary: 'Collect past months that history lacks (first setup, new metrics).',
  usage: 'community-pulse backfill --from YYYY-MM [--to YYYY-MM] [--goals FILE] [--out DIR]',
  description: [
    'Collects every month from --from to --to (default: the previous month) that history does not',
    'hold yet, and only the metrics it lacks: a new metric, one whose definition (query) changed, or',
    'one that was unavailable last time. Sources whose API answers a date range (GA4, Plausible,',
    'YouTube Analytics, Discourse reports, GitLab windows) ask once for the whole range and split',
    "the answer by month; the rest are fetched concurrently within each API's rate budget, so two",
    'years cost about as much wall time as a few months. Each month is judged',
    'against the targets in the goals file and written to history (DIR/history/YYYY-MM.json);',
    'the latest month is also written as DIR/snapshot.json and DIR/report.json, and rendered like',
    '`run` renders it: the page, the PI data, the email and the charts.',
    'Each month is saved to history as soon as it is complete (and, when history comes from the handbook',
    'and the run publishes with mode: commit, committed to its data_dir), so a backfill that is stopped',
    '(job timeout, cancel, crash) resumes when the same command runs again: "resuming: N of M months',
    'already collected", and only the rest is collected.',
    'After a backfill, the monthly `run` reads that history and collects only the new month.',
  ].join('\n'),
  options: {
    ...PIPELINE_OPTIONS,
    from: { type: 'string', valueName: 'YYYY-MM', description: 'First month to fill (required).' },
    to: { type: 'string', valueName: 'YYYY-MM', description: 'Last month to fill (default: the previous month).' },
    'max-months': { type: 'string', valueName: 'N', description: 'Refuse ranges longer than N months (default 60), so a typo cannot start a years-long collection.' },
  },
  values: z.object({
    ...pipelineValues,
    from: month('from'),
    to: month('to').optional(),
    'max-months': z.coerce.number().int().min(1).max(600).default(DEFAULT_MAX_MONTHS),
  }),
  examples: [
    { command: 'community-pulse backfill --from 2025-11 --to 2026-10 --out out', says: 'Fill twelve months of history into out/history/.' },
    { command: 'community-pulse backfill --from 2026-01 --out out && community-pulse run --out out', says: 'Fill the year so far, then report last month with deltas and forecasts.' },
  ],
  exitCodes: [EXIT.ok, EXIT.internal, EXIT.badInput, EXIT.unavailable],
  run: async (values, ctx) => (await import('./pipeline-command.ts')).runPipelineCommand(values, { kind: 'backfill', from: values.from, to: values.to, maxMonths: values['max-months'] }, ctx),
});
