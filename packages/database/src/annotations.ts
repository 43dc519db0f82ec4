import { annotations } from '@toolbridge/core';

/** Core's presets for a closed world: the database is the user's own, not the open internet. */
export const databaseAnnotations = {
  read: { ...annotations.read, openWorldHint: false },
  destructive: { ...annotations.destructive, openWorldHint: false },
} as const;
