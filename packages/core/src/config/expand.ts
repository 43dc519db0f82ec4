import { ConfigError } from '../errors.js';

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/** Expands `${VAR}` and `${VAR:-default}` in every string value of a parsed JSON value (never in keys). */
export function expandEnv(value: unknown, env: NodeJS.ProcessEnv, path = ''): unknown {
  if (typeof value === 'string') return expandString(value, env, path);
  if (Array.isArray(value)) return value.map((item, index) => expandEnv(item, env, `${path}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const at = path ? `${path}.${key}` : key;
        if (key.includes('${')) {
          throw new ConfigError(at, 'a key name cannot hold a ${...} reference', { hint: 'Only values are expanded; write the key itself.' });
        }
        return [key, expandEnv(item, env, at)];
      }),
    );
  }
  return value;
}

function expandString(text: string, env: NodeJS.ProcessEnv, path: string): string {
  const expanded = text.replace(REFERENCE, (_whole, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== '') return found;
    if (fallback !== undefined) return fallback;
    throw new ConfigError(path, found === '' ? `refers to \${${name}}, which is set but empty` : `refers to \${${name}}, which is not set`, {
      hint: `Set ${name} in the environment, or write \${${name}:-default} to give a default.`,
    });
  });
  // What is left of a "${" after expansion was never a complete reference.
  const unclosed = text.replace(REFERENCE, '').indexOf('${');
  if (unclosed >= 0) {
    throw new ConfigError(path, `has an unfinished reference ${JSON.stringify(text.replace(REFERENCE, '').slice(unclosed, unclosed + 30))}`, {
      hint: 'Write ${NAME} or ${NAME:-default}, with the closing brace.',
    });
  }
  return expanded;
}
