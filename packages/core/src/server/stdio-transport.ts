import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { type Incoming, oversizedRefusal, type Refusal, readIncoming } from './incoming.js';

/** The most one message may weigh, as in the SDK's own stdio transport. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
/** How much of each end of an oversized line is kept, to find its id. */
const EDGE_BYTES = 1024;
const NEWLINE = 0x0a;

export interface StdioLineTransportOptions {
  input?: Readable;
  output?: Writable;
  maxMessageBytes?: number;
  /** Told about every refused line, with its first kilobyte or so, for the log. */
  onRefused?: (refusal: Refusal, excerpt: string) => void;
}

/**
 * JSON-RPC over stdio, one message per line, in place of the SDK's StdioServerTransport, which closes
 * the connection for good on a line over its buffer and drops malformed lines unanswered. This one
 * never holds more than one message's worth of a line, answers every malformed request with the
 * JSON-RPC error it deserves (by its id when it can be read) and keeps going. It also refuses requests
 * before `initialize`, as the MCP lifecycle says, and sends error messages without the SDK's
 * "MCP error <code>:" prefix, which the client adds again.
 */
export class StdioLineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #input: Readable;
  readonly #output: Writable;
  readonly #limit: number;
  readonly #onRefused: NonNullable<StdioLineTransportOptions['onRefused']>;
  #chunks: Buffer[] = [];
  #bytes = 0;
  /** Set while the current line is over the limit: its first and last bytes; the rest is dropped as it comes. */
  #oversized: { head: Buffer; tail: Buffer } | undefined;
  #initialized = false;
  #closed = false;

  constructor(options: StdioLineTransportOptions = {}) {
    this.#input = options.input ?? process.stdin;
    this.#output = options.output ?? process.stdout;
    this.#limit = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;
    this.#onRefused = options.onRefused ?? (() => undefined);
  }

  async start(): Promise<void> {
    this.#input.on('data', this.#onData);
    this.#input.on('error', this.#onError);
    this.#output.on('error', this.#onError);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Stdin is left flowing (not paused) so that its end still reaches the process and it exits.
    this.#input.off('data', this.#onData);
    this.#input.off('error', this.#onError);
    this.#output.off('error', this.#onError);
    this.#resetLine();
    this.onclose?.();
  }

  send(message: JSONRPCMessage): Promise<void> {
    const json = `${JSON.stringify(withoutErrorPrefix(message))}\n`;
    return new Promise((resolve) => {
      if (this.#output.write(json)) resolve();
      else this.#output.once('drain', resolve);
    });
  }

  readonly #onError = (error: Error) => this.onerror?.(error);

  readonly #onData = (chunk: Buffer) => {
    let start = 0;
    for (let end = chunk.indexOf(NEWLINE); end !== -1; end = chunk.indexOf(NEWLINE, start)) {
      // A line that came whole in this chunk is read from it in place (most do): no copy of its bytes.
      if (this.#bytes === 0 && end - start <= this.#limit) this.#readLine(chunk.toString('utf8', start, end));
      else {
        this.#collect(chunk.subarray(start, end));
        this.#endLine();
      }
      start = end + 1;
    }
    if (start < chunk.length) this.#collect(chunk.subarray(start));
  };

  #resetLine(): void {
    this.#chunks = [];
    this.#bytes = 0;
    this.#oversized = undefined;
  }

  #collect(part: Buffer): void {
    if (!part.length) return;
    this.#bytes += part.length;
    if (this.#oversized) {
      this.#oversized.tail = Buffer.concat([this.#oversized.tail, part.subarray(-EDGE_BYTES)]).subarray(-EDGE_BYTES);
    } else if (this.#bytes > this.#limit) {
      const seen = Buffer.concat([...this.#chunks, part]);
      this.#oversized = { head: Buffer.from(seen.subarray(0, EDGE_BYTES)), tail: Buffer.from(seen.subarray(-EDGE_BYTES)) };
      this.#chunks = [];
    } else {
      this.#chunks.push(part);
    }
  }

  #endLine(): void {
    const oversized = this.#oversized;
    const chunks = this.#chunks;
    const bytes = this.#bytes;
    this.#resetLine();
    if (oversized) {
      const head = oversized.head.toString('utf8');
      this.#refuse(oversizedRefusal(bytes, this.#limit, head, oversized.tail.toString('utf8')), head);
      return;
    }
    this.#readLine(Buffer.concat(chunks).toString('utf8'));
  }

  #readLine(text: string): void {
    const line = text.replace(/\r$/, '');
    if (!line.trim()) return;
    const incoming = this.#admit(readIncoming(line));
    if ('refusal' in incoming) this.#refuse(incoming.refusal, line);
    else this.onmessage?.(incoming.message);
  }

  /** The MCP lifecycle: a session starts with initialize, and only ping may come before it. */
  #admit(incoming: Incoming): Incoming {
    if (this.#initialized || !('message' in incoming) || !('id' in incoming.message && 'method' in incoming.message)) return incoming;
    const { id, method } = incoming.message;
    if (method === 'initialize') this.#initialized = true;
    if (method === 'initialize' || method === 'ping') return incoming;
    const message = `${method} before initialize: an MCP session starts with an initialize request (only ping may come before it)`;
    return { refusal: { code: ErrorCode.InvalidRequest, message, id, answer: true } };
  }

  #refuse(refusal: Refusal, line: string): void {
    this.#onRefused(refusal, line.slice(0, EDGE_BYTES));
    if (!refusal.answer) return;
    const id = refusal.id === undefined ? {} : { id: refusal.id };
    this.send({ jsonrpc: '2.0', ...id, error: { code: refusal.code, message: refusal.message } } as JSONRPCMessage).catch(this.#onError);
  }
}

/** An McpError's message starts with "MCP error <code>: ", and the client prefixes the message it receives again. */
function withoutErrorPrefix(message: JSONRPCMessage): JSONRPCMessage {
  if (!('error' in message)) return message;
  const bare = message.error.message.replace(/^(?:MCP error -?\d+: )+/, '');
  return bare === message.error.message ? message : { ...message, error: { ...message.error, message: bare } };
}
