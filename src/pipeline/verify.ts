// verify: before anything is collected, check everything a run will use and report every problem at
// once, each with its fix (semantic-release/gitlab's verify). Exit 2, nothing collected.
// - every env var a used source names is set (sources no metric uses are not required);
// - one cheap authenticated call per used source connection (sources that offer one); only a
//   configuration failure (unset or refused credential, unknown group/site) is a problem; a source
//   that is down or answers oddly is only warned about: collection marks its metrics unavailable,
//   as the README promises for any source that fails;
// - the handbook: read access when history comes from it;
// - the publishing side (PublishStep): required outside a dry run; in a dry run checked when its
//   env vars are set and only noted when they are not.
// The rules these steps apply that need neither the network nor the environment are listed by
// offlineProblems, which `check` runs: a goals file that passes `check` does not fail here for its
// content alone.
import { z } from 'zod';
import { ERRORS, type ErrorCode, isPulseError, PulseError } from '../errors.ts';
import { type Env, isUnset, unsetEnvFix } from '../env.ts';
import { envReferences } from '../goals/env-names.ts';
import type { Goals } from '../goals/goals.ts';
import { formatPath } from '../goals/issues.ts';
import type { HistoryStore } from '../history/store.ts';
import { sourceContext } from '../collect/context.ts';
import { sourceFor } from '../sources/index.ts';
import type { TokenExpiry } from '../sources/types.ts';
import { plural } from '../text.ts';
import { gitlabReadTokenHint } from '../errors/hints.ts';
import { gitlabClient } from '../http/gitlab.ts';
import { handbookStore, localHistory } from './history-source.ts';
import type { Problem, PublishStep } from './publish-steps.ts';
import type { RunDeps } from './state.ts';

export interface VerifyInput {
  goals: Goals;
  dryRun: boolean;
  outDir: string;
  historyDir?: string | undefined;
}

export interface VerifyResult {
  history: { store: HistoryStore; label: string };
  /** Checks that were skipped, with why (dry run without publishing secrets). */
  notes: string[];
  /** Things that still work but need a person soon (a token about to expire), for the run summary. */
  warnings: string[];
}

/** Warn this many days before a token's expiry date. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const tokenSelfSchema = z.object({
  expires_at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/)
    .nullable()
    .optional(),
});

/** The handbook token's expiry, from GitLab's `GET /personal_access_tokens/self` (also answered for project and group access tokens). */
async function handbookExpiry(goals: Goals, deps: RunDeps): Promise<TokenExpiry | undefined> {
  const handbook = goals.publish.handbook;
  const token = handbook && !isUnset(deps.env, handbook.token_env) ? deps.env[handbook.token_env] : undefined;
  if (!handbook || !token) return undefined;
  const gitlab = gitlabClient(deps.http, { url: handbook.url, token, authHint: gitlabReadTokenHint({ env: handbook.token_env }) });
  const data = await gitlab.get({ path: '/personal_access_tokens/self', schema: tokenSelfSchema, what: `the expiry date of ${handbook.token_env}` });
  return { env: handbook.token_env, expiresAt: data.expires_at?.slice(0, 10) ?? null, renew: `Settings → Access tokens → Rotate in ${handbook.project}, or POST /personal_access_tokens/self/rotate` };
}

/**
 * The expiry of every token whose API states it: the handbook's, and each used source's that offers
 * `tokenExpiry` (the gitlab sources). One request per env var name, however many sources share it.
 * A failure here is left to the checks that use the token (an expired or refused token fails them
 * with the auth error and its fix).
 */
async function tokenExpiries(goals: Goals, deps: RunDeps, missingEnv: ReadonlySet<string>): Promise<TokenExpiry[]> {
  const asked = new Set<string>();
  const tries: Array<{ env: string; read: () => Promise<TokenExpiry[]> }> = [];
  const handbookEnv = goals.publish.handbook?.token_env;
  if (handbookEnv !== undefined) {
    asked.add(handbookEnv);
    tries.push({ env: handbookEnv, read: async () => [await handbookExpiry(goals, deps)].filter((e): e is TokenExpiry => e !== undefined) });
  }
  for (const name of new Set(goals.metrics.map((m) => m.source))) {
    const config = goals.sources[name];
    const source = config && sourceFor(config.type);
    if (!config || !source?.tokenExpiry || missingEnv.has(name)) continue;
    const envs = envReferences({ [name]: config }).map((ref) => ref.name);
    if (envs.length === 0 || envs.every((env) => asked.has(env))) continue;
    for (const env of envs) asked.add(env);
    tries.push({ env: envs.join(', '), read: () => source.tokenExpiry?.(sourceContext(name, deps), name, config) ?? Promise.resolve([]) });
  }
  const found = await Promise.all(
    tries.map(({ env, read }) =>
      read().catch((error: unknown) => {
        if (!isPulseError(error)) throw error;
        deps.log.debug(`verify: could not read the expiry of ${env} (${error.message})`);
        return [];
      }),
    ),
  );
  const byEnv = new Map<string, TokenExpiry>();
  for (const expiry of found.flat()) if (!byEnv.has(expiry.env)) byEnv.set(expiry.env, expiry);
  return [...byEnv.values()];
}

