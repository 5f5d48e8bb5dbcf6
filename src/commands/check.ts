// `community-pulse check`: validates a goals file the way a merge-request pipeline needs — every
// problem at once, positioned — and names the env vars the file expects that are not set here
// (as warnings: MR pipelines usually do not get the protected secrets, and that is fine).
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { CHECK_FORMATS } from './check-reports.ts';
import { defineCommand, optionValue } from './define.ts';

// The command table holds only what help prints and what parses the arguments; the checking
// itself (goals loader, pipeline verification, publishing steps) is imported when `check` runs.
export const checkValues = z.object({
  goals: z.string().min(1).default('goals.yml'),
  format: z.enum(CHECK_FORMATS, { error: () => `expected one of ${CHECK_FORMATS.join(', ')}` }).default('text'),
  junit: z.string().min(1).optional(),
  codequality: z.string().min(1).optional(),
  online: z.boolean().default(false),
  'dry-run': z.boolean().optional(),
  'no-dry-run': z.boolean().optional(),
  verbose: optionValue.verbose,
});

export type CheckValues = z.output<typeof checkValues>;

export const checkCommand = defineCommand({
  name: 'check',
  summary: 'Validate a goals file and name the env vars it needs.',
  usage: 'community-pulse check [--goals FILE] [--format text|junit|codequality] [--junit FILE] [--codequality FILE] [--online [--dry-run | --no-dry-run]]',
  description: [
    'Reads the goals file and checks everything that can be checked without calling an API: YAML',
    'syntax, every field against the schema, and the rules between fields (each metric names a',
    'defined source, offers a query kind that source has, unique slug ids, one target kind, no',
    'credential pasted anywhere, and what `run` would refuse without calling anything, such as an',
    'email with no smtp server). Every problem is listed at once as FILE:LINE:COL: path message.',
    '',
    'On success it prints a one-paragraph summary, and warns about each env var the file names',
    '(`*_env` fields) that is not set here. Unset variables do not fail the check: merge-request',
    'pipelines usually run without the protected secrets that the monthly job has.',
    '',
    'With --online it runs the verification `run` starts with, and collects nothing: every env var',
    'a used source names must be set, each source connection and the handbook get one cheap',
    'authenticated call, and every problem is listed at once with its fix (exit 2). Use it to test',
    "a project's CI/CD variables. As in `run`, outside CI (or with --dry-run) the publishing side is",
    'checked only when its credentials are set. In a merge-request pipeline',
    '(CI_PIPELINE_SOURCE=merge_request_event) --online verifies the goals file of the TARGET branch',
    "(origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME): the merge request's changes to URLs, projects or",
    'token variables are listed as warnings and never sent a credential (docs/tokens.md).',
    '',
    'For merge requests, the same problems can be written as GitLab reports: --format junit or',
    'codequality prints that report on stdout instead of the summary (the positioned lines still go',
    'to stderr), and --junit FILE / --codequality FILE write them to files in the same run, so one',
    'job logs the problems and feeds the MR widget (artifacts:reports:junit and :codequality).',
  ].join('\n'),
  options: {
    goals: { type: 'string', short: 'g', valueName: 'FILE', description: 'The goals file (default: goals.yml in the current directory).' },
    format: { type: 'string', short: 'f', valueName: 'FORMAT', description: 'What stdout carries: text (the summary; default), junit (JUnit XML) or codequality (GitLab code-quality JSON).' },
    junit: { type: 'string', valueName: 'FILE', description: 'Also write a JUnit XML report to FILE (one test case per problem).' },
    codequality: { type: 'string', valueName: 'FILE', description: 'Also write a GitLab code-quality JSON report to FILE (one issue per problem).' },
    online: { type: 'boolean', description: 'Also verify every credential with one cheap API call each (nothing is collected).' },
    'dry-run': { type: 'boolean', description: 'With --online: check the publishing side only when its credentials are set (the default outside CI).' },
    'no-dry-run': { type: 'boolean', description: 'With --online: require the publishing credentials too (the default in CI).' },
  },
  values: checkValues,
  examples: [
    { command: 'community-pulse check', says: 'Validate ./goals.yml.' },
    { command: 'community-pulse check --goals examples/goals.yml', says: 'Validate the example that ships with the tool.' },
    { command: 'npx community-pulse check --goals goals.yml || echo "fix goals.yml"', says: 'In a merge-request pipeline: exit 2 fails the job.' },
    { command: 'community-pulse check --junit check.xml --codequality check-quality.json', says: 'Log the problems and write both MR reports in one run.' },
    { command: 'community-pulse check --format codequality > gl-code-quality-report.json', says: 'Only the code-quality JSON on stdout.' },
    { command: 'community-pulse check --online', says: 'Test every credential the goals file names, as the monthly job will use them.' },
  ],
  exitCodes: [EXIT.ok, EXIT.badInput],
  run: async (values, ctx) => (await import('./check-run.ts')).runCheck(values, ctx),
});
