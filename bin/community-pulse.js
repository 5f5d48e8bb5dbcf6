#!/usr/bin/env node
// The installed command. Prefers the compiled build (dist/, made by `npm run build`); falls back
// to the TypeScript sources, which Node >= 24 runs directly (type stripping works outside
// node_modules only, so the fallback serves a git checkout, and the build serves the package).
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli.js', import.meta.url);
const entry = existsSync(compiled) ? compiled : new URL('../src/cli.ts', import.meta.url);
const { runCli } = await import(entry.href);
await runCli();
