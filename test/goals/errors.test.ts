// Every kind of mistake a person makes in goals.yml, with the exact line and column each error
// must point at. Positions are the contract: an editor or a CI log jumps to them.
import { describe, expect, it } from 'vitest';
import { isPulseError } from '../../src/errors.ts';
import { parseGoals } from '../../src/goals/load.ts';
import { BASE, edit, problemsOf } from './helpers.ts';

const TOKEN = 'glpat-TESTTOKEN1234567890abcd';

interface Case {
  name: string;
  text: string;
  /** `LINE:COL path` and a fragment of the message, for every problem, in order. */
  expected: Array<[string, string]>;
}

const cases: Case[] = [
  { name: 'YAML syntax: unclosed flow mapping', text: edit(['group: gitlab-org }', 'group: gitlab-org']), expected: [['16:5 metrics[0].target', 'YAML: Flow map in block collection must be sufficiently indented and end with a }']] },
  {
    name: 'YAML syntax: tab indentation',
    text: edit(['  base_path', '\tbase_path']),
    expected: [
      ['5:1', 'YAML: Tabs are not allowed as indentation'],
      ['5:13 base_path', 'YAML: Nested mappings'],
      ['5:13 base_path', 'YAML: Implicit keys'],
    ],
  },
  { name: 'duplicate key', text: edit(['  org: Developer Relations\n', '  org: Developer Relations\n  org: Again\n']), expected: [['5:3 report.org', 'YAML: Map keys must be unique']] },
  {
    name: 'duplicate source: the second entry is the one checked',
    text: edit(['  numbers: { type: manual }', '  numbers: { type: manual }\n  numbers: { type: gitlab }']),
    expected: [
      ['10:3 sources.numbers', 'Map keys must be unique'],
      ['10:12 sources.numbers.token_env', 'is required'],
    ],
  },
  { name: 'wrong type', text: edit(['fiscal_year_start: 2', 'fiscal_year_start: two']), expected: [['6:22 report.fiscal_year_start', 'must be a month number from 1 (January) to 12']] },
  { name: 'wrong type: mapping where a list belongs', text: edit(['    name: Contributors\n', '    name: Contributors\n    urls: { a: 1 }\n']), expected: [['13:11 metrics[0].urls', 'must be a list (lines starting with "- "), not a mapping']] },
  { name: 'unknown key points at the key', text: edit(['  fiscal_year_start: 2\n', '  fiscal_year_start: 2\n  colour: red\n']), expected: [['7:3 report.colour', 'unknown key "colour"']] },
  { name: 'unknown key inside a source entry', text: edit(['token_env: PULSE_GITLAB_TOKEN }', 'token_env: PULSE_GITLAB_TOKEN, tokn: x }']), expected: [['8:58 sources.gitlab.tokn', 'unknown key "tokn"']] },
  {
    name: 'misspelt key: required key missing, and a suggestion on the typo',
    text: edit(['token_env: PULSE_GITLAB_TOKEN }', 'tokn_env: PULSE_GITLAB_TOKEN }']),
    expected: [
      ['8:11 sources.gitlab.token_env', 'is required'],
      ['8:27 sources.gitlab.tokn_env', 'unknown key "tokn_env" (did you mean token_env?)'],
    ],
  },
  { name: 'unknown key inside a query', text: edit(['group: gitlab-org }', 'group: gitlab-org, label: x }']), expected: [['15:58 metrics[0].query.label', 'unknown key "label"']] },
  { name: 'missing key points at the parent mapping', text: edit(['  org: Developer Relations\n', '']), expected: [['3:3 report.org', 'is required']] },
  { name: 'missing version points at the root', text: edit(['version: 1\n', '']), expected: [['1:1 version', 'is required: must be 1']] },
  {
    name: 'missing metric fields',
    text: edit(['    name: Contributors\n', ''], ['    source: gitlab\n', '']),
    expected: [
      ['11:5 metrics[0].name', 'is required'],
      ['11:5 metrics[0].source', 'is required'],
    ],
  },
  { name: 'bad enum', text: edit(['{ monthly: 170 }', '{ monthly: 170, direction: up }']), expected: [['16:40 metrics[0].target.direction', 'must be "higher" (more is better) or "lower"']] },
  { name: 'unknown source type', text: edit(['{ type: manual }', '{ type: spreadsheet }']), expected: [['9:20 sources.numbers.type', 'unknown source type "spreadsheet"; known types: gitlab, discourse']] },
  { name: 'source name is not a slug', text: edit(['  numbers: {', '  Numbers_2: {']), expected: [['9:3 sources.Numbers_2', 'bad key: must be a slug']] },
  { name: 'unknown source reference', text: edit(['source: gitlab', 'source: gitlub']), expected: [['14:13 metrics[0].source', 'no source named "gitlub" under sources: (defined: gitlab, numbers)']] },
  { name: 'query kind the source does not offer', text: edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: views']), expected: [['15:20 metrics[0].query.kind', 'source "gitlab" (type gitlab) has no query kind "views"; kinds: merged_mr_authors']] },
  { name: 'query rule of the source schema', text: edit(['kind: merged_mr_authors, group: gitlab-org', 'kind: merged_mr_authors']), expected: [['15:12 metrics[0].query.group', 'set exactly one of `group` or `groups`']] },
  {
    name: 'duplicate metric id',
    text: `${BASE}  - id: contributors\n    name: Again\n    definition: Same id.\n    source: numbers\n    query: { kind: value, values: {} }\n`,
    expected: [['17:9 metrics[1].id', 'duplicate metric id "contributors" (already used by metrics[0])']],
  },
  { name: 'non-slug metric id', text: edit(['id: contributors', 'id: Contributors_2']), expected: [['11:9 metrics[0].id', 'must be a slug']] },
  { name: 'negative target', text: edit(['monthly: 170', 'monthly: -1']), expected: [['16:24 metrics[0].target.monthly', 'must not be negative']] },
  { name: 'two period targets', text: edit(['monthly: 170', 'quarterly: 500, yearly: 2000']), expected: [['16:13 metrics[0].target', 'set only one of quarterly, yearly (a monthly target and a quarterly or yearly one may go together)']] },
  { name: 'no target kind', text: edit(['{ monthly: 170 }', '{ direction: lower }']), expected: [['16:13 metrics[0].target', 'set one of monthly, quarterly, yearly or ramp (or a monthly one and a period one together']] },
  { name: 'ramp key that is not a fiscal quarter', text: edit(['{ monthly: 170 }', '{ ramp: { FY27-Q1: 150, FY27-Q5: 160 } }']), expected: [['16:37 metrics[0].target.ramp.FY27-Q5', 'bad key: keys must be fiscal quarters like FY27-Q1']] },
  { name: 'fiscal_year_start 13', text: edit(['fiscal_year_start: 2', 'fiscal_year_start: 13']), expected: [['6:22 report.fiscal_year_start', 'must be a month number from 1 (January) to 12']] },
  {
    name: 'bad email addresses',
    text: `${BASE}publish:\n  email:\n    from: devrel-reports\n    to: [lead@example.com, "Team <team@example>"]\n`,
    expected: [
      ['19:11 publish.email.from', 'must be an email address'],
      ['20:28 publish.email.to[1]', 'must be an email address'],
    ],
  },
  { name: 'literal token in token_env', text: edit(['token_env: PULSE_GITLAB_TOKEN', `token_env: ${TOKEN}`]), expected: [['8:38 sources.gitlab.token_env', 'looks like a secret value, not an environment variable name: move it to a masked CI/CD variable']] },
  { name: 'long random string in token_env', text: edit(['token_env: PULSE_GITLAB_TOKEN', 'token_env: aB3dE5gH7jK9mN1pQ3sT5vX7']), expected: [['8:38 sources.gitlab.token_env', 'looks like a secret value']] },
  { name: 'lower-case env var name', text: edit(['token_env: PULSE_GITLAB_TOKEN', 'token_env: pulse_token']), expected: [['8:38 sources.gitlab.token_env', 'must be an environment variable name like PULSE_GITLAB_TOKEN']] },
  { name: 'token pasted into a definition', text: edit(['Distinct authors', `Distinct ${TOKEN} authors`]), expected: [['13:17 metrics[0].definition', 'contains what looks like a credential']] },
  {
    name: 'token pasted as an unknown key is still found',
    text: edit(['  fiscal_year_start: 2\n', `  fiscal_year_start: 2\n  ${TOKEN}: x\n`]),
    expected: [
      ['7:3 report.[MASKED]', 'unknown key "[MASKED]"'],
      ['7:3 report.[MASKED]', 'contains what looks like a credential'],
    ],
  },
  { name: 'bad timezone', text: edit(['  fiscal_year_start: 2\n', '  fiscal_year_start: 2\n  timezone: Europe/Atlantis\n']), expected: [['7:13 report.timezone', 'must be an IANA time zone like UTC or Europe/Berlin']] },
  { name: 'empty file', text: '', expected: [['1:1', 'the goals file is empty']] },
  { name: 'only comments', text: '# to do\n', expected: [['1:1', 'the goals file is empty']] },
  { name: 'non-mapping root', text: 'just some text\n', expected: [['1:1', 'must be a mapping of keys (version:, report:, sources:, metrics:, publish:), but it holds a single string value']] },
  { name: 'list root', text: '\n- version: 1\n- report: {}\n', expected: [['2:1', 'must be a mapping of keys (version:, report:, sources:, metrics:, publish:), but it holds a list']] },
  {
    name: 'several errors in one file, sorted by position',
    text: edit(['version: 1', 'version: 2'], ['  org: Developer Relations\n', ''], ['fiscal_year_start: 2', 'fiscal_year_start: 0'], ['source: gitlab', 'source: nowhere'], ['monthly: 170', 'monthly: -5']),
    expected: [
      ['1:10 version', 'must be 1'],
      ['3:3 report.org', 'is required'],
      ['5:22 report.fiscal_year_start', 'must be a month number'],
      ['13:13 metrics[0].source', 'no source named "nowhere"'],
      ['15:24 metrics[0].target.monthly', 'must not be negative'],
    ],
  },
  {
    name: 'syntax, duplicate key and schema errors together',
    text: edit(['  org: Developer Relations\n', '  org: Developer Relations\n  org: Again\n'], ['fiscal_year_start: 2', 'fiscal_year_start: 13'], ['group: gitlab-org }', 'group: gitlab-org']),
    expected: [
      ['5:3 report.org', 'YAML: Map keys must be unique'],
      ['7:22 report.fiscal_year_start', 'must be a month number'],
      ['17:5 metrics[0].target', 'YAML: Flow map in block collection'],
    ],
  },
];

describe('goals file errors: exact positions', () => {
  it('the base file is valid', () => {
    expect(problemsOf(BASE)).toEqual([]);
  });

  it.each(cases)('$name', ({ text, expected }) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(expected.length);
    problems.forEach((line, index) => {
      const [where, says] = expected[index] ?? ['', ''];
      const [position, path] = where.split(' ');
      const prefix = `goals.yml:${position}: ${path ? `${path} ` : ''}`;
      expect(line.startsWith(prefix), `${line}\n  should start with ${prefix}`).toBe(true);
      expect(line).toContain(says);
    });
  });
});

