// Help that teaches: what a command does, its options, examples and exit codes. Plain text that
// reads well in a terminal and in a CI log.
import { EXIT_MEANINGS } from '../errors.ts';
import type { Command } from './types.ts';

function table(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

export function optionLabel(name: string, spec: { type: string; short?: string; valueName?: string }): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
}

/** The overview's exit codes, three then two a line so they fit a terminal. */
function exitCodeLines(): string[] {
  const labels = Object.entries(EXIT_MEANINGS).map(([code, m]) => `${code} ${m.label}`);
  return [`Exit codes: ${labels.slice(0, 3).join(' · ')}`, `            ${labels.slice(3).join(' · ')}`];
}

export function formatCommandHelp(command: Command): string {
  const options = Object.entries(command.options).map(([name, spec]) => [optionLabel(name, spec), spec.description] as const);
  return [
    `Usage: ${command.usage}`,
    '',
    command.description,
    '',
    'Options:',
    table(options),
    '',
    'Examples:',
    command.examples.map((e) => `  ${e.command}\n      ${e.says}`).join('\n'),
    '',
    'Exit codes:',
    table(command.exitCodes.map((code) => [String(code), EXIT_MEANINGS[code].meaning] as const)),
    '',
  ].join('\n');
}

export function formatMainHelp(commands: readonly Command[], version: string): string {
  return [
    `community-pulse ${version} — a Developer Relations team's performance indicators, collected monthly`,
    'from real APIs, compared with the targets in goals.yml, and published as a report.',
    '',
    'Usage: community-pulse <command> [options]',
    '',
    'Commands:',
    table(commands.map((c) => [c.name, c.summary] as const)),
    '',
    'Options:',
    table([
      ['-h, --help', "Show this help (or, after a command, that command's help)."],
      ['    --version', 'Print the version.'],
      ['    --verbose', 'More detail, and the stack trace of an internal error.'],
    ]),
    '',
    'Start with:',
    '  community-pulse check --goals examples/goals.yml',
    '',
    ...exitCodeLines(),
    '',
    "Run `community-pulse <command> --help` for a command's options, examples and exit codes.",
    '',
  ].join('\n');
}
