// The goals file, v1: the contract a DevRel lead edits in merge requests. Every field carries a
// description (it becomes the JSON Schema editors autocomplete from). Source entries and metric
// queries are first read loosely and then parsed by their source's own schema (rules.ts), so an
// unknown source type or query kind is one clear error instead of a wall of union mismatches.
import { z } from 'zod';
import { httpUrl, envVarName, nonEmpty, slug } from '../fields/fields.ts';
import { isValidTimeZone } from '../periods/periods.ts';
import { sources } from '../sources/index.ts';
import { targetSchema } from './target.ts';
import { commentarySchema } from './commentary.ts';

const mailbox = (description: string) =>
  z
    .string()
    .refine((v) => z.email().safeParse(/<([^>]+)>\s*$/.exec(v)?.[1] ?? v.trim()).success, {
      error: 'must be an email address, e.g. devrel@example.com or "DevRel Reports <devrel@example.com>"',
    })
    .describe(description);

export const reportSchema = z
  .strictObject({
    title: nonEmpty('Title of the handbook page and the email subject.'),
    org: nonEmpty('Organisation the indicators belong to (the performance-indicator `org` field).'),
    base_path: z
      .string()
      .regex(/^\/(?:[\w.-]+\/)*$/, { error: 'must be a site path that starts and ends with "/", e.g. /handbook/marketing/developer-relations/' })
      .describe('Handbook URL path of the page (the performance-indicator `base_path`).'),
    fiscal_year_start: z
      .number({ error: 'must be a month number from 1 (January) to 12' })
      .int({ error: 'must be a whole month number from 1 to 12' })
      .min(1, { error: 'must be a month number from 1 (January) to 12' })
      .max(12, { error: 'must be a month number from 1 (January) to 12' })
      .default(1)
      .describe('First month of the fiscal year (1 = January). GitLab: 2, so FY27 runs Feb 2026 – Jan 2027.'),
    timezone: z.string().refine(isValidTimeZone, { error: 'must be an IANA time zone like UTC or Europe/Berlin' }).default('UTC').describe('Time zone whose calendar months the report counts (month boundaries at local midnight).'),
    templates_dir: z
      .string()
      .trim()
      .min(1, { error: 'must not be empty' })
      .refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v), { error: 'must be a directory path, not a URL' })
      .describe("Directory with your own report templates, relative to this goals file: page/page.md.hbs, email/email.mjml.hbs, email/email.txt.hbs (Handlebars; copy them from the package's templates/ folder). A file it lacks comes from the package.")
      .optional(),
  })
  .describe('The report as a whole.');

/** Read loosely here; rules.ts parses each entry with its source type's own schema. */
export const sourceEntrySchema = z
  .looseObject({ type: z.string({ error: 'every source needs a `type`, e.g. type: gitlab' }).describe(`Source type: ${[...sources.keys()].join(', ')}.`) })
  .describe('A named connection to an API. Credentials only as env var names (`*_env`).');

export const querySchema = z.looseObject({ kind: z.string({ error: 'every query needs a `kind`, e.g. kind: merged_mr_authors' }).describe('What to measure; the kinds depend on the source type.') }).describe('What to measure, as the source type defines it.');

export const metricSchema = z
  .strictObject({
    id: slug('Stable identifier: the key of this metric in history snapshots. Changing it starts a new series.'),
    name: nonEmpty('Name shown on the handbook page, e.g. Unique Wider Community Contributors per Month.'),
    definition: nonEmpty('How the number is defined, in plain words, for readers of the page.'),
    source: nonEmpty('Name of an entry under `sources:`.'),
    query: querySchema,
    target: targetSchema.optional(),
    unit: nonEmpty('Unit shown after values, e.g. contributors, views, hours.').optional(),
    is_key: z.boolean({ error: 'must be true or false' }).default(false).describe('true for a key performance indicator (KPI).'),
    public: z.boolean({ error: 'must be true or false' }).default(true).describe('false keeps the value off the public page. Default true, except for kinds that read confidential data (customer names, ARR), which are internal unless this says true.'),
    dri: z
      .string()
      .regex(/^@[\w.-]+$/, { error: 'must be a GitLab handle like @jdoe' })
      .describe('Directly responsible individual.')
      .optional(),
    urls: z.array(httpUrl('A link shown with the metric (dashboard, issue).')).default([]).describe('Links shown with the metric.'),
    commentary: commentarySchema.optional(),
  })
  .describe('One performance indicator.');

