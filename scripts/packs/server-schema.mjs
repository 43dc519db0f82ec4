// The MCP registry's server.json format (schema version below), as its published JSON Schema states it for
// the fields toolbridge uses: the same types, patterns, lengths, enums and required fields, written here
// because the schema file itself is not vendored. Stricter in one way: a field it does not list is an
// error, so a typo cannot pass as an unknown extension. Passing this schema implies passing the official one.
export const SERVER_SCHEMA_URL = 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

/** A version range is refused where the registry wants one exact version. */
const EXACT_VERSION = { type: 'string', minLength: 1, maxLength: 255, not: { anyOf: [{ const: 'latest' }, { pattern: '^[\\^~<>=]|[*xX](\\.|$)' }] } };

const input = {
  description: { type: 'string' },
  isRequired: { type: 'boolean' },
  isSecret: { type: 'boolean' },
  format: { enum: ['string', 'number', 'boolean', 'filepath'] },
  value: { type: 'string' },
  default: { type: 'string' },
  placeholder: { type: 'string' },
  choices: { type: 'array', items: { type: 'string' } },
};

const keyValueInput = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string', minLength: 1 }, ...input },
};

const argument = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: { type: { enum: ['positional', 'named'] }, name: { type: 'string' }, valueHint: { type: 'string' }, isRepeated: { type: 'boolean' }, ...input },
  if: { properties: { type: { const: 'named' } } },
  // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword
  then: { required: ['name'] },
  else: { anyOf: [{ required: ['valueHint'] }, { required: ['value'] }] },
};

const npmPackage = {
  type: 'object',
  additionalProperties: false,
  required: ['registryType', 'identifier', 'version', 'transport'],
  properties: {
    registryType: { const: 'npm' },
    registryBaseUrl: { type: 'string', format: 'uri' },
    identifier: { type: 'string', minLength: 1 },
    version: EXACT_VERSION,
    runtimeHint: { type: 'string' },
    transport: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { const: 'stdio' } } },
    runtimeArguments: { type: 'array', items: argument },
    packageArguments: { type: 'array', items: argument },
    environmentVariables: { type: 'array', items: keyValueInput },
  },
};

export const serverSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['$schema', 'name', 'description', 'version', 'packages'],
  properties: {
    $schema: { const: SERVER_SCHEMA_URL },
    name: { type: 'string', minLength: 3, maxLength: 200, pattern: '^[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+$' },
    title: { type: 'string', minLength: 1, maxLength: 100 },
    description: { type: 'string', minLength: 1, maxLength: 100 },
    version: EXACT_VERSION,
    websiteUrl: { type: 'string', format: 'uri' },
    repository: {
      type: 'object',
      additionalProperties: false,
      required: ['url', 'source'],
      properties: { url: { type: 'string', format: 'uri' }, source: { type: 'string' }, id: { type: 'string' }, subfolder: { type: 'string' } },
    },
    packages: { type: 'array', minItems: 1, items: npmPackage },
  },
};
