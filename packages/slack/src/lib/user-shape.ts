import * as z from 'zod';

export const userOutput = z.object({
  id: z.string(),
  handle: z.string(),
  name: z.string(),
  real_name: z.string().optional(),
  title: z.string().optional(),
  tz: z.string().optional(),
  is_bot: z.boolean().optional(),
  deleted: z.boolean().optional(),
});
