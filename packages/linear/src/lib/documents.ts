/**
 * Every GraphQL document the server can send, by name: a test validates each against Linear's published
 * schema and checks its complexity. A tool declares its document with `document()` at module level.
 */
export const documents = new Map<string, string>();

export function document(name: string, text: string): string {
  if (documents.has(name) && documents.get(name) !== text) throw new Error(`two GraphQL documents named ${name}`);
  documents.set(name, text);
  return text;
}

/** A page of a Linear connection as the documents select it. */
export interface Connection<T> {
  nodes: T[];
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null };
}
