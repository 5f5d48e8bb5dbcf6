// The command shell: help that teaches, --version, unknown commands, the schema command, error
// printing — in-process, plus a few runs of the real process.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli.ts';
import { commands } from '../../src/commands/index.ts';
import { PulseError } from '../../src/errors.ts';
import { cli, ROOT } from './helpers.ts';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('help and version', () => {
  it('--help lists every command and the exit codes', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    for (const c of commands) expect(stdout).toContain(`  ${c.name}`);
    expect(stdout).toContain('Usage: community-pulse <command> [options]');
    expect(stdout).toContain('Exit codes: 0 done');
  });

  it('no command prints the help to stderr and exits 2 (a script forgot its command)', async () => {
    const { code, stdout, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Commands:');
  });

  it.each(commands.map((c) => c.name))('%s --help teaches: usage, options, examples, exit codes', async (name) => {
    const { code, stdout } = await cli([name, '--help']);
    expect(code).toBe(0);
    for (const heading of ['Usage: community-pulse', 'Options:', 'Examples:', 'Exit codes:']) expect(stdout).toContain(heading);
    expect(stdout).toContain('-h, --help');
    expect((await cli(['help', name])).stdout).toBe(stdout);
  });

  it('--version prints the package version', async () => {
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('an unknown command is exit 2 with the list of commands', async () => {
    const { code, stderr } = await cli(['dmeo']);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: unknown command "dmeo"\nfix: commands: ${commands.map((c) => c.name).join(', ')}; run \`community-pulse --help\`\n`);
  });

  it('demo refuses to clear a directory it did not write', async () => {
    const { mkdtempSync, writeFileSync, readFileSync: read, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pulse-demo-guard-'));
    writeFileSync(join(dir, 'precious.txt'), 'mine');
    const { code, stderr } = await cli(['demo', '--out', dir]);
    expect(code).toBe(2);
    expect(stderr).toContain('exists and was not written by the demo');
    expect(read(join(dir, 'precious.txt'), 'utf8')).toBe('mine');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('schema', () => {
  it('prints exactly the committed goals.schema.json', async () => {
    const { code, stdout } = await cli(['schema']);
    expect(code).toBe(0);
    expect(stdout).toBe(readFileSync(new URL('../../goals.schema.json', import.meta.url), 'utf8'));
  });
});

describe('error printing', () => {
  const capture = () => {
    let text = '';
    return { stream: { write: (c: string) => (text += c) }, text: () => text };
  };

  it('a PulseError: message, details, fix — never a stack', () => {
    const out = capture();
    reportError(new PulseError('EENV', 'PULSE_X is not set', 'set it', { details: ['one', 'two'] }), out.stream, true);
    expect(out.text()).toBe('error: PULSE_X is not set\none\ntwo\nfix: set it\n');
  });

  it('an unexpected error: one line asking for a report; the stack only with --verbose', () => {
    const quiet = capture();
    reportError(new TypeError('boom\nsecond line'), quiet.stream, false);
    expect(quiet.text()).toBe('error: internal error (TypeError: boom); this is a bug in community-pulse, please report it with the command you ran (add --verbose for the stack trace)\n');
    const loud = capture();
    reportError(new TypeError('boom'), loud.stream, true);
    expect(loud.text()).toMatch(/^error: internal error \(TypeError: boom\).*\nTypeError: boom\n\s+at /);
  });
});

describe('the real process', () => {
  const node = `${ROOT}node_modules/.bin/node`;
  const run = (...args: string[]) => spawnSync(node, args, { cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });

  it('node src/cli.ts check --goals examples/goals.yml exits 0', () => {
    const result = run('src/cli.ts', 'check', '--goals', 'examples/goals.yml');
    expect(result.stderr).toContain('warning:');
    expect(result.stdout).toMatch(/^examples\/goals\.yml is valid/);
    expect(result.status).toBe(0);
  });

  it('bin/community-pulse.js runs the same CLI; an invalid file exits 2 without a stack', () => {
    const result = run('bin/community-pulse.js', 'check', '--goals', 'package.json');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: package\.json is not a valid goals file/);
    expect(result.stderr).toMatch(/\npackage\.json:1:1: report is required\n/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('--version through the bin shim', () => {
    const result = run('bin/community-pulse.js', '--version');
    expect(result.stdout).toBe(`${pkg.version}\n`);
    expect(result.status).toBe(0);
  });
});
