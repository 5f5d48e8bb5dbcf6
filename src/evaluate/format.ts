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

/**
 * A unit as it reads after `value`. Rule, the same in every output: a unit that is a symbol (`%`)
 * sits right after the number ("50%"); a word unit follows after a space and, when the value is
 * exactly 1, its last word is made singular ("1 contributor", "1 merge request", "1 day"):
 * "people" → "person", "-ies" → "-y", a final "s" (not "ss") is dropped; anything else is left
 * as written. Goals files name units in the plural.
 */
export function unitAfter(value: number, unit: string | null | undefined): string {
  const u = unit?.trim() ?? '';
  if (u === '') return '';
  if (/^[%‰°]/.test(u)) return u;
  return ` ${value === 1 ? singular(u) : u}`;
}

function singular(unit: string): string {
  const m = /^(.*?)([A-Za-z]+)$/.exec(unit);
  if (!m) return unit;
  const [, head = '', word = ''] = m;
  const lower = word.toLowerCase();
  if (lower === 'people') return `${head}${word.slice(0, -6)}${word[0] === 'P' ? 'Person' : 'person'}`;
  if (lower.endsWith('ies') && word.length > 3) return `${head}${word.slice(0, -3)}y`;
  if (lower.endsWith('s') && !lower.endsWith('ss') && word.length > 1) return `${head}${word.slice(0, -1)}`;
  return unit;
}

/** 182 + "contributors" → "182 contributors"; 1 → "1 contributor"; 50 + "%" → "50%". */
export function formatAmount(value: number, unit: string | null | undefined): string {
  return `${formatNumber(value)}${unitAfter(value, unit)}`;
}
