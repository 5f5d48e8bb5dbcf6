// `community-pulse preview`: what a goals change does to the report, for merge requests. The latest
// stored month is judged again with these goals; nothing is collected from any source. Writes the
// preview files, prints the summary to the log and, with --note-token-env, keeps one MR note.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { EXIT, isPulseError, PulseError } from '../errors.ts';
import { loadGoals } from '../goals/load.ts';
import { createHttpClient } from '../http/client.ts';
import { createLogger } from '../log.ts';
import { upsertMergeRequestNote } from '../preview/mr-note.ts';
import { formatNote, noteMarker } from '../preview/note.ts';
import { previewReport } from '../preview/preview.ts';
import { previewHistory } from '../preview/history.ts';
import { SecretMasker } from '../secrets.ts';
import { defineCommand, optionValue } from './define.ts';

const NOTE_ENV = ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID'] as const;

export const previewCommand = defineCommand({
  name: 'preview',
  summary: 'Show what a goals change does to the report, from stored history (no API calls to sources).',
  usage: 'community-pulse preview [--goals FILE] [--history DIR] [--period YYYY-MM] [--out DIR] [--note-token-env NAME]',
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
    "repository in publish.handbook (its token variable is used when set; a public handbook needs none).",
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
    'note-token-env': { type: 'string', valueName: 'NAME', description: 'Post or update the MR note with the token in this env var (merge-request pipelines only).' },
  },
  values: z.object({
    goals: z.string().min(1).default('goals.yml'),
    history: z.string().min(1).optional(),
    period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM, e.g. 2026-10').optional(),
    out: z.string().min(1).default('pulse-preview'),
    'note-token-env': z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable NAME (letters, digits, _), not a token').optional(),
    verbose: optionValue.verbose,
  }),
  examples: [
    { command: 'community-pulse preview --goals goals.yml --history pulse-out/history', says: 'Preview against snapshots on disk; read pulse-preview/note.md.' },
    { command: 'community-pulse preview --note-token-env PULSE_MR_TOKEN', says: 'In an MR pipeline: read history from the handbook and keep one MR note up to date.' },
  ],
  exitCodes: [
    { code: EXIT.ok, meaning: 'the preview was written (and the note posted, when asked)' },
    { code: EXIT.badInput, meaning: 'invalid goals file, no stored month to preview, or the note could not be written (token, scope, MR)' },
  ],
  async run(values, ctx) {
    const masker = new SecretMasker();
    const log = createLogger({ stream: ctx.stderr, masker, verbose: ctx.verbose });
    const http = createHttpClient({ masker, log });
    const { goals } = await loadGoals(values.goals, { readFile: (p) => readFile(resolve(ctx.cwd, p), 'utf8') });

    const { store, label, withoutToken } = previewHistory(goals, values.history, { env: ctx.env, cwd: ctx.cwd, http, log, masker });
    const history = await store.readAll().catch((error: unknown) => {
      // A private handbook read without its token: say why the token is missing in MR pipelines.
      if (!withoutToken || !isPulseError(error)) throw error;
      const fix = `${error.fix} ${withoutToken} is not set in this job: merge-request pipelines do not get protected variables, so make it available to them (masked, not protected) or give the preview a --history DIR (goals-check input history_dir).`;
      throw new PulseError(error.code, error.message, fix, { details: error.details, cause: error });
    });
    log.info(`history: ${history.size} stored month${history.size === 1 ? '' : 's'} in ${label}`);
    const { diff, result } = previewReport({ goals, history, period: values.period, historyLabel: label });

    const commit = ctx.env.CI_COMMIT_SHORT_SHA;
    const artifactsUrl = ctx.env.CI_JOB_URL ? `${ctx.env.CI_JOB_URL}/artifacts/browse` : undefined;
    const note = formatNote({ goalsFile: values.goals, diff, report: result.report, commit, artifactsUrl });
    const out = resolve(ctx.cwd, values.out);
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'note.md'), note);
    await writeFile(join(out, 'diff.json'), `${JSON.stringify(diff, null, 2)}\n`);
    await writeFile(join(out, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
    // The renderer (templates, MJML, charts) is loaded only here, as in `run`.
    const { renderToDir } = await import('../render/write.ts');
    const { result: rendered } = await renderToDir({ report: result.report, goals, goalsFile: resolve(ctx.cwd, values.goals), outDir: out });
    ctx.stdout.write(masker.mask(note));
    const files = ['note.md', 'diff.json', 'report.json', ...rendered.files.filter((f) => f.role !== 'chart-svg' && f.role !== 'chart-png').map((f) => f.path)];
    const charts = rendered.files.filter((f) => f.role === 'chart-png').length;
    log.info(`wrote ${files.map((f) => join(values.out, f)).join(', ')}${charts ? ` and ${charts} chart${charts === 1 ? '' : 's'} in ${join(values.out, 'charts')}` : ''}`);

    const tokenEnv = values['note-token-env'];
    if (tokenEnv) await postNote(tokenEnv, noteMarker(values.goals), note, { env: ctx.env, http, log, masker });
    return EXIT.ok;
  },
});

async function postNote(
  tokenEnv: string,
  marker: string,
  body: string,
  deps: { env: Record<string, string | undefined>; http: ReturnType<typeof createHttpClient>; log: ReturnType<typeof createLogger>; masker: SecretMasker },
): Promise<void> {
  const token = deps.env[tokenEnv];
  const missing = NOTE_ENV.filter((name) => !deps.env[name]);
  if (!token) {
    throw new PulseError('EENV', `--note-token-env ${tokenEnv}: the variable is not set here`, `add ${tokenEnv} as a CI/CD variable (masked; not protected, or merge-request pipelines of unprotected branches cannot read it) holding a project access token with the api scope, or drop the token input to keep the preview in the job log and artifacts only`);
  }
  if (missing.length) {
    throw new PulseError('EENV', `--note-token-env: ${missing.join(', ')} not set; an MR note can only be written from a merge-request pipeline`, 'run the preview job with rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event" (the goals-check component does)');
  }
  deps.masker.add(token);
  try {
    const { action, noteId } = await upsertMergeRequestNote({
      http: deps.http,
      apiUrl: deps.env.CI_API_V4_URL ?? '',
      project: deps.env.CI_PROJECT_ID ?? '',
      iid: deps.env.CI_MERGE_REQUEST_IID ?? '',
      token,
      tokenEnv,
      marker,
      body,
    });
    deps.log.info(`merge request note ${noteId}: ${action}`);
  } catch (error) {
    // A note that cannot be written is a setup problem (token, scope, role), not a bug: exit 2.
    if (isPulseError(error)) throw new PulseError('EENV', `could not write the merge request note: ${error.message}`, error.fix, { details: error.details, cause: error });
    throw error;
  }
}
