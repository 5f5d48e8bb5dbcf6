// What the npm and pypi sources report for several packages: the sum as the value, and each
// package's own figure in the note readers see beside it ("acme-sdk 31,000 · @acme/cli 12,400").
import type { MetricOutcome } from './types.ts';

export function packageOutcome(packages: ReadonlyArray<{ name: string; downloads: number }>): MetricOutcome {
  const value = packages.reduce((sum, p) => sum + p.downloads, 0);
  if (packages.length < 2) return { value, status: 'ok' };
  return { value, status: 'ok', note: `By package: ${packages.map((p) => `${p.name} ${p.downloads.toLocaleString('en')}`).join(' · ')}.` };
}
