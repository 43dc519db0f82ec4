import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readSpec } from '../specs.js';
import { anchored, arraySeparator, type Json, parameterSchema, referencedParts, resolveRef } from './openapi-schema.js';

/**
 * One validator for the REST descriptions the fakes use (OpenAPI 3.0 like GitHub's and Sentry's, Swagger
 * 2.0 like Slack's): which operation a request hits, what is wrong with its parameters and body, and
 * whether an answer matches its documented schema. Every schema it validates with is compiled by ajv; a
 * schema that does not compile is reported as a problem, never skipped.
 */

export interface OpenApiOptions {
  /** The API, as problems name it: "no such endpoint in Sentry's API". */
  name: string;
  /**
   * Any method reaches an operation, and its query and form parameters may arrive in the query string or
   * in a form or JSON body alike (Slack's Web API, whose description gives one verb per method).
   */
  anyMethod?: boolean;
  /** Parameters that carry the credential (Slack's `token`): the fake's auth check handles them, not the description. */
  credentialParameters?: string[];
  /** Operations ("PUT /api/0/…/issues/{issue_id}/") that take partial bodies although their schema lists every field as required (Sentry). */
  partialBodies?: string[];
  /** Path parameters that may hold slashes when they end the template (GitHub's file `{path}`). */
  slashParameters?: string[];
}

export interface Operation {
  /** Lower case, as in the description. */
  method: string;
  /** The description's path template, e.g. /repos/{owner}/{repo}/issues */
  template: string;
  operationId: string;
  pathParams: Record<string, string>;
  /** The description's operation object. */
  definition: Json;
}

export interface RequestToCheck {
  method: string;
  /** The path as the description writes it (without the fake's base path). */
  path: string;
  query: URLSearchParams;
  body: string;
  contentType?: string | undefined;
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  /** Arrays in a query or form: undefined for repeated keys, else the separator of a single value. */
  separator: string | undefined;
}

interface PathRoute {
  template: string;
  pattern: RegExp;
  names: string[];
  item: Json;
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: URLSearchParams } | { kind: 'bad-json' } | { kind: 'other' };

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;

export class OpenApi {
  readonly name: string;
  private readonly swagger2: boolean;
  private readonly id: string;
  private readonly routes: PathRoute[];
  /** Bodies and answers: JSON as sent. */
  private readonly exact: Ajv;
  /** Path, query and form values arrive as strings: coerced to the documented type, every problem reported. */
  private readonly coercing: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(
    private readonly document: Json,
    private readonly options: OpenApiOptions,
  ) {
    this.name = options.name;
    this.swagger2 = String(document.swagger ?? '').startsWith('2');
    this.id = `https://openapi.fake.test/${encodeURIComponent(options.name)}`;
    const parts = referencedParts(document, this.id);
    this.exact = new Ajv({ strict: false, logger: false });
    this.coercing = new Ajv({ strict: false, logger: false, coerceTypes: 'array', allErrors: true });
    for (const ajv of [this.exact, this.coercing]) {
      addFormats(ajv);
      ajv.addSchema(parts);
    }
    this.routes = Object.entries(document.paths as Json)
      .map(([template, item]) => this.route(template, item as Json))
      // Literal segments win over parameters: /issues/comments before /issues/{issue_number}.
      .sort((a, b) => a.names.length - b.names.length);
  }

