// What `community-pulse demo` loads by package name (src/commands/demo-run.ts): the product states
// what it needs (DemoWorld), this development-only package provides it. The dependency points from
// here to the product, never back: src/ does not import this package.
import type { DemoWorld } from '../src/commands/demo-run.ts';
import { exportWorld } from './export.ts';
import { startSampleWorld } from './sample-world.ts';
import { screenshotEmail } from './screenshots.ts';

export const demoWorld = { startSampleWorld, exportWorld, screenshotEmail } satisfies DemoWorld;
