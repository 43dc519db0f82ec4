import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { Protocol } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { UriTemplate } from '@modelcontextprotocol/sdk/shared/uriTemplate.js';
import {
  type CallToolRequest,
  type CallToolResult,
  CompleteRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  type JSONRPCMessage,
  type JSONRPCRequest,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SetLevelRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { LOG_LEVELS, type LogLevel } from '../config/schema.js';
import type { Completer, ConfirmOptions, PromptDefinition, ResourceDefinition, ToolDefinition } from '../define.js';
import { describeError } from '../describe-error.js';
import { ConfirmationRequiredError } from '../errors.js';
import { maskPii } from '../pii.js';
import { redact } from '../redact.js';
import type { Runtime } from './runtime.js';
import { schemaOf } from './schema-json.js';
import type { StdioLineTransport } from './stdio-transport.js';
import { executeTool } from './tool-call.js';
import { ZodJsonSchemaValidator } from './zod-validator.js';

const MAX_COMPLETIONS = 100;

type ToolCallExtra = Parameters<Parameters<Server['setRequestHandler']>[1]>[1];
/** Only the method: the rest of a tools/call request was checked before the SDK saw it (incoming.ts). */
const CHECKED_TOOL_CALL = z.looseObject({ method: z.literal('tools/call') });

/**
 * tools/call, registered past Server's own wrapper: the transport already checked the request against
 * the SDK's CallToolRequestSchema (incoming.ts), and executeTool builds every result from an output it
 * checked. The wrapper would parse the request twice more and the result once, with zod, on every call.
 */
function onToolCall(server: Server, handler: (request: CallToolRequest, extra: ToolCallExtra) => Promise<CallToolResult>): void {
  Protocol.prototype.setRequestHandler.call(server, CHECKED_TOOL_CALL as never, handler as never);
}

type RequestPath = { _onrequest?: (request: JSONRPCRequest) => void };

/**
 * Connects the server to core's stdio transport, then hands each request straight to Protocol's request
 * path. The transport checked every message against the SDK's schemas (incoming.ts); Protocol's own
 * onmessage would only find a request's kind again with zod, two failing parses and a passing one, about
 * 8 µs of every tool call. Responses and notifications still go the SDK's way, and so does everything
 * should a later SDK no longer have `_onrequest`.
 */
export async function connectChecked(server: Server, transport: StdioLineTransport): Promise<void> {
  await server.connect(transport);
  const onrequest = (server as unknown as RequestPath)._onrequest;
  const onmessage = transport.onmessage;
  if (typeof onrequest !== 'function' || !onmessage) return;
  transport.onmessage = (message) => (isRequest(message) ? onrequest.call(server, message) : onmessage(message));
}

/** What the SDK's strict JSONRPCRequestSchema accepts, once incoming.ts has checked the message. */
function isRequest(message: JSONRPCMessage): message is JSONRPCRequest {
  return 'method' in message && 'id' in message && !('result' in message) && !('error' in message);
}

/** Wires a runtime into an MCP server: tools, resources, prompts, completion and logging. */
/** onToolsListed: called after each tools/list answer has been sent. */
export function createMcpServer(runtime: Runtime, instructions: string, onToolsListed: () => void = () => undefined): Server {
  const { spec, context } = runtime;
  const templates = runtime.resources.filter((resource) => resource.uri.includes('{'));
  const statics = runtime.resources.filter((resource) => !resource.uri.includes('{'));
  const hasCompletions =
    templates.some((resource) => resource.complete) || runtime.prompts.some((prompt) => Object.values(prompt.args).some((arg) => arg.complete));
  const server = new Server(
    { name: spec.name, title: spec.title, version: spec.version },
    {
      instructions,
      jsonSchemaValidator: new ZodJsonSchemaValidator(),
      capabilities: {
        tools: { listChanged: true },
        logging: {},
        ...(runtime.resources.length ? { resources: { listChanged: false } } : {}),
        ...(runtime.prompts.length ? { prompts: { listChanged: false } } : {}),
        ...(hasCompletions ? { completions: {} } : {}),
      },
    },
  );

  runtime.logSinks.push((level, text) => {
    const threshold = runtime.clientLogLevel;
    if (!threshold || LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(threshold)) return;
    server.sendLoggingMessage({ level, logger: spec.name, data: text() }).catch(() => undefined);
  });
  server.setRequestHandler(SetLevelRequestSchema, (request) => {
    const level = request.params.level;
    runtime.clientLogLevel = (LOG_LEVELS as readonly string[]).includes(level)
      ? (level as LogLevel)
      : level === 'critical' || level === 'alert' || level === 'emergency'
        ? 'error'
        : 'debug';
    return {};
  });

  // Listed once per tool set: start()'s idle work may take tools back (the client is then notified).
  let listed: { tools: ToolDefinition[]; list: unknown[]; byName: Map<string, ToolDefinition> } | undefined;
  const listing = () => {
    if (listed?.tools !== runtime.tools) {
      listed = {
        tools: runtime.tools,
        list: runtime.tools.map((tool) => ({
          name: tool.name,
          title: tool.title,
          description: tool.description,
          inputSchema: schemaOf(tool, 'input'),
          outputSchema: schemaOf(tool, 'output'),
          annotations: { title: tool.title, ...tool.annotations },
        })),
        byName: new Map(runtime.tools.map((tool) => [tool.name, tool])),
      };
    }
    return listed;
  };
  server.setRequestHandler(ListToolsRequestSchema, () => {
    // setImmediate runs after the answer this handler returns has been written.
    setImmediate(onToolsListed);
    return { tools: listing().list as never };
  });
  onToolCall(server, async (request, extra) => {
    const tool = listing().byName.get(request.params.name);
    if (!tool) {
      const known = spec.tools.some((candidate) => candidate.name === request.params.name);
      return {
        isError: true,
        content: [
          {
            type: 'text',
            text: known
              ? `${request.params.name} is not enabled on this server (toolsets, read-only mode or role). Restart it with that tool enabled to use it.`
              : `unknown tool ${request.params.name}. Call tools/list to see the tools this server offers.`,
          },
        ],
      };
    }
    const progressToken = request.params._meta?.progressToken;
    return executeTool(runtime, tool, request.params.arguments, {
      signal: extra.signal,
      progress: async (progress, total, message) => {
        if (progressToken === undefined) return;
        await extra.sendNotification({
          method: 'notifications/progress',
          params: { progressToken, progress, ...(total === undefined ? {} : { total }), ...(message ? { message: redact(message) } : {}) },
        });
      },
      confirm: (message, options) => confirm(server, runtime, message, options),
    });
  });

  if (runtime.resources.length) {
    server.setRequestHandler(ListResourcesRequestSchema, async () => {
      const listed = await Promise.all(templates.map(async (resource) => (resource.list ? resource.list(context) : [])));
      return {
        resources: [
          ...statics.map((resource) => ({
            uri: resource.uri,
            name: resource.name,
            title: resource.title,
            description: resource.description,
            mimeType: resource.mimeType,
          })),
          ...listed.flat().map((item) => ({ ...item })),
        ],
      };
    });
    server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
      resourceTemplates: templates.map((resource) => ({
        uriTemplate: resource.uri,
        name: resource.name,
        title: resource.title,
        description: resource.description,
        mimeType: resource.mimeType,
      })),
    }));
    server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
      const uri = request.params.uri;
      const found = findResource(runtime.resources, uri);
      if (!found) throw new McpError(ErrorCode.InvalidParams, `unknown resource ${uri}. List resources and templates to see what this server offers.`);
      try {
        const contents = await found.resource.read(found.params, context, uri);
        const text = typeof contents === 'string' ? contents : contents.text;
        const mimeType = (typeof contents === 'string' ? undefined : contents.mimeType) ?? found.resource.mimeType ?? 'text/plain';
        const safe = redact(text);
        return { contents: [{ uri, mimeType, text: context.config.security.maskPii ? maskPii(safe) : safe }] };
      } catch (error) {
        throw new McpError(ErrorCode.InternalError, `reading ${uri} failed: ${describeError(error, spec.upstream)}`);
      }
    });
  }

  if (runtime.prompts.length) {
    server.setRequestHandler(ListPromptsRequestSchema, () => ({
      prompts: runtime.prompts.map((prompt) => ({
        name: prompt.name,
        title: prompt.title,
        description: prompt.description,
        arguments: Object.entries(prompt.args).map(([name, arg]) => ({ name, description: arg.description, required: arg.required ?? false })),
      })),
    }));
    server.setRequestHandler(GetPromptRequestSchema, async (request) => {
      const prompt = runtime.prompts.find((candidate) => candidate.name === request.params.name);
      if (!prompt) throw new McpError(ErrorCode.InvalidParams, `unknown prompt ${request.params.name}`);
      const args = request.params.arguments ?? {};
      const missing = Object.entries(prompt.args)
        .filter(([name, arg]) => arg.required && !args[name])
        .map(([name]) => name);
      if (missing.length) throw new McpError(ErrorCode.InvalidParams, `prompt ${prompt.name} needs argument(s) ${missing.join(', ')}`);
      let rendered: Awaited<ReturnType<typeof prompt.render>>;
      try {
        rendered = await prompt.render(args, context);
      } catch (error) {
        throw new McpError(ErrorCode.InternalError, `prompt ${prompt.name} failed: ${describeError(error, spec.upstream)}`);
      }
      const messages = typeof rendered === 'string' ? [{ role: 'user' as const, text: rendered }] : rendered;
      return {
        description: prompt.description,
        messages: messages.map((message) => ({ role: message.role, content: { type: 'text' as const, text: message.text } })),
      };
    });
  }

  if (hasCompletions) {
    server.setRequestHandler(CompleteRequestSchema, async (request) => {
      const { ref, argument } = request.params;
      const otherArguments = request.params.context?.arguments ?? {};
      let completer: Completer | undefined;
      if (ref.type === 'ref/prompt') completer = runtime.prompts.find((prompt: PromptDefinition) => prompt.name === ref.name)?.args[argument.name]?.complete;
      else completer = templates.find((resource) => resource.uri === ref.uri)?.complete?.[argument.name];
      const values = completer ? await completer(argument.value, context, otherArguments) : [];
      return { completion: { values: values.slice(0, MAX_COMPLETIONS), total: values.length, hasMore: values.length > MAX_COMPLETIONS } };
    });
  }
  return server;
}

