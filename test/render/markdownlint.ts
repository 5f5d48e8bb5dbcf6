// Runs markdownlint-cli2 (the handbook's linter, pinned in package.json) with the handbook's rules
// (test/render/markdownlint/.markdownlint.yaml) over Markdown files, and returns its findings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
export const HANDBOOK_MARKDOWNLINT_CONFIG = join(import.meta.dirname, 'markdownlint/.markdownlint.yaml');
const CLI = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2.js');

/** Lints each `{name: text}` as a file of that name; returns one line per finding (`name:line rule …`). */
export function handbookLint(files: Record<string, string>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pulse-mdlint-'));
  try {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const run = spawnSync(process.execPath, [CLI, '--config', HANDBOOK_MARKDOWNLINT_CONFIG, ...Object.keys(files).map((f) => `:${f}`)], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`markdownlint-cli2 failed (${run.status}): ${run.stderr}`);
    return run.stderr.split('\n').filter((line) => /^\S+:\d+(:\d+)? MD\d{3}/.test(line));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
