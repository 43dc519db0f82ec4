import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiSpecFile, type FakeUpstream, githubOpenApi, loadOpenApi, type OpenApi, type RequestToCheck, startFake } from '../src/index.js';

/** The three kinds of description the fakes validate against: GitHub's and Sentry's OpenAPI 3.0, Slack's Swagger 2.0. */
const SENTRY_PARTIAL = ['PUT /api/0/organizations/{organization_id_or_slug}/issues/', 'PUT /api/0/organizations/{organization_id_or_slug}/issues/{issue_id}/'];
const sentry = () => loadOpenApi(apiSpecFile('sentry/openapi-derefed.json'), { name: "Sentry's API", partialBodies: SENTRY_PARTIAL });
const slack = () => loadOpenApi(apiSpecFile('slack/slack_web_openapi_v2.json'), { name: "Slack's Web API", anyMethod: true, credentialParameters: ['token'] });

const check = (api: OpenApi, request: Partial<RequestToCheck> & { method: string; path: string }) =>
  api.requestProblems({ query: new URLSearchParams(), body: '', ...request });
const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });
const form = (fields: Record<string, string>) => ({ body: String(new URLSearchParams(fields)), contentType: 'application/x-www-form-urlencoded' });

beforeAll(() => {
  githubOpenApi();
  sentry();
  slack();
});

// Compiling every schema of a description is seconds of CPU: generous limits keep a busy machine from failing it.
describe('every schema of each description compiles (a schema that does not compile would validate nothing)', { timeout: 120_000 }, () => {
  it("Sentry's and Slack's: parameters, bodies and answers", () => {
    expect(sentry().compileAll()).toEqual([]);
    expect(slack().compileAll()).toEqual([]);
  });

  it("GitHub's: parameters and bodies (its answers compile as the fake checks them)", () => {
    expect(githubOpenApi().compileAll({ answers: false })).toEqual([]);
  });
});

