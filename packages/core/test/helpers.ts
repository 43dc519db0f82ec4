import { type CoreConfig, coreConfigSchema } from '../src/config/schema.js';

/** A validated core config with the given overrides (deep-merged like the config loader does). */
export function testConfig(overrides: Record<string, unknown> = {}): CoreConfig {
  return coreConfigSchema.parse(overrides);
}
