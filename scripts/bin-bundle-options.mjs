// The esbuild options of a server's bin bundle, shared by scripts/bundle-bin.mjs (which writes it) and
// the bench (which measures what it is made of), so both describe the same bundle.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
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

/** A CommonJS bundle (dist/server.cjs or a side bundle) with import.meta.url, for the ESM code inside it. */
const CJS = {
  ...COMMON,
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // The loader reads server.cjs as latin1, which is right for ASCII only (scripts/bundle-bin.mjs checks).
  charset: 'ascii',
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__tbImportMetaUrl' },
  banner: { js: "const __tbImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * Third-party packages that a server loads only later, if ever: each is a side bundle of its own,
 * dist/chunks/<name>.cjs, which server.cjs require()s at first use, so start-up neither reads nor
 * deserializes them (the loader runs each with a code cache of its own, as it runs server.cjs). Leaf
 * packages only: none imports core or zod, whose one instance is in server.cjs (scripts/bundle-bin.mjs
 * checks that no module lands in two bundles). `exports`: the side bundle has only these, for a package
 * whose entry point (which esbuild does not tree-shake) is much larger than what is used.
 */
const SIDE_BUNDLES = {
  // core's transport through a proxy, with a proxy set only
  undici: {},
  // telemetry, with TOOLBRIDGE_TELEMETRY_DSN set only: what core's telemetry/sentry-reporter.ts imports (a
  // server's telemetry test fails without one of them); 270 KB where the whole SDK is 1 MB
  '@sentry/node': { exports: ['defaultStackParser', 'makeNodeTransport', 'NodeClient', 'Scope'] },
  // the database server's MySQL driver and its guards' grammars for MySQL and SQLite, with big-integer,
  // which both of those require
  mysql2: {},
  'node-sql-parser/build/mysql.js': {},
  'node-sql-parser/build/sqlite.js': {},
  'big-integer': {},
};

/** The file of a side bundle, relative to dist/chunks/: `@sentry/node` -> `sentry-node.cjs`. */
function sideBundleFile(specifier) {
  return `${specifier
    .replace(/^@/, '')
    .replace(/\.js$/, '')
    .replace(/[^\w.-]+/g, '-')}.cjs`;
}

/**
 * Imports of a SIDE_BUNDLES package made require()s of its side bundle (`chunksPath`: dist/chunks/ as seen
 * from the bundle being built). `found` gets each side bundle's file name, its specifier and the module
 * it resolves to where it is imported (a server need not depend on core's packages itself).
 */
function sideBundleImports(chunksPath, found) {
  return {
    name: 'toolbridge-side-bundles',
    setup(build) {
      build.onResolve({ filter: /^[@\w]/ }, async (args) => {
        if (!Object.hasOwn(SIDE_BUNDLES, args.path) || args.pluginData === SIDE_BUNDLE) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, pluginData: SIDE_BUNDLE });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        const file = sideBundleFile(args.path);
        const earlier = found.get(file)?.path;
        if (earlier && earlier !== resolved.path) return { errors: [{ text: `${args.path} resolves to both ${earlier} and ${resolved.path}` }] };
        found.set(file, { specifier: args.path, path: resolved.path });
        return { path: `${chunksPath}${file}`, external: true };
      });
    },
  };
}

const SIDE_BUNDLE = Symbol('side bundle');

/**
 * A core server's bundle, dist/server.cjs: one CommonJS script (the bin's loader runs it with V8's code
 * cache, which Node offers for scripts only), its build-time JSON Schemas first, then src/bin.ts. Its own
 * code that loads at first use is in the script too, compiled only when first called: dynamic import()
 * becomes require() so that the script needs no module loader. SIDE_BUNDLES are required from dist/chunks/:
 * `sideBundles` gets the file name and module of each one it requires (see sideBundleImports).
 */
export function serverBundleOptions(external, prelude, sideBundles = new Map()) {
  return {
    ...CJS,
    entryPoints: { server: SERVER_ENTRY },
    outdir: 'dist',
    external,
    plugins: [
      sideBundleImports('./chunks/', sideBundles),
      virtualModules({
        [SCHEMAS]: `import { usePrecomputedSchemas } from '@toolbridge/core/prelude';\nusePrecomputedSchemas(JSON.parse(${JSON.stringify(JSON.stringify(prelude.schemas))}));`,
        [SERVER_ENTRY]: `import '${SCHEMAS}';\nimport './src/bin.ts';\nexport { onStarted } from '@toolbridge/core/prelude';`,
      }),
      noAjv,
    ],
  };
}

/**
 * A side bundle, dist/chunks/<file>, plainly require()d: `module` is what sideBundleImports found for it,
 * and `sideBundles` gets the side bundles that it requires in turn.
 */
export function sideBundleOptions(file, module, external, sideBundles) {
  const { exports } = SIDE_BUNDLES[module.specifier];
  return {
    ...CJS,
    ...(exports
      ? { stdin: { contents: `export { ${exports.join(', ')} } from ${JSON.stringify(module.path)};`, resolveDir: dirname(module.path), sourcefile: file } }
      : { entryPoints: [module.path] }),
    outfile: `dist/chunks/${file}`,
    external,
    plugins: [sideBundleImports('./', sideBundles)],
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
