// Issue 18.1 for `check --online`: in a merge-request pipeline it verifies the connection settings of
// the TARGET branch's goals file (real git repository, real child process, loopback HTTP). An MR
// that repoints the handbook at another server gets a warning; that server receives nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFake, type ServedFake } from '@community-pulse/demo/fakes/serve';
import { gitlabRepoFake, gitlabRepoHandlers, type GitlabRepoFake } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { manualGoals } from '../hostile/spawn.ts';
import { spawnCli } from '../support/spawn-cli.ts';
import { type Attacker, attackerServer } from '../preview/attacker.ts';
import { mrPipelineEnv, mrRepo } from '../preview/mr-repo.ts';

const TOKEN = 'glpat-HandbookWrite0123456789';
let legit: ServedFake;
let fake: GitlabRepoFake;
let attacker: Attacker;

const goalsAt = (url: string) => manualGoals({ '2026-10': 5 }, ['publish:', '  handbook:', `    url: "${url}"`, '    project: devrel/handbook', '    page: content/pi.md', '    data_dir: data/pulse'].join('\n'));

beforeAll(async () => {
  attacker = await attackerServer();
  fake = gitlabRepoFake({ projects: { 'devrel/handbook': { id: 7, visibility: 'private', branches: { main: { 'README.md': 'hi' } } } }, tokens: [TOKEN] });
  legit = await serveFake(() => []);
  legit.setHandlers(gitlabRepoHandlers(legit.url, fake));
});
afterAll(async () => {
  await legit.close();
  await attacker.close();
});

describe('check --online in a merge-request pipeline', () => {
  it("verifies main's handbook, warns about the MR's new URL, and sends it nothing", async () => {
    const { clone, diffBase } = mrRepo({ 'goals.yml': goalsAt(legit.url) }, { 'goals.yml': goalsAt(attacker.url) }, { singleBranch: true });
    const result = await spawnCli(['check', '--online', '--dry-run'], clone, { ...mrPipelineEnv(diffBase), PULSE_HANDBOOK_TOKEN: TOKEN }, 60_000);
    expect(attacker.requests).toEqual([]);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(fake.requests.every((r) => r.token === TOKEN)).toBe(true);
    expect(result.stderr).toContain(`warning: this merge request changes publish.handbook.url (${legit.url} → ${attacker.url}): not verified and not contacted`);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);
  });

  it("outside a merge-request pipeline the working tree's file is verified, as before", async () => {
    const { clone } = mrRepo({ 'goals.yml': goalsAt(attacker.url) }, { 'goals.yml': goalsAt(legit.url) });
    const before = fake.requests.length;
    const result = await spawnCli(['check', '--online', '--dry-run'], clone, { PULSE_HANDBOOK_TOKEN: TOKEN }, 60_000);
    expect(result.code, result.stderr).toBe(0);
    expect(fake.requests.length).toBeGreaterThan(before);
    expect(attacker.requests).toEqual([]);
  });
});
