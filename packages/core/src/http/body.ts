import { PolicyError } from '../errors.js';

/** Buffers a request body so its size can be checked and the request replayed on retry. */
export async function toRequestBody(body: RequestInit['body'] | undefined, headers: Headers): Promise<Uint8Array | string | undefined> {
  if (body == null) return undefined;
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
    return body.toString();
  }
  const buffered = new Response(body);
  const type = buffered.headers.get('content-type');
  if (type && !headers.has('content-type')) headers.set('content-type', type);
  return new Uint8Array(await buffered.arrayBuffer());
}

/** Reads a response body, refusing more than `limit` bytes. */
export async function readBodyCapped(response: Response, limit: number, host: string): Promise<Uint8Array | null> {
  if (!response.body) return null;
  const refuse = () =>
    new PolicyError('security.maxResponseSize', `response from ${host} exceeds security.maxResponseSize (${limit} bytes)`, {
      hint: 'Ask for less (a narrower query, a smaller page), or raise security.maxResponseSize.',
    });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) {
    await response.body.cancel();
    throw refuse();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > limit) throw refuse();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
