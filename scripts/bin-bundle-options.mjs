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
 * the tools' JSON Schemas, computed now so that tools/list need not convert zod schemas at every start.
 * Undefined for anything else (the bench's floor servers, the CLI).
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
  return { schemas: core.toolSchemas(server.tools) };
}

const ENTRY = 'toolbridge:bin';

/**
 * With the core prelude, dist/bin.js is a small entry that turns on V8's compile cache and hands over the
 * build's JSON Schemas before it imports the server (src/bin.ts, a chunk): a module compiled before the
 * cache is on would not be cached. The SDK's Ajv is left out: core passes the SDK a zod validator.
 */
function preludePlugins(prelude) {
  return [
    {
      name: 'toolbridge-prelude',
      setup(build) {
        build.onResolve({ filter: /^toolbridge:bin$/ }, () => ({ path: ENTRY, namespace: 'toolbridge' }));
        build.onLoad({ filter: /.*/, namespace: 'toolbridge' }, () => ({
          resolveDir: build.initialOptions.absWorkingDir ?? process.cwd(),
          contents: [
            '#!/usr/bin/env node',
            "import { enableCompileCache, usePrecomputedSchemas } from '@toolbridge/core/prelude';",
            'enableCompileCache();',
            `usePrecomputedSchemas(JSON.parse(${JSON.stringify(JSON.stringify(prelude.schemas))}));`,
            "await import('./src/bin.ts');",
          ].join('\n'),
          loader: 'js',
        }));
      },
    },
    {
      name: 'toolbridge-no-ajv',
      setup(build) {
        build.onResolve({ filter: /\/validation\/ajv-provider\.js$/ }, () => ({ path: 'ajv-provider', namespace: 'toolbridge-no-ajv' }));
        build.onLoad({ filter: /.*/, namespace: 'toolbridge-no-ajv' }, () => ({
          contents: "export class AjvJsonSchemaValidator { constructor() { throw new Error('Ajv is not bundled: pass the SDK a jsonSchemaValidator'); } }",
          loader: 'js',
        }));
      },
    },
  ];
}

/**
 * src/bin.ts -> dist/bin.js, with dist/chunks/: code behind a dynamic import() (a database driver, the SQL
 * parser, the API client) lands in its own chunk, compiled only when first used. `prelude`: see corePrelude.
 */
export function binBundleOptions(external, prelude) {
  return {
    entryPoints: { bin: prelude ? ENTRY : 'src/bin.ts' },
    outdir: 'dist',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    plugins: prelude ? preludePlugins(prelude) : [],
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
