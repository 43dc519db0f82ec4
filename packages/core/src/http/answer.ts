import type { Classification, UpstreamAnswer } from '../upstream.js';

/** An answer read once: its body bytes decoded and parsed on demand. */
export function readAnswer(method: string, url: URL, response: Response, body: Uint8Array | null): UpstreamAnswer {
  let text: string | undefined;
  let json: { value: unknown } | undefined;
  const answer: UpstreamAnswer = {
    method,
    url,
    status: response.status,
    headers: response.headers,
    text: () => {
      text ??= body ? Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8') : '';
      return text;
    },
    json: () => {
      if (!json) {
        try {
          json = { value: isJson(response.headers) || /^\s*[[{]/.test(answer.text()) ? JSON.parse(answer.text()) : undefined };
        } catch {
          json = { value: undefined };
        }
      }
      return json.value;
    },
  };
  return answer;
}

const isJson = (headers: Headers) => /\bjson\b/i.test(headers.get('content-type') ?? '');

/**
 * A success that is not what a JSON API promises: truncated or malformed JSON, an HTML page (a proxy or a
 * login portal in between), or an empty body where a read asked for JSON. Undefined when the answer is usable.
 */
export function badAnswer(answer: UpstreamAnswer, accept: string | null): Classification | undefined {
  if (answer.status < 200 || answer.status >= 300 || answer.status === 204) return undefined;
  const wantsJson = /\bjson\b/i.test(accept ?? '') || isJson(answer.headers);
  if (!wantsJson) return undefined;
  const text = answer.text();
  const type = answer.headers.get('content-type') ?? '';
  if (/html/i.test(type) || /^\s*<(!doctype|html)/i.test(text)) {
    return { kind: 'bad_answer', message: `an HTML page (${type || 'no content type'}) instead of JSON, ${text.length} bytes` };
  }
  if (!text.trim()) return answer.method === 'GET' ? { kind: 'bad_answer', message: 'an empty body where JSON was expected' } : undefined;
  if (isJson(answer.headers) && answer.json() === undefined) {
    return { kind: 'bad_answer', message: `malformed or truncated JSON (${text.length} bytes, ending ${JSON.stringify(text.slice(-20))})` };
  }
  return undefined;
}
