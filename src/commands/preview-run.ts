// What `preview` does once its arguments are parsed: judge the latest stored month with these goals,
// write the preview files and, when asked, keep one MR note. Loaded only when `preview` runs.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { EXIT, type ExitCode, isPulseError, PulseError } from '../errors.ts';
import { previewGoalsNew, previewNeedsReadToken } from '../errors/preview.ts';
import { loadGoals } from '../goals/load.ts';
import { type GoalsLocation, goalsLocation, templatesDirOf } from '../goals/location.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { upsertMergeRequestNote } from '../preview/mr-note.ts';
import { formatNote, noteMarker } from '../preview/note.ts';
import { previewReport } from '../preview/preview.ts';
import { previewHistory } from '../preview/history.ts';
import { type ConnectionChange, connectionChanges } from '../preview/connections.ts';
import { mergeRequestPipeline, readTargetGoals } from '../preview/target-goals.ts';
import type { Goals } from '../goals/goals.ts';
import type { Logger } from '../log.ts';
import type { Services } from '../services.ts';
import type { PreviewValues } from './preview.ts';
import type { CommandContext } from './types.ts';

const NOTE_ENV = ['CI_API_V4_URL', 'CI_PROJECT_ID', 'CI_MERGE_REQUEST_IID'] as const;

export async function runPreview(values: PreviewValues, ctx: CommandContext): Promise<ExitCode> {
  // The composition root's dependencies, and its bounded read (1 MB cap) as in `check` and `run`:
  // --goals /dev/zero is refused at once.
  const deps = pipelineDeps(ctx);
  const { log, masker } = deps;
  const { goals } = await loadGoals(values.goals, { readFile: deps.readFile });
  // Resolved against the working directory once: the target branch's file and the templates use it.
  const location = goalsLocation(ctx.cwd, values.goals);

  const trusted = await trustedConnections(values.goals, location, goals, values.history !== undefined, ctx, log);
  const readTokenEnv = values['read-token-env'];
  const { store, label, withoutToken } = previewHistory(trusted.goals, values.history, readTokenEnv, deps);
  const history = await store.readAll().catch((error: unknown) => {
    // A private handbook read without a token: name the read-only token the preview should have.
    if (!withoutToken || !isPulseError(error)) throw error;
    throw previewNeedsReadToken(error, withoutToken);
  });
  log.info(`history: ${history.size} stored month${history.size === 1 ? '' : 's'} in ${label}`);
  const { diff, result } = previewReport({ goals, before: trusted.before, history, period: values.period, historyLabel: label });

  const commit = ctx.env.CI_COMMIT_SHORT_SHA;
  const artifactsUrl = ctx.env.CI_JOB_URL ? `${ctx.env.CI_JOB_URL}/artifacts/browse` : undefined;
  const note = formatNote({ goalsFile: values.goals, diff, report: result.report, commit, artifactsUrl, connections: trusted.target ? { target: trusted.target, changes: trusted.changes } : undefined });
  const out = resolve(ctx.cwd, values.out);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'note.md'), note);
  await writeFile(join(out, 'diff.json'), `${JSON.stringify(diff, null, 2)}\n`);
  await writeFile(join(out, 'report.json'), `${JSON.stringify(result.report, null, 2)}\n`);
  // The renderer (templates, MJML, charts) is loaded only here, as in `run`.
  const { renderToDir } = await import('../render/write.ts');
  const { result: rendered } = await renderToDir({ report: result.report, goals, templatesDir: templatesDirOf(goals, location), outDir: out });
  ctx.stdout.write(masker.mask(note));
  const files = ['note.md', 'diff.json', 'report.json', ...rendered.files.filter((f) => f.role !== 'chart-svg' && f.role !== 'chart-png').map((f) => f.path)];
  const charts = rendered.files.filter((f) => f.role === 'chart-png').length;
  log.info(`wrote ${files.map((f) => join(values.out, f)).join(', ')}${charts ? ` and ${charts} chart${charts === 1 ? '' : 's'} in ${join(values.out, 'charts')}` : ''}`);

  const tokenEnv = values['note-token-env'];
  if (tokenEnv) await postNote(tokenEnv, noteMarker(values.goals), note, deps);
  return EXIT.ok;
}

interface Trusted {
  /** The goals whose connection settings the preview may use. */
  goals: Goals;
  /** The target branch, in a merge-request pipeline. */
  target?: string;
  changes: ConnectionChange[];
  /** The target branch's goals file: the preview's 'before' is judged with it. */
  before?: Goals;
}

/**
 * In a merge-request pipeline the handbook is read with the TARGET branch's settings: the merge
 * request's changes to URLs, projects or token variables are shown, never followed.
 */
async function trustedConnections(goalsFile: string, location: GoalsLocation, goals: Goals, hasHistoryDir: boolean, ctx: CommandContext, log: Logger): Promise<Trusted> {
  const lost = (error: unknown): null => {
    // With --history nothing is contacted: the comparison is only lost, not the preview.
    if (hasHistoryDir && isPulseError(error)) {
      log.warn(`${error.message}; the note cannot say whether this merge request changes connection settings`);
      return null;
    }
    throw error;
  };
  let mr: ReturnType<typeof mergeRequestPipeline>;
  try {
    mr = mergeRequestPipeline(ctx.env);
  } catch (error) {
    lost(error);
    return { goals, changes: [] };
  }
  if (!mr) return { goals, changes: [] };
  const target = await readTargetGoals(goalsFile, location, mr, ctx.cwd).catch(lost);
  if (target === null) return { goals, changes: [] };
  if (!target) {
    if (hasHistoryDir) return { goals, target: mr.target, changes: [] };
    throw previewGoalsNew({ file: goalsFile, target: mr.target });
  }
  const changes = connectionChanges(target.goals, goals);
  for (const change of changes) {
    log.warn(`this merge request changes ${change.path} (${change.before ?? 'not set'} → ${change.after ?? 'not set'}): not followed here; ${target.ref} is used`);
  }
  log.info(`connection settings: from ${goalsFile} on ${target.ref} (merge-request pipeline)`);
  return { goals: target.goals, target: mr.target, changes, before: target.goals };
}

async function postNote(tokenEnv: string, marker: string, body: string, deps: Services): Promise<void> {
  const token = deps.env[tokenEnv];
  const missing = NOTE_ENV.filter((name) => !deps.env[name]);
  if (!token) {
    throw new PulseError(
      'EENV',
      `--note-token-env ${tokenEnv}: the variable is not set here`,
      `add ${tokenEnv} as a masked CI/CD variable holding a project access token of THIS project (api scope, Reporter role; never the handbook's token: see docs/tokens.md), or drop the token input to keep the preview in the job log and artifacts only`,
    );
  }
  if (missing.length) {
    throw new PulseError(
      'EENV',
      `--note-token-env: ${missing.join(', ')} not set; an MR note can only be written from a merge-request pipeline`,
      'run the preview job with rules: - if: $CI_PIPELINE_SOURCE == "merge_request_event" (the goals-check component does)',
    );
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
