// Hundreds of damaged copies of examples/goals.yml (seeded, so a failure reproduces): whatever a
// person's editor does to the file, check must answer with positioned problems, never a crash.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPulseError } from '../../src/errors.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { prng } from '../support/prng.ts';

const EXAMPLE = readFileSync(new URL('../../examples/goals.yml', import.meta.url), 'utf8');
const FILE = 'examples/goals.yml';

type Mutation = (lines: string[], random: () => number) => string[];
const pick = (n: number, random: () => number) => Math.floor(random() * n);
const NOISE = [':', '-', '{', '}', '[', ']', '"', "'", '#', '&', '*', '!', '|', '>', '\t', ' ', 'x', '1', '\n', '%', '@', '`', ',', '?'];
const SWAPS: Array<[RegExp, string]> = [
  [/: \d+/, ': twelve'],
  [/: [A-Za-z]/, ': 42'],
  [/: true/, ': "yes"'],
  [/: \S.*?(?=\s+#|$)/, ': [a, b]'],
  [/: \S.*?(?=\s+#|$)/, ': { k: v }'],
  [/: \S.*?(?=\s+#|$)/, ':'],
  [/: \S.*?(?=\s+#|$)/, ': ~'],
  [/: \S.*?(?=\s+#|$)/, ': glpat-FUZZTOKEN1234567890'],
];

const mutations: Record<string, Mutation> = {
  deleteLine: (lines, r) => lines.filter((_, i) => i !== pick(lines.length, r)),
  duplicateLine: (lines, r) => {
    const i = pick(lines.length, r);
    return [...lines.slice(0, i + 1), lines[i] ?? '', ...lines.slice(i + 1)];
  },
  swapType: (lines, r) => {
    const i = pick(lines.length, r);
    const [re, to] = SWAPS[pick(SWAPS.length, r)] ?? SWAPS[0]!;
    return lines.map((l, j) => (j === i ? l.replace(re, to) : l));
  },
  badIndent: (lines, r) => {
    const i = pick(lines.length, r);
    const shift = [' ', '   ', '\t'][pick(3, r)] ?? ' ';
    return lines.map((l, j) => (j === i ? (r() < 0.5 ? shift + l : l.replace(/^\s/, '')) : l));
  },
  truncate: (lines, r) => {
    const text = lines.join('\n');
    return text.slice(0, pick(text.length, r)).split('\n');
  },
  insertChars: (lines, r) => {
    let text = lines.join('\n');
    for (let n = 1 + pick(4, r); n > 0; n--) {
      const at = pick(text.length, r);
      text = text.slice(0, at) + (NOISE[pick(NOISE.length, r)] ?? '') + text.slice(at);
    }
    return text.split('\n');
  },
  swapLines: (lines, r) => {
    const i = pick(lines.length - 1, r);
    const out = [...lines];
    [out[i], out[i + 1]] = [out[i + 1] ?? '', out[i] ?? ''];
    return out;
  },
};

describe('randomized damage to examples/goals.yml', () => {
  it('the undamaged example is valid', () => {
    expect(parseGoals(EXAMPLE, FILE).goals.metrics.length).toBeGreaterThan(5);
  });

  it('500 mutations: always a result or a PulseError whose every line is FILE:LINE:COL: …', () => {
    const random = prng(20261122);
    const names = Object.keys(mutations);
    const outcomes = { valid: 0, invalid: 0 };
    const linePattern = new RegExp(`^${FILE.replace(/[.]/g, '\\.')}:\\d+:\\d+: `);
    for (let round = 0; round < 500; round++) {
      let lines = EXAMPLE.split('\n');
      const applied: string[] = [];
      for (let n = 1 + pick(3, random); n > 0; n--) {
        const name = names[pick(names.length, random)] ?? 'deleteLine';
        applied.push(name);
        lines = (mutations[name] ?? mutations.deleteLine!)(lines, random);
      }
      const text = lines.join('\n');
      try {
        parseGoals(text, FILE);
        outcomes.valid++;
      } catch (error) {
        if (!isPulseError(error)) throw new Error(`round ${round} (${applied.join(', ')}) threw ${String(error)}\n---\n${text}`);
        expect(error.code).toBe('EGOALSINVALID');
        expect(error.details.length, `round ${round}: no detail lines`).toBeGreaterThan(0);
        for (const line of error.details) expect(line, `round ${round} (${applied.join(', ')})`).toMatch(linePattern);
        expect(error.details.join('\n')).not.toContain('FUZZTOKEN');
        outcomes.invalid++;
      }
    }
    // Most damage must be caught, and the harness must really produce both outcomes.
    expect(outcomes.invalid).toBeGreaterThan(250);
    expect(outcomes.valid).toBeGreaterThan(0);
  });
});
