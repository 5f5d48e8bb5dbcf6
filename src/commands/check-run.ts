// What `check` does once its arguments are parsed: load and validate the goals file, write the
// MR reports, and (with --online) verify every credential. Loaded only when `check` runs.
import { confidentialNotes } from '../goals/confidential.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { EXIT, type ExitCode, isPulseError, PulseError } from '../errors.ts';
import { plural } from '../text.ts';
import { envNames, envReferences, secretEnvNames } from '../goals/env-names.ts';
import { checkCredentialValues } from '../goals/env-values.ts';
import type { Goals } from '../goals/goals.ts';
import { formatPath } from '../goals/issues.ts';
import { loadGoals } from '../goals/load.ts';
import { type GoalsLocation, goalsLocation, templatesDirOf } from '../goals/location.ts';
import { monthName } from '../periods/names.ts';
import { previousMonth } from '../periods/periods.ts';
import { monthWarnings } from './month-warnings.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { PUBLISH_STEPS } from '../pipeline/publish-steps.ts';
import { type OfflineProblem, offlineProblems, verify } from '../pipeline/verify.ts';
import { LineCounter, parseDocument } from 'yaml';
import { locate } from '../goals/positions.ts';
import { connectionChanges } from '../preview/connections.ts';
import { mergeRequestPipeline, readTargetGoals } from '../preview/target-goals.ts';
import type { CheckValues } from './check.ts';
import { type CheckProblem, formatProblems, problemsFromDetails } from './check-reports.ts';
import { resolveDryRun } from './pipeline-options.ts';
import type { CommandContext } from './types.ts';

/** One paragraph a reviewer can read in the MR pipeline log. */
export function summarize(file: string, goals: Goals): string {
  const sourceTypes = [...new Set(Object.values(goals.sources).map((s) => s.type))];
  const keyCount = goals.metrics.filter((m) => m.is_key).length;
  const withoutTarget = goals.metrics.filter((m) => m.target === undefined).length;
  const { fiscal_year_start: fy, timezone } = goals.report;
  const publish: string[] = [];
  if (goals.publish.handbook) publish.push(`the handbook page in ${goals.publish.handbook.project} (${goals.publish.handbook.mode === 'commit' ? 'committed' : 'by merge request'})`);
  if (goals.publish.email) publish.push(`an email to ${plural(goals.publish.email.to.length + goals.publish.email.cc.length, 'recipient')}`);
  const chats = [...(goals.publish.slack ? ['Slack'] : []), ...(goals.publish.teams ? ['Microsoft Teams'] : [])];
  if (chats.length) publish.push(`a summary posted to ${chats.join(' and ')}`);
  return [
    `${file} is valid: ${plural(goals.metrics.length, 'metric')} (${keyCount} key${withoutTarget ? `, ${withoutTarget} without a target` : ''})`,
    `from ${plural(Object.keys(goals.sources).length, 'source')} (${sourceTypes.join(', ')}).`,
    `The fiscal year starts in ${monthName(fy)} (fiscal_year_start: ${fy}); months are counted in ${timezone}.`,
    publish.length ? `The publish: section names ${publish.join(' and ')}; \`run\` publishes them (with --dry-run it only writes the report locally).` : 'No publish: section: run writes the report locally.',
  ].join(' ');
}

