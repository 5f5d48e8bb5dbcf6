// A mapping key that is a list or mapping is a positioned goals error, not a yaml warning on stderr.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BASE, problemsOf } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

describe('complex mapping keys', () => {
  it('are reported with their position, and yaml prints no warning', () => {
    const warned = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const text = BASE.replace('  fiscal_year_start: 2\n', '  fiscal_year_start: 2\n  ? [a, b]\n  : 1\n');
    expect(problemsOf(text)).toContain('goals.yml:7:5: report a key must be a plain name, not a list or mapping');
    expect(warned).not.toHaveBeenCalled();
  });
});
