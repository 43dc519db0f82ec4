// `import … from 'node:crypto'` builds the module's ESM facade, which reads every export, webcrypto too:
// about 5 ms at every start-up. The builtin itself, taken directly, costs nothing until it is used.
const crypto = process.getBuiltinModule('node:crypto');

/** Hex SHA-256 of text, cut to `length` characters (cache keys, identities: never a secret in clear). */
export function sha256Hex(text: string, length = 64): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, length);
}
