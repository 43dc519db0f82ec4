import { describe, expect, it } from 'vitest';
import { endpoints } from '../src/client.js';
import { tools } from '../src/index.js';
import { expandScopes, toolsLackingScopes } from '../src/scopes.js';
import { settingsSchema } from '../src/settings.js';

const settings = (values: Record<string, unknown>) => settingsSchema.parse(values);

describe('endpoints', () => {
  it('defaults to api.github.com', () => {
    expect(endpoints(settings({}))).toEqual({ apiUrl: 'https://api.github.com', graphqlUrl: 'https://api.github.com/graphql' });
  });

  it('maps GITHUB_HOST to GitHub Enterprise Server and ghe.com endpoints', () => {
    expect(endpoints(settings({ host: 'ghe.example.com' }))).toEqual({
      apiUrl: 'https://ghe.example.com/api/v3',
      graphqlUrl: 'https://ghe.example.com/api/graphql',
    });
    expect(endpoints(settings({ host: 'https://acme.ghe.com/' }))).toEqual({
      apiUrl: 'https://api.acme.ghe.com',
      graphqlUrl: 'https://api.acme.ghe.com/graphql',
    });
    expect(endpoints(settings({ host: 'github.com' })).apiUrl).toBe('https://api.github.com');
  });

  it('takes GITHUB_API_URL as given, with GraphQL at /api/graphql for /api/v3', () => {
    expect(endpoints(settings({ apiUrl: 'https://ghe.example.com/api/v3/' }))).toEqual({
      apiUrl: 'https://ghe.example.com/api/v3',
      graphqlUrl: 'https://ghe.example.com/api/graphql',
    });
  });

  it('requires https except on loopback', () => {
    expect(() => endpoints(settings({ apiUrl: 'http://ghe.example.com/api/v3' }))).toThrow(/must use https/);
    expect(endpoints(settings({ apiUrl: 'http://127.0.0.1:9999' })).apiUrl).toBe('http://127.0.0.1:9999');
  });
});

describe('scopes of a classic token', () => {
  it('expands repo to public_repo and keeps writes for either', () => {
    expect(expandScopes(['repo']).has('public_repo')).toBe(true);
    expect(toolsLackingScopes(tools, ['repo'])).toEqual([]);
    expect(toolsLackingScopes(tools, ['public_repo'])).toEqual([]);
  });

  it('lists every write tool, and no read tool, when the token has neither', () => {
    const writes = tools.filter((tool) => !tool.annotations.readOnlyHint).map((tool) => tool.name);
    expect(toolsLackingScopes(tools, ['read:org']).sort()).toEqual(writes.sort());
  });
});
