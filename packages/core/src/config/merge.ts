type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Deep-merges layers left to right; later layers win, arrays are replaced, undefined is skipped. */
export function mergeLayers(...layers: unknown[]): Plain {
  const out: Plain = {};
  for (const layer of layers) {
    if (!isPlain(layer)) continue;
    for (const [key, value] of Object.entries(layer)) {
      if (value === undefined) continue;
      out[key] = isPlain(value) && isPlain(out[key]) ? mergeLayers(out[key], value) : value;
    }
  }
  return out;
}

/** Sets `a.b.c` in a nested object, creating intermediate objects. */
export function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = target;
  for (const key of keys.slice(0, -1)) {
    if (!isPlain(cursor[key])) cursor[key] = {};
    cursor = cursor[key] as Plain;
  }
  cursor[keys[keys.length - 1]!] = value;
}

/** The value at `a.b.c`, or undefined. */
export function getPath(target: Plain, path: string): unknown {
  let cursor: unknown = target;
  for (const key of path.split('.')) {
    if (!isPlain(cursor)) return undefined;
    cursor = cursor[key];
  }
  return cursor;
}

/** Removes `a.b.c`, and parents it leaves empty. */
export function deletePath(target: Plain, path: string): void {
  const [key, ...rest] = path.split('.');
  if (!key || !isPlain(target[key]) || !rest.length) {
    if (key) delete target[key];
    return;
  }
  const child = target[key] as Plain;
  deletePath(child, rest.join('.'));
  if (!Object.keys(child).length) delete target[key];
}
