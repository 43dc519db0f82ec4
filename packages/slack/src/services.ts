import { type ServicesOf, service } from '@toolbridge/core';
import { createClient } from './client.js';
import type { SlackContext } from './define.js';
import { Directory, directoryFile } from './lib/directory.js';
import type { SlackSettings } from './settings.js';

/** What the server keeps for its lifetime: the API client (made at the first call) and the users/channels cache. */
export const services = {
  client: service<ReturnType<typeof createClient>, SlackSettings>(createClient),
  directory: service<Directory, SlackSettings>((context) => new Directory(context as SlackContext, directoryFile(context as SlackContext))),
};

export type SlackServices = ServicesOf<typeof services>;