export const handbookSchema = z
  .strictObject({
    url: httpUrl('GitLab instance of the handbook repository.').default('https://gitlab.com'),
    project: nonEmpty('Path of the handbook project, e.g. gitlab-com/content-sites/handbook.'),
    branch: nonEmpty('Branch to commit to (or to target with the merge request).').default('main'),
    page: z.string().regex(/\.md$/, { error: 'must be a Markdown file path ending in .md' }).describe('Path of the generated page in the repository.'),
    data_dir: nonEmpty('Directory for one JSON snapshot per period (the history).'),
    mode: z
      .enum(['commit', 'merge_request'], { error: 'must be commit or merge_request' })
      .default('commit')
      .describe('commit: push to `branch` (Developer; Maintainer for a protected branch); merge_request: commit to community-pulse/YYYY-MM and open (or update) one MR into `branch` per month.'),
    on_manual_edit: z
      .enum(['merge_request', 'overwrite', 'fail'], { error: 'must be merge_request, overwrite or fail' })
      .default('merge_request')
      .describe('When the page on `branch` was edited by hand since the job wrote it: merge_request (default) puts the report in a merge request so a person decides; overwrite replaces the edit (it stays in git history); fail stops with exit 4.'),
    pi_data: z
      .string()
      .regex(/\.ya?ml$/, { error: 'must be a YAML file path ending in .yml or .yaml' })
      .describe("Path of the performance-indicator data file in the repository, read by the handbook's performance-indicator shortcode, e.g. data/performance_indicators/developer_relations.yml. Must be under data/ (never code or CI configuration).")
      .optional(),
    site_url: httpUrl('Public address of the handbook site, e.g. https://handbook.gitlab.com: the email links to this plus report.base_path.').optional(),
    token_env: envVarName('Env var holding a project access token with the api scope (Developer; Maintainer for a protected branch).').default('PULSE_HANDBOOK_TOKEN'),
    pi_data_target: z
      .strictObject({
        project: nonEmpty('Path of the project the PI data goes to, e.g. gitlab-com/www-gitlab-com (where the handbook shortcodes read data/performance_indicators/).'),
        branch: nonEmpty('Branch of that project to commit to (or to target with the merge request).').default('main'),
        token_env: envVarName("Env var holding a project access token of that project with the api scope (Developer); default: the handbook's token_env.").optional(),
      })
      .describe('The PI data file (`pi_data`, the same path) goes to this project and branch instead of the handbook project, on the same GitLab instance, with the same guarantees: last commit ids, mode, on_manual_edit. Default: the handbook project.')
      .optional(),
  })
  .superRefine((hb, ctx) => {
    if (hb.pi_data_target !== undefined && hb.pi_data === undefined) ctx.addIssue({ code: 'custom', message: 'needs pi_data as well: the path of the PI data file in that project', path: ['pi_data_target'] });
  })
  .describe('Where the page and its history are committed.');

export const emailSchema = z
  .strictObject({
    from: mailbox('Sender, e.g. "DevRel Reports <devrel-reports@example.com>".'),
    to: z.array(mailbox('A recipient.')).min(1, { error: 'list at least one recipient' }).describe('Recipients.'),
    cc: z.array(mailbox('A recipient in copy.')).default([]).describe('Recipients in copy.'),
    reply_to: mailbox("Where replies go, e.g. the team's list; default: the sender.").optional(),
    smtp: z
      .strictObject({
        host: nonEmpty('SMTP server host name, e.g. smtp.example.com.'),
        port: z.number().int().min(1).max(65535).default(587).describe('SMTP port: 587 (STARTTLS) or 465 (TLS).'),
        secure: z.boolean().default(false).describe('true for implicit TLS (port 465); false upgrades with STARTTLS, which is then required (except for a server on loopback).'),
        username_env: envVarName('NAME of the env var holding the SMTP user name (omit for a server without login).').optional(),
        password_env: envVarName('NAME of the env var holding the SMTP password (a masked CI/CD variable).').optional(),
      })
      .describe('SMTP server that sends the email.')
      .optional(),
  })
  .describe('Who receives the monthly email.');

