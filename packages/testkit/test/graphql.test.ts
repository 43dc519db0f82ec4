import { GraphQLError } from 'graphql';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  apiSpecFile,
  complexityRule,
  type FakeUpstream,
  type GraphqlRule,
  loadGraphqlSchema,
  pageSizeRule,
  queryComplexity,
  relayConnection,
  runGraphql,
  startFake,
  tokenAuth,
} from '../src/index.js';

const linear = () => loadGraphqlSchema(apiSpecFile('linear/schema.graphql'));
beforeAll(() => void linear());

const DEEP = '{ teams { nodes { issues { nodes { comments { nodes { body } } } } } } }';

describe('queryComplexity: Linear-style points', () => {
  it('counts 0.1 a scalar, 1 an object, and multiplies a connection’s selection by first, last or 50', () => {
    // issues: 1 + 10 × (nodes: 1 + id 0.1 + title 0.1 + assignee (1 + name 0.1))
    expect(queryComplexity(linear(), '{ issues(first: 10) { nodes { id title assignee { name } } } }')).toBeCloseTo(24);
    expect(queryComplexity(linear(), 'query($n: Int) { issues(last: $n) { nodes { id } } }', { n: 4 })).toBeCloseTo(1 + 4 * 1.1);
    // Nested connections without first multiply by 50 each: 1 + 50 × (1 + 1 + 50 × (1 + 1 + 50 × 1.1)).
    expect(queryComplexity(linear(), DEEP)).toBeCloseTo(142_601);
    expect(queryComplexity(linear(), DEEP.replaceAll(/(teams|issues|comments) \{/g, '$1(first: 5) {'))).toBeCloseTo(198.5);
  });

  it('adds fragments, leaves __typename free, and takes the costliest operation', () => {
    const withFragment = 'query { issues(first: 2) { nodes { ...F __typename } } } fragment F on Issue { id title }';
    expect(queryComplexity(linear(), withFragment)).toBeCloseTo(1 + 2 * 1.2);
    expect(queryComplexity(linear(), 'query A { viewer { id } } query B { viewer { id name email } }')).toBeCloseTo(1.3);
  });
});

describe('runGraphql: schema validation and pluggable rules', () => {
  const run = (query: string, rules: GraphqlRule[], variables = {}) => runGraphql(query, variables, {}, { schema: linear(), rules });

  it('refuses fields the schema lacks, syntax errors and a missing query, and records them', async () => {
    const unknown = await run('{ viewer { shoeSize } }', []);
    expect(unknown).toMatchObject({ refused: true, problems: ['graphql: Cannot query field "shoeSize" on type "User".'] });
    expect(unknown.body.errors).toEqual([{ message: 'Cannot query field "shoeSize" on type "User".', locations: [{ line: 1, column: 12 }] }]);
    expect((await run('{ viewer { id }', [])).problems[0]).toMatch(/^graphql: Syntax Error/);
    expect(await runGraphql(undefined, {}, {}, { schema: linear() })).toMatchObject({ refused: true, problems: ['graphql: body has no query string'] });
  });

  it('refuses a document over the complexity limit, with the service’s own error when given', async () => {
    const limit = complexityRule({ limit: 10_000 });
    expect(await run(DEEP.replaceAll('teams {', 'teams(first: 5) {'), [limit])).toMatchObject({ refused: true });
    const cheap = await run('{ teams(first: 2) { nodes { issues(first: 5) { nodes { id } } } } }', [limit]);
    expect(cheap.refused).toBe(false);
    const linearStyle = complexityRule({
      limit: 10_000,
      error: (complexity, max) =>
        new GraphQLError('Query too complex', {
          extensions: {
            code: 'INPUT_ERROR',
            userPresentableMessage: `The query is too complex. Complexity: ${complexity}. Maximum allowed complexity: ${max}.`,
          },
        }),
    });
    const refused = await run(DEEP, [linearStyle]);
    expect(refused.problems).toEqual(['graphql: Query too complex']);
    expect(refused.body.errors).toEqual([
      {
        message: 'Query too complex',
        extensions: { code: 'INPUT_ERROR', userPresentableMessage: expect.stringMatching(/Complexity: 14260\d\.?\d*\. Maximum allowed complexity: 10000\./) },
      },
    ]);
  });

  it('bounds page sizes, from literals and variables, and (GitHub) requires one where nodes are read', async () => {
    const bounded = pageSizeRule({ max: 250, required: false });
    expect((await run('{ issues { nodes { id } } }', [bounded])).refused).toBe(false);
    expect((await run('query($n: Int) { issues(first: $n) { nodes { id } } }', [bounded], { n: 251 })).problems).toEqual([
      'graphql: Requesting 251 records on the `issues` connection exceeds the `first`/`last` limit of 250 records (and must be at least 1).',
    ]);
    expect((await run('{ issues(last: 0) { nodes { id } } }', [bounded])).refused).toBe(true);
    const required = pageSizeRule({ max: 100 });
    expect((await run('{ issues { nodes { id } } }', [required])).problems[0]).toContain('You must provide a `first` or `last` value');
    expect((await run('{ issues { pageInfo { hasNextPage } } }', [required])).refused).toBe(false);
  });
});

describe('relayConnection', () => {
  const letters = [...'abcdefg'];
  const page = (args: Parameters<typeof relayConnection>[1], size?: number) => {
    const connection = relayConnection(letters, args, (letter) => letter.toUpperCase(), size);
    return { ...connection, nodes: connection.nodes(), edges: connection.edges() };
  };

  it('pages forward with first/after and backward with last/before, with a default size', () => {
    const first = page({ first: 3 });
    expect(first).toMatchObject({ totalCount: 7, nodes: ['A', 'B', 'C'], pageInfo: { hasNextPage: true, hasPreviousPage: false } });
    expect(first.edges[1]).toEqual({ cursor: expect.any(String), node: 'B' });
    const second = page({ first: 3, after: first.pageInfo.endCursor });
    expect(second.nodes).toEqual(['D', 'E', 'F']);
    expect(page({ first: 3, after: second.pageInfo.endCursor })).toMatchObject({ nodes: ['G'], pageInfo: { hasNextPage: false } });
    expect(page({ last: 2, before: second.pageInfo.startCursor }).nodes).toEqual(['B', 'C']);
    expect(page({}, 5).nodes).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(page({}).nodes).toHaveLength(7);
    expect(() => page({ first: 1, after: 'not-ours' })).toThrow(/invalid cursor "not-ours"/);
  });
});

describe('startFake with a GraphQL endpoint', () => {
  let fake: FakeUpstream | undefined;
  afterEach(async () => fake?.close());

  it('checks the key, validates, executes against the root and answers refusals with the given status', async () => {
    const issues = Array.from({ length: 60 }, (_, index) => ({ id: `issue-${index + 1}`, title: `Issue ${index + 1}` }));
    fake = await startFake({
      auth: tokenAuth({
        tokens: 'lin_api_test',
        schemes: ['', 'Bearer'],
        missing: { status: 401, body: { errors: [{ message: 'Authentication required' }] } },
      }),
      graphql: {
        path: '/graphql',
        schema: linear(),
        rules: [complexityRule({ limit: 10_000 })],
        refusedStatus: 400,
        root: () => ({
          issues: (args: { first?: number; after?: string }) => relayConnection(issues, args, (issue) => issue, 50),
          viewer: () => {
            throw new GraphQLError('Authentication required, not authenticated', {
              extensions: { code: 'AUTHENTICATION_ERROR', type: 'authentication error' },
            });
          },
        }),
      },
    });
    const post = (query: string, variables = {}, authorization = 'lin_api_test') =>
      fetch(`${fake!.url}/graphql`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    const query = 'query($after: String) { issues(after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }';
    type Page = { data: { issues: { nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const first = (await (await post(query)).json()) as Page;
    expect(first.data.issues.nodes).toHaveLength(50);
    expect(first.data.issues.pageInfo.hasNextPage).toBe(true);
    const rest = (await (await post(query, { after: first.data.issues.pageInfo.endCursor })).json()) as Page;
    expect(rest.data.issues.nodes.map((node) => node.id)).toEqual(issues.slice(50).map((issue) => issue.id));
    expect((await post(query, {}, 'Bearer lin_oauth_other')).status).toBe(401);
    const badCursor = (await (await post(query, { after: 'bogus' })).json()) as { errors: Array<{ message: string; path: string[] }> };
    expect(badCursor.errors).toEqual([expect.objectContaining({ message: 'invalid cursor "bogus"', path: ['issues'] })]);
    expect(await (await post('{ viewer { id } }')).json()).toEqual({
      data: null,
      errors: [
        {
          message: 'Authentication required, not authenticated',
          locations: [{ line: 1, column: 3 }],
          path: ['viewer'],
          extensions: { code: 'AUTHENTICATION_ERROR', type: 'authentication error' },
        },
      ],
    });
    expect((await post(DEEP)).status).toBe(400);
    expect((await post('{ viewer { shoeSize } }')).status).toBe(400);
    expect(fake.problems).toEqual([expect.stringMatching(/^graphql: Query too complex: complexity 14260\d/), expect.stringContaining('shoeSize')]);
  });
});
