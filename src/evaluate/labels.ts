import type { HealthLabel, HealthLevel, MetricHealth } from './model.ts';

const LABELS: Record<HealthLevel, HealthLabel> = { 0: 'Unknown', 1: 'Problem', 2: 'Attention', 3: 'Okay' };

export function healthLabel(level: HealthLevel): HealthLabel {
  return LABELS[level];
}

export function healthOf(level: HealthLevel, reasons: string[]): MetricHealth {
  return { level, label: LABELS[level], reasons };
}
