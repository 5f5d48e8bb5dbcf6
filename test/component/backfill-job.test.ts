// The report component's backfill job (issue 21.11): filling history from CI. A project includes
// the component with backfill_from; gitlab-ci-local (shell executor) runs the pipeline against the
// sample world on loopback. The job exists only in "Run pipeline" pipelines and only as a manual
// job; started, it publishes the history month by month and says so in its log; started again, it
// collects nothing and commits nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDBOOK_PROJECT, type SampleWorld, startSampleWorld } from '@community-pulse/demo/sample-world';
import { cliShim, componentRepo, gitlabCiLocal, type Repo } from './gitlab-ci-local.ts';

const PIPELINE = `include:
  - component: $CI_SERVER_FQDN/$CI_PROJECT_PATH/report@$CI_COMMIT_SHA
    inputs:
      goals: goals.yml
      backfill_from: "2026-08"
      backfill_timeout: 90m

stages: [test, deploy]
`;

let world: SampleWorld;
let repo: Repo;
let bin: string;

beforeAll(async () => {
  world = await startSampleWorld({ historyMonths: 0 });
  repo = componentRepo({ '.gitlab-ci.yml': PIPELINE, 'goals.yml': world.goalsYaml });
  repo.markAsTargetBranch();
  bin = cliShim();
});

afterAll(async () => {
  await world?.close();
});

const GCL = ['--force-shell-executor', '--json-schema-validation', 'false'];
const historyFiles = () =>
  Object.keys(world.handbook.projects[HANDBOOK_PROJECT]?.branches.main ?? {})
    .filter((p) => /\/pulse\/\d{4}-\d\d\.json$/.test(p))
    .sort();
const commits = () => (world.handbook.commits[HANDBOOK_PROJECT] ?? []).slice(1);

describe('the report component: backfill_from', () => {
  it('passes the CI schema with the backfill job expanded; the job is manual, and only in "Run pipeline" pipelines', async () => {
    const preview = await gitlabCiLocal(repo, ['--preview']);
    expect(preview.code, preview.output).toBe(0);
    expect(preview.output).toContain('json schema validated');
    expect(preview.output).toMatch(/pulse-backfill:[\s\S]*timeout: 90m/);
    const web = await gitlabCiLocal(repo, ['--list', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'web' } });
    expect(web.output).toMatch(/^pulse-backfill\s.*\bmanual\b/m);
    const schedule = await gitlabCiLocal(repo, ['--list', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'schedule' } });
    expect(schedule.output).not.toContain('pulse-backfill');
    expect(schedule.output).toContain('pulse-report');
  });

  it('started by hand: backfills into the handbook month by month, says what it publishes; again: collects and commits nothing', async () => {
    const result = await gitlabCiLocal(repo, [...GCL, 'pulse-backfill'], { variables: { CI_PIPELINE_SOURCE: 'web', ...world.env }, path: bin });
    // Exit 0 or 3 (some sample months have unavailable metrics): the job passes unless it failed.
    process.stderr.write(
      `backfill job (gitlab-ci-local):\n${result.output
        .split('\n')
        .filter((l) => /> (backfill:|checkpoint:|handbook: committed|summary:)|(PASS|WARN|FAIL) {2}pulse-backfill/.test(l))
        .join('\n')}\n`,
    );
    expect(result.output).toMatch(/(PASS|WARN) {2}pulse-backfill/);
    expect(result.output).toContain('backfill: each finished month is saved in');
    expect(result.output).toContain(`committed to ${HANDBOOK_PROJECT}@main:data/developer_relations/pulse; at the end it publishes the page, the PI data and the snapshot of`);
    expect(result.output).toContain('--publish-on always');
    const files = historyFiles();
    expect(files[0]).toMatch(/\/2026-08\.json$/);
    expect(files.length).toBeGreaterThanOrEqual(3);
    const titles = commits().map((c) => c.title);
    expect(titles.some((t) => t.includes(': history 2026-08'))).toBe(true);
    // Each history file was committed once.
    const perFile = new Map<string, number>();
    for (const c of commits()) for (const f of c.files) perFile.set(f, (perFile.get(f) ?? 0) + 1);
    for (const f of files.slice(0, -1)) expect(perFile.get(f), f).toBe(1);
    for (const secret of world.secrets) expect(result.output).not.toContain(secret);
    // The job's artifacts hold the local history too.
    expect(JSON.parse(readFileSync(join(repo.dir, 'pulse-report/history/2026-08.json'), 'utf8'))).toMatchObject({ period: '2026-08' });

    const commitsBefore = commits().length;
    const again = await gitlabCiLocal(repo, [...GCL, 'pulse-backfill'], { variables: { CI_PIPELINE_SOURCE: 'web', ...world.env }, path: bin });
    expect(again.output).toMatch(/already in history, not collected again: 2026-08/);
    // Finished months are never collected again. The job runs on the real clock, so the latest month
    // can still be inside GA4's and YouTube's settle time (72 h): then, and only then, that month's
    // unsettled sources are asked again, as the monthly run would.
    expect(again.output).not.toMatch(/collecting \d+ values? for 2026-(0[89]|10)\b/);
    const settling = /collecting \d+ values? for/.test(again.output);
    if (settling) expect(again.output).toContain('data not settled until');
    // Nothing is committed again, except (while settling) the latest month's own files, at most once.
    const added = commits().slice(commitsBefore);
    expect(added.length).toBeLessThanOrEqual(settling ? 1 : 0);
    for (const f of files.slice(0, -1)) for (const c of added) expect(c.files, f).not.toContain(f);
    expect(world.smtp.messages).toHaveLength(1);
  });
});
