// Every scalar in the goals file — keys and values, under any key — is checked for a credential.
// The schema already rejects a token in a `*_env` field; this also catches one pasted into a
// `definition`, a URL or a key, which would leak just as surely once the file is committed.
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type ParsedNode } from 'yaml';
import { findEmbeddedSecret, looksLikeSecret, SECRET_IN_ENV_FIELD, SECRET_IN_TEXT } from '../fields/fields.ts';
import type { GoalsIssue } from './issues.ts';

export interface SecretScan {
  issues: GoalsIssue[];
  /** The offending texts, so every line printed about this file can be masked. */
  found: string[];
}

export function scanForSecrets(doc: Document.Parsed<ParsedNode>): SecretScan {
  const issues: GoalsIssue[] = [];
  const found: string[] = [];

  const checkScalar = (value: unknown, path: Array<string | number>, at: 'key' | 'value', envField: boolean) => {
    if (typeof value !== 'string') return;
    const embedded = findEmbeddedSecret(value);
    if (envField && (embedded !== undefined || looksLikeSecret(value))) {
      found.push(value);
      issues.push({ path, message: SECRET_IN_ENV_FIELD, at });
    } else if (embedded !== undefined) {
      found.push(embedded);
      issues.push({ path, message: SECRET_IN_TEXT, at });
    }
  };

  const walk = (node: unknown, path: Array<string | number>, depth: number): void => {
    if (depth > 64 || isAlias(node)) return; // aliases repeat what their anchor holds
    if (isScalar(node)) {
      checkScalar(node.value, path, 'value', typeof path.at(-1) === 'string' && String(path.at(-1)).endsWith('_env'));
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : undefined;
        const name = typeof key === 'string' || typeof key === 'number' ? String(key) : '?';
        checkScalar(key, [...path, name], 'key', false);
        walk(pair.value, [...path, name], depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => {
        if (!isPair(item)) walk(item, [...path, index], depth + 1);
      });
    }
  };
  walk(doc.contents, [], 0);
  return { issues, found };
}
