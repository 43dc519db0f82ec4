import type { ErrorObject } from 'ajv';
import type { Json } from './openapi-schema.js';

/** What a request brings to check against a description: its body, its named values, and how to word what is wrong. */

/** A parameter as the validator uses it, from OpenAPI 3.0 or Swagger 2.0. */
export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  schema: Json;
  /** Arrays in a query or form: undefined for repeated keys, else the separator of a single value. */
  separator: string | undefined;
}

export type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'form'; value: URLSearchParams } | { kind: 'bad-json' } | { kind: 'other' };

export function locationOf(place: string, anyMethod: boolean): string | undefined {
  if (place === 'path') return 'path';
  if (place === 'query' || place === 'formData') return anyMethod ? 'argument' : place === 'query' ? 'query' : 'form';
  // Headers and cookies are the fake's business (auth, content negotiation), not checked here.
  return undefined;
}

export const isObject = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

export function valuesOf(params: URLSearchParams): Map<string, unknown[]> {
  return new Map([...new Set(params.keys())].map((name) => [name, params.getAll(name)]));
}

export function formObject(params: URLSearchParams): Record<string, unknown> {
  return Object.fromEntries([...valuesOf(params)].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

/** The value to validate: arrays from repeated keys or a separated string; JSON given for a string (Slack's `blocks`) as its text. */
export function toValue(parameter: Parameter, values: unknown[]): unknown {
  if (parameter.schema.type === 'array') {
    return parameter.separator && values.length === 1 && typeof values[0] === 'string' ? values[0].split(parameter.separator) : values;
  }
  const value = values[0];
  return parameter.schema.type === 'string' && value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
}

export function parseBody(request: { body: string; contentType?: string | undefined }): Body {
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
export function describeErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 3)
    .map((error) => explainError(error, error.instancePath || '(root)'))
    .join('; ');
}

export function explainError(error: ErrorObject, path: string): string {
  const params = error.params as Record<string, unknown>;
  const detail =
    'additionalProperty' in params
      ? ` (${String(params.additionalProperty)})`
      : 'allowedValues' in params
        ? ` (${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')})`
        : '';
  return `${path ? `${path} ` : ''}${error.message ?? ''}${detail}`;
}
