import * as z from 'zod';
import { precomputedSchema, type ToolSchemas } from '../prelude.js';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema of a tool's input or output as the model sees it, without what costs tokens and tells a
 * model nothing: `$schema`, the ±2^53-1 bounds zod puts on every integer, and `minLength: 1` on strings
 * (no model sends an empty owner; the input is still validated, and an empty one refused with a message).
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', override: dropNoise }) as JsonSchema;
  return rest;
}

interface SchemaHolder {
  name: string;
  input: z.ZodType;
  output: z.ZodType;
}

/** A tool's JSON Schema as tools/list shows it: the build's copy when the bin carries one, else converted now. */
export function schemaOf(tool: SchemaHolder, io: 'input' | 'output'): JsonSchema {
  return precomputedSchema(tool.name, io) ?? toJsonSchema(tool[io], io);
}

/** Every tool's JSON Schemas, computed once at build time for the bin bundle (scripts/bundle-bin.mjs). */
export function toolSchemas(tools: readonly SchemaHolder[]): ToolSchemas {
  return Object.fromEntries(tools.map((tool) => [tool.name, { input: toJsonSchema(tool.input, 'input'), output: toJsonSchema(tool.output, 'output') }]));
}

function dropNoise({ jsonSchema }: { jsonSchema: JsonSchema }): void {
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  if (jsonSchema.type === 'string' && jsonSchema.minLength === 1) delete jsonSchema.minLength;
}

/** A one-line signature of an input schema, for error messages: `{owner: string, repo: string, state?: "open"|"closed"}`. */
export function describeShape(schema: JsonSchema): string {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  const fields = Object.entries(properties).map(([name, property]) => `${name}${required.has(name) ? '' : '?'}: ${typeName(property)}`);
  return `{${fields.join(', ')}}`;
}

function typeName(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return schema.enum.map((value) => JSON.stringify(value)).join('|');
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(typeName).join('|');
  if (schema.type === 'array') return `${typeName((schema.items ?? {}) as JsonSchema)}[]`;
  return typeof schema.type === 'string' ? schema.type : 'any';
}