/** A chat channel the month's summary is posted to: its incoming-webhook URL is a secret, so only its env var is named. */
export const chatSchema = (service: 'Slack' | 'Microsoft Teams', example: string) =>
  z
    .strictObject({
      webhook_url_env: envVarName(`Env var holding the ${service} incoming-webhook URL (the URL is the credential: keep it in a masked CI/CD variable).`).default(example),
    })
    .describe(`Post the month's summary (health counts, what needs attention, the page link) to a ${service} channel, once per month like the email.`);
export const slackSchema = chatSchema('Slack', 'PULSE_SLACK_WEBHOOK_URL');
export const teamsSchema = chatSchema('Microsoft Teams', 'PULSE_TEAMS_WEBHOOK_URL');
export type ChatPublish = z.infer<typeof slackSchema>;

export const goalsSchema = z
  .strictObject({
    version: z.literal(1, { error: 'must be 1 (the only goals-file version so far)' }).describe('Goals file format version.'),
    report: reportSchema,
    sources: z.record(slug('Source name, referenced by metrics.'), sourceEntrySchema).describe('Named API connections.'),
    metrics: z.array(metricSchema).min(1, { error: 'list at least one metric' }).describe('The performance indicators.'),
    publish: z.strictObject({ handbook: handbookSchema.optional(), email: emailSchema.optional(), slack: slackSchema.optional(), teams: teamsSchema.optional() }).default({}).describe('Where the report goes.'),
    security: z
      .strictObject({
        credential_env_prefix: z
          .string()
          .regex(/^(?:[A-Z][A-Z0-9_]*)?$/, { error: 'must be an env var name prefix in capitals, e.g. PULSE_ (or "" for none)' })
          .default('PULSE_')
          .describe('Every *_env field must name a variable starting with this prefix (default PULSE_; "" turns the check off). CI_*, GITLAB_* and cloud-provider credentials are refused whatever the prefix.'),
      })
      .default({ credential_env_prefix: 'PULSE_' })
      .describe('Where credentials may come from. Credentials are only ever sent over https:// (plain http only to loopback hosts).'),
    limits: z
      .strictObject({
        source_deadline_seconds: z
          .number()
          .int()
          .min(10, { error: 'must be at least 10 seconds' })
          .max(3600, { error: 'must be at most 3600 seconds (one hour)' })
          .default(300)
          .describe(
            'The most time one source (API host) may cost a run in failed attempts (timeouts, errors, 429/5xx) and waits before retrying (default 300). Past it, its remaining metrics are unavailable at once. Successful requests never count, so long backfills are not cut short.',
          ),
        settle_hours: z
          .record(z.string(), z.number({ error: 'must be a number of hours, e.g. 96' }).min(0, { error: 'must be 0 or more hours' }).max(744, { error: 'must be at most 744 hours (31 days)' }))
          .describe(
            "Per source name: hours after a month ends before that source's numbers for it are final, overriding the source type's default (ga4 and youtube 72, others 0). Before then `run` records the source's metrics as unavailable (\"data not settled until …\") and the next run collects them.",
          )
          .optional(),
      })
      .default({ source_deadline_seconds: 300 })
      .describe('Bounds on how long a run may spend on each API.'),
  })
  .describe('community-pulse goals file: the performance indicators of a team, their sources and targets.');

/** The goals file as parsed by zod, before source entries and queries are parsed by their sources. */
export type RawGoals = z.infer<typeof goalsSchema>;
export type Metric = z.infer<typeof metricSchema>;
export type Report = z.infer<typeof reportSchema>;
export type HandbookPublish = z.infer<typeof handbookSchema>;
export type EmailPublish = z.infer<typeof emailSchema>;