/** A warning for each token within EXPIRY_WARNING_DAYS of its expiry date, naming its variable. */
async function expiryWarnings(goals: Goals, deps: RunDeps, missingEnv: ReadonlySet<string>): Promise<string[]> {
  const today = Date.parse(`${deps.now().toISOString().slice(0, 10)}T00:00:00Z`);
  return (await tokenExpiries(goals, deps, missingEnv)).flatMap(({ env, expiresAt, renew }) => {
    if (!expiresAt) return [];
    const days = Math.round((Date.parse(`${expiresAt}T00:00:00Z`) - today) / DAY_MS);
    if (days > EXPIRY_WARNING_DAYS) return [];
    const when = days <= 0 ? `expires today (${expiresAt})` : `expires on ${expiresAt}, in ${days} day${days === 1 ? '' : 's'}`;
    return [`${env} ${when}: rotate it (${renew}) and update the CI/CD variable; see docs/tokens.md`];
  });
}

/** A goals-file rule found without network or environment: where in the file, what, and the fix. */
export interface OfflineProblem {
  path: ReadonlyArray<string | number>;
  message: string;
  fix: string;
}

/**
 * Every rule verify applies that depends only on the goals file. `check` reports these positioned;
 * `verify` reports them with the rest. (The schema and cross-field rules are in goals/.)
 */
export function offlineProblems(goals: Goals): OfflineProblem[] {
  const out: OfflineProblem[] = [];
  const email = goals.publish.email;
  if (email && !email.smtp) {
    out.push({ path: ['publish', 'email'], message: 'has no smtp server: the email cannot be sent', fix: 'add publish.email.smtp with host, port, secure and the env var names of the user and password' });
  }
  return out;
}

/** Failures that mean the goals file or the CI/CD variables are wrong: fixing them needs a person. */
const CONFIGURATION_CODES: ReadonlySet<ErrorCode> = new Set(['EENV', 'EAUTH', 'ENOTFOUND']);

function asProblem(error: unknown): Problem {
  if (isPulseError(error)) return { code: error.code, message: error.message, fix: error.fix };
  throw error;
}

/** The env vars of sources that some metric uses, with where the goals file names them. */
function sourceEnvProblems(goals: Goals, env: Env): Problem[] {
  const used = new Set(goals.metrics.map((m) => m.source));
  const problems = new Map<string, string[]>();
  for (const ref of envReferences(goals.sources)) {
    const source = ref.path[0];
    if (typeof source !== 'string' || !used.has(source) || !isUnset(env, ref.name)) continue;
    problems.set(ref.name, [...(problems.get(ref.name) ?? []), formatPath(['sources', ...ref.path])]);
  }
  return [...problems].map(([name, paths]) => ({ code: 'EENV', message: `environment variable ${name} is not set (named by ${paths.join(', ')})`, fix: unsetEnvFix(name) }));
}

async function sourceConnectionProblems(goals: Goals, deps: RunDeps, skip: ReadonlySet<string>): Promise<Problem[]> {
  const used = [...new Set(goals.metrics.map((m) => m.source))];
  const checks = used.map(async (name): Promise<Problem[]> => {
    const config = goals.sources[name];
    const source = config && sourceFor(config.type);
    if (!config || !source?.verify || skip.has(name)) return [];
    try {
      const queries = goals.metrics.filter((m) => m.source === name).map((m) => m.query);
      await source.verify(sourceContext(name, deps), name, config, queries);
      deps.log.info(`verified: source "${name}" (${config.type}) accepts its credentials`);
      return [];
    } catch (error) {
      // Only configuration (credentials, access, names) stops the run here. A source that is down,
      // answers oddly or rejects the check query is not: collection tries again and marks only its
      // metrics unavailable with the reason (exit 3), and the rest of the report still goes out.
      if (isPulseError(error) && !CONFIGURATION_CODES.has(error.code)) {
        deps.log.warn(`verify: source "${name}" could not be verified (${error.message}); its metrics will be tried anyway`);
        return [];
      }
      return [asProblem(error)];
    }
  });
  return (await Promise.all(checks)).flat();
}