  private route(template: string, item: Json): PathRoute {
    const names: string[] = [];
    const segments = template.split('/');
    const source = segments
      .map((segment, index) =>
        segment.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_, name: string) => {
          names.push(name);
          return index === segments.length - 1 && this.options.slashParameters?.includes(name) ? '(.+)' : '([^/]+)';
        }),
      )
      .join('/');
    return { template, pattern: new RegExp(`^${source}$`), names, item };
  }

  /** The documented operation for a method and path, or undefined when the service has no such endpoint. */
  findOperation(method: string, path: string): Operation | undefined {
    const lower = method.toLowerCase();
    for (const route of this.routes) {
      const match = route.pattern.exec(path);
      const key = route.item[lower] ? lower : this.options.anyMethod ? HTTP_METHODS.find((candidate) => route.item[candidate]) : undefined;
      if (!match || !key) continue;
      const definition = route.item[key] as Json;
      return {
        method: key,
        template: route.template,
        operationId: String(definition.operationId),
        pathParams: Object.fromEntries(route.names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)])),
        definition,
      };
    }
    return undefined;
  }

  /** Everything wrong with a request according to the description (empty when it is valid). */
  requestProblems(request: RequestToCheck): string[] {
    const where = `${request.method} ${request.path}`;
    const operation = this.findOperation(request.method, request.path);
    if (!operation) return [this.noSuchEndpoint(where, request.method, request.path)];
    try {
      return this.checkRequest(operation, request).map((problem) => `${where}: ${problem}`);
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  }

  private noSuchEndpoint(where: string, method: string, path: string): string {
    const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
    const hint = this.findOperation(method, other) ? ` (${other} is documented)` : '';
    return `${where}: no such endpoint in ${this.name}${hint}`;
  }

  /** Everything wrong with a JSON answer according to the description (empty when it matches). */
  responseProblems(method: string, path: string, status: number, body: unknown): string[] {
    const where = `${method} ${path} → ${status}`;
    const operation = this.findOperation(method, path);
    if (!operation) return [this.noSuchEndpoint(where, method, path)];
    const responses = operation.definition.responses as Json;
    if (!responses[String(status)]) {
      return status >= 400 ? [] : [`${where}: status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`];
    }
    const schema = this.responseSchema(operation, String(status));
    if (!schema || typeof body === 'string' || body === undefined) return [];
    try {
      const validate = this.validator(this.exact, `response ${operation.method} ${operation.template} ${status}`, schema);
      return validate(body) ? [] : [`${where}: response ${describe(validate.errors)}`];
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  }

  /** Compiles every parameter, body and (unless told not to) answer schema now; returns the ones that do not compile. */
  compileAll({ answers = true }: { answers?: boolean } = {}): string[] {
    const failures: string[] = [];
    for (const route of this.routes) {
      for (const method of HTTP_METHODS.filter((candidate) => route.item[candidate])) {
        const operation: Operation = { method, template: route.template, operationId: '', pathParams: {}, definition: route.item[method] };
        const attempt = (compile: () => unknown) => {
          try {
            compile();
          } catch (error) {
            failures.push(`${method.toUpperCase()} ${route.template}: ${(error as Error).message}`);
          }
        };
        for (const [location, parameters] of this.parameterGroups(operation)) attempt(() => this.parameterValidator(operation, location, parameters));
        for (const schema of Object.values(this.bodySchemas(operation))) attempt(() => this.bodyValidator(operation, schema, this.exact));
        for (const status of answers ? Object.keys(operation.definition.responses ?? {}) : []) {
          const schema = this.responseSchema(operation, status);
          if (schema) attempt(() => this.validator(this.exact, `response ${method} ${route.template} ${status}`, schema));
        }
      }
    }
    return failures;
  }

  private checkRequest(operation: Operation, request: RequestToCheck): string[] {
    const groups = this.parameterGroups(operation);
    const body = parseBody(request);
    const pathValues = new Map(Object.entries(operation.pathParams).map(([name, value]) => [name, [value] as unknown[]]));
    const problems = this.checkValues(operation, 'path', groups.get('path') ?? [], pathValues);
    if (this.options.anyMethod) {
      const inputs = new Map<string, unknown[]>();
      const add = (name: string, value: unknown) => inputs.set(name, [...(inputs.get(name) ?? []), value]);
      for (const [name, value] of request.query) add(name, value);
      if (body.kind === 'form') for (const [name, value] of body.value) add(name, value);
      if (body.kind === 'json' && isObject(body.value)) for (const [name, value] of Object.entries(body.value)) add(name, value);
      if (body.kind === 'bad-json') problems.push('body is not valid JSON');
      return [...problems, ...this.checkValues(operation, 'argument', groups.get('argument') ?? [], inputs)];
    }
    problems.push(...this.checkValues(operation, 'query', groups.get('query') ?? [], valuesOf(request.query)));
    return [...problems, ...this.checkBody(operation, body, groups.get('form'))];
  }

  private checkBody(operation: Operation, body: Body, formParameters: Parameter[] | undefined): string[] {
    if (body.kind === 'bad-json') return ['body is not valid JSON'];
    if (formParameters && body.kind === 'form') return this.checkValues(operation, 'form', formParameters, valuesOf(body.value));
    const schemas = this.bodySchemas(operation);
    const media = Object.keys(schemas);
    if (body.kind === 'none') return this.bodyRequired(operation) ? [`missing required body (${media.join(' or ')})`] : [];
    if (!media.length && !formParameters) return operation.method === 'get' ? [] : ['this endpoint takes no body'];
    const json = media.find((type) => type.includes('json'));
    if (body.kind === 'json' && json) return this.checkSchema(operation, body.value, schemas[json]!, this.exact);
    const form = media.find((type) => type.includes('x-www-form-urlencoded'));
    if (body.kind === 'form' && form) return this.checkSchema(operation, formObject(body.value), schemas[form]!, this.coercing);
    // Multipart uploads and raw bodies (text, octet-stream) are not checked.
    return body.kind === 'other' || media.some((type) => !type.includes('json')) ? [] : [`body is not ${media.join(' or ')}`];
  }

  private checkSchema(operation: Operation, value: unknown, schema: Json, ajv: Ajv): string[] {
    const validate = this.bodyValidator(operation, schema, ajv);
    return validate(value) ? [] : [`body ${describe(validate.errors)}`];
  }

  /** Checks named values against their parameters: unknown names, missing required ones, and each value's schema. */
  private checkValues(operation: Operation, location: string, parameters: Parameter[], present: Map<string, unknown[]>): string[] {
    const problems: string[] = [];
    const known = new Set(parameters.map((parameter) => parameter.name));
    const credentials = new Set(this.options.credentialParameters);
    const label = location === 'argument' ? 'argument' : `${location} parameter`;
    for (const name of present.keys()) {
      if (!known.has(name) && !credentials.has(name) && location !== 'path') {
        problems.push(`unknown ${label} ${name} (documented: ${[...known].join(', ') || 'none'})`);
      }
    }
    const data: Record<string, unknown> = {};
    for (const parameter of parameters) {
      const values = present.get(parameter.name);
      if (values?.length) data[parameter.name] = toValue(parameter, values);
    }
    const raw = structuredClone(data);
    const validate = this.parameterValidator(operation, location, parameters);
    if (validate(data)) return problems;
    const reported = new Set<string>();
    for (const error of validate.errors ?? []) {
      const name = error.keyword === 'required' ? String(error.params.missingProperty) : error.instancePath.split('/')[1]!;
      if (reported.has(name)) continue;
      reported.add(name);
      problems.push(
        error.keyword === 'required'
          ? `missing required ${label} ${name}`
          : `${label} ${name}=${JSON.stringify(raw[name])}: ${explain(error, error.instancePath.slice(name.length + 1))}`,
      );
    }
    return problems;
  }

  /** The operation's parameters by where the fake reads them: path, query, form (Swagger formData) or, with anyMethod, argument. */
  private parameterGroups(operation: Operation): Map<string, Parameter[]> {
    const item = this.routes.find((route) => route.template === operation.template)?.item ?? {};
    const declared = [...((item.parameters ?? []) as Json[]), ...((operation.definition.parameters ?? []) as Json[])]
      .map((parameter) => resolveRef(this.document, parameter)!)
      .filter((parameter) => !this.options.credentialParameters?.includes(parameter.name));
    // An operation's parameter overrides the path item's of the same name and place.
    const unique = new Map(declared.map((parameter) => [`${parameter.in} ${parameter.name}`, parameter]));
    const groups = new Map<string, Parameter[]>();
    for (const parameter of unique.values()) {
      const location = locationOf(parameter.in as string, Boolean(this.options.anyMethod));
      if (!location) continue;
      const entry: Parameter = {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true,
        schema: parameterSchema(parameter),
        separator: arraySeparator(parameter, this.swagger2),
      };
      groups.set(location, [...(groups.get(location) ?? []), entry]);
    }
    return groups;
  }

  private parameterValidator(operation: Operation, location: string, parameters: Parameter[]): ValidateFunction {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    };
    return this.validator(this.coercing, `${location} ${operation.method} ${operation.template}`, schema);
  }

  /** Request body schemas by media type (Swagger 2.0's `in: body` parameter is JSON). */
  private bodySchemas(operation: Operation): Record<string, Json> {
    if (this.swagger2) {
      const body = ((operation.definition.parameters ?? []) as Json[]).map((parameter) => resolveRef(this.document, parameter)!).find((p) => p.in === 'body');
      return body?.schema ? { 'application/json': body.schema as Json } : {};
    }
    const requestBody = resolveRef(this.document, operation.definition.requestBody as Json | undefined);
    const content = (requestBody?.content ?? {}) as Record<string, Json>;
    return Object.fromEntries(Object.entries(content).flatMap(([type, media]) => (media.schema ? [[type, media.schema as Json]] : [])));
  }

  private bodyRequired(operation: Operation): boolean {
    if (!this.swagger2) return resolveRef(this.document, operation.definition.requestBody as Json | undefined)?.required === true;
    return ((operation.definition.parameters ?? []) as Json[]).some((parameter) => {
      const resolved = resolveRef(this.document, parameter)!;
      return resolved.in === 'body' && resolved.required === true;
    });
  }

  private bodyValidator(operation: Operation, schema: Json, ajv: Ajv): ValidateFunction {
    const partial = this.options.partialBodies?.includes(`${operation.method.toUpperCase()} ${operation.template}`);
    const { required: _required, ...withoutRequired } = schema;
    const key = `body ${ajv === this.exact ? 'json' : 'form'} ${operation.method} ${operation.template}`;
    return this.validator(ajv, key, partial ? withoutRequired : schema);
  }

  private responseSchema(operation: Operation, status: string): Json | undefined {
    const response = resolveRef(this.document, (operation.definition.responses as Json)[status] as Json | undefined);
    if (!response) return undefined;
    if (this.swagger2) return response.schema as Json | undefined;
    const content = (response.content ?? {}) as Record<string, Json>;
    const json = Object.keys(content).find((type) => type.includes('json'));
    return json ? (content[json]!.schema as Json | undefined) : undefined;
  }

  private validator(ajv: Ajv, key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      try {
        validate = ajv.compile(anchored(schema, this.id));
      } catch (error) {
        throw new Error(`the schema of ${this.name} for ${key} does not compile: ${(error as Error).message}`);
      }
      this.validators.set(key, validate);
    }
    return validate;
  }
}

