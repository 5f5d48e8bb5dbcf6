// Runs the real CLI as a child process (`node src/cli.ts ...`), the way CI does, with only the
// given environment (plus PATH). A child that hangs is killed at its own deadline with a message
// naming the command, instead of failing by the test runner's timeout.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const NODE = process.execPath; // vitest runs on the project's Node 24, which runs src/*.ts directly

export interface Spawned {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function spawnCli(args: readonly string[], cwd: string, env: Record<string, string>, deadlineMs = 20_000): Promise<Spawned> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [join(ROOT, 'src/cli.ts'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`community-pulse ${args.join(' ')} did not exit within ${deadlineMs} ms; stderr so far:\n${stderr}`));
    }, deadlineMs);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
