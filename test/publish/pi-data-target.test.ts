// publish.handbook.pi_data_target: the PI data file goes to its own project and branch (GitLab's
// handbook shortcodes read data/performance_indicators/ from www-gitlab-com, not from the handbook
// project), with the same guarantees as the page — one read's last_commit_id, a hand edit never
// overwritten (a merge request there instead), and exactly once per project across re-runs. Two
// fake repositories (projects) behind one fake GitLab, real HTTP, a real SMTP server.
import { afterEach, describe, expect, it } from 'vitest';
import { commitAs, gitlabRepoFake, gitlabRepoHandlers, type GitlabRepoFake } from '@community-pulse/demo/fakes/gitlab-repo/index';
import { startSmtpFake, type SmtpFake } from '@community-pulse/demo/fakes/smtp/index';
import { emailSchema, handbookSchema } from '../../src/goals/schema.ts';
import { composeEmail } from '../../src/publish/email/compose.ts';
import { publishPeriod } from '../../src/publish/execute.ts';
import { publishTargets } from '../../src/publish/targets.ts';
import { verifyPublishing } from '../../src/publish/verify.ts';
import { pageState } from '../../src/publish/handbook/stamp.ts';
import { testClient } from '../fakes/http-fakes.ts';
import { server } from '../msw-server.ts';
import { DATA_DIR, GITLAB, PAGE, PI_DATA, PNG, PROJECT, SMTP_PASSWORD, SMTP_USER, TOKEN, page, snapshotFor } from './harness.ts';

const WWW = 'gitlab-com/www-gitlab-com';
const WWW_TOKEN = 'glpat-Www-Writer-Secret-0003';
const CHART = 'content/handbook/devrel/performance-indicators/charts/contributors.png';

/** Commits of the PI data's project that wrote the PI data (the project starts with one of its own). */
const piCommits = (fake: GitlabRepoFake) => (fake.commits[WWW] ?? []).filter((c) => c.files.includes(PI_DATA));

let smtp: SmtpFake | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

async function world(options: { wwwProtected?: boolean; wwwScopes?: string[] } = {}) {
  const fake: GitlabRepoFake = gitlabRepoFake({
    projects: {
      [PROJECT]: { id: 7, visibility: 'private', branches: { main: { 'README.md': '# Handbook\n' } } },
      [WWW]: { id: 8, visibility: 'private', branches: { master: { 'README.md': '# www\n' } }, defaultBranch: 'master', protectedBranches: options.wwwProtected ? ['master'] : [] },
    },
    tokens: [
      { value: TOKEN, accessLevel: 30, username: 'project_7_bot_pulse' },
      { value: WWW_TOKEN, accessLevel: 30, username: 'project_8_bot_pulse', ...(options.wwwScopes ? { scopes: options.wwwScopes } : {}) },
    ],
  });
  server.use(...gitlabRepoHandlers(GITLAB, fake));
  smtp = await startSmtpFake({ users: { [SMTP_USER]: SMTP_PASSWORD } });
  const handbook = handbookSchema.parse({ url: GITLAB, project: PROJECT, page: PAGE, pi_data: PI_DATA, data_dir: DATA_DIR, token_env: 'PULSE_HANDBOOK_TOKEN', pi_data_target: { project: WWW, branch: 'master', token_env: 'PULSE_WWW_TOKEN' } });
  const email = emailSchema.parse({ from: 'DevRel Reports <devrel-reports@example.com>', to: ['lead@example.com'], smtp: { host: smtp.host, port: smtp.port, username_env: 'PULSE_SMTP_USERNAME', password_env: 'PULSE_SMTP_PASSWORD' } });
  const env = { PULSE_HANDBOOK_TOKEN: TOKEN, PULSE_WWW_TOKEN: WWW_TOKEN, PULSE_SMTP_USERNAME: SMTP_USER, PULSE_SMTP_PASSWORD: SMTP_PASSWORD };
  const mails = smtp;
  const publish = async (period: string, value: number) => {
    const { client, log, masker } = testClient();
    const targets = publishTargets({ handbook, email }, env, client, masker);
    const composed = await composeEmail(targets.email!.addresses, { period, reportTitle: 'DevRel KPIs', org: 'Developer Relations', subject: `DevRel KPIs — ${period}`, html: `<p>${value}</p>`, text: `${value}`, images: [] }, new Date('2026-11-02T06:00:00Z'));
    const outcome = await publishPeriod(
      {
        period,
        title: 'DevRel KPIs',
        snapshot: snapshotFor(period, value),
        files: [
          { path: PAGE, content: page(period, value) },
          { path: PI_DATA, content: `- name: Contributors\n  value: ${value}\n` },
          { path: CHART, content: PNG },
        ],
        email: composed,
        resend: false,
        generator: 'community-pulse test',
      },
      targets,
      { log, now: () => new Date('2026-11-02T06:00:00Z') },
    );
    return { outcome, log: log.lines.map((l) => masker.mask(l)) };
  };
  const file = (project: string, branch: string, path: string) => {
    const c = fake.projects[project]?.branches[branch]?.[path];
    return c === undefined ? undefined : typeof c === 'string' ? c : Buffer.from(c).toString('utf8');
  };
  const verify = async () => {
    const { client, masker } = testClient();
    return verifyPublishing(publishTargets({ handbook }, env, client, masker), env);
  };
  return { fake, publish, file, mails, verify };
}

