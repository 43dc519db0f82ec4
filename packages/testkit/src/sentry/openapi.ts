import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { apiSpecsDir } from '../specs.js';

/**
 * Sentry's published OpenAPI 3.0 description as the fake's referee: which operation a request hits,
 * whether its path, query and body are what Sentry documents, and whether the fake's answers match.
 * The description's traps (see the specs folder's README) are handled here: `nullable` without a type
 * and enums listing null are rewritten for ajv, and issue updates take partial bodies.
 */

type Json = Record<string, any>;

interface Route {
  template: string;
  pattern: RegExp;
  names: string[];
  item: Json;
}

interface Spec {
  ajv: Ajv;
  routes: Route[];
  validators: Map<string, ValidateFunction>;
}

/** Sentry lists every field of these bodies as required, yet takes partial updates. */
const PARTIAL_BODIES = new Set([
  'PUT /api/0/organizations/{organization_id_or_slug}/issues/',
  'PUT /api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/',
]);

let loaded: Spec | undefined;

/** `nullable: true` (with or without a type) becomes anyOf [schema, null]; a null inside an enum is dropped (the anyOf allows it). */
export function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : rewriteNullable(value);
  const nullable = out.nullable === true;
  delete out.nullable;
  if (Array.isArray(out.enum) && out.enum.includes(null)) out.enum = out.enum.filter((value: unknown) => value !== null);
  return nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) if (key !== 'required' || !Array.isArray(value)) out[key] = withoutRequired(value);
  return out;
}

function spec(): Spec {
  if (loaded) return loaded;
  const document = JSON.parse(readFileSync(join(apiSpecsDir(), 'sentry/openapi-derefed.json'), 'utf8')) as Json;
  const ajv = new Ajv({ strict: false, logger: false, allErrors: false, validateFormats: true });
  (addFormatsModule as unknown as { default: (ajv: Ajv) => void }).default?.(ajv) ?? (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
  const routes = Object.entries(document.paths as Json)
    .map(([template, item]) => {
      const names: string[] = [];
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_match, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { template, pattern: new RegExp(`^${source}$`), names, item: item as Json };
    })
    // Literal segments win over parameters: /issues/{issue_id}/events/ before a wider template.
    .sort((a, b) => a.names.length - b.names.length);
  loaded = { ajv, routes, validators: new Map() };
  return loaded;
}

function validatorFor(key: string, schema: Json): ValidateFunction {
  const { ajv, validators } = spec();
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(rewriteNullable(schema) as Json);
    validators.set(key, validate);
  }
  return validate;
}

const describeErrors = (validate: ValidateFunction): string =>
  (validate.errors ?? [])
    .slice(0, 3)
    .map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''}`)
    .join('; ');

export interface SentryOperation {
  method: string;
  template: string;
  operationId: string;
  pathParams: Record<string, string>;
  definition: Json;
}

/** The documented operation for a method and path, or undefined when Sentry documents no such endpoint. */
export function findSentryOperation(method: string, path: string): SentryOperation | undefined {
  const lower = method.toLowerCase();
  for (const route of spec().routes) {
    const match = route.pattern.exec(path);
    if (!match || !route.item[lower]) continue;
    const definition = route.item[lower] as Json;
    return {
      method: lower,
      template: route.template,
      operationId: String(definition.operationId ?? definition.summary ?? route.template),
      pathParams: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])),
      definition,
    };
  }
  return undefined;
}

/** A query or path string as the type its schema documents (numbers where a number is expected). */
function coerce(value: string, schema: Json | undefined): unknown {
  const types = [schema?.type, ...((schema?.anyOf ?? schema?.oneOf ?? []) as Json[]).map((option) => option.type)];
  if ((types.includes('integer') || types.includes('number')) && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (types.includes('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

export interface SentryRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/** Everything wrong with a request according to Sentry's description (empty when it is valid). */
export function sentryRequestProblems(request: SentryRequest): string[] {
  const where = `${request.method} ${request.path}`;
  const operation = findSentryOperation(request.method, request.path);
  if (!operation) return [`${where}: no such endpoint in Sentry's API description`];
  const problems: string[] = [];
  const known = new Set<string>();
  for (const parameter of (operation.definition.parameters ?? []) as Json[]) {
    const schema = (parameter.schema ?? {}) as Json;
    const key = `param ${operation.method} ${operation.template} ${parameter.in} ${parameter.name}`;
    let value: unknown;
    if (parameter.in === 'path') value = coerce(operation.pathParams[parameter.name] ?? '', schema);
    else if (parameter.in === 'query') {
      known.add(parameter.name);
      const raw = request.query.getAll(parameter.name);
      if (!raw.length) {
        if (parameter.required) problems.push(`${where}: missing required query parameter ${parameter.name}`);
        continue;
      }
      if (schema.type !== 'array' && raw.length > 1) problems.push(`${where}: query parameter ${parameter.name} given ${raw.length} times`);
      value = schema.type === 'array' ? raw.map((item) => coerce(item, schema.items as Json)) : coerce(raw[0]!, schema);
    } else continue;
    const validate = validatorFor(key, schema);
    if (!validate(value)) problems.push(`${where}: ${parameter.in} parameter ${parameter.name}=${JSON.stringify(value)}: ${describeErrors(validate)}`);
  }
  for (const name of new Set(request.query.keys())) {
    if (!known.has(name)) problems.push(`${where}: unknown query parameter ${name} (documented: ${[...known].join(', ') || 'none'})`);
  }
  const bodySchema = operation.definition.requestBody?.content?.['application/json']?.schema as Json | undefined;
  if (bodySchema && request.body) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body);
    } catch {
      return [...problems, `${where}: body is not valid JSON`];
    }
    const partial = PARTIAL_BODIES.has(`${request.method.toUpperCase()} ${operation.template}`);
    const validate = validatorFor(`body ${operation.method} ${operation.template}`, (partial ? withoutRequired(bodySchema) : bodySchema) as Json);
    if (!validate(parsed)) problems.push(`${where}: body ${describeErrors(validate)}`);
  } else if (bodySchema && operation.definition.requestBody?.required) {
    problems.push(`${where}: missing required JSON body`);
  } else if (request.body && !bodySchema) {
    problems.push(`${where}: this endpoint takes no body`);
  }
  return problems;
}

/** Everything wrong with one of the fake's JSON answers according to the description. */
export function sentryResponseProblems(method: string, path: string, status: number, body: unknown): string[] {
  const where = `${method} ${path} → ${status}`;
  const operation = findSentryOperation(method, path);
  if (!operation) return [`${where}: no such endpoint in Sentry's API description`];
  const response = (operation.definition.responses as Json)[String(status)] as Json | undefined;
  if (!response) return status >= 400 ? [] : [`${where}: status ${status} is not documented`];
  const schema = response.content?.['application/json']?.schema as Json | undefined;
  if (!schema || body === undefined) return [];
  const validate = validatorFor(`response ${operation.method} ${operation.template} ${status}`, schema);
  return validate(body) ? [] : [`${where}: response ${describeErrors(validate)}`];
}
