// Runs gitlab-ci-local (the npm package, on this project's Node 24) with its shell executor, in a
// throwaway git repository laid out so it resolves `$CI_SERVER_FQDN/$CI_PROJECT_PATH/<name>@$CI_COMMIT_SHA`
// components from the working tree: an `origin` remote whose path is the project path, and the
// component ref being HEAD. Jobs find `community-pulse` on PATH through a shim that runs src/cli.ts.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

export const ROOT = join(import.meta.dirname, '../..');
const GCL = join(ROOT, 'node_modules/gitlab-ci-local/dist/index.js');
export const PROJECT_PATH = 'devrel-tools/community-pulse';

const GIT_ENV = { GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.com' };

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' }).trim();
}

export interface Repo {
  /** The repository; gitlab-ci-local runs with --cwd <its name> from its parent (--cwd must be relative). */
  dir: string;
  parent: string;
  /** Writes files (path → content) and commits them; returns the new HEAD. */
  commit(files: Record<string, string>, message: string): string;
  /** Makes the current HEAD origin's default branch, so rules:changes diff against it. */
  markAsTargetBranch(): void;
}

/** A fresh repository with the component files of this working tree under templates/. */
export function componentRepo(extra: Record<string, string> = {}): Repo {
  const parent = mkdtempSync(join(tmpdir(), 'pulse-gcl-'));
  const dir = join(parent, 'project');
  mkdirSync(dir);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'remote', 'add', 'origin', `https://gitlab.com/${PROJECT_PATH}.git`);
  cpSync(join(ROOT, 'templates'), join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, '.gitignore'), '.gitlab-ci-local/\n.gitlab-ci-local-variables.yml\n');
  const repo: Repo = {
    dir,
    parent,
    commit(files, message) {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '--allow-empty', '-m', message);
      return git(dir, 'rev-parse', 'HEAD');
    },
    markAsTargetBranch() {
      git(dir, 'update-ref', 'refs/remotes/origin/main', 'HEAD');
      git(dir, 'symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/main');
    },
  };
  repo.commit(extra, 'component and consumer');
  return repo;
}

/** A directory holding `community-pulse`, which runs this working tree's CLI on this Node. */
export function cliShim(): string {
  const bin = mkdtempSync(join(tmpdir(), 'pulse-bin-'));
  const shim = join(bin, 'community-pulse');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'src/cli.ts')}" "$@"\n`);
  chmodSync(shim, 0o755);
  return bin;
}

export interface GclResult {
  code: number | null;
  output: string;
}

/** Runs gitlab-ci-local; `variables` become --variable KEY=VALUE (CI/CD variables of the pipeline). */
export function gitlabCiLocal(repo: Repo, args: string[], options: { variables?: Record<string, string>; path?: string } = {}): Promise<GclResult> {
  const vars = Object.entries(options.variables ?? {}).flatMap(([k, v]) => ['--variable', `${k}=${v}`]);
  const predefined = Object.keys(options.variables ?? {}).filter((k) => k.startsWith('CI_'));
  const ignore = predefined.length ? ['--ignore-predefined-vars', predefined.join(',')] : [];
  const argv = [GCL, '--cwd', basename(repo.dir), '--max-job-name-padding', '0', ...ignore, ...vars, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, {
      cwd: repo.parent,
      env: { PATH: `${options.path ? `${options.path}:` : ''}${process.env.PATH ?? ''}`, HOME: repo.parent, ...GIT_ENV },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
