// What `run` and `backfill` do once their months are known: the whole pipeline, with real
// dependencies. Imported only when one of them runs, so `--help` never loads the pipeline.
import type { ExitCode } from '../errors.ts';
import { pipelineDeps } from '../pipeline/composition-root.ts';
import { runPipeline } from '../pipeline/pipeline.ts';
import type { MonthRequest } from '../pipeline/state.ts';
import { checkOutputDir } from './out-dir.ts';
import { type PublishOn, resolvePublishing } from './pipeline-options.ts';
import type { CommandContext } from './types.ts';

export type PipelineValues = { goals: string; out: string; history?: string | undefined; refresh: boolean; resend?: boolean | undefined; 'dry-run'?: boolean | undefined; 'no-dry-run'?: boolean | undefined; 'publish-on'?: PublishOn | undefined };

/** Checks --out is writable, then runs the pipeline with real dependencies; returns its exit code. */
export async function runPipelineCommand(values: PipelineValues, request: MonthRequest, ctx: CommandContext): Promise<ExitCode> {
  await checkOutputDir(values.out, ctx.cwd);
  const { dryRun, reason } = resolvePublishing(values, ctx);
  const deps = pipelineDeps(ctx);
  if (reason) deps.log.warn(reason);
  const { exitCode } = await runPipeline({ goalsFile: values.goals, request, dryRun, outDir: values.out, historyDir: values.history, refresh: values.refresh, resend: values.resend ?? false, version: ctx.version }, deps);
  return exitCode;
}
