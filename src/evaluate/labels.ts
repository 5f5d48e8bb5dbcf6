import type { HealthLabel, HealthLevel, MetricHealth } from './model.ts';

const LABELS: Record<HealthLevel, HealthLabel> = { 0: 'Unknown', 1: 'Problem', 2: 'Attention', 3: 'Okay' };

export function healthLabel(level: HealthLevel): HealthLabel {
  return LABELS[level];
}

export function healthOf(level: HealthLevel, reasons: string[]): MetricHealth {
  return { level, label: LABELS[level], reasons };
}

/**
 * One health from a monthly and a period judgement of the same metric (docs/health.md): the worse
 * of the two judged levels (Problem < Attention < Okay), its reasons first, then the other's. A side
 * that could not be judged (Unknown: no total collected, a ramp that skips this quarter) does not
 * hide the other side's verdict; its reason is still listed. Both Unknown → Unknown.
 */
export function worseOf(a: MetricHealth, b: MetricHealth): MetricHealth {
  const judged = [a, b].filter((h) => h.level !== 0);
  const [first, second] = judged.length === 0 ? [a, b] : judged.length === 1 ? (judged[0] === a ? [a, b] : [b, a]) : a.level <= b.level ? [a, b] : [b, a];
  return healthOf(first.level, [...first.reasons, ...second.reasons]);
}
