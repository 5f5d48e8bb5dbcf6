// "did you mean token_env?" for an unknown key: the closest name any goals-file field has, taken
// from the editor JSON Schema so the vocabulary never drifts from the schema itself.
import { goalsJsonSchema } from './json-schema.ts';

let vocabulary: string[] | undefined;

function collect(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collect(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && typeof value === 'object' && value !== null) for (const name of Object.keys(value)) into.add(name);
      collect(value, into);
    }
  }
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}

/** The known field name closest to `key` (at most 2 edits, and not longer than the key itself), if any. */
export function suggestKey(key: string): string | undefined {
  if (!vocabulary) {
    const names = new Set<string>();
    collect(goalsJsonSchema(), names);
    vocabulary = [...names];
  }
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(key.length / 3));
  for (const name of vocabulary) {
    const d = distance(key.toLowerCase(), name);
    if (d > 0 && d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}
