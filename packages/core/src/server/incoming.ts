import {
  ClientRequestSchema,
  ErrorCode,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  RELATED_TASK_META_KEY,
  type RequestId,
} from '@modelcontextprotocol/sdk/types.js';

/**
 * Checks one line read from the client before the SDK sees it. The SDK drops what it cannot parse
 * without a word, so a client waits forever for the answer to a malformed request; here every such
 * line gets the JSON-RPC error it deserves.
 */
export type Incoming = { message: JSONRPCMessage } | { refusal: Refusal };

export interface Refusal {
  code: number;
  message: string;
  /** The id of the refused request when it could be read; the error answer then carries it. */
  id?: RequestId;
  /** False for what must not be answered (a malformed response, or a notification with bad params). */
  answer: boolean;
}

/** Parses and checks one line. */
export function readIncoming(line: string): Incoming {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return refusal(ErrorCode.ParseError, `parse error: ${(error as Error).message}. Send one JSON-RPC message per line`, recoverId(line, line));
  }
  if (typeof value !== 'object' || value === null) return refusal(ErrorCode.InvalidRequest, 'invalid request: a message must be a JSON object');
  if (Array.isArray(value)) return refusal(ErrorCode.InvalidRequest, 'invalid request: MCP does not use JSON-RPC batches; send one message per line');
  const fields = value as Record<string, unknown>;
  const id = isRequestId(fields.id) ? fields.id : undefined;
  // Answering a malformed response could start a loop; a notification is answered only when it is not even a valid message.
  const isResponse = !('method' in fields) && ('result' in fields || 'error' in fields);
  const answerable = (code: number) => !isResponse && (id !== undefined || code !== ErrorCode.InvalidParams);
  const problem = shapeProblem(fields) ?? schemaProblem(value, id !== undefined && !isResponse);
  if (problem) return refusal(problem.code, problem.message, id, answerable(problem.code));
  return { message: value as JSONRPCMessage };
}

/** A line longer than the transport accepts: refused without reading it whole, by its id if it shows one. */
export function oversizedRefusal(bytes: number, limit: number, head: string, tail: string): Refusal {
  const megabytes = (count: number) => `${(count / 1024 / 1024).toFixed(1)} MB`;
  const message = `message too large: ${megabytes(bytes)} in one line, and this server reads at most ${megabytes(limit)} per message. Send less in one request`;
  return refusal(ErrorCode.InvalidRequest, message, recoverId(head, tail)).refusal;
}

const MEMBERS = new Set(['jsonrpc', 'id', 'method', 'params', 'result', 'error']);

function shapeProblem(fields: Record<string, unknown>): { code: number; message: string } | undefined {
  if ('id' in fields && !isRequestId(fields.id)) return { code: ErrorCode.InvalidRequest, message: 'invalid request: "id" must be a string or an integer' };
  if (fields.jsonrpc !== '2.0')
    return { code: ErrorCode.InvalidRequest, message: `invalid request: "jsonrpc" must be "2.0", got ${JSON.stringify(fields.jsonrpc) ?? 'nothing'}` };
  if ('method' in fields && typeof fields.method !== 'string') return { code: ErrorCode.InvalidRequest, message: 'invalid request: "method" must be a string' };
  const unexpected = Object.keys(fields).filter((key) => !MEMBERS.has(key));
  if (unexpected.length) {
    return {
      code: ErrorCode.InvalidRequest,
      message: `invalid request: unexpected member(s) ${unexpected.map((key) => JSON.stringify(key)).join(', ')}; a message has only ${[...MEMBERS].join(', ')}`,
    };
  }
  const params = fields.params;
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    return {
      code: ErrorCode.InvalidParams,
      message: `invalid params: "params" must be an object of named parameters, got ${Array.isArray(params) ? 'an array' : typeof params === 'object' ? 'null' : `a ${typeof params}`}`,
    };
  }
  return undefined;
}

function refusal(code: number, message: string, id?: RequestId, answer = true): Incoming & { refusal: Refusal } {
  return { refusal: { code, message, ...(id === undefined ? {} : { id }), answer } };
}

/**
 * What the SDK's own schemas find wrong: a request of a known method against its method's schema (the
 * envelope is what shapeProblem checked), anything else as a JSON-RPC message. One parse per message:
 * every tool call comes through here.
 */
function schemaProblem(value: unknown, isRequest: boolean): { code: number; message: string } | undefined {
  const method = (value as { method?: unknown }).method;
  if (isRequest && method === 'tools/call' && isPlainToolCall(value as { params?: unknown })) return undefined;
  const requestSchema = isRequest && typeof method === 'string' ? requestSchemas().get(method) : undefined;
  if (requestSchema) {
    const request = requestSchema.safeParse(value);
    return request.success ? undefined : { code: ErrorCode.InvalidParams, message: `invalid params for ${method}: ${describeIssues(request.error.issues)}` };
  }
  const message = JSONRPCMessageSchema.safeParse(value);
  if (!message.success) return { code: ErrorCode.InvalidRequest, message: `invalid request: ${describeIssues(message.error.issues)}` };
  return undefined;
}

/**
 * A tools/call in the shape nearly every call has, which CallToolRequestSchema passes: a name, arguments as
 * an object, no task, and no _meta or one whose only member zod would check is a progress token. Told
 * without zod; anything else is left to zod, for its verdict and its words.
 */
function isPlainToolCall({ params }: { params?: unknown }): boolean {
  if (!isObject(params) || typeof params.name !== 'string' || params.task !== undefined) return false;
  if (params.arguments !== undefined && !isObject(params.arguments)) return false;
  const meta = params._meta;
  if (meta === undefined) return true;
  // A progress token has a request id's type: a string or an integer.
  return isObject(meta) && (meta.progressToken === undefined || isRequestId(meta.progressToken)) && meta[RELATED_TASK_META_KEY] === undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isRequestId = (value: unknown): value is RequestId => typeof value === 'string' || Number.isSafeInteger(value);

type IssueLike = { path: PropertyKey[]; message: string };
function describeIssues(issues: readonly IssueLike[]): string {
  return issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${issue.path.map(String).join('.') || '(message)'}: ${issue.message.replace(/^Invalid input: /, '').replace('expected record', 'expected an object')}`,
    )
    .join('; ');
}

let schemasByMethod: Map<string, (typeof ClientRequestSchema.options)[number]> | undefined;
function requestSchemas() {
  schemasByMethod ??= new Map(ClientRequestSchema.options.map((schema) => [schema.shape.method.value, schema]));
  return schemasByMethod;
}

// A top-level "id" member at the start of the message (`{"jsonrpc":"2.0","id":1,...`) or at its end
// (the SDK client writes `{...,"jsonrpc":"2.0","id":1}`), read without parsing the message.
const ID_VALUE = String.raw`(-?\d+|"(?:[^"\\]|\\.)*")`;
const LEADING_ID = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"[^"\\]*"\s*,\s*)?"id"\s*:\s*${ID_VALUE}\s*[,}]`);
const TRAILING_ID = new RegExp(String.raw`[{,]\s*"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/** The id of a message that cannot be parsed, from its first and last characters, when it shows one. */
function recoverId(head: string, tail: string): RequestId | undefined {
  const found = LEADING_ID.exec(head.slice(0, 1024))?.[1] ?? TRAILING_ID.exec(tail.slice(-1024))?.[1];
  if (found === undefined) return undefined;
  try {
    const id: unknown = JSON.parse(found);
    return isRequestId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
