import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readSpec } from '../specs.js';
import { type Body, describeErrors, explainError, formObject, isObject, type Parameter, parseBody, toValue, valuesOf } from './openapi-input.js';
import { DescribedOperation } from './openapi-operation.js';
import { anchored, type Json, referencedParts } from './openapi-schema.js';

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
  /**
   * Parameters the service documents now but its (older) description lacks, by path template
   * (`{ '/conversations.list': ['team_id'] }`, Slack's org-wide apps): accepted, unchecked.
   */
  laterParameters?: Record<string, string[]>;
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

interface PathRoute {
  template: string;
  pattern: RegExp;
  names: string[];
  item: Json;
}

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
  private readonly operations = new Map<string, { described: DescribedOperation; groups: Map<string, Parameter[]> }>();

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
    const schema = this.declared(operation).described.responseSchema(String(status));
    if (!schema || typeof body === 'string' || body === undefined) return [];
    try {
      const validate = this.validator(this.exact, `response ${operation.method} ${operation.template} ${status}`, schema);
      return validate(body) ? [] : [`${where}: response ${describeErrors(validate.errors)}`];
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
        for (const [location, parameters] of this.declared(operation).groups) attempt(() => this.parameterValidator(operation, location, parameters));
        for (const schema of Object.values(this.declared(operation).described.bodySchemas())) attempt(() => this.bodyValidator(operation, schema, this.exact));
        for (const status of answers ? Object.keys(operation.definition.responses ?? {}) : []) {
          const schema = this.declared(operation).described.responseSchema(status);
          if (schema) attempt(() => this.validator(this.exact, `response ${method} ${route.template} ${status}`, schema));
        }
      }
    }
    return failures;
  }

  private checkRequest(operation: Operation, request: RequestToCheck): string[] {
    const groups = this.declared(operation).groups;
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
    // Multipart uploads and raw bodies (text, octet-stream) are not checked.
    if (body.kind === 'other') return [];
    if (formParameters && body.kind !== 'json')
      return this.checkValues(operation, 'form', formParameters, body.kind === 'form' ? valuesOf(body.value) : new Map());
    const schemas = this.declared(operation).described.bodySchemas();
    const media = [...Object.keys(schemas), ...(formParameters ? ['application/x-www-form-urlencoded'] : [])];
    if (body.kind === 'none') return this.declared(operation).described.bodyRequired() ? [`missing required body (${media.join(' or ')})`] : [];
    if (!media.length) return operation.method === 'get' ? [] : ['this endpoint takes no body'];
    const type = media.find((candidate) => candidate.includes(body.kind === 'json' ? 'json' : 'x-www-form-urlencoded'));
    const schema = type && schemas[type];
    if (!schema) return [`body is ${body.kind === 'json' ? 'JSON' : 'form-encoded'}; the endpoint takes ${media.join(' or ')}`];
    return body.kind === 'json'
      ? this.checkSchema(operation, body.value, schema, this.exact)
      : this.checkSchema(operation, formObject(body.value), schema, this.coercing);
  }

  private checkSchema(operation: Operation, value: unknown, schema: Json, ajv: Ajv): string[] {
    const validate = this.bodyValidator(operation, schema, ajv);
    return validate(value) ? [] : [`body ${describeErrors(validate.errors)}`];
  }

  /** Checks named values against their parameters: unknown names, missing required ones, and each value's schema. */
  private checkValues(operation: Operation, location: string, parameters: Parameter[], present: Map<string, unknown[]>): string[] {
    const problems: string[] = [];
    const known = new Set(parameters.map((parameter) => parameter.name));
    const credentials = new Set([...(this.options.credentialParameters ?? []), ...(this.options.laterParameters?.[operation.template] ?? [])]);
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
          : `${label} ${name}=${JSON.stringify(raw[name])}: ${explainError(error, error.instancePath.slice(name.length + 1))}`,
      );
    }
    return problems;
  }

  /** What the description declares for an operation, read once. */
  private declared(operation: Operation) {
    const key = `${operation.method} ${operation.template}`;
    let declared = this.operations.get(key);
    if (!declared) {
      const item = this.routes.find((route) => route.template === operation.template)?.item ?? {};
      const described = new DescribedOperation(this.document, item, operation.definition, this.swagger2);
      declared = { described, groups: described.parameterGroups(this.options) };
      this.operations.set(key, declared);
    }
    return declared;
  }

  private parameterValidator(operation: Operation, location: string, parameters: Parameter[]): ValidateFunction {
    const schema = {
      type: 'object',
      properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
      required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    };
    return this.validator(this.coercing, `${location} ${operation.method} ${operation.template}`, schema);
  }

  private bodyValidator(operation: Operation, schema: Json, ajv: Ajv): ValidateFunction {
    const partial = this.options.partialBodies?.includes(`${operation.method.toUpperCase()} ${operation.template}`);
    const key = `body ${ajv === this.exact ? 'json' : 'form'} ${operation.method} ${operation.template}`;
    return this.validator(ajv, key, partial ? (withoutRequired(schema) as Json) : schema);
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

/** A partial body is partial all the way down: Sentry takes `statusDetails: {ignoreDuration}` alone too. */
function withoutRequired(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutRequired);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== 'required' || !Array.isArray(value))
      .map(([key, value]) => [key, withoutRequired(value)]),
  );
}
