// The example is documentation people copy: it must stay valid, cover every source type, and
// show each target kind the issue promises (monthly, quarterly, yearly, ramp, direction lower).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadGoals } from '../../src/goals/load.ts';
import { sources } from '../../src/sources/index.ts';

const path = new URL('../../examples/goals.yml', import.meta.url);

describe('examples/goals.yml', async () => {
  const { goals, envNames } = await loadGoals(path.pathname);
  const text = readFileSync(path, 'utf8');

  it('points editors at the committed JSON Schema on its first line', () => {
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../goals.schema.json');
  });

  it('uses every registered source type, with the other examples/*.goals.yml files', async () => {
    const others = readdirSync(new URL('../../examples/', import.meta.url)).filter((f) => f.endsWith('.goals.yml'));
    const types = new Set(Object.values(goals.sources).map((s) => s.type));
    for (const file of others) for (const s of Object.values((await loadGoals(new URL(`../../examples/${file}`, import.meta.url).pathname)).goals.sources)) types.add(s.type);
    expect(types).toEqual(new Set(sources.keys()));
  });

  it('shows every kind of target, and a lower-is-better metric', () => {
    const targets = goals.metrics.map((m) => m.target);
    for (const kind of ['monthly', 'quarterly', 'yearly', 'ramp'] as const)
      expect(
        targets.some((t) => t?.[kind] !== undefined),
        kind,
      ).toBe(true);
    const ttfr = goals.metrics.find((m) => m.query.kind === 'time_to_first_response');
    expect(ttfr?.target?.direction).toBe('lower');
    expect(goals.report.fiscal_year_start).toBe(2);
    expect(goals.metrics.find((m) => m.id === 'wider-community-contributors')).toMatchObject({ is_key: true, target: { monthly: 170 } });
  });

  it('comments every line for a first-time reader', () => {
    const uncommented = text.split('\n').filter((line) => line.trim() !== '' && !line.includes('#'));
    expect(uncommented).toEqual([]);
  });

  it('reports every env var name, defaults and publish settings included, once each', () => {
    expect(envNames).toContain('PULSE_HANDBOOK_TOKEN');
    expect(envNames).toContain('PULSE_SMTP_PASSWORD');
    expect(envNames).toContain('PULSE_YOUTUBE_REFRESH_TOKEN');
    expect(new Set(envNames).size).toBe(envNames.length);
  });
});
