// Regression tests for defects found by running the CLI; each spawns it as CI does and fails on the
// code before the fix. Manual values keep them free of fake servers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnCli } from '../support/spawn-cli.ts';
import { tempDir } from '../support/temp-dir.ts';

interface ReportJson {
  metrics: Array<{ id: string; health: { level: number; reasons: string[] }; definition_changed_in: string | null; deltas: { previous_month: unknown } }>;
}

function goals(metrics: ReadonlyArray<{ id: string; values: Record<string, number>; target: string }>): string {
  return [
    'version: 1',
    'report:',
    '  title: DevRel PIs',
    '  org: Developer Relations',
    '  base_path: /handbook/devrel/',
    '  fiscal_year_start: 2',
    '  timezone: UTC',
    'sources:',
    '  numbers: { type: manual }',
    'metrics:',
    ...metrics.flatMap((m) => [
      `  - id: ${m.id}`,
      `    name: ${m.id}`,
      '    definition: Counted by hand.',
      '    source: numbers',
      '    query:',
      '      kind: value',
      '      values:',
      ...Object.entries(m.values).map(([month, value]) => `        "${month}": ${value}`),
      `    target: ${m.target}`,
    ]),
    '',
  ].join('\n');
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const report = (dir: string) => JSON.parse(read(dir, 'out/report.json')) as ReportJson;

describe('stored history is a record, never rewritten', () => {
  it('keeps history/2026-10.json byte for byte when the target changes and the month is run again', async () => {
    const dir = tempDir('pulse-record-');
    const seats = { id: 'seats', values: { '2026-10': 3 } };
    writeFileSync(join(dir, 'goals.yml'), goals([{ ...seats, target: '{ monthly: 2 }' }]));
    const first = await spawnCli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], dir, {});
    expect(first.code, first.stderr).toBe(0);
    const recorded = read(dir, 'out/history/2026-10.json');
    expect(JSON.parse(recorded).metrics.seats.health.level).toBe(3);

    writeFileSync(join(dir, 'goals.yml'), goals([{ ...seats, target: '{ monthly: 5 }' }]));
    const second = await spawnCli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], dir, {});
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain('already in history, not collected again: 2026-10');
    expect(read(dir, 'out/history/2026-10.json')).toBe(recorded);
    expect(read(dir, 'out/snapshot.json')).toBe(recorded);
    // The report judges the month with today's goals: 3 against 5 is a Problem.
    expect(report(dir).metrics[0]?.health.level).toBe(1);
    expect(second.stderr).not.toMatch(/wrote .*history/);
  });
});

describe('manual values are data, not definition', () => {
  it('keeps the series (deltas, no "definition changed") when next month\'s value is typed in', async () => {
    const dir = tempDir('pulse-manual-');
    const months = { '2026-08': 100, '2026-09': 110 };
    writeFileSync(join(dir, 'goals.yml'), goals([{ id: 'seats', values: months, target: '{ monthly: 100 }' }]));
    const backfill = await spawnCli(['backfill', '--from', '2026-08', '--to', '2026-09', '--dry-run', '--out', 'out'], dir, {});
    expect(backfill.code, backfill.stderr).toBe(0);

    writeFileSync(join(dir, 'goals.yml'), goals([{ id: 'seats', values: { ...months, '2026-10': 120 }, target: '{ monthly: 100 }' }]));
    const run = await spawnCli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], dir, {});
    expect(run.code, run.stderr).toBe(0);
    const seats = report(dir).metrics[0];
    expect(seats?.definition_changed_in).toBeNull();
    expect(seats?.deltas.previous_month).not.toBeNull();
    expect(seats?.health.reasons.join('; ')).toContain('third month above target');
  });
});

describe('health compares exactly as documented', () => {
  it('judges 999,999,999,001 against 1e12 as Attention and 899,999,999,901 against the 9e11 edge as Problem', async () => {
    const dir = tempDir('pulse-exact-');
    writeFileSync(
      join(dir, 'goals.yml'),
      goals([
        { id: 'just-below-target', values: { '2026-10': 999_999_999_001 }, target: '{ monthly: 1000000000000 }' },
        { id: 'just-below-edge', values: { '2026-10': 899_999_999_901 }, target: '{ monthly: 1000000000000 }' },
        { id: 'at-edge', values: { '2026-10': 153 }, target: '{ monthly: 170 }' },
      ]),
    );
    const run = await spawnCli(['run', '--period', '2026-10', '--dry-run', '--out', 'out'], dir, {});
    expect(run.code, run.stderr).toBe(0);
    const levels = Object.fromEntries(report(dir).metrics.map((m) => [m.id, m.health.level]));
    expect(levels).toEqual({ 'just-below-target': 2, 'just-below-edge': 1, 'at-edge': 2 });
  });
});
