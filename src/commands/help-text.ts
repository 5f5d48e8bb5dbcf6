// Help that teaches: what a command does, its options, examples and exit codes. Plain text that
// reads well in a terminal and in a CI log.
import type { Command } from './types.ts';

function table(rows: ReadonlyArray<readonly [string, string]>, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`.trimEnd()).join('\n');
}

export function optionLabel(name: string, spec: { type: string; short?: string; valueName?: string }): string {
  const long = `--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
  return spec.short ? `-${spec.short}, ${long}` : `    ${long}`;
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
    table(command.exitCodes.map((e) => [String(e.code), e.meaning] as const)),
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
    'Exit codes: 0 done · 1 internal error · 2 bad input (goals file, arguments, environment)',
    '            3 report published but a metric was unavailable · 4 publishing failed',
    '',
    "Run `community-pulse <command> --help` for a command's options, examples and exit codes.",
    '',
  ].join('\n');
}
