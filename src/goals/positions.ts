// Where a path points in the YAML source. Errors must land on what the user has to edit: the
// offending value, the unknown key itself, or — for a key that is missing — the mapping that
// should hold it (the deepest part of the path that exists).
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type ParsedNode, type Scalar } from 'yaml';
import type { IssuePath } from './issues.ts';

export interface Located {
  /** Offset into the source text. */
  offset: number;
  /** False when the path ends at a key that is not in the file (a missing key). */
  found: boolean;
}

type AnyDocument = Document.Parsed<ParsedNode> | Document;

function start(node: Node | null | undefined): number | undefined {
  return node?.range?.[0];
}

/** A scalar with no text (`key:` with nothing after it) has no useful position of its own. */
function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.range !== undefined && node.range !== null && node.range[0] === node.range[1];
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String((key as Scalar).value);
  return undefined;
}

function deref(doc: AnyDocument, node: unknown): unknown {
  // Aliases point at their anchor; following them lets a path continue through `*anchor`.
  return isAlias(node) ? node.resolve(doc as Document) : node;
}

/** Resolves `path` as deep as the document allows and returns where to point. */
export function locate(doc: AnyDocument, path: IssuePath, at: 'key' | 'value' = 'value'): Located {
  let node: unknown = doc.contents;
  let key: Node | undefined;
  let last = start(doc.contents as Node | null) ?? 0;
  for (const segment of path) {
    node = deref(doc, node);
    let next: unknown;
    let nextKey: Node | undefined;
    if (isMap(node)) {
      // The last pair wins, as in the parsed value: with a duplicate key, the value zod saw is the last one.
      const pair = node.items.findLast((p) => keyText(p.key) === String(segment));
      if (pair) {
        next = pair.value;
        nextKey = isScalar(pair.key) ? pair.key : undefined;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment];
    }
    if (next === undefined && nextKey === undefined) return { offset: last, found: false };
    node = next;
    key = nextKey;
    last = (isEmptyScalar(node) ? start(key) : undefined) ?? start(node as Node | null) ?? start(key) ?? last;
  }
  if (at === 'key' && key) return { offset: start(key) ?? last, found: true };
  return { offset: last, found: true };
}

/** The path of the deepest key or value containing `offset` (to name the field a YAML error is in). */
export function pathAt(doc: AnyDocument, offset: number): IssuePath {
  const path: Array<string | number> = [];
  let node: unknown = doc.contents;
  const inside = (n: unknown) => {
    const range = (n as Node | null | undefined)?.range;
    return range !== undefined && range !== null && range[0] <= offset && offset < range[2];
  };
  for (let depth = 0; depth < 100; depth++) {
    let next: unknown;
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = keyText(pair.key);
        if (name === undefined) continue;
        if (inside(pair.key)) return [...path, name];
        if (inside(pair.value)) {
          path.push(name);
          next = pair.value;
          break;
        }
      }
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => !isPair(item) && inside(item));
      if (index >= 0) {
        path.push(index);
        next = node.items[index];
      }
    }
    if (next === undefined) return path;
    node = next;
  }
  return path;
}
