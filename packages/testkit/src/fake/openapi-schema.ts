/**
 * Turns the schemas of an OpenAPI 3.0 or Swagger 2.0 description into JSON Schema ajv compiles: the
 * OpenAPI-only `nullable`, Swagger's flat parameter schemas, and refs into the description.
 */

// biome-ignore lint/suspicious/noExplicitAny: descriptions are untyped JSON walked by key.
export type Json = Record<string, any>;

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema, and ajv refuses it without a `type` (GitHub and Sentry
 * have hundreds): a swallowed compile error would validate nothing. Every nullable schema becomes
 * anyOf [schema, {type: null}], and an enum that also lists null (Sentry's) drops the duplicate.
 */
export function rewriteNullable(node: unknown, isPropertyMap = false): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteNullable(item));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    // Examples are data, left alone; in a `properties` map every key names a schema, even "example".
    out[key] = !isPropertyMap && (key === 'example' || key === 'examples') ? value : rewriteNullable(value, key === 'properties');
  }
  if (isPropertyMap) return out;
  if (typeof out.nullable !== 'boolean') return out;
  const nullable = out.nullable;
  delete out.nullable;
  if (!nullable) return out;
  if (Array.isArray(out.enum)) out.enum = out.enum.filter((value: unknown) => value !== null);
  return { anyOf: [out, { type: 'null' }] };
}

/** Keys of a Swagger 2.0 parameter that describe its value (the rest describe the parameter). */
const SWAGGER_VALUE_KEYS = ['type', 'format', 'items', 'enum', 'default', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'];
const SWAGGER_MORE_KEYS = ['minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf'];

/** A parameter's value schema: OpenAPI 3's `schema`, or the flat keys of a Swagger 2.0 parameter. */
export function parameterSchema(parameter: Json): Json {
  if (parameter.schema) return parameter.schema as Json;
  const schema: Json = {};
  for (const key of [...SWAGGER_VALUE_KEYS, ...SWAGGER_MORE_KEYS]) if (key in parameter) schema[key] = parameter[key];
  // Swagger's `file` type has no JSON Schema counterpart; any value is accepted.
  if (schema.type === 'file') delete schema.type;
  return schema;
}

const SEPARATORS: Record<string, string> = { csv: ',', ssv: ' ', tsv: '\t', pipes: '|', spaceDelimited: ' ', pipeDelimited: '|' };

/**
 * How an array parameter arrives in a query or form: repeated keys (undefined) or one value split by a
 * separator. OpenAPI 3 defaults to repeated keys (form, explode); Swagger 2.0 to comma-separated.
 */
export function arraySeparator(parameter: Json, swagger2: boolean): string | undefined {
  if (swagger2) return parameter.collectionFormat === 'multi' ? undefined : (SEPARATORS[parameter.collectionFormat ?? 'csv'] ?? ',');
  if (parameter.style && parameter.style !== 'form') return SEPARATORS[parameter.style];
  return parameter.explode === false ? ',' : undefined;
}

/** Resolves a local ref (#/components/…, #/definitions/…) in the description. */
export function resolveRef<T = Json>(document: Json, node: Json | undefined): T | undefined {
  if (!node || typeof node.$ref !== 'string') return node as T | undefined;
  let target: unknown = document;
  for (const part of node.$ref.slice(2).split('/')) target = (target as Json | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return target as T | undefined;
}

/** A schema from the description, ready to compile: nullable rewritten, local refs pointing at the registered description. */
export function anchored(schema: Json, documentId: string): Json {
  const text = JSON.stringify(rewriteNullable(schema)).replaceAll('"$ref":"#/', `"$ref":"${documentId}#/`);
  return JSON.parse(text) as Json;
}

/** The parts of a description refs point into (components, definitions), rewritten, to register with ajv. */
export function referencedParts(document: Json, documentId: string): Json {
  return {
    $id: documentId,
    ...(document.components ? { components: rewriteNullable(document.components) } : {}),
    ...(document.definitions ? { definitions: rewriteNullable(document.definitions) } : {}),
  };
}
