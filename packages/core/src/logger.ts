import { LOG_LEVELS, type LogLevel } from './config/schema.js';
import { redact } from './redact.js';

export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  notice(message: string, data?: Record<string, unknown>): void;
  warning(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** `text()` redacts the line: a sink that does not take the level never pays for it. */
export type LogSink = (level: LogLevel, text: () => string) => void;

const rank = (level: LogLevel) => LOG_LEVELS.indexOf(level);

/**
 * Logs go to stderr (never stdout: it carries JSON-RPC) and, through `sinks`, to the MCP client as
 * notifications/message once the client has set a level. Every line is redacted.
 */
export function createLogger(name: string, getLevel: () => LogLevel, sinks: LogSink[] = []): Logger {
  const write = (level: LogLevel, message: string, data?: Record<string, unknown>) => {
    let redacted: string | undefined;
    const text = () => {
      redacted ??= redact(data ? `${message} ${JSON.stringify(data)}` : message);
      return redacted;
    };
    if (rank(level) >= rank(getLevel())) process.stderr.write(`[${name}] ${level}: ${text()}\n`);
    for (const sink of sinks) sink(level, text);
  };
  return {
    debug: (message, data) => write('debug', message, data),
    info: (message, data) => write('info', message, data),
    notice: (message, data) => write('notice', message, data),
    warning: (message, data) => write('warning', message, data),
    error: (message, data) => write('error', message, data),
  };
}
