// Reads a service-account key from the value of an env var without ever echoing it: error
// messages name fields, never values. GitLab masked variables cannot hold JSON (braces, spaces,
// newlines), so base64 of the key file is accepted too, and a "File" type variable (whose value
// is a path) is read from disk.
import { readFileSync } from 'node:fs';
import { PulseError } from '../../errors.ts';
import { googleCredentials } from '../../errors/env.ts';
import { serviceAccountKeySchema, type ServiceAccountKey } from './responses.ts';

function decode(value: string): string {
  const text = value.trim();
  if (text.startsWith('{')) return text;
  if (text.startsWith('/') && !text.includes('\n')) {
    try {
      return readFileSync(text, 'utf8');
    } catch {
      throw googleCredentials('env var holds a path that cannot be read');
    }
  }
  if (/^[A-Za-z0-9+/=_-]+$/.test(text)) return Buffer.from(text, 'base64').toString('utf8');
  return text;
}

export function parseServiceAccountKey(credentialsJson: string): ServiceAccountKey {
  let json: unknown;
  try {
    json = JSON.parse(decode(credentialsJson));
  } catch (error) {
    if (error instanceof PulseError) throw error;
    // The parser's message quotes the text around the error, which may be part of the key.
    throw googleCredentials('are not valid JSON (nor base64 of JSON)');
  }
  const parsed = serviceAccountKeySchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw googleCredentials(`are missing or have invalid fields: ${fields}`);
  }
  return parsed.data;
}
