import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RecordingProxy {
  /** http://127.0.0.1:<port>, with user:password@ when the proxy asks for credentials. */
  url: string;
  /** Every CONNECT target (host:port) and every forwarded absolute URL, in order; refused ones too. */
  forwarded: string[];
  /** What was refused for lack of credentials. */
  refused: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy on 127.0.0.1 as corporate networks run them: CONNECT tunnels (https, and what undici
 * sends for http too) and absolute-form requests, each recorded. With `credentials`, a request without
 * the matching Proxy-Authorization gets 407.
 */
export async function startConnectProxy(options: { credentials?: { user: string; password: string } } = {}): Promise<RecordingProxy> {
  const forwarded: string[] = [];
  const refused: string[] = [];
  const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}` : undefined;
  const authorized = (header: string | undefined) => !expected || header === expected;
  const server = createServer((incoming, outgoing) => {
    const target = incoming.url ?? '';
    if (!authorized(incoming.headers['proxy-authorization'])) {
      refused.push(target);
      outgoing.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' }).end();
      return;
    }
    forwarded.push(target);
    const { 'proxy-authorization': _, ...headers } = incoming.headers;
    const upstream = httpRequest(target, { method: incoming.method, headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(upstream);
  });
  server.on('connect', (incoming, socket, head) => {
    const target = incoming.url ?? '';
    if (!authorized(incoming.headers['proxy-authorization'])) {
      refused.push(target);
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
      return;
    }
    forwarded.push(target);
    const [host, port] = splitHostPort(target);
    const upstream = connect(port, host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const auth = options.credentials ? `${encodeURIComponent(options.credentials.user)}:${encodeURIComponent(options.credentials.password)}@` : '';
  return {
    url: `http://${auth}127.0.0.1:${port}`,
    forwarded,
    refused,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function splitHostPort(target: string): [string, number] {
  const at = target.lastIndexOf(':');
  return [target.slice(0, at).replace(/^\[|\]$/g, ''), Number(target.slice(at + 1))];
}

export interface SelfSignedCertificate {
  key: string;
  cert: string;
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

/** A throw-away certificate for localhost and 127.0.0.1, made with the openssl command. */
export function selfSignedCertificate(): SelfSignedCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'toolbridge-tls-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ],
    { stdio: 'pipe' },
  );
  return { key: readFileSync(keyFile, 'utf8'), cert: readFileSync(certFile, 'utf8'), certFile };
}
