// The esbuild options of a server's bin bundle, shared by scripts/bundle-bin.mjs (which writes it) and
// the bench (which measures what it is made of), so both describe the same bundle.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The `--external` names in a build command line (a package.json build script, or argv). */
export function externalsIn(args) {
  const external = [];
  for (let index = 0; index < args.length; index++) {
    if (args[index] === '--external' && args[index + 1]) external.push(args[++index]);
  }
  return external;
}

/**
 * For a server built on @toolbridge/core (its dist/index.js exporting `server`, already compiled by tsc):
 * its short name and the tools' JSON Schemas, computed now so that tools/list need not convert zod
 * schemas at every start. Undefined for anything else (the bench's floor servers, the CLI).
 */
export async function corePrelude(dir) {
  const packageDir = resolve(dir);
  const manifestFile = join(packageDir, 'package.json');
  const index = join(packageDir, 'dist', 'index.js');
  if (!existsSync(manifestFile) || !existsSync(index)) return undefined;
  // Bundled, core is a devDependency of the servers (only what the bundle leaves out is a dependency).
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  if (!manifest.dependencies?.['@toolbridge/core'] && !manifest.devDependencies?.['@toolbridge/core']) return undefined;
  const { server } = await import(pathToFileURL(index).href);
  if (!Array.isArray(server?.tools)) return undefined;
  const core = await import(pathToFileURL(createRequire(join(packageDir, 'package.json')).resolve('@toolbridge/core')).href);
  return { server: manifest.name.split('/').pop(), schemas: core.toolSchemas(server.tools) };
}

const SERVER_ENTRY = 'toolbridge:server';
const SCHEMAS = 'toolbridge:schemas';
const LOADER_ENTRY = 'toolbridge:loader';

/** Modules that exist only in the build: their contents, by name. */
function virtualModules(modules) {
  return {
    name: 'toolbridge-virtual',
    setup(build) {
      build.onResolve({ filter: /^toolbridge:/ }, (args) => ({ path: args.path, namespace: 'toolbridge' }));
      build.onLoad({ filter: /.*/, namespace: 'toolbridge' }, (args) => ({
        resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
        contents: modules[args.path],
        loader: 'js',
      }));
    },
  };
}

/** The SDK's Ajv is left out: core passes the SDK a zod validator. */
const noAjv = {
  name: 'toolbridge-no-ajv',
  setup(build) {
    build.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, () => ({ path: 'ajv-provider', namespace: 'toolbridge-no-ajv' }));
    build.onLoad({ filter: /.*/, namespace: 'toolbridge-no-ajv' }, () => ({
      contents: "export class AjvJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass the SDK a jsonSchemaValidator'); } }",
      loader: 'js',
    }));
  },
};

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: a smaller file compiles faster at start (about 5 ms, 5 MB), while
  // identifiers keep their names for stack traces and for libraries that read constructor names.
  minifySyntax: true,
  minifyWhitespace: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/**
 * A core server's bundle, dist/server.cjs: one CommonJS script (the bin's loader runs it with V8's code
 * cache, which Node offers for scripts only), its build-time JSON Schemas first, then src/bin.ts. What
 * loads at first use (a driver, the SQL parser, the proxy agent) is in the script too, compiled only
 * when first called; dynamic import() becomes require() so that the script needs no module loader.
 */
export function serverBundleOptions(external, prelude) {
  return {
    ...COMMON,
    entryPoints: { server: SERVER_ENTRY },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    // The loader reads the bundle as latin1, which is right for ASCII only.
    charset: 'ascii',
    external,
    supported: { 'dynamic-import': false },
    define: { 'import.meta.url': '__tbImportMetaUrl' },
    banner: { js: "const __tbImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [
      virtualModules({
        [SCHEMAS]: `import { usePrecomputedSchemas } from '@toolbridge/core/prelude';\nusePrecomputedSchemas(JSON.parse(${JSON.stringify(JSON.stringify(prelude.schemas))}));`,
        [SERVER_ENTRY]: `import '${SCHEMAS}';\nimport './src/bin.ts';\nexport { onStarted } from '@toolbridge/core/prelude';`,
      }),
      noAjv,
    ],
  };
}

/** A core server's dist/bin.js: the loader (Node built-ins only) that runs dist/server.cjs. */
export function loaderBundleOptions(server, build) {
  return {
    ...COMMON,
    entryPoints: { bin: LOADER_ENTRY },
    outdir: 'dist',
    format: 'esm',
    plugins: [
      virtualModules({
        [LOADER_ENTRY]: [
          '#!/usr/bin/env node',
          "import { loadServer } from '@toolbridge/core/loader';",
          `loadServer({ url: new URL('./server.cjs', import.meta.url), server: ${JSON.stringify(server)}, build: ${JSON.stringify(build)} });`,
        ].join('\n'),
      }),
    ],
  };
}

/**
 * Anything else with a bin (the CLI, the bench's floor servers): src/bin.ts -> dist/bin.js, with
 * dist/chunks/: code behind a dynamic import() lands in its own chunk, compiled only when first used.
 */
export function binBundleOptions(external) {
  return {
    ...COMMON,
    entryPoints: { bin: 'src/bin.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    format: 'esm',
    external,
    // CommonJS dependencies inside an ESM bundle (and each chunk) still call require().
    banner: { js: "import { createRequire as __tbCreateRequire } from 'node:module'; const require = __tbCreateRequire(import.meta.url);" },
  };
}
