import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { apiSpecFile, apiSpecsDir, packageFile, readSpec } from '../src/index.js';

describe('finding the descriptions', () => {
  const configured = process.env.TOOLBRIDGE_API_SPECS;
  afterEach(() => {
    if (configured === undefined) delete process.env.TOOLBRIDGE_API_SPECS;
    else process.env.TOOLBRIDGE_API_SPECS = configured;
  });

  it('reads the shared descriptions from TOOLBRIDGE_API_SPECS, and says what to set when they are missing', () => {
    expect(readSpec<{ swagger: string }>(apiSpecFile('slack/slack_web_openapi_v2.json')).swagger).toBe('2.0');
    expect(readSpec<string>(apiSpecFile('linear/schema.graphql'))).toContain('type Query');
    expect(() => apiSpecFile('jira/openapi.json')).toThrow(/API description jira\/openapi\.json not found in .*TOOLBRIDGE_API_SPECS/);
    process.env.TOOLBRIDGE_API_SPECS = `${apiSpecsDir()}-missing`;
    expect(() => apiSpecsDir()).toThrow(/set TOOLBRIDGE_API_SPECS to the directory holding linear\/, sentry\/ and slack\//);
  });

  it('finds files inside npm packages, including one that exports only its entry point', () => {
    expect(existsSync(packageFile('@octokit/graphql-schema', 'schema.graphql'))).toBe(true);
    expect(existsSync(packageFile('@octokit/openapi', 'generated/api.github.com.json'))).toBe(true);
  });
});
