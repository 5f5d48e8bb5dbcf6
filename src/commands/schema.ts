// `community-pulse schema`: the goals file's JSON Schema, for editors and for goals.schema.json.
import { z } from 'zod';
import { EXIT } from '../errors.ts';
import { defineCommand, optionValue } from './define.ts';

export const schemaCommand = defineCommand({
  name: 'schema',
  summary: "Print the goals file's JSON Schema (for editor autocompletion).",
  usage: 'community-pulse schema',
  description: [
    'Prints the JSON Schema (draft-07) of the goals file, generated from the same zod schema that',
    '`check` uses: every field with its description, and every source type and query kind spelled',
    'out, so an editor can autocomplete them. Point your editor at it with a first line like',
    '  # yaml-language-server: $schema=./goals.schema.json',
    'Rules that span fields (a metric naming a defined source, one target kind) are only in `check`.',
  ].join('\n'),
  options: {},
  values: z.object({ verbose: optionValue.verbose }),
  examples: [{ command: 'community-pulse schema > goals.schema.json', says: 'Save it next to your goals.yml for the editor.' }],
  exitCodes: [EXIT.ok],
  async run(_values, ctx) {
    // The goals schema (every source's query kinds) is loaded only to print it, not for --help.
    const { goalsJsonSchemaText } = await import('../goals/json-schema.ts');
    ctx.stdout.write(goalsJsonSchemaText());
    return EXIT.ok;
  },
});
