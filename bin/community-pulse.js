#!/usr/bin/env node
// The installed command. In a git checkout it runs the TypeScript sources directly (Node >= 23.6
// strips types), so an old build in dist/ can never shadow an edit. The published package ships
// only the compiled dist/ (type stripping does not work inside node_modules).
import { existsSync } from 'node:fs';

const source = new URL('../src/cli.ts', import.meta.url);
const compiled = new URL('../dist/cli.js', import.meta.url);
const canStrip = Boolean(process.features.typescript);
const entry = canStrip && existsSync(source) ? source : existsSync(compiled) ? compiled : undefined;
if (!entry) {
  process.stderr.write(`error: community-pulse needs Node.js 24 (this is ${process.version}) to run from a checkout, or a build in dist/\nfix: run it through npm (npm run pulse -- --help), which uses the project's Node 24, or run \`npm run build\` first\n`);
  process.exit(2);
}
const { runCli } = await import(entry.href);
await runCli();
