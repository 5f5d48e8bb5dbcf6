// The sample world, running: every API of examples/goals.yml served on its own loopback port
// (real HTTP), the handbook repository with two years of history, and a real SMTP server in this
// process. The demo, the end-to-end tests and the benchmark all start this one definition.
import type { RequestHandler } from 'msw';
import { parseDocument } from 'yaml';
import { parseGoals } from '../src/goals/load.ts';
import { parseMonth } from '../src/periods/periods.ts';
import { serializeSnapshot } from '../src/history/serialize.ts';
import { gitlabRepoFake, gitlabRepoHandlers, type FakeToken, type GitlabRepoFake } from './fakes/gitlab-repo/index.ts';
import { serveFake, type ServedFake } from './fakes/serve.ts';
import { startSmtpFake, type SmtpFake, type SmtpFakeOptions } from './fakes/smtp/index.ts';
import { demoBulk, demoExpected } from './bulk.ts';
import { sampleHistory } from './history.ts';
import { API_NAMES, type ApiName, buildWorld, EXPECTED_OCTOBER, type World } from './world.ts';

/** The month the sample world holds data for, and the day the monthly job runs for it. */
export const SAMPLE_PERIOD = '2026-10';
export const SAMPLE_NOW = new Date('2026-11-02T06:00:00Z');
export const HANDBOOK_PROJECT = 'gitlab-com/content-sites/handbook';
export const HANDBOOK_TOKEN = 'glpat-Sample0Handbook0Writer0t';
/** The goals-check preview's own read-only token (read_api, Reporter): it never gets the writer's. */
export const PREVIEW_TOKEN = 'glpat-Sample0Preview0Reader00';
export const SMTP_USER = 'devrel-reports';
export const SMTP_PASSWORD = 'sample-Smtp-Passw0rd-2026';

export interface SampleWorldOptions {
  /**
   * `demo`: the month at a real DevRel team's scale (generated records on top of the hand-counted
   * ones, see bulk.ts), what `community-pulse demo` shows. Default `small`: only the hand-counted
   * records, whose values are EXPECTED_OCTOBER.
   */
  scale?: 'small' | 'demo';
  /** Months of history in the handbook before SAMPLE_PERIOD (default 24; 0 for none). */
  historyMonths?: number;
  /** The handbook token's scopes and role (default: api, Maintainer). */
  handbookToken?: Partial<FakeToken>;
  /** Branches of the handbook only Maintainers may push to. */
  protectedBranches?: string[];
  smtp?: SmtpFakeOptions;
  /** Changes to the goals file, as [path, value] pairs (e.g. [['publish','handbook','mode'], 'merge_request']). */
  goals?: Array<[Array<string | number>, unknown]>;
  /**
   * The fakes' clock (token lifetimes, rate-limit resets). It must be the clock of the job that
   * talks to them — a Google token signed at another time is refused — so by default the real one.
   */
  now?: () => Date;
  /** Awaited before each fake answers (a test holding some requests: a backfill stopped part-way). */
  hold?: (name: ApiName | 'handbook', request: { method: string; path: string; body: string }) => Promise<void> | undefined;
  /** Wraps each fake's request handlers (hostile tests: answers that echo a credential). */
  wrapHandlers?: (name: ApiName | 'handbook', handlers: RequestHandler[]) => RequestHandler[];
}

export interface SampleWorld extends Omit<World, 'handlers'> {
  /** The fakes' clock. */
  now: () => Date;
  /** One server per API, plus the handbook repository. */
  servers: Record<ApiName | 'handbook', ServedFake>;
  handbook: GitlabRepoFake;
  smtp: SmtpFake;
  period: string;
  /** metric id → the value a correct run finds for `period` in this world. */
  expected: Record<string, number>;
  close(): Promise<void>;
}

export async function startSampleWorld(options: SampleWorldOptions = {}): Promise<SampleWorld> {
  const names = [...API_NAMES, 'handbook'] as const;
  const hold = options.hold;
  const started = await Promise.all(names.map(async (name) => [name, await serveFake(() => [], hold ? { hold: (request) => hold(name, request) } : {})] as const));
  const servers = Object.fromEntries(started) as Record<ApiName | 'handbook', ServedFake>;
  const smtp = await startSmtpFake(options.smtp ?? { users: { [SMTP_USER]: SMTP_PASSWORD } });
  const now = options.now ?? (() => new Date());
  const bulk = options.scale === 'demo' ? demoBulk() : undefined;
  const expected = bulk ? demoExpected(EXPECTED_OCTOBER, bulk) : EXPECTED_OCTOBER;
  const world = buildWorld({ gitlab: servers.gitlab.url, forum: servers.forum.url, google: servers.google.url, plausible: servers.plausible.url, files: servers.files.url }, now, bulk ? { bulk } : {});
  const wrap = options.wrapHandlers ?? ((_name: ApiName | 'handbook', handlers: RequestHandler[]) => handlers);
  for (const name of API_NAMES) servers[name].setHandlers(wrap(name, world.handlers[name]));

  const doc = parseDocument(world.goalsYaml);
  doc.setIn(['publish', 'handbook', 'url'], servers.handbook.url);
  doc.setIn(['publish', 'handbook', 'mode'], 'commit');
  doc.setIn(['publish', 'email', 'smtp', 'host'], smtp.host);
  doc.setIn(['publish', 'email', 'smtp', 'port'], smtp.port);
  for (const [path, value] of options.goals ?? []) doc.setIn(path, value);
  const goalsYaml = doc.toString();
  const { goals } = parseGoals(goalsYaml, 'goals.yml');

  const handbookConfig = goals.publish.handbook;
  const files: Record<string, string> = { 'README.md': '# The handbook (sample)\n' };
  if (handbookConfig) {
    const period = parseMonth(SAMPLE_PERIOD);
    if (!period) throw new Error('bad sample period');
    for (const snapshot of sampleHistory({ goals, period, months: options.historyMonths ?? 24, latest: expected, generator: 'community-pulse (earlier runs)' })) {
      files[`${handbookConfig.data_dir.replace(/\/+$/, '')}/${snapshot.period}.json`] = serializeSnapshot(snapshot);
    }
  }
  const handbook = gitlabRepoFake({
    projects: { [HANDBOOK_PROJECT]: { id: 278964, visibility: 'private', branches: { main: files }, protectedBranches: options.protectedBranches ?? [] } },
    tokens: [
      { value: HANDBOOK_TOKEN, username: 'project_278964_bot_pulse', name: 'community-pulse', ...options.handbookToken },
      { value: PREVIEW_TOKEN, username: 'project_278964_bot_preview', name: 'community-pulse preview', scopes: ['read_api'], accessLevel: 20 },
    ],
    now,
  });
  servers.handbook.setHandlers(wrap('handbook', gitlabRepoHandlers(servers.handbook.url, handbook)));

  return {
    servers,
    handbook,
    smtp,
    period: SAMPLE_PERIOD,
    expected,
    now,
    env: { ...world.env, PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN, PULSE_PREVIEW_TOKEN: PREVIEW_TOKEN, PULSE_SMTP_USERNAME: SMTP_USER, PULSE_SMTP_PASSWORD: SMTP_PASSWORD },
    secrets: [...world.secrets, HANDBOOK_TOKEN, PREVIEW_TOKEN, SMTP_PASSWORD],
    goalsYaml,
    close: async () => {
      await Promise.all([...Object.values(servers).map((s) => s.close()), smtp.close()]);
    },
  };
}
