// A small path expression for picking one number out of a JSON answer: a subset of JSONPath
// (RFC 9535) with no wildcards, filters or slices, so an expression always names exactly one
// place and "which of several numbers?" never arises. Grammar:
//   path    = "$" *segment
//   segment = "." name | "[" index "]" | "[" quoted "]"
//   name    = [A-Za-z_][A-Za-z0-9_-]*        (member name)
//   index   = ["-"] digits                    (array element; negative counts from the end)
//   quoted  = '...' or "..." with \\ \' \" escapes (any member name)
// Pure: no I/O. A library (jsonpath-plus, jsonpath) would bring script-like filter expressions,
// which a goals file edited by many hands should not be able to run.
import { cutText } from '../boundary.ts';

export type Step = { key: string } | { index: number };

export interface ParsedPath {
  text: string;
  steps: Step[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** Parses `text`, or returns why it is not a path (with the character position, 1-based). */
export function parsePath(text: string): ParsedPath | { error: string } {
  if (!text.startsWith('$')) return { error: 'must start with $ (the whole answer), e.g. $.data.total' };
  const steps: Step[] = [];
  let i = 1;
  const fail = (what: string) => ({ error: `${what} at character ${i + 1} of "${text}"` });
  while (i < text.length) {
    const c = text[i];
    if (c === '.') {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) return fail('expected a member name after "."');
      steps.push({ key: name });
      i += 1 + name.length;
    } else if (c === '[') {
      const rest = text.slice(i + 1);
      const index = /^(-?\d+)\]/.exec(rest);
      if (index?.[1] !== undefined) {
        const n = Number(index[1]);
        if (!Number.isSafeInteger(n)) return fail('index too large');
        steps.push({ index: n });
        i += 1 + index[0].length;
        continue;
      }
      const quote = rest[0];
      if (quote !== "'" && quote !== '"') return fail('expected an index or a quoted name after "["');
      let key = '';
      let j = 1;
      for (; j < rest.length && rest[j] !== quote; j++) {
        if (rest[j] === '\\') j++;
        if (j >= rest.length) break;
        key += rest[j];
      }
      if (rest[j] !== quote || rest[j + 1] !== ']') return fail(`expected ${quote}] to close the quoted name`);
      steps.push({ key });
      i += 1 + j + 2;
    } else {
      return fail(`unexpected "${c}" (use .name, [0] or ['name'])`);
    }
  }
  return { text, steps };
}

function stepText(step: Step): string {
  if ('index' in step) return `[${step.index}]`;
  return NAME.test(step.key) && NAME.exec(step.key)?.[0] === step.key ? `.${step.key}` : `[${JSON.stringify(step.key)}]`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The value at `path` in `data`, or why there is none: the error names the part of the path that
 * worked and the step that failed (`$.data` has no member "total"; its members: a, b).
 */
export function selectValue(data: unknown, path: ParsedPath): { value: unknown } | { error: string } {
  let here: unknown = data;
  let at = '$';
  for (const step of path.steps) {
    if ('index' in step) {
      if (!Array.isArray(here)) return { error: `${at} is ${kindOf(here)}, not an array, so ${at}${stepText(step)} does not exist` };
      const i = step.index < 0 ? here.length + step.index : step.index;
      if (i < 0 || i >= here.length) return { error: `${at} has ${here.length} elements, so ${at}${stepText(step)} does not exist` };
      here = here[i];
    } else {
      if (typeof here !== 'object' || here === null || Array.isArray(here)) return { error: `${at} is ${kindOf(here)}, not an object, so ${at}${stepText(step)} does not exist` };
      if (!Object.hasOwn(here, step.key)) {
        const keys = Object.keys(here);
        // Member names come from the API: each is cut, like every text an API answers.
        const shown = keys
          .slice(0, 10)
          .map((k) => JSON.stringify(cutText(k, 40)))
          .join(', ');
        return { error: `${at} has no member ${JSON.stringify(step.key)} (${keys.length ? `its members: ${shown}${keys.length > 10 ? ', …' : ''}` : 'it is empty'})` };
      }
      here = (here as Record<string, unknown>)[step.key];
    }
    at += stepText(step);
  }
  return { value: here };
}