describe("GitHub's OpenAPI 3.0", () => {
  const github = () => githubOpenApi();

  it('accepts a valid request and refuses bad enums, types, unknown parameters and missing body fields', () => {
    expect(check(github(), { method: 'GET', path: '/repos/o/r/issues', query: new URLSearchParams('state=all&labels=bug&per_page=5') })).toEqual([]);
    expect(check(github(), { method: 'GET', path: '/repos/o/r/issues', query: new URLSearchParams('state=bogus&per_page=x&colour=red') })).toEqual([
      expect.stringMatching(/unknown query parameter colour \(documented: .*state/),
      'GET /repos/o/r/issues: query parameter state="bogus": must be equal to one of the allowed values ("open", "closed", "all")',
      'GET /repos/o/r/issues: query parameter per_page="x": must be integer',
    ]);
    expect(check(github(), { method: 'GET', path: '/repos/o/r/issues/abc' })).toEqual([
      'GET /repos/o/r/issues/abc: path parameter issue_number="abc": must be integer',
    ]);
    expect(check(github(), { method: 'POST', path: '/repos/o/r/issues', ...json({ body: 'no title' }) })).toEqual([
      "POST /repos/o/r/issues: body (root) must have required property 'title'",
    ]);
    expect(check(github(), { method: 'POST', path: '/repos/o/r/issues', body: '{"title":' })).toEqual(['POST /repos/o/r/issues: body is not valid JSON']);
  });

  it('matches file paths with slashes and literal segments before parameters', () => {
    expect(github().findOperation('GET', '/repos/o/r/contents/docs/a/b.md')).toMatchObject({
      template: '/repos/{owner}/{repo}/contents/{path}',
      pathParams: { path: 'docs/a/b.md' },
    });
    expect(github().findOperation('GET', '/repos/o/r/issues/comments')?.operationId).toBe('issues/list-comments-for-repo');
    expect(github().findOperation('GET', '/repos/o/r/made-up')).toBeUndefined();
  });

  it('accepts null where the description says nullable (without a type), and nothing else of the wrong type', () => {
    expect(check(github(), { method: 'PATCH', path: '/repos/o/r/issues/1', ...json({ milestone: null, assignee: null }) })).toEqual([]);
    expect(check(github(), { method: 'PATCH', path: '/repos/o/r/issues/1', ...json({ milestone: true }) })[0]).toMatch(/body \/milestone must be/);
  });

  it('checks answers against the documented response', () => {
    expect(github().responseProblems('GET', '/repos/o/r/issues/1', 200, { number: 1 })[0]).toContain('response (root) must have required property');
    expect(github().responseProblems('GET', '/repos/o/r/issues/1', 201, {})).toEqual([
      'GET /repos/o/r/issues/1 → 201: status 201 is not documented (documented: 200, 301, 304, 404, 410)',
    ]);
  });
});

describe("Sentry's OpenAPI 3.0.3", () => {
  const issues = '/api/0/organizations/acme/issues/';

  it('reads repeated query keys as arrays and refuses a bad enum or item type', () => {
    expect(check(sentry(), { method: 'GET', path: issues, query: new URLSearchParams('project=1&project=web&environment=prod&sort=freq&limit=5') })).toEqual(
      [],
    );
    expect(check(sentry(), { method: 'GET', path: issues, query: new URLSearchParams('sort=loudest') })[0]).toMatch(
      /query parameter sort="loudest": must be equal to one of the allowed values \("date", /,
    );
    expect(check(sentry(), { method: 'PUT', path: issues, query: new URLSearchParams('id=12&id=x'), ...json({ status: 'resolved' }) })).toEqual([
      `PUT ${issues}: query parameter id=["12","x"]: /1 must be integer`,
    ]);
  });

  it('takes partial issue updates when told to, and a nullable enum accepts null but no value outside it', () => {
    const issue = '/api/0/organizations/acme/issues/42/';
    expect(check(sentry(), { method: 'PUT', path: issue, ...json({ status: 'resolved' }) })).toEqual([]);
    expect(check(sentry(), { method: 'PUT', path: issue, ...json({ status: 'ignored', substatus: null }) })).toEqual([]);
    expect(check(sentry(), { method: 'PUT', path: issue, ...json({ substatus: 'sleeping' }) })[0]).toMatch(
      /body \/substatus must be equal to one of the allowed/,
    );
    expect(check(sentry(), { method: 'PUT', path: issue, ...json({ status: 'fixed' }) })[0]).toMatch(/body \/status must be equal to one of the allowed/);
    // Without the option the description's every-field-required body refuses what Sentry accepts.
    const strict = loadOpenApi(apiSpecFile('sentry/openapi-derefed.json'), { name: "Sentry's API" });
    expect(check(strict, { method: 'PUT', path: issue, ...json({ status: 'resolved' }) })[0]).toMatch(/must have required property/);
  });

  it('says when only the trailing slash is missing, and checks answers', () => {
    expect(check(sentry(), { method: 'GET', path: '/api/0/organizations/acme/issues' })).toEqual([
      "GET /api/0/organizations/acme/issues: no such endpoint in Sentry's API (/api/0/organizations/acme/issues/ is documented)",
    ]);
    expect(sentry().responseProblems('GET', issues, 200, [{ id: '1' }])[0]).toMatch(/response \/0 must have required property/);
  });
});

describe("Slack's Swagger 2.0", () => {
  it('takes any verb, arguments from the query, a form body or a JSON body, and a token anywhere', () => {
    const history = '/conversations.history';
    expect(check(slack(), { method: 'GET', path: history, query: new URLSearchParams('channel=C1&limit=20&token=xoxb-1') })).toEqual([]);
    expect(check(slack(), { method: 'POST', path: history, ...form({ channel: 'C1', limit: '20', cursor: 'abc' }) })).toEqual([]);
    expect(
      check(slack(), { method: 'POST', path: '/chat.postMessage', ...json({ channel: 'C1', text: 'hi', blocks: [{ type: 'divider' }], mrkdwn: false }) }),
    ).toEqual([]);
  });

  it('refuses unknown arguments, wrong types and a missing required argument', () => {
    expect(check(slack(), { method: 'GET', path: '/conversations.history', query: new URLSearchParams('channel=C1&limit=many&colour=red') })).toEqual([
      expect.stringMatching(/^GET \/conversations\.history: unknown argument colour \(documented: channel, /),
      'GET /conversations.history: argument limit="many": must be integer',
    ]);
    expect(check(slack(), { method: 'POST', path: '/chat.postMessage', ...form({ text: 'hi', mrkdwn: 'maybe' }) })).toEqual([
      'POST /chat.postMessage: missing required argument channel',
      'POST /chat.postMessage: argument mrkdwn="maybe": must be boolean',
    ]);
    expect(check(slack(), { method: 'POST', path: '/chat.postMessages' })).toEqual(["POST /chat.postMessages: no such endpoint in Slack's Web API"]);
  });

  it('without anyMethod, holds each operation to its verb, its formData parameters and its media types', () => {
    const strict = loadOpenApi(apiSpecFile('slack/slack_web_openapi_v2.json'), { name: 'Slack (as described)' });
    expect(strict.findOperation('GET', '/chat.postMessage')).toBeUndefined();
    expect(check(strict, { method: 'POST', path: '/chat.postMessage', ...form({ channel: 'C1', text: 'hi' }) })).toEqual([]);
    expect(check(strict, { method: 'POST', path: '/chat.postMessage' })).toEqual(['POST /chat.postMessage: missing required form parameter channel']);
    expect(check(strict, { method: 'POST', path: '/conversations.history', ...form({ channel: 'C1' }) })).toEqual([
      'POST /conversations.history: no such endpoint in Slack (as described)',
    ]);
    expect(check(strict, { method: 'GET', path: '/conversations.history', query: new URLSearchParams('channel=C1'), ...json({ channel: 'C1' }) })).toEqual([]);
    expect(check(strict, { method: 'POST', path: '/admin.apps.approve', ...json({ app_id: 'A1' }) })).toEqual([
      'POST /admin.apps.approve: body is JSON; the endpoint takes application/x-www-form-urlencoded',
    ]);
    expect(check(githubOpenApi(), { method: 'DELETE', path: '/repos/o/r', ...json({ confirm: true }) })).toEqual([
      'DELETE /repos/o/r: this endpoint takes no body',
    ]);
  });
});

describe('startFake with a description', () => {
  let fake: FakeUpstream | undefined;
  afterEach(async () => fake?.close());

  it('refuses invalid requests as the service would, records every problem, and checks answers', async () => {
    fake = await startFake({
      openapi: {
        description: sentry(),
        invalid: (problems) => ({ status: 400, body: { detail: problems.join('; ') } }),
        undocumented: { 'GET /api/0/organizations/:org/seer-settings/': () => ({ body: { enabled: false } }) },
      },
      routes: {
        'GET /api/0/organizations/:org/issues/': () => ({ body: [{ id: '1' }] }),
        'PUT /api/0/organizations/:org/issues/:id/': (request) => ({ body: { id: request.params.id } }),
      },
    });
    const call = (method: string, path: string, body?: unknown) =>
      fetch(`${fake!.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((response) => response.status);
    expect(await call('GET', '/api/0/organizations/acme/issues/?sort=loudest')).toBe(400);
    expect(await call('GET', '/api/0/organizations/acme/made-up/')).toBe(404);
    expect(await call('GET', '/api/0/organizations/acme/issues/42/')).toBe(404);
    expect(await call('GET', '/api/0/organizations/acme/seer-settings/')).toBe(200);
    expect(await call('GET', '/api/0/organizations/acme/issues/')).toBe(200);
    expect(fake.problems).toEqual([
      expect.stringContaining('query parameter sort="loudest"'),
      "GET /api/0/organizations/acme/made-up/: no such endpoint in Sentry's API",
      "GET /api/0/organizations/acme/issues/42/: documented in Sentry's API but not implemented by the fake",
      expect.stringMatching(/^GET \/api\/0\/organizations\/acme\/issues\/ → 200: response \/0 must have required property/),
    ]);
  });
});
