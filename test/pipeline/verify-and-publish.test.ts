// Verification runs before anything is collected and reports every problem at once; the publishing
// side joins through PublishStep (declared as data) with the dry-run rule applied in one place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { settledClock } from '../support/clock.ts';
import { describe, expect, it } from 'vitest';
import { isPulseError } from '../../src/errors.ts';
import type { PublishStep } from '../../src/pipeline/publish-steps.ts';
import { runPipeline } from '../../src/pipeline/pipeline.ts';
import { server } from '../msw-server.ts';
import { rejectionOf } from '../support/rejection.ts';
import { API_NAMES, buildWorld } from '@community-pulse/demo/world';
import { harnessDeps, runOptions, WORLD_URLS, workspace } from './pipeline-harness.ts';

const OCTOBER = { kind: 'run' as const, period: { year: 2026, month: 10 } };

function world() {
  const w = buildWorld(WORLD_URLS, settledClock);
  server.use(...API_NAMES.flatMap((name) => w.handlers[name]));
  return w;
}

/** A publishing step that records what happened to it. */
function fakeStep(options: { env: string; verifyProblem?: string; fails?: boolean }) {
  const calls: string[] = [];
  const step: PublishStep = {
    name: 'commit the handbook page',
    inDryRun: false,
    envNames: () => [options.env],
    async verify() {
      calls.push('verify');
      return options.verifyProblem ? [{ code: 'EAUTH', message: options.verifyProblem, fix: 'give the token write access' }] : [];
    },
    async run(rendered) {
      calls.push(`run ${rendered.records.length} record(s)`);
      if (options.fails) throw new Error('the handbook refused the commit');
      return ['handbook commit abc123'];
    },
  };
  return { step, calls };
}

describe('verify before collecting', () => {
  it('lists a refused token and an unset env var together, with fixes, and collects nothing', async () => {
    const w = world();
    const { dir } = workspace(w);
    const env = { ...w.env, PULSE_GITLAB_TOKEN: 'glpat-Wrong0Token0abcdefghijk' } as Record<string, string>;
    delete env.PULSE_PLAUSIBLE_KEY;
    const deps = harnessDeps(env, dir);
    const error = await rejectionOf(runPipeline(runOptions(OCTOBER), deps));
    if (!isPulseError(error)) throw error;
    expect(error.code).toBe('EVERIFY');
    expect(error.details.join('\n')).toMatch(/1\. environment variable PULSE_PLAUSIBLE_KEY is not set .*\n\s+fix: define PULSE_PLAUSIBLE_KEY/);
    expect(error.details.join('\n')).toMatch(/2\. GitLab lookup of .*refused the credentials \(401\)/);
    expect(deps.log.lines.some((l) => l.startsWith('collecting'))).toBe(false);
    expect(deps.log.lines.join('\n') + error.details.join('\n')).not.toContain('glpat-Wrong0Token0abcdefghijk');
  });

  it('names a GitLab group that does not exist before collecting', async () => {
    const w = world();
    const { dir } = workspace({ ...w, goalsYaml: w.goalsYaml.replace('group: gitlab-org', 'group: gitlab-orgg') });
    const error = await rejectionOf(runPipeline(runOptions(OCTOBER), harnessDeps(w.env, dir)));
    expect(error).toMatchObject({ code: 'ENOTFOUND', details: [expect.stringContaining('GitLab group "gitlab-orgg" not found'), expect.stringContaining('fix:')] });
  });
});

describe('publishing steps', () => {
  it('in a dry run: noted (not required) when their credentials are absent, never run', async () => {
    const w = world();
    const { dir } = workspace(w);
    const { step, calls } = fakeStep({ env: 'PULSE_HANDBOOK_WRITE' });
    const deps = harnessDeps(w.env, dir);
    const { exitCode } = await runPipeline(runOptions(OCTOBER), deps, [step]);
    expect(exitCode).toBe(0);
    expect(calls).toEqual([]);
    expect(deps.log.lines).toContain('verify: commit the handbook page: not checked in a dry run (PULSE_HANDBOOK_WRITE not set)');
    expect(deps.log.lines).toContain('skipped in dry run: commit the handbook page');
  });

  it('in a dry run: verified when their credentials are present, and a problem stops the run', async () => {
    const w = world();
    const { dir } = workspace(w);
    const { step, calls } = fakeStep({ env: 'PULSE_HANDBOOK_WRITE', verifyProblem: 'the token cannot push to main' });
    const error = await rejectionOf(runPipeline(runOptions(OCTOBER), harnessDeps({ ...w.env, PULSE_HANDBOOK_WRITE: 'x' }, dir), [step]));
    expect(error).toMatchObject({ code: 'EAUTH', details: [expect.stringContaining('the token cannot push to main'), expect.stringContaining('fix: give the token write access')] });
    expect(calls).toEqual(['verify']);
  });

  it('outside a dry run: required, run after recording, and a failure is EPUBLISH with the local files written', async () => {
    const w = world();
    const { dir } = workspace(w);
    const missing = fakeStep({ env: 'PULSE_HANDBOOK_WRITE' });
    const required = await rejectionOf(runPipeline(runOptions(OCTOBER, { dryRun: false, historyDir: 'out/history' }), harnessDeps(w.env, dir), [missing.step]));
    expect(required).toMatchObject({ code: 'EENV', details: [expect.stringContaining('PULSE_HANDBOOK_WRITE is not set (needed to commit the handbook page)'), expect.any(String)] });

    const failing = fakeStep({ env: 'PULSE_HANDBOOK_WRITE', fails: true });
    const error = await rejectionOf(runPipeline(runOptions(OCTOBER, { dryRun: false, historyDir: 'out/history' }), harnessDeps({ ...w.env, PULSE_HANDBOOK_WRITE: 'x' }, dir), [failing.step]));
    expect(error).toMatchObject({ code: 'EPUBLISH', message: 'commit the handbook page failed: the handbook refused the commit' });
    expect(failing.calls).toEqual(['verify', 'run 1 record(s)']);
    expect(JSON.parse(readFileSync(join(dir, 'out/history/2026-10.json'), 'utf8')).period).toBe('2026-10');
  });
});
