// The CLI says which Node.js it needs instead of failing strangely (Node 22-23 load the TypeScript
// entry but lack import.meta.main, so the CLI used to exit 0 having done nothing).
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../src/cli.ts';

describe('the Node.js version check', () => {
  it('names the version needed and the one running, with a fix', () => {
    const message = nodeVersionProblem('22.12.0') ?? '';
    expect(message).toContain('error: community-pulse needs Node.js 24 or later; this is Node.js 22.12.0');
    expect(message).toContain('fix: run it through npm (npm run pulse -- --help)');
    expect(nodeVersionProblem('20.20.2')).toContain('this is Node.js 20.20.2');
  });

  it('accepts Node 24 and later, including the one running the tests', () => {
    expect(nodeVersionProblem('24.0.0')).toBeNull();
    expect(nodeVersionProblem('25.1.0')).toBeNull();
    expect(nodeVersionProblem(process.versions.node)).toBeNull();
  });
});
