// Wording helpers shared by logs, errors and summaries.

/** "1 metric", "3 metrics", "2 entries" (give `many` when it is not `one` + "s"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
