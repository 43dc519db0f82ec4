// The esbuild options of a server's bin bundle, shared by scripts/bundle-bin.mjs (which writes it) and
// the bench (which measures what it is made of), so both describe the same bundle.

/** The `--external` names in a build command line (a package.json build script, or argv). */
export function externalsIn(args) {
  const external = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--external' && args[index + 1]) external.push(args[++index]);
  }
  return external;
}

/**
 * src/bin.ts -> dist/bin.js, with dist/chunks/: code behind a dynamic import() (a database driver, the SQL
 * parser, the API client) lands in its own chunk, compiled only when first used.
 */
export function binBundleOptions(external) {
  return {
    entryPoints: { bin: 'src/bin.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    // Whitespace and syntax only: a smaller file compiles faster at start (about 5 ms, 5 MB), while
    // identifiers keep their names for stack traces and for libraries that read constructor names.
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: 'none',
    logLevel: 'warning',
    // CommonJS dependencies inside an ESM bundle (and each chunk) still call require().
    banner: { js: "import { createRequire as __tbCreateRequire } from 'node:module'; const require = __tbCreateRequire(import.meta.url);" },
  };
}
