// Ajv validators for the Teams webhook message and its Adaptive Card (adaptive-card-schema.ts).
import { Ajv } from 'ajv';
import { adaptiveCardSchema, teamsMessageSchema } from './adaptive-card-schema.ts';

const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
ajv.addSchema(adaptiveCardSchema);
const validateMessage = ajv.compile(teamsMessageSchema);

/** Schema errors of a Teams webhook message (empty when valid), as "path: message" lines. */
export function teamsMessageErrors(message: unknown): string[] {
  if (validateMessage(message)) return [];
  return (validateMessage.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? 'invalid'}`);
}