function locationOf(place: string, anyMethod: boolean): string | undefined {
  if (place === 'path') return 'path';
  if (place === 'query' || place === 'formData') return anyMethod ? 'argument' : place === 'query' ? 'query' : 'form';
  // Headers and cookies are the fake's business (auth, content negotiation), not checked here.
  return undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

function valuesOf(params: URLSearchParams): Map<string, unknown[]> {
  return new Map([...new Set(params.keys())].map((name) => [name, params.getAll(name)]));
}

function formObject(params: URLSearchParams): Record<string, unknown> {
  return Object.fromEntries([...valuesOf(params)].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

/** The value to validate: arrays from repeated keys or a separated string; JSON given for a string (Slack's `blocks`) as its text. */
function toValue(parameter: Parameter, values: unknown[]): unknown {
  if (parameter.schema.type === 'array') {
    return parameter.separator && values.length === 1 && typeof values[0] === 'string' ? values[0].split(parameter.separator) : values;
  }
  const value = values[0];
  return parameter.schema.type === 'string' && value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

function parseBody(request: RequestToCheck): Body {
  if (!request.body) return { kind: 'none' };
  const type = request.contentType?.toLowerCase() ?? '';
  if (type.includes('x-www-form-urlencoded')) return { kind: 'form', value: new URLSearchParams(request.body) };
  if (type && !type.includes('json')) return { kind: 'other' };
  try {
    return { kind: 'json', value: JSON.parse(request.body) };
  } catch {
    return { kind: 'bad-json' };
  }
}

/** ajv errors as one line: where, what, and the allowed values or the unexpected property. */
function describe(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((error) => explain(error, error.instancePath || '(root)'))
    .join('; ');
}

function explain(error: ErrorObject, path: string): string {
  const params = error.params as Record<string, unknown>;
  const detail =
    'additionalProperty' in params
      ? ` (${String(params.additionalProperty)})`
      : 'allowedValues' in params
        ? ` (${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')})`
        : '';
  return `${path ? `${path} ` : ''}${error.message ?? ''}${detail}`;
}

const loaded = new Map<string, OpenApi>();

/**
 * The description in `file` (apiSpecFile/packageFile) as a validator, built once per file and options.
 * Loading a large description takes a moment: call it in a beforeAll.
 */
export function loadOpenApi(file: string, options: OpenApiOptions): OpenApi {
  const key = `${file} ${JSON.stringify(options)}`;
  let description = loaded.get(key);
  if (!description) {
    description = new OpenApi(readSpec<Json>(file), options);
    loaded.set(key, description);
  }
  return description;
}
