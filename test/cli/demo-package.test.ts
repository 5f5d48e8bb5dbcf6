// `demo` loads the sample world by package name at run time: a clone has the workspace package, an
// installed community-pulse does not and says how to get it (the production install itself is
// exercised by `npm run check:install`).
import { describe, expect, it } from 'vitest';
import { DEMO_PACKAGE, loadDemoWorld } from '../../src/commands/demo-run.ts';
import { exitCodeFor, isPulseError } from '../../src/errors.ts';

describe('the demo command loads the sample world package', () => {
  it('in a clone: the workspace package, with what the demo uses', async () => {
    expect(DEMO_PACKAGE).toBe('@community-pulse/demo');
    const world = await loadDemoWorld();
    expect(typeof world.startSampleWorld).toBe('function');
    expect(typeof world.exportWorld).toBe('function');
    expect(typeof world.screenshotEmail).toBe('function');
  });

  it('without it: exit 2 and the fix is a clone of the repository', async () => {
    const error: unknown = await loadDemoWorld('@community-pulse/not-installed').catch((e: unknown) => e);
    expect(isPulseError(error)).toBe(true);
    if (!isPulseError(error)) return;
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toContain('@community-pulse/not-installed');
    expect(error.message).toContain('development-only');
    expect(error.fix).toContain('npm ci && npm run demo');
  });
});
