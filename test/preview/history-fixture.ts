// Stored history as report jobs leave it (each month judged with the goals of then), written to a
// directory, without running the pipeline: goals text + values → YYYY-MM.json files.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/evaluate/evaluate.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { parseMonth } from '../../src/periods/periods.ts';
import { buildSnapshot } from '../../src/history/build.ts';
import { serializeSnapshot } from '../../src/history/serialize.ts';
import type { Snapshot } from '../../src/history/snapshot.ts';

export function writeHistory(dir: string, goalsYaml: string, months: Record<string, Record<string, number>>): Map<string, Snapshot> {
  const { goals } = parseGoals(goalsYaml, 'goals.yml');
  const history = new Map<string, Snapshot>();
  mkdirSync(dir, { recursive: true });
  for (const [label, values] of Object.entries(months)) {
    const period = parseMonth(label);
    if (!period) throw new Error(`bad month ${label}`);
    const outcomes = new Map(Object.entries(values).map(([id, value]) => [id, { value, status: 'ok' as const }]));
    const fresh = buildSnapshot({ goals, period, outcomes, generatedAt: new Date(`${label}-28T06:00:00Z`), generator: 'community-pulse test' });
    const { snapshot } = evaluate({ goals, period, snapshot: fresh, history });
    history.set(label, snapshot);
    writeFileSync(join(dir, `${label}.json`), serializeSnapshot(snapshot));
  }
  return history;
}
