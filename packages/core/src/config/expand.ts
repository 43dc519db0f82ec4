import { ConfigError } from '../errors.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Expands `${VAR}` and `${VAR:-default}` in every string of a parsed JSON value. */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') {
    return value.replace(REFERENCE, (_whole, name: string, fallback: string | undefined) => {
      const found = env[name];
      if (found !== undefined && found !== '') return found;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(path, `refers to \${${name}}, which is not set`, {
        hint: `Set ${name} in the environment, or write \${${name}:-default} to give a default.`,
      });
    });
  }
  if (Array.isArray(value)) return value.map((item, index) => expandEnv(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandEnv(item, env, path ? `${path}.${key}` : key)]));
  }
  return value;
}