describe('the error as a whole', () => {
  it('is one PulseError EGOALSINVALID with a count and the hint', () => {
    let caught: unknown;
    try {
      parseGoals(edit(['version: 1', 'version: 3'], ['monthly: 170', 'monthly: -1']), 'teams/devrel/goals.yml');
    } catch (error) {
      caught = error;
    }
    expect(isPulseError(caught)).toBe(true);
    if (!isPulseError(caught)) return;
    expect(caught.code).toBe('EGOALSINVALID');
    expect(caught.message).toBe('teams/devrel/goals.yml is not a valid goals file (2 problems)');
    expect(caught.fix).toBe('see examples/goals.yml, or run community-pulse schema');
    expect(caught.details.every((l) => l.startsWith('teams/devrel/goals.yml:'))).toBe(true);
  });

  it('never repeats a pasted token, wherever it was pasted', () => {
    const text = edit(['token_env: PULSE_GITLAB_TOKEN', `token_env: ${TOKEN}`], ['Distinct authors', `Distinct ${TOKEN} authors`], ['source: gitlab', `source: ${TOKEN}`], ['id: contributors', `id: ${TOKEN}`]);
    let caught: unknown;
    try {
      parseGoals(text, 'goals.yml');
    } catch (error) {
      caught = error;
    }
    expect(isPulseError(caught)).toBe(true);
    if (!isPulseError(caught)) return;
    const everything = [caught.message, ...caught.details, caught.fix].join('\n');
    expect(everything).not.toContain('TESTTOKEN');
    expect(caught.details.length).toBeGreaterThanOrEqual(3);
  });
});
