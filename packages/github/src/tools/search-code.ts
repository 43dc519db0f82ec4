import { annotations, tableOf, untrusted } from '@toolbridge/core';
import * as z from 'zod';
import { defineTool } from '../define.js';

import { cursorInput, nextCursorFromLink, nextCursorOutput, pageFromCursor, perPageInput } from '../lib/pagination.js';

const codeTable = tableOf(() => z.object({ repository: z.string(), path: z.string(), sha: z.string(), fragments: z.array(z.string()).optional() }));

export const searchCode = defineTool({
  name: 'github_search_code',
  title: 'Search code',
  description: 'Search code with GitHub search syntax (e.g. "parseConfig repo:owner/name language:ts path:src"). Returns paths and matching fragments.',
  toolset: 'repos',
  input: () =>
    z.object({
      query: z.string().min(1).describe('GitHub code search query'),
      per_page: perPageInput(20),
      cursor: cursorInput,
    }),
  output: () =>
    z.object({
      total_count: z.number(),
      incomplete_results: z.boolean(),
      items: codeTable.schema,
      next_cursor: nextCursorOutput,
    }),
  annotations: annotations.read,
  async handler(input, context) {
    const { rest } = await context.services.github;
    const response = await rest.search.code({
      q: input.query,
      per_page: input.per_page,
      page: pageFromCursor(input.cursor),
      headers: { accept: 'application/vnd.github.text-match+json' },
    });
    return {
      total_count: response.data.total_count,
      incomplete_results: response.data.incomplete_results,
      items: codeTable.of(
        response.data.items.map((item) => {
          const fragments = (item.text_matches ?? []).flatMap((match) =>
            match.fragment ? [untrusted(match.fragment, `code in ${item.repository.full_name}/${item.path}`)] : [],
          );
          return { repository: item.repository.full_name, path: item.path, sha: item.sha, ...(fragments.length ? { fragments } : {}) };
        }),
      ),
      next_cursor: nextCursorFromLink(response.headers.link),
    };
  },
});
