// What `run` and `backfill` share on the command line: their options, how their values parse and
// the dry-run default. The hand-over to the pipeline is in pipeline-command.ts, loaded on use.
import { z } from 'zod';
import { PulseError } from '../errors.ts';
import { monthOutOfBounds, parseMonth, type MonthRef } from '../periods/periods.ts';
import type { CommandContext, OptionSpec } from './types.ts';

export const PIPELINE_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  goals: { type: 'string', short: 'g', valueName: 'FILE', description: 'The goals file (default: goals.yml in the current directory).' },
  out: { type: 'string', short: 'o', valueName: 'DIR', description: 'Where to write snapshot.json, report.json and history/ (default: pulse-out).' },
  history: { type: 'string', valueName: 'DIR', description: "Read history from this directory instead of the handbook repository (default: the handbook's data_dir when its token is set, else DIR/history of --out)." },
  'dry-run': { type: 'boolean', description: 'Collect, evaluate and write local files, but publish nothing (the default outside CI).' },
  'no-dry-run': { type: 'boolean', description: 'Publish even outside CI (the default when the CI env var is set).' },
  refresh: { type: 'boolean', description: 'Collect months again even when history already holds them.' },
  'publish-on': { type: 'string', valueName: 'WHEN', description: 'In a GitLab pipeline: publish only when started by its schedule (schedule, the default), or from any pipeline (always). Otherwise the run is a dry run.' },
};

export const PUBLISH_ON = ['schedule', 'always'] as const;
export type PublishOn = (typeof PUBLISH_ON)[number];

export const month = (_flag: string) =>
  z.string().transform((text, ctx): MonthRef => {
    const parsed = parseMonth(text);
    // The issue's path already names the option: adding `flag` printed "--period.period".
    if (!parsed) {
      ctx.addIssue({ code: 'custom', message: `must be a month as YYYY-MM, e.g. 2026-10 (got "${text}")` });
      return z.NEVER;
    }
    // Bounded here, before any month arithmetic: 0000-12 used to loop forever.
    const outside = monthOutOfBounds(parsed, new Date());
    if (outside) {
      ctx.addIssue({ code: 'custom', message: `${outside}` });
      return z.NEVER;
    }
    return parsed;
  });

export const pipelineValues = {
  goals: z.string().min(1).default('goals.yml'),
  out: z.string().min(1).default('pulse-out'),
  history: z.string().min(1).optional(),
  'dry-run': z.boolean().optional(),
  'no-dry-run': z.boolean().optional(),
  refresh: z.boolean().default(false),
  'publish-on': z.enum(PUBLISH_ON, { error: () => `expected one of ${PUBLISH_ON.join(', ')}` }).default('schedule'),
  verbose: z.boolean().default(false),
};

/** Outside CI a run is dry unless --no-dry-run; in CI it publishes unless --dry-run. */
export function resolveDryRun(values: { 'dry-run'?: boolean | undefined; 'no-dry-run'?: boolean | undefined }, ctx: Pick<CommandContext, 'env'>): boolean {
  if (values['dry-run'] && values['no-dry-run']) {
    throw new PulseError('EARGS', '--dry-run and --no-dry-run contradict each other', 'give at most one of them');
  }
  if (values['dry-run']) return true;
  if (values['no-dry-run']) return false;
  return !ctx.env.CI;
}

export interface PublishDecision {
  dryRun: boolean;
  /** Why a run that would publish is a dry run instead (for the log). */
  reason?: string;
}

/**
 * Whether `run` and `backfill` publish. In a GitLab pipeline (CI_PIPELINE_SOURCE is set) they
 * publish only from a pipeline schedule unless --publish-on always: a manual "Run pipeline", a push
 * or an API trigger of the default branch must not send the month's email or commit to the
 * handbook by accident. Outside GitLab the dry-run rule above applies unchanged.
 */
export function resolvePublishing(values: { 'dry-run'?: boolean | undefined; 'no-dry-run'?: boolean | undefined; 'publish-on'?: PublishOn | undefined }, ctx: Pick<CommandContext, 'env'>): PublishDecision {
  const dryRun = resolveDryRun(values, ctx);
  const source = ctx.env.CI_PIPELINE_SOURCE;
  if (dryRun || !source || source === 'schedule' || values['publish-on'] === 'always') return { dryRun };
  return {
    dryRun: true,
    reason: `dry run: this pipeline was started by "${source}" (CI_PIPELINE_SOURCE), and the report publishes only from its pipeline schedule; nothing is committed to the handbook or emailed. To publish from this pipeline, set the component input publish_on: always (--publish-on always).`,
  };
}