/** Sources whose env vars are unset: their connection is not tried (the env problem says enough). */
function sourcesMissingEnv(goals: Goals, env: Env): Set<string> {
  const names = new Set<string>();
  for (const ref of envReferences(goals.sources)) if (typeof ref.path[0] === 'string' && isUnset(env, ref.name)) names.add(ref.path[0]);
  return names;
}

async function publishProblems(goals: Goals, dryRun: boolean, deps: RunDeps, steps: readonly PublishStep[], notes: string[], refused: ReadonlySet<string>): Promise<Problem[]> {
  const out: Problem[] = [];
  for (const step of steps.flatMap((s) => s.checks ?? [s])) {
    const names = step.envNames(goals);
    // A credential the history check already saw refused is reported once, there.
    const alreadyRefused = names.filter((name) => refused.has(name));
    if (alreadyRefused.length > 0) {
      notes.push(`${step.name}: not checked further (${alreadyRefused.join(', ')} was refused above)`);
      continue;
    }
    const missing = names.filter((name) => isUnset(deps.env, name));
    if (missing.length > 0) {
      if (dryRun) notes.push(`${step.name}: not checked in a dry run (${missing.join(', ')} not set)`);
      else for (const name of missing) out.push({ code: 'EENV', message: `environment variable ${name} is not set (needed to ${step.name})`, fix: unsetEnvFix(name) });
      continue;
    }
    out.push(...(await step.verify(goals, deps).catch((error: unknown) => [asProblem(error)])));
  }
  return out;
}

async function historyChoice(input: VerifyInput, deps: RunDeps, notes: string[]): Promise<{ history: VerifyResult['history']; problems: Problem[] }> {
  const handbook = input.goals.publish.handbook;
  if (input.historyDir !== undefined || !handbook) return { history: localHistory(input, deps), problems: [] };
  const remote = handbookStore(input.goals, deps);
  if (!remote) {
    if (input.dryRun) {
      notes.push(`${handbook.token_env} is not set: reading history from the local directory instead of ${handbook.project}`);
      return { history: localHistory(input, deps), problems: [] };
    }
    return {
      history: localHistory(input, deps),
      problems: [{ code: 'EENV', message: `environment variable ${handbook.token_env} is not set (named by publish.handbook.token_env; history and the report live in ${handbook.project})`, fix: unsetEnvFix(handbook.token_env) }],
    };
  }
  try {
    await remote.store.verifyReadAccess();
    deps.log.info(`verified: ${handbook.token_env} can read ${handbook.project}`);
    return { history: remote, problems: [] };
  } catch (error) {
    return { history: remote, problems: [asProblem(error)] };
  }
}

/** The error that ends the command: the problems' common code (e.g. EENV), else EVERIFY. */
export function verificationError(problems: readonly Problem[]): PulseError {
  const codes = new Set(problems.map((p) => p.code));
  const [only] = codes;
  const code: ErrorCode = codes.size === 1 && only !== undefined ? only : 'EVERIFY';
  // A refused credential that worked last month has most often expired (GitLab: a year at most).
  const expiry = ' If it worked before, it may have expired: GitLab access tokens last a year at most; rotate it and update the CI/CD variable (docs/tokens.md).';
  const details = problems.flatMap((p, i) => [`  ${i + 1}. ${p.message}`, `     fix: ${p.fix}${p.code === 'EAUTH' ? expiry : ''}`]);
  return new PulseError(code, `${plural(problems.length, 'problem')} found before collecting; nothing was collected`, ERRORS.EVERIFY.fix, { details });
}

export async function verify(input: VerifyInput, deps: RunDeps, steps: readonly PublishStep[]): Promise<VerifyResult> {
  const notes: string[] = [];
  const envProblems = sourceEnvProblems(input.goals, deps.env);
  const connectionsP = sourceConnectionProblems(input.goals, deps, sourcesMissingEnv(input.goals, deps.env));
  const expiryP = expiryWarnings(input.goals, deps, sourcesMissingEnv(input.goals, deps.env));
  const history = await historyChoice(input, deps, notes);
  const handbookEnv = input.goals.publish.handbook?.token_env;
  const refused = new Set(handbookEnv && history.problems.some((p) => p.code === 'EAUTH') ? [handbookEnv] : []);
  const [connections, publishing] = await Promise.all([connectionsP, publishProblems(input.goals, input.dryRun, deps, steps, notes, refused)]);
  const warnings = await expiryP;
  for (const note of notes) deps.log.info(`verify: ${note}`);
  for (const warning of warnings) deps.log.warn(`verify: ${warning}`);
  const problems = [...envProblems, ...history.problems, ...connections, ...publishing];
  if (problems.length > 0) throw verificationError(problems);
  return { history: history.history, notes, warnings };
}
