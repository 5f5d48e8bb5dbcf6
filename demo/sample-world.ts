// The sample world, running: every API of examples/goals.yml served on its own loopback port
// (real HTTP), the handbook repository with two years of history, and a real SMTP server in this
// process. The demo, the end-to-end tests and the benchmark all start this one definition.
import type { RequestHandler } from 'msw';
import { parseDocument } from 'yaml';
import { parseGoals } from '../src/goals/load.ts';
import { serializeSnapshot } from '../src/history/serialize.ts';
import { gitlabRepoFake, gitlabRepoHandlers, type FakeToken, type GitlabRepoFake } from './fakes/gitlab-repo/index.ts';
import { serveFake, type ServedFake } from './fakes/serve.ts';
import { startSmtpFake, type SmtpFake, type SmtpFakeOptions } from './fakes/smtp/index.ts';
import { slackFake, type SlackFake } from './fakes/slack/index.ts';
import { teamsFake, teamsWebhookUrl, type TeamsFake } from './fakes/teams/index.ts';
import { demoBulk, demoExpected } from './bulk.ts';
import { sampleHistory } from './history.ts';
import { API_NAMES, type ApiName, buildWorld, EXPECTED_OCTOBER, firstTimersByMonth, type World } from './world.ts';
import { addMonths, formatMonth, parseMonth } from '../src/periods/periods.ts';
import { OPEN_SOURCE_APIS, OPEN_SOURCE_EXPECTED, openSourceGoalsYaml, openSourceWorld, type OpenSourceApi } from './open-source.ts';

/** The month the sample world holds data for, and the day the monthly job runs for it. */
export const SAMPLE_PERIOD = '2026-10';
export const SAMPLE_NOW = new Date('2026-11-02T06:00:00Z');
export const HANDBOOK_PROJECT = 'gitlab-com/content-sites/handbook';
export const HANDBOOK_TOKEN = 'glpat-Sample0Handbook0Writer0t';
/** The goals-check preview's own read-only token (read_api, Reporter): it never gets the writer's. */
export const PREVIEW_TOKEN = 'glpat-Sample0Preview0Reader00';
export const SMTP_USER = 'devrel-reports';
export const SMTP_PASSWORD = 'sample-Smtp-Passw0rd-2026';
/** The secret parts of the sample chat webhooks (their URLs are the credentials). */
export const SLACK_HOOK = '/services/T0SAMPLE01/B0SAMPLE01/SampleSlackHookSecret2026';
export const TEAMS_SIG = 'SampleTeamsSignature0123456789abcdef';

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
  /**
   * Which goals file: examples/goals.yml (default), or `open-source-company`:
   * examples/open-source-company.goals.yml, with GitHub, npm, PyPI, its docs site, Discord and the
   * events JSON API served on their own loopback servers (demo/open-source.ts) beside the sample
   * world's forum, and the chat webhooks on by default. Discord's counts can be collected only for
   * the month that ended at most 31 days before the job's clock: to report SAMPLE_PERIOD, run the
   * job (and give `now`) at a time in November 2026, as the tests do.
   */
  example?: 'open-source-company';
  /** Awaited before each fake answers (a test holding some requests: a backfill stopped part-way). */
  hold?: (name: ApiName | 'handbook', request: { method: string; path: string; body: string }) => Promise<void> | undefined;
  /** Wraps each fake's request handlers (hostile tests: answers that echo a credential). */
  wrapHandlers?: (name: ApiName | 'handbook', handlers: RequestHandler[]) => RequestHandler[];
  /** Post the summary to Slack and Teams webhook fakes too (publish.slack / publish.teams); default on for the demo scale and the open-source example, off removes them from the goals file. */
  chat?: boolean;
}

