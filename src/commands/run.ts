// `community-pulse run`: the monthly job for one month.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { defineCommand } from './define.ts';
import { month, PIPELINE_OPTIONS, pipelineValues } from './pipeline-options.ts';

export const runCommand = defineCommand({
  name: 'run',
  summary: 'Collect, evaluate and report one month (the scheduled job).',
  usage: 'community-pulse run [--goals FILE] [--period YYYY-MM] [--out DIR] [--dry-run | --no-dry-run] [--publish-on schedule|always] [--refresh] [--resend]',
  description: [
    'The monthly job. Reads the goals file and verifies every credential it will use (all problems',
    'at once, exit 2, nothing collected), reads history (one snapshot per month), collects every',
    "metric of the month from its source's API, judges each against its target (health 3 Okay,",
    '2 Attention, 1 Problem, 0 Unknown, with reasons), and writes:',
    "  DIR/snapshot.json          the month's record: values, targets, health, how each was measured",
    "  DIR/report.json            the report model (judged with today's goals) the page and email use",
    '  DIR/history/YYYY-MM.json   the record of each month this run collected',
    '  DIR/page.md                the handbook page (Hugo Markdown, Mermaid trend charts)',
    '  DIR/performance_indicators.yml  the PI data file (named after publish.handbook.pi_data)',
    '  DIR/email.html, .txt, .mjml, .json  the email: HTML, text part, its MJML, subject + inline images',
    '  DIR/charts/<metric>.png, .svg  one trend chart per KPI (the PNGs are the email images)',
    '  DIR/email.eml              the exact message (also in a dry run: what would be sent)',
    'Outside a dry run it then publishes: one commit to the handbook (page, PI data, the month',
    'snapshot), then the email, sent once per month (the delivery is recorded in the snapshot;',
    '--resend sends it again). A hand-edited page is never overwritten silently: the report goes to',
    'a merge request instead (publish.handbook.on_manual_edit). See docs/publishing.md.',
    'A month already in history is not collected again (use --refresh) and its record is never',
    "rewritten; report.json still judges it with today's goals. A source that fails marks",
    'only its own metrics unavailable; the rest of the report still goes out (exit 3).',
    '',
    'The period defaults to the previous calendar month in the report time zone, so a schedule on',
    'the 2nd of each month reports the month that just ended. Outside CI (no CI env var) a run is a',
    'dry run unless --no-dry-run is given. In a GitLab pipeline it publishes only when the pipeline',
    'schedule started it (CI_PIPELINE_SOURCE=schedule): a manual "Run pipeline", a push or a trigger',
    'is a dry run, said in the log, unless --publish-on always (component input publish_on: always).',
  ].join('\n'),
  options: {
    ...PIPELINE_OPTIONS,
    period: { type: 'string', short: 'p', valueName: 'YYYY-MM', description: 'The month to report (default: the previous month).' },
    resend: { type: 'boolean', description: "Send the month's email again, even though it was delivered (same Message-ID)." },
  },
  values: z.object({ ...pipelineValues, period: month('period').optional(), resend: z.boolean().default(false) }),
  examples: [
    { command: 'community-pulse run --goals goals.yml --period 2026-10 --dry-run --out out', says: 'Collect October 2026 and write out/snapshot.json without publishing.' },
    { command: 'PULSE_GITLAB_TOKEN=glpat-… community-pulse run', says: 'Report last month with ./goals.yml (dry run outside CI).' },
  ],
  exitCodes: [EXIT.ok, EXIT.internal, EXIT.badInput, EXIT.unavailable, EXIT.publishFailed],
  run: async (values, ctx) => (await import('./pipeline-command.ts')).runPipelineCommand(values, { kind: 'run', period: values.period }, ctx),
});
