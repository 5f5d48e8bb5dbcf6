// `community-pulse preview`: what a goals change does to the report, for merge requests. The latest
// stored month is judged again with these goals; nothing is collected from any source. Writes the
// preview files, prints the summary to the log and, with --note-token-env, keeps one MR note.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { defineCommand, optionValue } from './define.ts';

// Help and argument parsing only; the preview itself (history, renderer, MR note) is in
// preview-run.ts and imported when `preview` runs.
export const previewValues = z.object({
  goals: z.string().min(1).default('goals.yml'),
  history: z.string().min(1).optional(),
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10')
    .optional(),
  out: z.string().min(1).default('pulse-preview'),
  'read-token-env': optionValue.envName,
  'note-token-env': optionValue.envName,
  verbose: optionValue.verbose,
});

export type PreviewValues = z.output<typeof previewValues>;

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'Show what a goals change does to the report, from stored history (no API calls to sources).',
  usage: 'community-pulse preview [--goals FILE] [--history DIR] [--period YYYY-MM] [--out DIR] [--read-token-env NAME] [--note-token-env NAME]',
  description: [
    'For merge requests that change the goals file. Takes the latest month in history (or --period),',
    'judges its stored values again with these goals, and compares with the report as it was',
    'published: targets changed, metrics added or removed, definitions changed, health changes.',
    'No source is called, so the job needs no source credentials. Writes:',
    '  DIR/note.md       the summary table and what changed (also printed to the log)',
    '  DIR/diff.json     what changed, as data',
    '  DIR/report.json   the report model with these goals',
    '  DIR/page.md, the PI data file, DIR/email.html, email.txt, DIR/charts/  the page and the email as',
    '                    they would look with these goals (rendered as `run` renders them)',
    '',
    'History comes from --history DIR (a folder of YYYY-MM.json snapshots), else from the handbook',
    'repository in publish.handbook, read with the read-only token in --read-token-env NAME (a project',
    'access token with read_api, Reporter role; see docs/tokens.md). Without that option the handbook',
    'token variable is used when set; a public handbook needs none.',
    '',
    'In a merge-request pipeline (CI_PIPELINE_SOURCE=merge_request_event) the handbook settings (url,',
    'project, branch, data_dir, token variable) come from the goals file on the TARGET branch',
    '(origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME, fetched when missing), never from the merge request:',
    'changes to any source or publish setting are listed at the top of the note and not followed.',
    '',
    'With --note-token-env NAME in a merge-request pipeline, the summary becomes ONE note on the MR',
    '(found again by a hidden marker and edited on every push). NAME is a CI/CD variable holding a',
    'project access token with the api scope (Reporter role or higher). It needs CI_API_V4_URL,',
    'CI_PROJECT_ID and CI_MERGE_REQUEST_IID, which GitLab sets in merge-request pipelines.',
  ].join('\n'),
  options: {
    goals: { type: 'string', short: 'g', valueName: 'FILE', description: 'The goals file (default: goals.yml in the current directory).' },
    history: { type: 'string', valueName: 'DIR', description: 'Read stored snapshots from this directory instead of the handbook repository.' },
    period: { type: 'string', short: 'p', valueName: 'YYYY-MM', description: 'The stored month to preview (default: the latest one).' },
    out: { type: 'string', short: 'o', valueName: 'DIR', description: 'Where to write the preview (default: pulse-preview).' },
    'read-token-env': { type: 'string', valueName: 'NAME', description: 'Read the handbook history with the read-only token in this env var (read_api, Reporter role).' },
    'note-token-env': { type: 'string', valueName: 'NAME', description: 'Post or update the MR note with the token in this env var (merge-request pipelines only).' },
  },
  values: previewValues,
  examples: [
    { command: 'community-pulse preview --goals goals.yml --history pulse-out/history', says: 'Preview against snapshots on disk; read pulse-preview/note.md.' },
    { command: 'community-pulse preview --note-token-env PULSE_MR_TOKEN', says: 'In an MR pipeline: read history from the handbook and keep one MR note up to date.' },
  ],
  exitCodes: [EXIT.ok, EXIT.badInput],
  run: async (values, ctx) => (await import('./preview-run.ts')).runPreview(values, ctx),
});
