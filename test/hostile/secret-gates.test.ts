// Issue 19 items 2, 3 and 18, issue 18 item 7: the places a secret used to slip through without
// the run's masker in scope — the final `error:` line, an SMTP answer stored in the snapshot, a
// string from an API answer — and the other side: short values and user names are not masked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpFake, type SmtpFake } from '@community-pulse/demo/fakes/smtp/index';
import { reportError } from '../../src/cli.ts';
import { PulseError } from '../../src/errors.ts';
import { SecretMasker, maskDeep, maskSecrets } from '../../src/secrets.ts';
import { apiText, MAX_TEXT } from '../../src/sources/boundary.ts';
import { smtpFailure } from '../../src/publish/email/transport.ts';
import { manualGoals, runCli, tempDir } from './spawn.ts';

const SECRET = 'Gate9Secret4Value7Echo';

function lines(run: (out: { write(chunk: string): unknown }) => void): string {
  let text = '';
  run({ write: (chunk: string) => (text += chunk) });
  return text;
}

describe('secrets registered with any masker are masked where no masker is in scope', () => {
  new SecretMasker().add(SECRET);

  it('the final error line, its details and its fix', () => {
    const error = new PulseError('EPUBLISH', `email: not sent: 535 bad password ${SECRET}`, `try ${SECRET}`, { details: [`said ${SECRET}`] });
    const text = lines((out) => reportError(error, out, false));
    expect(text).toContain('error: email: not sent: 535 bad password [MASKED]');
    expect(text).not.toContain(SECRET);
    const internal = lines((out) => reportError(new TypeError(`boom ${SECRET}`), out, true));
    expect(internal).toContain('boom [MASKED]');
    expect(internal).not.toContain(SECRET);
  });

  it('an SMTP failure that echoes the password (stored in the snapshot as publication.email.error)', () => {
    const error = Object.assign(new Error('Invalid login'), { code: 'EAUTH', response: `535 5.7.8 Authentication failed for password "${SECRET}"\r\nmore` });
    expect(smtpFailure(error)).toEqual({ code: 'EAUTH', message: '535 5.7.8 Authentication failed for password "[MASKED]"' });
  });

  it('a name or title from an API answer, masked before it is cut', () => {
    expect(apiText().parse(`Alice ${SECRET}`)).toBe('Alice [MASKED]');
    // The token straddles the cut: masked whole, never half of it.
    const long = `${'x'.repeat(MAX_TEXT - 5)}${SECRET}`;
    expect(apiText().parse(long)).not.toContain(SECRET.slice(0, 5));
  });

  it('every string of collected data (maskDeep), leaving numbers and binary content alone', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(maskDeep({ value: 3, items: [{ name: `n ${SECRET}` }], bytes })).toEqual({ value: 3, items: [{ name: 'n [MASKED]' }], bytes });
    expect(maskSecrets(Buffer.from(SECRET).toString('base64'))).toBe('[MASKED]');
  });
});

describe('API names are cut by code point (item 18)', () => {
  it('never between the halves of a surrogate pair', () => {
    const cut = apiText().parse(`${'a'.repeat(MAX_TEXT - 1)}😀😀`);
    expect(cut).toBe(`${'a'.repeat(MAX_TEXT - 1)}😀…`);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe('only secrets are masked, and a secret too short to mask is refused (issue 18 item 7)', () => {
  it('a short value is not masked: "pulse" must not turn community-pulse into nonsense', () => {
    const masker = new SecretMasker();
    masker.add('pulse');
    expect(masker.mask('community-pulse')).toBe('community-pulse');
  });

  let smtp: SmtpFake;
  beforeAll(async () => {
    smtp = await startSmtpFake({ users: { pulse: 'a-long-enough-password' } });
  });
  afterAll(() => smtp.close());

  const smtpGoals = (extra: string) =>
    manualGoals(
      { '2026-10': 5 },
      ['publish:', '  email:', '    from: reports@example.com', '    to: [lead@example.com]', `    smtp: { host: 127.0.0.1, port: ${smtp.port}, username_env: PULSE_SMTP_USER, password_env: PULSE_SMTP_PASSWORD }${extra}`].join('\n'),
    );

  it('the SMTP user name is not a secret: the log names it and the words around it stay readable', async () => {
    const dir = tempDir({ 'goals.yml': smtpGoals('') });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out', '--dry-run'], dir, { PULSE_SMTP_USER: 'pulse', PULSE_SMTP_PASSWORD: 'a-long-enough-password' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('community-pulse 0.1.0');
    expect(result.stderr).not.toContain('[MASKED]');
  });

  it('a password shorter than 8 characters: exit 2 naming the variable, with a fix, never the value', async () => {
    const dir = tempDir({ 'goals.yml': smtpGoals('') });
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out', '--dry-run'], dir, { PULSE_SMTP_USER: 'pulse', PULSE_SMTP_PASSWORD: 'hunter2' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PULSE_SMTP_PASSWORD is shorter than 8 characters/);
    expect(result.stderr).toMatch(/^fix: .*at least 8 characters/m);
    expect(result.stderr).not.toContain('hunter2');
    const check = await runCli(['check'], dir, { PULSE_SMTP_USER: 'pulse', PULSE_SMTP_PASSWORD: 'hunter2' });
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/PULSE_SMTP_PASSWORD is shorter than 8 characters/);
  });
});
