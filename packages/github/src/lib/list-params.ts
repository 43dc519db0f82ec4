import * as z from 'zod';
import { cursorInput, pageFromCursor, perPageInput } from './pagination.js';

/** Order and paging inputs of the issue and pull request lists. */
export const orderedPageInput = {
  direction: z.enum(['asc', 'desc']).default('desc'),
  per_page: perPageInput(20),
  cursor: cursorInput,
};

/** REST parameters for a state/sort/direction/page list. */
export const orderedPageParams = <S extends string, O extends string>(input: {
  state: S;
  sort: O;
  direction: 'asc' | 'desc';
  per_page: number;
  cursor?: string | undefined;
}) => ({
  state: input.state,
  sort: input.sort,
  direction: input.direction,
  per_page: input.per_page,
  page: pageFromCursor(input.cursor),
});

/** The last line of a rendered list: how to get more, or that there is no more. */
export const cursorNote = (nextCursor: string | undefined): string => (nextCursor ? `next_cursor: ${nextCursor} (pass as cursor for more)` : '(no more)');
