/** The flags `doctor` and `list` share: which configurations and servers to start, how long to wait, JSON out. */
export const SERVER_CHECK_OPTIONS = {
  client: { type: 'string' },
  servers: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
