// Issue 21.12: `check` warns (exit 0) about the month `run` reports by default — a hand-typed
// metric without a value for it, a metric without a target for it — at the line to edit.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.ts';

// The tests' clock is 2026-11-02: the month about to be reported is October 2026 (FY27-Q3 from February).
const GOALS = [
  'version: 1', // 1
  'report: { title: T, org: O, base_path: /x/, fiscal_year_start: 2 }', // 2
  'sources:', // 3
  '  typed: { type: manual }', // 4
  'metrics:', // 5
  '  - id: seats', // 6
  '    name: Seats', // 7
  '    definition: D.', // 8
  '    source: typed', // 9
  '    query: { kind: value, values: { "2026-09": 4 } }', // 10
  '    target: { monthly: 5 }', // 11
  '  - id: talks', // 12
  '    name: Talks', // 13
  '    definition: D.', // 14
  '    source: typed', // 15
  '    query: { kind: value, values: { "2026-10": 4 } }', // 16
  '    target: { ramp: { FY27-Q2: 5 } }', // 17
  '  - id: posts', // 18
  '    name: Posts', // 19
  '    definition: D.', // 20
  '    source: typed', // 21
  '    query: { kind: value, values: { "2026-10": 4 } }', // 22
  '',
].join('\n');

describe('check looks ahead at the month about to be reported', () => {
  it('warns about a missing hand-typed value and a missing target, positioned, and still exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-month-'));
    writeFileSync(join(dir, 'goals.yml'), GOALS);
    const { code, stderr } = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(code, stderr).toBe(0);
    const warnings = stderr.split('\n').filter((l) => l.startsWith('warning: goals.yml:'));
    expect(warnings).toEqual([
      'warning: goals.yml:10:27: metrics[0].query.values has no value for 2026-10, the month the next report covers: add "2026-10": <number> here before the report runs, or it shows as unavailable',
      'warning: goals.yml:17:15: metrics[1].target.ramp sets no target for FY27-Q3, the quarter of 2026-10 (the month the next report covers): add FY27-Q3: <number> or its health will be Unknown',
      'warning: goals.yml:18:5: metrics[2].id posts has no target: its health for 2026-10 will be Unknown (add target: to judge it)',
    ]);
  });

  it('says nothing when the month has its values and targets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pulse-month-'));
    writeFileSync(join(dir, 'goals.yml'), GOALS.replace('{ "2026-09": 4 }', '{ "2026-09": 4, "2026-10": 5 }').replace('{ FY27-Q2: 5 }', '{ FY27-Q2: 5, FY27-Q3: 5 }').concat('    target: { monthly: 3 }\n'));
    const { code, stderr } = await cli(['check', '--goals', 'goals.yml'], { cwd: dir });
    expect(code, stderr).toBe(0);
    expect(stderr).not.toContain('warning: goals.yml:');
  });
});
