// Issue 18.3: in a GitLab pipeline `run` publishes only from the pipeline schedule, or with the
// explicit opt-in --publish-on always (component input publish_on). A manual "Run pipeline" of the
// default branch is a dry run that says so. The sample world (handbook + SMTP) on loopback, the
// CLI as a child process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishWorld, type PublishWorld } from '../e2e/harness.ts';
import { resolvePublishing } from '../../src/commands/pipeline-options.ts';

describe('when run publishes (the rule)', () => {
  const CI = { CI: 'true' };
  it('in GitLab: only from a schedule, unless publish-on always', () => {
    expect(resolvePublishing({ 'no-dry-run': true }, { env: { ...CI, CI_PIPELINE_SOURCE: 'schedule' } })).toEqual({ dryRun: false });
    for (const source of ['web', 'push', 'api', 'trigger', 'pipeline']) {
      const decision = resolvePublishing({ 'no-dry-run': true, 'publish-on': 'schedule' }, { env: { ...CI, CI_PIPELINE_SOURCE: source } });
      expect(decision.dryRun, source).toBe(true);
      expect(decision.reason).toContain(`started by "${source}"`);
    }
    expect(resolvePublishing({ 'publish-on': 'always' }, { env: { ...CI, CI_PIPELINE_SOURCE: 'web' } })).toEqual({ dryRun: false });
    // --dry-run always wins; outside GitLab the CI flag decides as before.
    expect(resolvePublishing({ 'dry-run': true, 'publish-on': 'always' }, { env: { ...CI, CI_PIPELINE_SOURCE: 'schedule' } }).dryRun).toBe(true);
    expect(resolvePublishing({}, { env: CI }).dryRun).toBe(false);
    expect(resolvePublishing({}, { env: {} }).dryRun).toBe(true);
  });
});

describe('run in a manually started pipeline (a real process)', () => {
  let world: PublishWorld;
  beforeAll(async () => {
    world = await publishWorld();
  });
  afterAll(() => world.close());

  const commits = () => Object.values(world.world.handbook.commits).flat().length;

  it('"Run pipeline" (CI_PIPELINE_SOURCE=web): a dry run that says why; nothing committed or emailed', async () => {
    const before = commits();
    const ran = await world.run(['--no-dry-run'], { CI_PIPELINE_SOURCE: 'web' });
    expect([0, 3], ran.stderr).toContain(ran.code);
    expect(ran.stderr).toContain('dry run: this pipeline was started by "web" (CI_PIPELINE_SOURCE), and the report publishes only from its pipeline schedule');
    expect(ran.stderr).toContain('publish_on: always');
    expect(commits()).toBe(before);
    expect(world.world.smtp.messages).toEqual([]);
  });

  it('with the opt-in --publish-on always, the same pipeline publishes', async () => {
    const before = commits();
    const ran = await world.run(['--no-dry-run', '--publish-on', 'always'], { CI_PIPELINE_SOURCE: 'web' });
    expect([0, 3], ran.stderr).toContain(ran.code);
    expect(ran.stderr).not.toContain('dry run: this pipeline was started by');
    expect(commits()).toBeGreaterThan(before);
    expect(world.world.smtp.messages.length).toBe(1);
  });
});
