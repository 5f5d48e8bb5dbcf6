// A small valid goals file for tests to break one line at a time (line numbers are in comments
// so an expected position can be checked by eye).
import { isPulseError } from '../../src/errors.ts';
import { parseGoals } from '../../src/goals/load.ts';

export const BASE = [
  'version: 1', // 1
  'report:', // 2
  '  title: DevRel PIs', // 3
  '  org: Developer Relations', // 4
  '  base_path: /handbook/devrel/', // 5
  '  fiscal_year_start: 2', // 6
  'sources:', // 7
  '  gitlab: { type: gitlab, token_env: PULSE_GITLAB_TOKEN }', // 8
  '  numbers: { type: manual }', // 9
  'metrics:', // 10
  '  - id: contributors', // 11
  '    name: Contributors', // 12
  '    definition: Distinct authors of merged community MRs.', // 13
  '    source: gitlab', // 14
  '    query: { kind: merged_mr_authors, group: gitlab-org }', // 15
  '    target: { monthly: 170 }', // 16
  '',
].join('\n');

/** BASE with each `[from, to]` applied once; throws when `from` is absent, so a typo fails loudly. */
export function edit(...changes: Array<[string, string]>): string {
  let text = BASE;
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`test bug: "${from}" is not in the base file`);
    text = text.replace(from, to);
  }
  return text;
}

/** The detail lines of the error parseGoals throws, or [] when the text is valid. */
export function problemsOf(text: string, file = 'goals.yml'): string[] {
  try {
    parseGoals(text, file);
    return [];
  } catch (error) {
    if (!isPulseError(error)) throw error;
    return [...error.details];
  }
}
