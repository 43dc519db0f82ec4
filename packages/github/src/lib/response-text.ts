/** Octokit hands over text for text/* or utf-8 answers and an ArrayBuffer for other non-JSON ones. */
export function responseText(data: unknown): string {
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  return typeof data === 'string' ? data : String(data ?? '');
}
