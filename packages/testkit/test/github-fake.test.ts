import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, githubOpenApi, secondaryRateLimit, startFakeGitHub } from '../src/index.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
beforeAll(() => void githubOpenApi());
const responseProblems = (method: string, path: string, status: number, body: unknown) => githubOpenApi().responseProblems(method, path, status, body);

const send = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${fake!.apiUrl}${path}`, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
};
const graphql = (query: string, variables: Record<string, unknown> = {}) => send('/graphql', { method: 'POST', body: JSON.stringify({ query, variables }) });

describe('fake GitHub: requests are checked against the OpenAPI description', () => {
  it('refuses an invalid enum, an unknown query parameter and a body without a required field with 422', async () => {
    fake = await startFakeGitHub();
    const badEnum = await send('/repos/octo-org/hello-world/issues?state=bogus');
    expect(badEnum.status).toBe(422);
    expect(badEnum.body).toMatchObject({ message: expect.stringContaining('state'), status: '422', documentation_url: expect.any(String) });
    const unknownParam = await send('/repos/octo-org/hello-world/issues?colour=red');
    expect(unknownParam.status).toBe(422);
    const noTitle = await send('/repos/octo-org/hello-world/issues', { method: 'POST', body: JSON.stringify({ body: 'x' }) });
    expect(noTitle.status).toBe(422);
    const wrongType = await send('/repos/octo-org/hello-world/issues/1', { method: 'PATCH', body: JSON.stringify({ state: 'done' }) });
    expect(wrongType.status).toBe(422);
    expect(fake.problems).toHaveLength(4);
    expect(fake.problems.join('\n')).toMatch(/state="bogus"[\s\S]*unknown query parameter colour[\s\S]*required property 'title'[\s\S]*state/);
  });

  it('answers an undocumented endpoint 404 and records it', async () => {
    fake = await startFakeGitHub();
    const response = await send('/repos/octo-org/hello-world/made-up');
    expect(response.status).toBe(404);
    expect(fake.problems).toEqual(["GET /repos/octo-org/hello-world/made-up: no such endpoint in GitHub's REST API"]);
  });

  it('accepts valid requests without problems', async () => {
    fake = await startFakeGitHub();
    expect((await send('/repos/octo-org/hello-world/issues?state=all&labels=bug&per_page=5&sort=updated')).status).toBe(200);
    expect((await send('/repos/octo-org/hello-world/issues', { method: 'POST', body: JSON.stringify({ title: 'New', labels: ['bug'] }) })).status).toBe(201);
    expect(fake.problems).toEqual([]);
  });
});

describe('fake GitHub: answers look like GitHub', () => {
  it('sends rate-limit headers, Link pagination and GitHub error bodies', async () => {
    fake = await startFakeGitHub();
    const first = await send('/repos/octo-org/hello-world/issues?state=all&per_page=3');
    expect(first.body).toHaveLength(3);
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('4999');
    expect(first.headers.get('x-ratelimit-used')).toBe('1');
    expect(first.headers.get('x-ratelimit-resource')).toBe('core');
    expect(Number(first.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    const link = first.headers.get('link')!;
    expect(link).toMatch(/<http:\/\/127\.0\.0\.1:\d+\/repos\/octo-org\/hello-world\/issues\?state=all&per_page=3&page=2>; rel="next"/);
    expect(link).toMatch(/page=5>; rel="last"/);
    const lastPage = await send('/repos/octo-org/hello-world/issues?state=all&per_page=3&page=5');
    expect(lastPage.headers.get('link')).not.toContain('rel="next"');
    const search = await send('/search/issues?q=repo:octo-org/hello-world+is:issue+dark');
    expect(search.headers.get('x-ratelimit-resource')).toBe('search');
    expect(search.body.items.map((item: { number: number }) => item.number)).toEqual([2]);
    const missing = await send('/repos/octo-org/hello-world/issues/999');
    expect(missing).toMatchObject({ status: 404, body: { message: 'Not Found', status: '404' } });
    expect(fake.problems).toEqual([]);
  });

  it('hides private repositories from users who are not collaborators', async () => {
    fake = await startFakeGitHub();
    fake.state.viewer = 'drive-by-dan';
    expect((await send('/repos/octo-org/secret-plans/issues/1')).status).toBe(404);
    expect((await send('/repos/octo-org/hello-world/collaborators/octocat/permission')).status).toBe(403);
  });

  it('checks the token, sends X-OAuth-Scopes and serves one-shot answers first', async () => {
    fake = await startFakeGitHub({ token: 'good', scopes: ['repo', 'read:org'] });
    expect(await send('/user', { headers: { authorization: 'token bad' } })).toMatchObject({ status: 401, body: { message: 'Bad credentials' } });
    expect(await send('/user')).toMatchObject({ status: 401, body: { message: 'Requires authentication' } });
    fake.queue(secondaryRateLimit(1, { path: '/user' }));
    const limited = await send('/user', { headers: { authorization: 'Bearer good' } });
    expect(limited.status).toBe(403);
    expect(limited.headers.get('retry-after')).toBe('1');
    const ok = await send('/user', { headers: { authorization: 'Bearer good' } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-oauth-scopes')).toBe('repo, read:org');
    expect(ok.body.login).toBe('octocat');
  });

  it('serves GitHub Enterprise Server paths', async () => {
    fake = await startFakeGitHub({ enterprise: true });
    expect(fake.apiUrl).toMatch(/\/api\/v3$/);
    expect((await send('/user')).body.login).toBe('octocat');
    const response = await fetch(`${fake.url}/api/graphql`, { method: 'POST', body: JSON.stringify({ query: '{ viewer { login } }' }) });
    expect(await response.json()).toEqual({ data: { viewer: { login: 'octocat' } } });
    expect(fake.problems).toEqual([]);
  });
});

describe('fake GitHub: GraphQL', () => {
  it('executes aliased queries with per-item NOT_FOUND errors', async () => {
    fake = await startFakeGitHub();
    const { body } = await graphql(
      `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) {
        a: issue(number: 1) { number title state author { login } labels(first: 5) { nodes { name } } comments { totalCount } }
        b: issue(number: 999) { number } } }`,
      { owner: 'octo-org', name: 'hello-world' },
    );
    expect(body.data.repository.a).toEqual({
      number: 1,
      title: 'Crash when the config file is missing',
      state: 'OPEN',
      author: { login: 'maintainer-mia' },
      labels: { nodes: [{ name: 'bug' }] },
      comments: { totalCount: 2 },
    });
    expect(body.data.repository.b).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({ type: 'NOT_FOUND', path: ['repository', 'b'], message: 'Could not resolve to an Issue with the number of 999.' }),
    ]);
    expect(fake.problems).toEqual([]);
  });

  it('refuses documents the schema rejects and connections without a page size of 1..100', async () => {
    fake = await startFakeGitHub();
    const unknownField = await graphql('{ viewer { shoeSize } }');
    expect(unknownField.body.errors[0].message).toContain('shoeSize');
    await graphql('{ repository(owner: "o", name: "r") { issues { nodes { number } } } }');
    await graphql('{ repository(owner: "o", name: "r") { issues(first: 101) { nodes { number } } } }');
    await graphql('query($n: Int) { repository(owner: "o", name: "r") { issues(first: $n) { nodes { number } } } }', { n: 0 });
    expect(fake.problems).toHaveLength(4);
    expect(fake.problems[1]).toContain('You must provide a `first` or `last` value');
    expect(fake.problems[2]).toContain('limit of 100');
    expect(fake.problems[3]).toContain('Requesting 0 records');
  });
});

describe('fake GitHub: responses match the OpenAPI response schemas', () => {
  it('validates a sample of answers (every JSON answer is checked, problems would be recorded)', async () => {
    fake = await startFakeGitHub();
    const sample = [
      '/user',
      '/user/repos',
      '/repos/octo-org/hello-world',
      '/repos/octo-org/hello-world/issues?state=all',
      '/repos/octo-org/hello-world/issues/1',
      '/repos/octo-org/hello-world/issues/4',
      '/repos/octo-org/hello-world/issues/1/comments',
      '/repos/octo-org/hello-world/pulls?state=all',
      '/repos/octo-org/hello-world/pulls/4',
      '/repos/octo-org/hello-world/pulls/13',
      '/repos/octo-org/hello-world/pulls/4/files',
      '/repos/octo-org/hello-world/pulls/4/reviews',
      '/repos/octo-org/hello-world/commits/fix-config/check-runs',
      '/repos/octo-org/hello-world/collaborators/drive-by-dan/permission',
      '/search/issues?q=is:pr+is:open',
    ];
    for (const path of sample) {
      const response = await send(path);
      expect(response.status, path).toBe(200);
      expect(responseProblems('GET', path.split('?')[0]!, 200, response.body), path).toEqual([]);
    }
    const writes = [
      ['POST', '/repos/octo-org/hello-world/issues', { title: 'T', body: 'B', assignees: ['maintainer-mia'], milestone: 1 }, 201],
      ['PATCH', '/repos/octo-org/hello-world/issues/2', { state: 'closed', state_reason: 'not_planned', labels: ['wontfix'] }, 200],
      ['POST', '/repos/octo-org/hello-world/issues/2/comments', { body: 'Thanks' }, 201],
      [
        'POST',
        '/repos/octo-org/hello-world/pulls/6/reviews',
        { event: 'REQUEST_CHANGES', body: 'No', comments: [{ path: 'README.md', line: 3, body: 'x' }] },
        200,
      ],
      ['PUT', '/repos/octo-org/hello-world/pulls/4/merge', { merge_method: 'squash' }, 200],
      ['POST', '/repos/octo-org/hello-world/pulls', { title: 'P', head: 'update-readme', base: 'main' }, 422],
    ] as const;
    for (const [method, path, body, status] of writes) {
      const response = await send(path, { method, body: JSON.stringify(body) });
      expect(response.status, `${method} ${path}`).toBe(status);
      if (status < 300) expect(responseProblems(method, path, status, response.body)).toEqual([]);
    }
    expect(fake.problems).toEqual([]);
  });

  it('flags an answer that breaks its schema', () => {
    expect(responseProblems('GET', '/repos/o/r/issues/1', 200, { number: 1 })[0]).toContain('must have required property');
    expect(responseProblems('GET', '/user', 200, { login: 7 })).not.toEqual([]);
  });
});
