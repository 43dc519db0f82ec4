import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stand-in for the blob storage GitHub redirects job-log downloads to: another origin than the API, so a
 * client must follow the 302 and must not forward its token (a request carrying an Authorization header
 * is refused, as Azure refuses one next to a SAS signature). One per process, started on first use; it
 * does not keep the process alive.
 */
export interface BlobStorage {
  /** Stores text and returns a signed-looking URL serving it. */
  put(text: string): string;
}

let started: Promise<BlobStorage> | undefined;

export function blobStorage(): Promise<BlobStorage> {
  started ??= new Promise((resolve) => {
    const blobs = new Map<string, string>();
    const server = createServer((request, response) => {
      if (request.headers.authorization) {
        response.writeHead(403, { 'content-type': 'application/xml' });
        response.end('<Error><Code>AuthenticationFailed</Code><Message>Authorization header not allowed with a SAS signature</Message></Error>');
        return;
      }
      const key = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.split('/').at(-1) ?? '';
      const text = blobs.get(key);
      // Served as bytes, the way a blob is stored; clients decode the text themselves.
      response.writeHead(text === undefined ? 404 : 200, { 'content-type': text === undefined ? 'application/xml' : 'application/octet-stream' });
      response.end(text ?? '<Error><Code>BlobNotFound</Code></Error>');
    });
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      const { port } = server.address() as AddressInfo;
      resolve({
        put: (text) => {
          const key = randomUUID();
          blobs.set(key, text);
          return `http://127.0.0.1:${port}/actions-results/${key}?sv=2025-01-05&se=${new Date(Date.now() + 60_000).toISOString()}&sig=fake`;
        },
      });
    });
  });
  return started;
}
