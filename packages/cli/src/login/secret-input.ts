/** Reads a line from the terminal without echoing it (a pasted token). Ctrl-C aborts. */
export function readHidden(prompt: string, stream: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    out.write(prompt);
    let value = '';
    const finish = (error?: Error) => {
      stream.setRawMode(false);
      stream.pause();
      stream.off('data', onData);
      out.write('\n');
      if (error) reject(error);
      else resolve(value.trim());
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else if (char >= ' ') value += char;
      }
    };
    stream.setRawMode(true);
    stream.resume();
    stream.on('data', onData);
  });
}

/** Everything on standard input, trimmed: `--with-token` (gh's convention), for scripts and CI. */
export async function readStdin(stream: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').trim();
}