function findResource(resources: ResourceDefinition[], uri: string): { resource: ResourceDefinition; params: Record<string, string> } | undefined {
  for (const resource of resources) {
    if (!resource.uri.includes('{')) {
      if (resource.uri === uri) return { resource, params: {} };
      continue;
    }
    const match = new UriTemplate(resource.uri).match(uri);
    if (match) {
      const params = Object.fromEntries(Object.entries(match).map(([key, value]) => [key, decodeURIComponent(Array.isArray(value) ? value.join(',') : value)]));
      return { resource, params };
    }
  }
  return undefined;
}

async function confirm(server: Server, runtime: Runtime, message: string, options: ConfirmOptions): Promise<void> {
  const canAsk = Boolean(server.getClientCapabilities()?.elicitation);
  if (!canAsk) {
    if (options.whenUnsupported === 'proceed' || runtime.context.config.selection.yesIKnow) return;
    throw new ConfirmationRequiredError(
      'confirmation',
      `${message} This needs the user's confirmation, and this client cannot ask for it (no MCP elicitation)`,
      {
        hint: 'Use a client that supports elicitation, or restart the server with --yes-i-know to allow such operations without asking.',
      },
    );
  }
  const answer = await server.elicitInput({
    message,
    requestedSchema: {
      type: 'object',
      properties: { confirm: { type: 'boolean', title: 'Proceed?', description: message } },
      required: ['confirm'],
    },
  });
  if (answer.action !== 'accept' || answer.content?.confirm !== true) {
    throw new ConfirmationRequiredError('confirmation', `the user did not confirm: ${message}`, { hint: 'Nothing was changed.' });
  }
}
