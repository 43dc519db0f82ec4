import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * GitHub's published REST description (@octokit/openapi) as a validator for the fake: which operation a
 * request hits, whether its parameters and body are valid, and whether a response matches its schema.
 */

type Json = Record<string, any>;
const SPEC_ID = 'https://openapi.github.test/spec';

export interface Operation {
  method: string;
  /** The description's path template, e.g. /repos/{owner}/{repo}/issues */
  template: string;
  operationId: string;
  pathParams: Record<string, string>;
  definition: Json;
}

interface Spec {
  document: Json;
  ajv: Ajv;
  routes: Array<{ template: string; pattern: RegExp; names: string[]; item: Json }>;
  validators: Map<string, ValidateFunction>;
}

let loaded: Spec | undefined;

/**
 * OpenAPI 3.0's `nullable: true` is not JSON Schema; ajv rejects it (and would validate nothing if the
 * compile error were swallowed), so every nullable schema becomes anyOf [schema, null].
 */
function rewriteNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteNullable);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'example' || key === 'examples' ? value : rewriteNullable(value);
  if (out.nullable === true) {
    delete out.nullable;
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

function spec(): Spec {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const raw = JSON.parse(readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8')) as Json;
  const document = { paths: raw.paths, components: rewriteNullable({ schemas: raw.components.schemas }) as Json };
  document.components.parameters = raw.components.parameters;
  document.components.responses = raw.components.responses;
  const ajv = new Ajv({ strict: false, logger: false, allErrors: false, validateFormats: true });
  (addFormatsModule as unknown as { default: (ajv: Ajv) => void }).default?.(ajv) ?? (addFormatsModule as unknown as (ajv: Ajv) => void)(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: document.components });
  const routes = Object.entries(raw.paths as Json)
    .map(([template, item]) => {
      const names: string[] = [];
      const segments = template.split('/');
      const source = segments
        .map((segment, index) =>
          segment.replace(/\{([^}]+)\}/g, (_, name: string) => {
            names.push(name);
            // A trailing {path} (file paths) may hold slashes.
            return name === 'path' && index === segments.length - 1 ? '(.+)' : '([^/]+)';
          }),
        )
        .join('/');
      return { template, pattern: new RegExp(`^${source}$`), names, item: item as Json };
    })
    // Literal segments win over parameters: /issues/comments before /issues/{issue_number}.
    .sort((a, b) => a.names.length - b.names.length);
  loaded = { document: raw, ajv, routes, validators: new Map() };
  return loaded;
}

function resolveRef<T = Json>(node: Json | undefined): T | undefined {
  if (!node || typeof node.$ref !== 'string') return node as T | undefined;
  let target: unknown = spec().document;
  for (const part of node.$ref.slice(2).split('/')) target = (target as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  return target as T;
}

/** Component refs point into the schema registered under SPEC_ID; inline schemas get the same treatment as components. */
function anchored(schema: Json): Json {
  const text = JSON.stringify(rewriteNullable(schema)).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`);
  return JSON.parse(text) as Json;
}

function validatorFor(key: string, schema: Json): ValidateFunction {
  const { ajv, validators } = spec();
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(anchored(schema));
    validators.set(key, validate);
  }
  return validate;
}

const describeErrors = (validate: ValidateFunction): string =>
  (validate.errors ?? [])
    .slice(0, 3)
    .map(
      (error) =>
        `${error.instancePath || '(root)'} ${error.message ?? ''}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
    )
    .join('; ');

/** The documented operation for a method and path, or undefined when GitHub has no such endpoint. */
export function findOperation(method: string, path: string): Operation | undefined {
  const lower = method.toLowerCase();
  for (const route of spec().routes) {
    const match = route.pattern.exec(path);
    if (!match || !route.item[lower]) continue;
    const definition = route.item[lower] as Json;
    return {
      method: lower,
      template: route.template,
      operationId: String(definition.operationId),
      pathParams: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])),
      definition,
    };
  }
  return undefined;
}

function coerce(value: string, schema: Json): unknown {
  const type = schema.type;
  if (type === 'integer' || type === 'number') return value.trim() === '' || Number.isNaN(Number(value)) ? value : Number(value);
  if (type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  if (type === 'array') return value.split(',');
  return value;
}

export interface RequestToCheck {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  contentType?: string | undefined;
}

/** Everything wrong with a request according to the description (empty when it is valid). */
export function requestProblems(request: RequestToCheck): string[] {
  const where = `${request.method} ${request.path}`;
  const operation = findOperation(request.method, request.path);
  if (!operation) return [`${where}: no such endpoint in GitHub's REST API`];
  const problems: string[] = [];
  const parameters = ((operation.definition.parameters ?? []) as Json[]).map((parameter) => resolveRef(parameter)!);
  const known = new Set<string>();
  for (const parameter of parameters) {
    const schema = (parameter.schema ?? {}) as Json;
    const key = `param ${operation.method} ${operation.template} ${parameter.in} ${parameter.name}`;
    let value: unknown;
    if (parameter.in === 'path') value = coerce(operation.pathParams[parameter.name] ?? '', schema);
    else if (parameter.in === 'query') {
      known.add(parameter.name);
      const raw = request.query.get(parameter.name);
      if (raw === null) {
        if (parameter.required) problems.push(`${where}: missing required query parameter ${parameter.name}`);
        continue;
      }
      value = coerce(raw, schema);
    } else continue;
    const validate = validatorFor(key, schema);
    if (!validate(value)) problems.push(`${where}: ${parameter.in} parameter ${parameter.name}=${JSON.stringify(value)}: ${describeErrors(validate)}`);
  }
  for (const name of new Set(request.query.keys())) {
    if (!known.has(name)) problems.push(`${where}: unknown query parameter ${name} (documented: ${[...known].join(', ') || 'none'})`);
  }
  const requestBody = resolveRef(operation.definition.requestBody as Json | undefined);
  const bodySchema = requestBody?.content?.['application/json']?.schema as Json | undefined;
  if (requestBody && bodySchema && ['post', 'put', 'patch', 'delete'].includes(operation.method)) {
    if (!request.body) {
      if (requestBody.required) problems.push(`${where}: missing required JSON body`);
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(request.body);
      } catch {
        problems.push(`${where}: body is not valid JSON`);
        return problems;
      }
      const validate = validatorFor(`body ${operation.method} ${operation.template}`, bodySchema);
      if (!validate(parsed)) problems.push(`${where}: body ${describeErrors(validate)}`);
    }
  } else if (request.body && !requestBody && operation.method !== 'get') {
    problems.push(`${where}: this endpoint takes no body`);
  }
  return problems;
}

/** Everything wrong with a JSON response according to the description (empty when it matches). */
export function responseProblems(method: string, path: string, status: number, body: unknown): string[] {
  const where = `${method} ${path} → ${status}`;
  const operation = findOperation(method, path);
  if (!operation) return [`${where}: no such endpoint in GitHub's REST API`];
  const responses = operation.definition.responses as Json;
  const response = resolveRef(responses[String(status)] as Json | undefined);
  if (!response) return status >= 400 ? [] : [`${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
  const schema = response.content?.['application/json']?.schema as Json | undefined;
  if (!schema || typeof body === 'string' || body === undefined) return [];
  const validate = validatorFor(`response ${operation.method} ${operation.template} ${status}`, schema);
  return validate(body) ? [] : [`${where}: response ${describeErrors(validate)}`];
}

/** Loads and indexes the description now (it takes a moment), e.g. in a beforeAll. */
export function preloadOpenApi(): void {
  spec();
}