export interface SampleWorld extends Omit<World, 'handlers'> {
  /** The fakes' clock. */
  now: () => Date;
  /** One server per API, plus the handbook repository. */
  servers: Record<ApiName | 'handbook', ServedFake>;
  handbook: GitlabRepoFake;
  smtp: SmtpFake;
  /** The chat webhook fakes, when `chat` is on. */
  chat?: { server: ServedFake; slack: SlackFake; teams: TeamsFake };
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
  const openSource = options.example === 'open-source-company';
  const expected = openSource ? OPEN_SOURCE_EXPECTED : bulk ? demoExpected(EXPECTED_OCTOBER, bulk) : EXPECTED_OCTOBER;
  const world = buildWorld({ gitlab: servers.gitlab.url, forum: servers.forum.url, google: servers.google.url, plausible: servers.plausible.url, files: servers.files.url }, now, bulk ? { bulk } : {});
  const wrap = options.wrapHandlers ?? ((_name: ApiName | 'handbook', handlers: RequestHandler[]) => handlers);
  for (const name of API_NAMES) servers[name].setHandlers(wrap(name, world.handlers[name]));
  const extra = openSource ? (Object.fromEntries(await Promise.all(OPEN_SOURCE_APIS.map(async (name) => [name, await serveFake(() => [])] as const))) as Record<OpenSourceApi, ServedFake>) : undefined;
  const example = extra ? openSourceWorld(Object.fromEntries(OPEN_SOURCE_APIS.map((n) => [n, extra[n].url])) as Record<OpenSourceApi, string>, now) : undefined;
  if (extra && example) for (const name of OPEN_SOURCE_APIS) extra[name].setHandlers(example.handlers[name]);

  // The open-source example posts to Slack and Teams itself (its publish: names both).
  const chatOn = options.chat ?? (options.scale === 'demo' || openSource);
  const chat = chatOn ? await startChat() : undefined;

  const doc = parseDocument(extra ? openSourceGoalsYaml({ github: extra.github.url, npm: extra.npm.url, pypi: extra.pypi.url, docs: extra.docs.url, discord: extra.discord.url, events: extra.events.url, forum: servers.forum.url }) : world.goalsYaml);
  if (extra) doc.setIn(['publish', 'handbook', 'project'], HANDBOOK_PROJECT);
  if (!chat) {
    doc.deleteIn(['publish', 'slack']);
    doc.deleteIn(['publish', 'teams']);
  } else {
    doc.setIn(['publish', 'slack'], { webhook_url_env: 'PULSE_SLACK_WEBHOOK_URL' });
    doc.setIn(['publish', 'teams'], { webhook_url_env: 'PULSE_TEAMS_WEBHOOK_URL' });
  }
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
    // The months the retention detail shows (its cohorts) take their first-time counts from the records.
    const firstTimers = firstTimersByMonth(bulk);
    const pinned = Object.fromEntries([1, 2, 3].map((back) => formatMonth(addMonths(period, -back))).map((m) => [m, { 'first-time-contributors': firstTimers[m] ?? 0 }]));
    for (const snapshot of sampleHistory({ goals, period, months: options.historyMonths ?? 24, latest: expected, generator: 'community-pulse (earlier runs)', pinned })) {
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
    ...(chat ? { chat } : {}),
    period: SAMPLE_PERIOD,
    expected,
    now,
    env: {
      ...world.env,
      ...example?.env,
      PULSE_HANDBOOK_TOKEN: HANDBOOK_TOKEN,
      PULSE_PREVIEW_TOKEN: PREVIEW_TOKEN,
      PULSE_SMTP_USERNAME: SMTP_USER,
      PULSE_SMTP_PASSWORD: SMTP_PASSWORD,
      ...(chat ? { PULSE_SLACK_WEBHOOK_URL: `${chat.server.url}${SLACK_HOOK}`, PULSE_TEAMS_WEBHOOK_URL: teamsWebhookUrl(chat.server.url, 'sample-flow', TEAMS_SIG) } : {}),
    },
    secrets: [...world.secrets, ...(example?.secrets ?? []), HANDBOOK_TOKEN, PREVIEW_TOKEN, SMTP_PASSWORD, ...(chat ? [SLACK_HOOK, TEAMS_SIG] : [])],
    goalsYaml,
    close: async () => {
      await Promise.all([...Object.values(servers).map((s) => s.close()), ...Object.values(extra ?? {}).map((s) => s.close()), smtp.close(), ...(chat ? [chat.server.close()] : [])]);
    },
  };
}

/** One loopback server answering as a Slack incoming webhook and a Teams Workflows webhook. */
async function startChat(): Promise<{ server: ServedFake; slack: SlackFake; teams: TeamsFake }> {
  const server = await serveFake(() => []);
  const slack = slackFake({ url: server.url, hooks: [SLACK_HOOK] });
  const teams = teamsFake({ url: server.url, workflows: { 'sample-flow': TEAMS_SIG } });
  server.setHandlers([...slack.handlers, ...teams.handlers]);
  return { server, slack, teams };
}
