// `community-pulse check`: validates a goals file the way a merge-request pipeline needs — every
// problem at once, positioned — and names the env vars the file expects that are not set here
// (as warnings: MR pipelines usually do not get the protected secrets, and that is fine).
import { resolve } from 'node:path';
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { plural } from '../text.ts';
import { envNames, envReferences } from '../goals/env-names.ts';
import { checkCredentialValues } from '../goals/env-values.ts';
import type { Goals } from '../goals/goals.ts';
import { formatPath } from '../goals/issues.ts';
import { loadGoals } from '../goals/load.ts';
import { monthName } from '../periods/names.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { PUBLISH_STEPS } from '../pipeline/publish-steps.ts';
import { verify } from '../pipeline/verify.ts';
import { defineCommand, optionValue } from './define.ts';
import { resolveDryRun } from './pipeline-options.ts';


/** One paragraph a reviewer can read in the MR pipeline log. */
export function summarize(file: string, goals: Goals): string {
  const sourceTypes = [...new Set(Object.values(goals.sources).map((s) => s.type))];
  const keyCount = goals.metrics.filter((m) => m.is_key).length;
  const withoutTarget = goals.metrics.filter((m) => m.target === undefined).length;
  const { fiscal_year_start: fy, timezone } = goals.report;
  const publish: string[] = [];
  if (goals.publish.handbook) publish.push(`the handbook page in ${goals.publish.handbook.project} (${goals.publish.handbook.mode === 'commit' ? 'committed' : 'by merge request'})`);
  if (goals.publish.email) publish.push(`an email to ${plural(goals.publish.email.to.length + goals.publish.email.cc.length, 'recipient')}`);
  return [
    `${file} is valid: ${plural(goals.metrics.length, 'metric')} (${keyCount} key${withoutTarget ? `, ${withoutTarget} without a target` : ''})`,
    `from ${plural(Object.keys(goals.sources).length, 'source')} (${sourceTypes.join(', ')}).`,
    `The fiscal year starts in ${monthName(fy)} (fiscal_year_start: ${fy}); months are counted in ${timezone}.`,
    publish.length ? `The publish: section names ${publish.join(' and ')} (this release writes the report locally only).` : 'No publish: section: run writes the report locally.',
  ].join(' ');
}

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Validate a goals file and name the env vars it needs.',
  usage: 'community-pulse check [--goals FILE] [--online [--dry-run | --no-dry-run]]',
  description: [
    'Reads the goals file and checks everything that can be checked without calling an API: YAML',
    'syntax, every field against the schema, and the rules between fields (each metric names a',
    'defined source, offers a query kind that source has, unique slug ids, one target kind, no',
    'credential pasted anywhere). Every problem is listed at once as FILE:LINE:COL: path message.',
    '',
    'On success it prints a one-paragraph summary, and warns about each env var the file names',
    '(`*_env` fields) that is not set here. Unset variables do not fail the check: merge-request',
    'pipelines usually run without the protected secrets that the monthly job has.',
    '',
    'With --online it runs the verification `run` starts with, and collects nothing: every env var',
    'a used source names must be set, each source connection and the handbook get one cheap',
    'authenticated call, and every problem is listed at once with its fix (exit 2). Use it to test',
    "a project's CI/CD variables. As in `run`, outside CI (or with --dry-run) the publishing side is",
    'checked only when its credentials are set.',
  ].join('\n'),
  options: {
    goals: { type: 'string', short: 'g', valueName: 'FILE', description: 'The goals file (default: goals.yml in the current directory).' },
    online: { type: 'boolean', description: 'Also verify every credential with one cheap API call each (nothing is collected).' },
    'dry-run': { type: 'boolean', description: 'With --online: check the publishing side only when its credentials are set (the default outside CI).' },
    'no-dry-run': { type: 'boolean', description: 'With --online: require the publishing credentials too (the default in CI).' },
  },
  values: z.object({
    goals: z.string().min(1).default('goals.yml'),
    online: z.boolean().default(false),
    'dry-run': z.boolean().optional(),
    'no-dry-run': z.boolean().optional(),
    verbose: optionValue.verbose,
  }),
  examples: [
    { command: 'community-pulse check', says: 'Validate ./goals.yml.' },
    { command: 'community-pulse check --goals examples/goals.yml', says: 'Validate the example that ships with the tool.' },
    { command: 'npx community-pulse check --goals goals.yml || echo "fix goals.yml"', says: 'In a merge-request pipeline: exit 2 fails the job.' },
    { command: 'community-pulse check --online', says: 'Test every credential the goals file names, as the monthly job will use them.' },
  ],
  exitCodes: [
    { code: EXIT.ok, meaning: 'the file is valid (unset env vars are only warnings)' },
    { code: EXIT.badInput, meaning: 'the file is missing, unreadable or invalid, or (--online) a credential is unset or refused; every problem is listed' },
  ],
  async run(values, ctx) {
    const file = values.goals;
    // The composition root is the one place that reads files relative to the working directory.
    const deps = pipelineDeps(ctx);
    const { goals } = await loadGoals(file, { readFile: deps.readFile });
    checkCredentialValues(envNames(goals), ctx.env);
    if (goals.report.templates_dir) {
      // Loaded only when there is an override to check: Handlebars is not needed otherwise.
      const { checkTemplates } = await import('../render/check-templates.ts');
      await checkTemplates(goals, resolve(ctx.cwd, file), ctx.cwd);
    }
    ctx.stdout.write(`${summarize(file, goals)}\n`);
    if (values.online) {
      for (const name of envNames(goals)) deps.masker.add(ctx.env[name]);
      const dryRun = resolveDryRun(values, ctx);
      const { notes } = await verify({ goals, dryRun, outDir: 'pulse-out' }, deps, PUBLISH_STEPS);
      ctx.stdout.write(`online: every credential a ${dryRun ? 'dry ' : ''}run uses is set and accepted${notes.length ? ` (${plural(notes.length, 'check')} skipped, see above)` : ''}.\n`);
      return EXIT.ok;
    }

    const unset = new Map<string, string[]>();
    for (const ref of envReferences(goals)) {
      if (ctx.env[ref.name]) continue;
      unset.set(ref.name, [...(unset.get(ref.name) ?? []), formatPath(ref.path)]);
    }
    if (unset.size > 0) {
      ctx.stderr.write(`warning: ${plural(unset.size, 'environment variable')} named in ${file} ${unset.size === 1 ? 'is' : 'are'} not set here; \`run\` will need ${unset.size === 1 ? 'it' : 'them'} (fine in a merge-request pipeline):\n`);
      for (const [name, paths] of unset) ctx.stderr.write(`warning:   ${name} (${paths.join(', ')})\n`);
    }
    return EXIT.ok;
  },
});
