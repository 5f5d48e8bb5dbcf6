// This project's own pipeline, validated by gitlab-ci-local against GitLab's CI schema with every
// include resolved: .gitlab-ci.yml, templates-ci/*.yml and, through the self-test's component
// includes at this commit, every component under templates/. Then which jobs each kind of
// pipeline gets.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dirname } from 'node:path';
import { cliShim, componentRepo, gitlabCiLocal, type Repo, ROOT } from './gitlab-ci-local.ts';

let repo: Repo;

beforeAll(() => {
  const files: Record<string, string> = { '.gitlab-ci.yml': readFileSync(join(ROOT, '.gitlab-ci.yml'), 'utf8') };
  for (const f of readdirSync(join(ROOT, 'templates-ci'))) files[`templates-ci/${f}`] = readFileSync(join(ROOT, 'templates-ci', f), 'utf8');
  files['test/component/sample-world-ci.ts'] = readFileSync(join(ROOT, 'test/component/sample-world-ci.ts'), 'utf8');
  repo = componentRepo(files);
  repo.markAsTargetBranch();
});

function jobsOf(list: string): string[] {
  const lines = list.split('\n');
  const header = lines.findIndex((l) => /^name\s+description\s+stage/.test(l));
  return lines
    .slice(header + 1)
    .map((l) => l.split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

describe("this project's pipeline under gitlab-ci-local", () => {
  it('includes every templates-ci file and every component, and passes the CI schema with them expanded', async () => {
    const included = (parse(readFileSync(join(ROOT, '.gitlab-ci.yml'), 'utf8')) as { include: Array<{ local: string }> }).include.map((i) => i.local);
    expect(included.sort()).toEqual(
      readdirSync(join(ROOT, 'templates-ci'))
        .map((f) => `templates-ci/${f}`)
        .sort(),
    );
    const selftest = readFileSync(join(ROOT, 'templates-ci/selftest.yml'), 'utf8');
    for (const f of readdirSync(join(ROOT, 'templates')).filter((x) => x.endsWith('.yml'))) {
      expect(selftest).toContain(`$CI_SERVER_FQDN/$CI_PROJECT_PATH/${f.replace(/\.yml$/, '')}@$CI_COMMIT_SHA`);
    }
    const result = await gitlabCiLocal(repo, ['--preview']);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('json schema validated');
    expect(result.output).not.toMatch(/invalid|error/i);
    // The self-test runs the components in the image of this very commit.
    expect(result.output).toMatch(/image:\n\s+name: \$PULSE_IMAGE/);
    expect(result.output).toContain('PULSE_IMAGE: $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA');
  });

  it('a merge request gets tests, the image and the self-test; a semver tag adds the release', async () => {
    const mr = await gitlabCiLocal(repo, ['--list', '--json-schema-validation', 'false'], { variables: { CI_PIPELINE_SOURCE: 'merge_request_event' } });
    expect(mr.code, mr.output).toBe(0);
    expect(jobsOf(mr.output)).toEqual(['test', 'check-example-goals', 'image-build', 'selftest-report', 'selftest-goals-check', 'selftest-goals-preview']);
    const tag = await gitlabCiLocal(repo, ['--list', '--json-schema-validation', 'false'], { variables: { CI_COMMIT_TAG: '1.2.3' } });
    expect(jobsOf(tag.output)).toContain('release');
    const notSemver = await gitlabCiLocal(repo, ['--list', '--json-schema-validation', 'false'], { variables: { CI_COMMIT_TAG: 'v1.2.3-rc' } });
    expect(jobsOf(notSemver.output)).not.toContain('release');
  });

  it('the self-test jobs pass: the report publishes to the sample world, the goals check and preview read it', async () => {
    // As in CI, but with this working tree's CLI on PATH instead of the image, and this working
    // tree's demo/ workspace instead of one installed in the job. Isolated, because in GitLab every job has its own checkout.
    const path = `${cliShim()}:${dirname(process.execPath)}`;
    const result = await gitlabCiLocal(repo, ['--force-shell-executor', '--shell-isolation', '--json-schema-validation', 'false', 'selftest-report', 'selftest-goals-check', 'selftest-goals-preview'], {
      variables: { PULSE_SAMPLE_WORLD: join(ROOT, 'demo/sample-world.ts') },
      path,
    });
    expect(result.code, result.output).toBe(0);
    for (const job of ['selftest-report', 'selftest-goals-check', 'selftest-goals-preview']) expect(result.output).toContain(`PASS  ${job}`);
    expect(result.output).toMatch(/selftest-report *> summary: handbook commit http:\/\/127\.0\.0\.1:\d+\/gitlab-com\/content-sites\/handbook\/-\/commit\//);
    expect(result.output).toMatch(/selftest-goals-preview *> history: 24 stored months in gitlab-com\/content-sites\/handbook/);
  });
});
