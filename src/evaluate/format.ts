// Numbers and months in words, en-US, the same in every reason and template.
import { monthName as monthNameOf } from '../periods/names.ts';
import { formatMonth, type MonthRef } from '../periods/periods.ts';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** 1410 → "1,410"; 18.25 → "18.3" */
export function formatNumber(value: number): string {
  return number.format(value);
}

/** Signed whole percent: "+7%", "-12%", "0%". */
export function formatPercent(percent: number): string {
  const rounded = Math.round(percent);
  if (rounded === 0) return '0%';
  return `${rounded > 0 ? '+' : '-'}${Math.abs(rounded)}%`;
}

export function monthName(ref: MonthRef): string {
  return ref.month >= 1 && ref.month <= 12 ? monthNameOf(ref.month) : formatMonth(ref);
}

/** "October 2026" */
export function monthYear(ref: MonthRef): string {
  return `${monthName(ref)} ${ref.year}`;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'];

/** 3 → "third"; 13 → "13th"; 22 → "22nd" */
export function ordinal(n: number): string {
  const word = ORDINALS[n - 1];
  if (word) return word;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** ["November", "December"] → "November and December"; three or more → "A, B and C". */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}
