// The part of the Adaptive Card 1.5 JSON Schema that a summary card uses, transcribed by hand from
// the official schema (adaptivecards.io/schemas/adaptive-card.json, version 1.5.0 in the
// microsoft/AdaptiveCards repository, schemas/1.5.0/adaptive-card.json): the same property names,
// required properties and enumerations, `additionalProperties: false` as there. Elements and
// actions the card does not use are refused here rather than described. Checked with Ajv.

const enumOf = (...values: string[]) => ({ type: 'string', enum: values });
const spacing = enumOf('default', 'none', 'small', 'medium', 'large', 'extraLarge', 'padding');
const common = { id: { type: 'string' }, isVisible: { type: 'boolean' }, separator: { type: 'boolean' }, spacing };

export const adaptiveCardSchema = {
  $id: 'https://community-pulse.invalid/schemas/adaptive-card-1.5-subset.json',
  type: 'object',
  definitions: {
    TextBlock: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'text'],
      properties: {
        type: { const: 'TextBlock' },
        text: { type: 'string' },
        color: enumOf('default', 'dark', 'light', 'accent', 'good', 'warning', 'attention'),
        fontType: enumOf('default', 'monospace'),
        horizontalAlignment: enumOf('left', 'center', 'right'),
        isSubtle: { type: 'boolean' },
        maxLines: { type: 'number' },
        size: enumOf('default', 'small', 'medium', 'large', 'extraLarge'),
        weight: enumOf('default', 'lighter', 'bolder'),
        wrap: { type: 'boolean' },
        style: enumOf('default', 'heading'),
        ...common,
      },
    },
    Fact: {
      type: 'object',
      additionalProperties: false,
      required: ['title', 'value'],
      properties: { title: { type: 'string' }, value: { type: 'string' } },
    },
    FactSet: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'facts'],
      properties: { type: { const: 'FactSet' }, facts: { type: 'array', items: { $ref: '#/definitions/Fact' } }, ...common },
    },
    Column: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { const: 'Column' },
        items: { type: 'array', items: { $ref: '#/definitions/Element' } },
        width: { anyOf: [{ type: 'string', pattern: '^(auto|stretch|[0-9]+px)$' }, { type: 'number' }] },
        style: enumOf('default', 'emphasis', 'good', 'attention', 'warning', 'accent'),
        verticalContentAlignment: enumOf('top', 'center', 'bottom'),
        ...common,
      },
    },
    ColumnSet: {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: { type: { const: 'ColumnSet' }, columns: { type: 'array', items: { $ref: '#/definitions/Column' } }, style: enumOf('default', 'emphasis', 'good', 'attention', 'warning', 'accent'), ...common },
    },
    Container: {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'items'],
      properties: {
        type: { const: 'Container' },
        items: { type: 'array', items: { $ref: '#/definitions/Element' } },
        style: enumOf('default', 'emphasis', 'good', 'attention', 'warning', 'accent'),
        bleed: { type: 'boolean' },
        ...common,
      },
    },
    Element: { oneOf: [{ $ref: '#/definitions/TextBlock' }, { $ref: '#/definitions/FactSet' }, { $ref: '#/definitions/ColumnSet' }, { $ref: '#/definitions/Container' }] },
    'Action.OpenUrl': {
      type: 'object',
      additionalProperties: false,
      required: ['type', 'url'],
      properties: { type: { const: 'Action.OpenUrl' }, url: { type: 'string', format: 'uri' }, title: { type: 'string' }, style: enumOf('default', 'positive', 'destructive'), id: { type: 'string' }, tooltip: { type: 'string' } },
    },
  },
  additionalProperties: false,
  required: ['type', 'version'],
  properties: {
    type: { const: 'AdaptiveCard' },
    version: { type: 'string', pattern: '^1\\.[0-5]$' },
    $schema: { type: 'string', format: 'uri' },
    body: { type: 'array', items: { $ref: '#/definitions/Element' } },
    actions: { type: 'array', items: { $ref: '#/definitions/Action.OpenUrl' } },
    fallbackText: { type: 'string' },
    speak: { type: 'string' },
    lang: { type: 'string' },
  },
} as const;

/** The message a Teams webhook takes: one attachment holding the card (Teams' "message" format). */
export const teamsMessageSchema = {
  $id: 'https://community-pulse.invalid/schemas/teams-webhook-message.json',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'attachments'],
  properties: {
    type: { const: 'message' },
    attachments: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['contentType', 'content'],
        properties: { contentType: { const: 'application/vnd.microsoft.card.adaptive' }, contentUrl: { type: 'null' }, content: { $ref: 'adaptive-card-1.5-subset.json' } },
      },
    },
  },
} as const;
