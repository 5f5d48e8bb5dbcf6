// The publishing half of the verify step: every problem with the handbook and SMTP settings at
// once, each with its fix, before anything is committed or sent.
import type { Env } from '../env.ts';
import { PulseError } from '../errors.ts';
import { smtpFailure } from './email/transport.ts';
import { jobTokenProblem, verifyHandbook } from './handbook/verify.ts';
import type { Targets } from './targets.ts';

export async function verifyPublishing(targets: Targets, env: Env): Promise<PulseError[]> {
  const problems: PulseError[] = [...targets.missing];
  const checks: Array<Promise<PulseError[]>> = [];
  const hb = targets.handbook;
  if (hb) {
    const job = jobTokenProblem(hb.tokenEnv, hb.token, env);
    if (job) problems.push(job);
    else checks.push(verifyHandbook(hb.api, hb.settings, hb.tokenEnv));
  }
  const pi = targets.piData;
  if (pi) {
    const job = jobTokenProblem(pi.tokenEnv, pi.token, env);
    if (job) {
      if (!hb || pi.tokenEnv !== hb.tokenEnv) problems.push(job);
    } else checks.push(verifyHandbook(pi.api, pi.settings, pi.tokenEnv));
  }
  const email = targets.email;
  if (email) {
    checks.push(
      (async () => {
        const mailer = email.createMailer();
        try {
          await mailer.verify();
          return [];
        } catch (error) {
          const why = smtpFailure(error);
          const fix =
            why.code === 'EAUTH'
              ? 'The SMTP server refused the login: check the user and password in the env vars publish.email.smtp names.'
              : 'Check publish.email.smtp host, port and secure (465 = implicit TLS, 587 = STARTTLS) and that the server is reachable from the job.';
          return [new PulseError('EVERIFY', `SMTP ${email.server}: ${why.code} ${why.message}`, fix)];
        } finally {
          mailer.close();
        }
      })(),
    );
  }
  for (const found of await Promise.all(checks)) problems.push(...found);
  return problems;
}
