import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { publishedPackages } from '../packs/packages.mjs';
import { serverSchema } from '../packs/server-schema.mjs';
import { manifestProblems } from '../packs/tarball.mjs';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);
const validate = ajv.compile(serverSchema);

/** Every environment variable a server reads, from its spec: what server.json may offer to set. */
function knownEnv(spec) {
  const prefix = spec.envPrefix;
  return new Set([
    ...(spec.secretEnv ?? []),
    ...Object.keys(spec.settings?.env ?? {}),
    ...Object.values(spec.flags ?? {}).flatMap((flag) => (flag.env ? [flag.env] : [])),
    ...(prefix ? ['READ_ONLY', 'TOOLSETS', 'TOOLS', 'EXCLUDE_TOOLS', 'ROLE'].map((name) => `${prefix}_${name}`) : []),
  ]);
}

const servers = publishedPackages().filter((pkg) => pkg.server);

const rootManifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));

describe('registry metadata', () => {
  it.each(publishedPackages().map((pkg) => [pkg.manifest.name, pkg]))('%s states the Node versions CI tests (20, 22, 24), as the root does', (_name, pkg) => {
    expect(pkg.manifest.engines?.node).toBe(rootManifest.engines.node);
    expect(rootManifest.engines.node).toBe('^20.19.0 || ^22.13.0 || >=24.0.0');
  });

  it('finds the servers', () => {
    expect(servers.map((pkg) => pkg.folder)).toEqual(expect.arrayContaining(['database', 'github', 'sentry']));
  });

  it.each(publishedPackages().map((pkg) => [pkg.manifest.name, pkg]))('%s has the metadata npm and the MCP registry show', (_name, pkg) => {
    expect(manifestProblems(pkg.manifest, pkg).filter((problem) => !problem.includes('workspace:'))).toEqual([]);
  });
});

describe.each(servers.map((pkg) => [pkg.folder, pkg]))('%s/server.json', (_folder, pkg) => {
  const file = join(pkg.dir, 'server.json');
  const doc = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;

  it('is valid against the MCP registry server.json schema', () => {
    expect(doc, `${file} is missing`).toBeDefined();
    validate(doc);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('names the package: mcpName, npm identifier and version agree', () => {
    expect(doc.name).toBe(pkg.manifest.mcpName);
    expect(doc.version).toBe(pkg.manifest.version);
    expect(doc.packages).toEqual([expect.objectContaining({ registryType: 'npm', identifier: pkg.manifest.name, version: pkg.manifest.version })]);
    expect(doc.repository.subfolder).toBe(`packages/${pkg.folder}`);
    expect(pkg.manifest.files).toContain('server.json');
  });

  it('offers only environment variables the server reads, its credential first and secret', async () => {
    const { server } = await import(pathToFileURL(join(pkg.dir, 'dist', 'index.js')).href);
    const known = knownEnv(server);
    const offered = doc.packages[0].environmentVariables ?? [];
    expect(offered.map((variable) => variable.name).filter((name) => !known.has(name))).toEqual([]);
    const credential = server.secretEnv?.[0];
    if (credential) expect(offered[0]).toMatchObject({ name: credential, isSecret: true });
  });
});

describe('the schema as stated', () => {
  const valid = JSON.parse(readFileSync(join(servers[0].dir, 'server.json'), 'utf8'));
  it.each([
    ['a version range', { ...valid, version: '^1.0.0' }],
    ['"latest" as a package version', { ...valid, packages: [{ ...valid.packages[0], version: 'latest' }] }],
    ['a description over 100 characters', { ...valid, description: 'x'.repeat(101) }],
    ['a name without a namespace', { ...valid, name: 'github' }],
    ['a misspelled field', { ...valid, packages: [{ ...valid.packages[0], enviromentVariables: [] }] }],
    ['a transport other than stdio for an npm package', { ...valid, packages: [{ ...valid.packages[0], transport: { type: 'websocket' } }] }],
  ])('rejects %s', (_what, doc) => {
    expect(validate(doc)).toBe(false);
  });
});
