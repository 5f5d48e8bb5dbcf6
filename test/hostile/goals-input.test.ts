// Issue 10 items 9, 11, 12, 13: hostile goals files and environments are refused with plain,
// positioned messages and exit 2, before anything is collected.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopback, type Loopback } from './loopback.ts';
import { gitlabGoals, manualGoals, runCli, tempDir } from './spawn.ts';

let api: Loopback;
beforeAll(async () => {
  api = await loopback((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
});
afterAll(() => api.close());

describe('credential values (item 12)', () => {
  it.each([
    ['a line feed', 'abc\ndef-token-value'],
    ['a carriage return', 'abc\rdef-token-value'],
    ['a character above U+00FF', 'abc\u2028def-token-value'],
    ['an emoji', 'abc-\u{1F600}-token-value'],
  ])('a token with %s is a bad env var: exit 2, named, never printed, nothing sent', async (_what, token) => {
    const dir = tempDir({ 'goals.yml': gitlabGoals(api.url) });
    const before = api.requests.length;
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out'], dir, { PULSE_GITLAB_TOKEN: token });
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain('PULSE_GITLAB_TOKEN');
    expect(result.stderr).not.toContain('token-value');
    expect(result.stderr).not.toMatch(/re-run|retry/i);
    expect(api.requests.length).toBe(before);
  });
});

describe('prototype keys (item 11)', () => {
  it('__proto__ as a source name is refused with its position', async () => {
    const goals = manualGoals().replace('  hand: { type: manual }', '  hand: { type: manual }\n  __proto__: { type: manual }');
    const result = await runCli(['check'], tempDir({ 'goals.yml': goals }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/goals\.yml:5:3: .*__proto__/);
  });

  it.each(['__proto__', 'constructor', 'prototype'])('%s as a values: key is refused with its position', async (key) => {
    const goals = manualGoals().replace('"2026-10": 5', `"2026-10": 5, "${key}": 7`);
    const result = await runCli(['check'], tempDir({ 'goals.yml': goals }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`goals\\.yml:10:\\d+: .*${key}`));
  });
});

describe('size and depth (item 13)', () => {
  it.each([
    ['flow brackets', `extra: ${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['flow mappings', `extra: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}`],
    ['a run of sequence dashes', `extra: ${'- '.repeat(300_000)}a`],
    ['indentation', `extra:\n${Array.from({ length: 200 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}`],
  ])('deep nesting (%s) gets a plain message, not a stack overflow', async (_what, tail) => {
    const result = await runCli(['check'], tempDir({ 'goals.yml': `${manualGoals()}\n${tail}\n` }));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/call stack/i);
    expect(result.stderr).toMatch(/nested more than 64 levels/);
  });

  it('a goals file over 1 MB is refused before parsing', async () => {
    const big = `${manualGoals()}\n# ${'x'.repeat(2_000_000)}\n`;
    const result = await runCli(['check'], tempDir({ 'goals.yml': big }));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/larger than 1 MB/);
  });

  it('/dev/zero is refused plainly', async () => {
    const result = await runCli(['check', '--goals', '/dev/zero'], tempDir({}));
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/Invalid string length/);
    expect(result.stderr).toMatch(/larger than 1 MB|not a regular file/);
  });
});

describe('numbers (items 9)', () => {
  it.each([
    ['a negative manual value', manualGoals({ '2026-10': -7 }), /must not be negative/],
    ['a 30-digit manual value', manualGoals({ '2026-10': 1e30 }), /too large/],
    ['a 30-digit target', manualGoals({ '2026-10': 5 }, '    target: { monthly: 123456789012345678901234567890 }'), /too large/],
    ['a manual month before 2000', manualGoals({ '0000-12': 5 }), /2000-01/],
  ])('%s is refused by check', async (_what, goals, message) => {
    const result = await runCli(['check'], tempDir({ 'goals.yml': goals }));
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('a history snapshot with -1e308 is not used as the previous month', async () => {
    const dir = tempDir({ 'goals.yml': manualGoals({ '2026-09': 4, '2026-10': 5 }) });
    const first = await runCli(['backfill', '--from', '2026-09', '--to', '2026-09', '--out', 'out'], dir);
    expect(first.code, first.stderr).toBe(0);
    const file = join(dir, 'out/history/2026-09.json');
    const { readFileSync } = await import('node:fs');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"value": 4', '"value": -1e308'));
    const result = await runCli(['run', '--period', '2026-10', '--out', 'out'], dir);
    expect(result.stderr).toMatch(/2026-09/);
    const report = readFileSync(join(dir, 'out/report.json'), 'utf8');
    expect(report).not.toMatch(/-100|e\+?308/);
  });
});
