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

/**
 * Every node of a connection, one request a page (`$after` in the document), up to `maxPages`; `complete`
 * says whether the last page was reached.
 */
export async function allPages<T>(fetchPage: (after: string | null) => Promise<Connection<T>>, maxPages: number): Promise<{ nodes: T[]; complete: boolean }> {
  const nodes: T[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const connection: Connection<T> = await fetchPage(after);
    nodes.push(...connection.nodes);
    if (!connection.pageInfo?.hasNextPage || !connection.pageInfo.endCursor) return { nodes, complete: true };
    after = connection.pageInfo.endCursor;
  }
  return { nodes, complete: false };
}
