// Axis tops that read well: 170 → 200, 1,410 → 1,500, 0 → 1.

/** The smallest 1, 2, 2.5, 5 × 10^n at or above `max` × 1.05 (room above the highest point). */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const target = max * 1.05;
  const power = 10 ** Math.floor(Math.log10(target));
  for (const step of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (step * power >= target) return step * power;
  return 10 * power;
}
