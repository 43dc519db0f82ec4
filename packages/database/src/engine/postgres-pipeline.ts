/** The parts of pg's connection a Submittable talks to (pg-cursor uses the same ones). */
export interface ProtocolConnection {
  stream: { cork?(): void; uncork?(): void };
  parse(message: { text: string; types: number[] }): void;
  bind(message: { portal: string; values: unknown[]; valueMapper?: (value: unknown) => unknown }): void;
  describe(message: { type: 'P' | 'S'; name: string }): void;
  execute(message: { portal: string; rows: number }): void;
  sync(): void;
}

/** Our own statements (no parameters, no rows wanted) into a pipeline: parse, bind and execute each. */
export function runStatements(connection: ProtocolConnection, texts: readonly string[]): void {
  for (const text of texts) {
    connection.parse({ text, types: [] });
    connection.bind({ portal: '', values: [] });
    connection.execute({ portal: '', rows: 0 });
  }
}

/** Writes a pipeline's messages at once: corked, so they leave in one write. */
export function corked(connection: ProtocolConnection, write: () => void): void {
  connection.stream.cork?.();
  try {
    write();
  } finally {
    connection.stream.uncork?.();
  }
}