export async function runCheck(values: CheckValues, ctx: CommandContext): Promise<ExitCode> {
  const file = values.goals;
  // Resolved against the working directory once: the templates check and --online's target-branch read use it.
  const location = goalsLocation(ctx.cwd, file);
  // The composition root is the one place that reads files relative to the working directory.
  const deps = pipelineDeps(ctx);
  const { format, junit, codequality } = values;
  const report = async (problems: CheckProblem[]) => {
    if (format !== 'text') ctx.stdout.write(formatProblems(format, file, problems));
    if (junit) await writeReport(ctx, junit, formatProblems('junit', file, problems));
    if (codequality) await writeReport(ctx, codequality, formatProblems('codequality', file, problems));
  };
  let goals: Goals;
  try {
    ({ goals } = await loadGoals(file, { readFile: deps.readFile }));
    // What `run` would refuse at verify without calling anything: reported here, positioned.
    const offline = offlineProblems(goals);
    if (offline.length) throw offlineError(file, await deps.readFile(file), offline);
    if (goals.report.templates_dir) {
      // Loaded only when there is an override to check: Handlebars is not needed otherwise.
      const { checkTemplates } = await import('../render/check-templates.ts');
      await checkTemplates(templatesDirOf(goals, location), ctx.cwd);
    }
  } catch (error) {
    // The reports name the problems; the error itself still prints them, positioned, on stderr.
    if (isPulseError(error) && (error.code === 'EGOALSINVALID' || error.code === 'EGOALSREAD' || error.code === 'ETEMPLATE')) {
      await report(error.details.length ? problemsFromDetails(file, error.details) : [{ file, line: 1, column: 1, path: '', message: error.message }]);
    }
    throw error;
  }
  checkCredentialValues(envNames(goals), ctx.env, secretEnvNames(goals));
  await report([]);
  (format === 'text' ? ctx.stdout : ctx.stderr).write(`${summarize(file, goals)}\n`);
  for (const note of confidentialNotes(goals)) (format === 'text' ? ctx.stdout : ctx.stderr).write(`note: ${note}\n`);
  if (values.online) {
    const online = await onlineGoals(file, location, goals, ctx);
    for (const name of secretEnvNames(online)) deps.masker.add(ctx.env[name]);
    const dryRun = resolveDryRun(values, ctx);
    const { notes } = await verify({ goals: online, dryRun, outDir: 'pulse-out' }, deps, PUBLISH_STEPS);
    ctx.stdout.write(`online: every credential a ${dryRun ? 'dry ' : ''}run uses is set and accepted${notes.length ? ` (${plural(notes.length, 'check')} skipped, see above)` : ''}.\n`);
    return EXIT.ok;
  }

  const unset = new Map<string, string[]>();
  for (const ref of envReferences(goals)) {
    if (ctx.env[ref.name]) continue;
    unset.set(ref.name, [...(unset.get(ref.name) ?? []), formatPath(ref.path)]);
  }
  for (const line of await monthWarningLines(file, goals, deps)) ctx.stderr.write(`${line}\n`);
  if (unset.size > 0) {
    ctx.stderr.write(`warning: ${plural(unset.size, 'environment variable')} named in ${file} ${unset.size === 1 ? 'is' : 'are'} not set here; \`run\` will need ${unset.size === 1 ? 'it' : 'them'} (fine in a merge-request pipeline):\n`);
    for (const [name, paths] of unset) ctx.stderr.write(`warning:   ${name} (${paths.join(', ')})\n`);
  }
  return EXIT.ok;
}

/** The warnings about the month `run` reports by default, positioned like the loader's problems. */
async function monthWarningLines(file: string, goals: Goals, deps: { now(): Date; readFile(path: string): Promise<string> }): Promise<string[]> {
  const warnings = monthWarnings(goals, previousMonth(deps.now(), goals.report.timezone));
  if (!warnings.length) return [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(await deps.readFile(file), { lineCounter });
  return warnings.map((w) => {
    const { line, col } = lineCounter.linePos(locate(doc, w.path, 'key').offset);
    return `warning: ${file}:${line}:${col}: ${formatPath(w.path)} ${w.message}`;
  });
}

/** The offline verify problems as one positioned goals-file error, like the loader's. */
function offlineError(file: string, source: string, problems: readonly OfflineProblem[]): PulseError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  const details = problems.map((p) => {
    const { line, col } = lineCounter.linePos(locate(doc, p.path, 'key').offset);
    return `${file}:${line}:${col}: ${formatPath(p.path)} ${p.message} (fix: ${p.fix})`;
  });
  return new PulseError('EGOALSINVALID', `${file} cannot be used by \`run\` (${plural(problems.length, 'problem')})`, problems.map((p) => p.fix).join('; '), { details });
}

/**
 * The goals `--online` connects with. In a merge-request pipeline that is the TARGET branch's file:
 * the merge request's URLs, projects and token variables are listed, never sent a credential.
 */
async function onlineGoals(file: string, location: GoalsLocation, goals: Goals, ctx: CommandContext): Promise<Goals> {
  const mr = mergeRequestPipeline(ctx.env);
  if (!mr) return goals;
  const target = await readTargetGoals(file, location, mr, ctx.cwd);
  if (!target) {
    throw new PulseError(
      'EARGS',
      `check --online: ${file} is new in this merge request (${mr.target} has no such file), so there are no trusted connection settings to verify`,
      `run check --online after the merge (e.g. on ${mr.target}), or drop --online from the merge-request job`,
    );
  }
  const changes = connectionChanges(target.goals, goals);
  for (const change of changes) {
    ctx.stderr.write(`warning: this merge request changes ${change.path} (${change.before ?? 'not set'} → ${change.after ?? 'not set'}): not verified and not contacted; it takes effect after the merge\n`);
  }
  ctx.stderr.write(`online: verifying the connection settings of ${file} on ${target.ref} (merge-request pipeline)\n`);
  return target.goals;
}

async function writeReport(ctx: CommandContext, file: string, text: string): Promise<void> {
  const path = resolve(ctx.cwd, file);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}
