// Every error a user can meet has a code, a message that says what happened, and a fix that says
// what to do about it (the shape of semantic-release's lib/definitions/errors.js). The catalogue
// below is the one place where each code's meaning, default fix and exit code are written: review
// wording here. The builders of src/errors/ (one file per family) make the errors that more than one
// place can raise, message and fix; a thrower writes its own fix only for a one-off that names the
// field at hand (test/architecture/error-sites.test.ts lists them).

/** Exit codes of the CLI contract (docs/commands.md "Exit codes"). */
export const EXIT = {
  ok: 0,
  internal: 1,
  badInput: 2,
  unavailable: 3,
  publishFailed: 4,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * What each exit code means: the one place it is written. `help`, the run's summary line, the demo
 * and docs/commands.md read it from here (test/cli/exit-meanings.test.ts compares the docs).
 */
export const EXIT_MEANINGS: Record<ExitCode, { label: string; meaning: string; leaves: string }> = {
  0: {
    label: 'done',
    meaning: 'done: every metric has a value',
    leaves: 'everything; outside a dry run the report is committed (or nothing changed) and the email sent (or it had been already)',
  },
  1: {
    label: 'internal error (a bug)',
    meaning: 'internal error: a bug in community-pulse; please report it with the command you ran (`--verbose` prints the stack)',
    leaves: 'whatever was done before it',
  },
  2: {
    label: 'bad input, found before any side effect',
    meaning: 'bad input, found before any side effect: goals file, arguments, environment, or the verify step (handbook project, branch, role, token scope, SMTP login — every problem listed with its fix)',
    leaves: 'nothing published',
  },
  3: {
    label: 'published, but some metric was unavailable',
    meaning: 'the report went out, but some metric was unavailable (its reason is in the log and `snapshot.json`)',
    leaves: 'everything, with gaps named',
  },
  4: {
    label: 'publishing failed part-way',
    meaning: 'publishing failed part-way: the report commit, the email, or a rejected recipient (named); the log says what was done and what a re-run will do (e.g. SMTP down after the commit: the re-run only sends the email)',
    leaves: '`--out` always; the commit if it happened',
  },
};

export interface ErrorDefinition {
  /** What the code means, one line (docs/commands.md, `help`). */
  meaning: string;
  /** The fix shown when the thrower has no more specific one. */
  fix: string;
  /** The exit code when this error ends a command. */
  exit: ExitCode;
}

export const ERRORS = {
  EGOALSINVALID: {
    meaning: 'the goals file has syntax, schema or rule errors',
    fix: 'see examples/goals.yml, or run community-pulse schema',
    exit: EXIT.badInput,
  },
  EGOALSREAD: {
    meaning: 'the goals file cannot be read',
    fix: 'pass the file with --goals PATH (default: goals.yml in the current directory); start from examples/goals.yml',
    exit: EXIT.badInput,
  },
  EARGS: {
    meaning: 'bad command-line arguments',
    fix: 'see `community-pulse help COMMAND` for the options',
    exit: EXIT.badInput,
  },
  EENV: {
    meaning: 'an environment variable the goals file names is missing or malformed',
    fix: 'set the variable (in CI: a masked CI/CD variable); `community-pulse check --online` tests them all',
    exit: EXIT.badInput,
  },
  EVERIFY: {
    meaning: 'verification before collecting found problems (each is listed with its fix)',
    fix: 'fix every listed problem, then run `community-pulse check --online` to test again',
    exit: EXIT.badInput,
  },
  EAUTH: {
    meaning: 'an API refused the credentials (401/403): the token is wrong, expired or lacks a scope',
    fix: 'create a new token with the scope docs/sources/<type>.md names for the source, and store it in the env var',
    exit: EXIT.badInput,
  },
  ENOTFOUND: {
    meaning: 'a resource the goals file names (group, site, property, project, file) does not exist or is not visible to the token',
    fix: 'check the name in the goals file and that the token can see it',
    exit: EXIT.badInput,
  },
  ETRANSIENT: {
    meaning: 'an API kept failing or throttling (429/5xx/timeouts) after the retries, before anything was collected',
    fix: 're-run later; nothing was written',
    exit: EXIT.badInput,
  },
  EBADRESPONSE: {
    meaning: 'an API answered with a shape community-pulse does not understand, before anything was collected',
    fix: 'check that the url in the goals file points at the API itself (not a proxy or login page); report it if it does',
    exit: EXIT.badInput,
  },
  EQUERY: {
    meaning: 'an API rejected the query (400, GraphQL errors)',
    fix: 'check the query fields of the metric against docs/sources/<type>.md for its source',
    exit: EXIT.badInput,
  },
  ETEMPLATE: {
    meaning: 'a report template (or the report.templates_dir override) cannot be read or compiled',
    fix: 'fix the template at the position shown, or remove report.templates_dir to use the built-in templates',
    exit: EXIT.badInput,
  },
  EPUBLISH: {
    meaning: 'publishing the report failed; the collected data is kept in --out',
    fix: 'fix the cause named above and run again: months already in history are not collected again',
    exit: EXIT.publishFailed,
  },
  EINTERNAL: {
    meaning: 'an internal error: a bug in community-pulse',
    fix: 'please report it with the command you ran (--verbose prints the stack)',
    exit: EXIT.internal,
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERRORS;

export class PulseError extends Error {
  readonly code: ErrorCode;
  readonly fix: string;
  /** Extra lines shown under the message, e.g. every positioned goals-file problem. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, fix: string = ERRORS[code].fix, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PulseError';
    this.code = code;
    this.fix = fix;
    this.details = options.details ?? [];
  }
}

export function isPulseError(error: unknown): error is PulseError {
  return error instanceof PulseError;
}

/** The exit code a failure maps to when it ends the command: the catalogue's, or 1 for a bug. */
export function exitCodeFor(error: unknown): ExitCode {
  return isPulseError(error) ? ERRORS[error.code].exit : EXIT.internal;
}