describe('publish: the PI data in its own project (pi_data_target)', () => {
  it('commits the report to the handbook and the stamped PI data to the other project, each once, with its own token', async () => {
    const w = await world();
    const { outcome } = await w.publish('2026-10', 171);
    expect(outcome.failures).toEqual([]);
    // The report commit (then the delivery record): page, chart and snapshot, not the PI data.
    expect(w.fake.commits[PROJECT]?.find((c) => c.files.includes(PAGE))?.files.sort()).toEqual([`${DATA_DIR}/2026-10.json`, CHART, PAGE].sort());
    expect(w.fake.commits[PROJECT]?.some((c) => c.files.includes(PI_DATA))).toBe(false);
    expect(w.file(PROJECT, 'main', PI_DATA)).toBeUndefined();
    const pi = w.file(WWW, 'master', PI_DATA);
    expect(pi).toContain('value: 171');
    expect(pageState(pi ?? '').kind).toBe('generated');
    expect(piCommits(w.fake)).toHaveLength(1);
    // Every request to the PI data's project carries its own token, never the handbook's.
    expect(new Set(w.fake.requests.filter((r) => r.project === WWW).map((r) => r.token))).toEqual(new Set([WWW_TOKEN]));
    expect(w.mails.messages).toHaveLength(1);

    // The same period again: nothing differs in either project, nothing is sent.
    const commits = (p: string) => w.fake.commits[p]?.length ?? 0;
    const before = [commits(PROJECT), commits(WWW)];
    const again = await w.publish('2026-10', 171);
    expect(again.outcome.failures).toEqual([]);
    expect([commits(PROJECT), commits(WWW)]).toEqual(before);
    expect(w.mails.messages).toHaveLength(1);
  });

  it('never overwrites a hand edit of the PI data: it goes to a merge request in that project, the handbook commit is unaffected', async () => {
    const w = await world();
    await w.publish('2026-09', 160);
    commitAs(w.fake, WWW, 'master', { [PI_DATA]: '- name: Contributors\n  value: 999 # fixed by hand\n' }, { name: 'Sam Editor', email: 'sam@example.com', title: 'Correct the PI value' });
    const { outcome, log } = await w.publish('2026-10', 171);
    expect(outcome.failures).toEqual([]);
    expect(w.file(WWW, 'master', PI_DATA)).toContain('fixed by hand');
    expect(w.file(WWW, 'community-pulse/2026-10', PI_DATA)).toContain('value: 171');
    expect(outcome.piDataMergeRequest?.web_url).toContain(WWW);
    expect(w.fake.mergeRequests.filter((mr) => mr.project === WWW)).toHaveLength(1);
    expect(log.some((l) => l.includes('Sam Editor'))).toBe(true);
    // The handbook page was not edited by hand: it is committed to main as usual.
    expect(w.file(PROJECT, 'main', PAGE)).toContain('Contributors: 171');
    expect(outcome.mergeRequest).toBeUndefined();
  });

  it('the PI commit fails after the handbook commit landed: exit-4 failure; the re-run commits only the PI data and sends nothing again', async () => {
    const w = await world({ wwwProtected: true });
    const first = await w.publish('2026-10', 171);
    expect(first.outcome.failures.map((f) => f.message)).toEqual([expect.stringContaining(`PI data: ${PI_DATA} was not committed to ${WWW}`)]);
    expect(w.file(PROJECT, 'main', PAGE)).toContain('Contributors: 171');
    expect(piCommits(w.fake)).toHaveLength(0);
    expect(w.mails.messages).toHaveLength(1);
    const handbookCommits = w.fake.commits[PROJECT]?.length ?? 0;

    w.fake.projects[WWW]!.protectedBranches = [];
    const again = await w.publish('2026-10', 171);
    expect(again.outcome.failures).toEqual([]);
    expect(w.fake.commits[PROJECT]?.length ?? 0).toBe(handbookCommits);
    expect(piCommits(w.fake)).toHaveLength(1);
    expect(w.mails.messages).toHaveLength(1);
  });

  it('verify checks the PI data project with its own token, before anything is committed', async () => {
    expect(await (await world()).verify()).toEqual([]);
    const problems = await (await world({ wwwScopes: ['read_api'] })).verify();
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('PULSE_WWW_TOKEN has the scopes read_api')]);
  });
});
