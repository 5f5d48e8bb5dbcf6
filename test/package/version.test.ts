// The version teams pin is the version this package is: docs and examples name package.json's
// version, and the release job refuses a tag that is not it.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '../..');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the pinned component version', () => {
  it('is package.json version everywhere a team copies it from', () => {
    const pins: string[] = [];
    const files = [
      'README.md',
      ...readdirSync(join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md'))
        .map((f) => `docs/${f}`),
      ...readdirSync(join(ROOT, 'examples')).map((f) => `examples/${f}`),
    ];
    for (const file of files) {
      for (const m of readFileSync(join(ROOT, file), 'utf8').matchAll(/community-pulse\/(?:report|goals-check)@([^\s`'"]+)/g)) pins.push(`${file}: ${m[1]}`);
    }
    expect(pins.length).toBeGreaterThanOrEqual(5);
    for (const pin of pins) expect(pin.split(': ')[1], pin).toBe(version);
  });

  it('the release job refuses a tag that is not the package version', () => {
    const job = (parse(readFileSync(join(ROOT, 'templates-ci/release.yml'), 'utf8')) as { release: { script: string[] } }).release;
    const guard = job.script[0]!;
    const runGuard = (tag: string) => {
      try {
        execFileSync('sh', ['-c', guard], { cwd: ROOT, env: { CI_COMMIT_TAG: tag, PATH: process.env.PATH }, encoding: 'utf8' });
        return { code: 0, out: '' };
      } catch (error) {
        const e = error as { status: number; stdout: string };
        return { code: e.status, out: e.stdout };
      }
    };
    expect(runGuard(version).code).toBe(0);
    const wrong = runGuard('9.9.9');
    expect(wrong.code).toBe(1);
    expect(wrong.out).toContain('tag 9.9.9 is not the version in package.json');
  });
});
