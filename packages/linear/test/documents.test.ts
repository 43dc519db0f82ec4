import { LINEAR_COMPLEXITY_LIMIT, linearSchema, pageSizeRule, queryComplexity, startFakeLinear } from '@toolbridge/testkit';
import { parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { documents, tools } from '../src/index.js';
import { FAKE_KEY } from './support/session.js';

// The largest value each page-size variable can take (the tools' `limit` maxima).
const LARGEST = { first: 100 };
// TeamVelocity reads at most 15 cycles (its `cycles` input is at most 12).
const LARGEST_OF: Record<string, Record<string, number>> = { TeamVelocity: { first: 15 } };

describe('every GraphQL document the server can send', () => {
  it('is registered by the tools (one a tool, and small lookups)', () => {
    expect(tools.length).toBe(13);
    expect([...documents.keys()].sort()).toEqual([
      'AddComment',
      'CreateIssue',
      'CreateProjectUpdate',
      'CycleId',
      'GetIssue',
      'GetProject',
      'LabelsByName',
      'ListComments',
      'ListProjects',
      'ProjectByName',
      'ReleaseIssues',
      'ReleaseMilestones',
      'SearchIssues',
      'TeamProgress',
      'TeamVelocity',
      'UpdateIssue',
      'UserByName',
      'Workspace',
    ]);
  });

  it.each([...documents])("%s is valid against Linear's published schema, with an explicit first on every list", (_name, text) => {
    const schema = linearSchema();
    const problems = validate(schema, parse(text), [...specifiedRules, pageSizeRule({ max: 250 })(LARGEST)]);
    expect(problems.map((problem) => problem.message)).toEqual([]);
  });

  it.each([...documents])('%s stays far below the complexity limit of 10,000 at its largest page sizes', (name, text) => {
    expect(queryComplexity(linearSchema(), text, LARGEST_OF[name] ?? LARGEST)).toBeLessThan(LINEAR_COMPLEXITY_LIMIT / 2);
  });

  it('a document over the limit, or off the schema, is refused by the fake as Linear refuses it', async () => {
    const fake = await startFakeLinear({ apiKey: FAKE_KEY });
    try {
      const post = async (query: string) => {
        const response = await fetch(fake.url, {
          method: 'POST',
          headers: { authorization: FAKE_KEY, 'content-type': 'application/json' },
          body: JSON.stringify({ query }),
        });
        return { status: response.status, body: (await response.json()) as { errors?: Array<{ message: string }> } };
      };
      // Connections without first count 50 nodes: 50 teams x 50 issues x 50 labels.
      const tooMuch = 'query { teams { nodes { issues { nodes { id labels { nodes { name } } } } } } }';
      expect(queryComplexity(linearSchema(), tooMuch)).toBeGreaterThan(LINEAR_COMPLEXITY_LIMIT);
      const refused = await post(tooMuch);
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.[0]?.message).toMatch(/^Query too complex - complexity is \d+, maximum allowed is 10000$/);
      expect((await post('query { issue(id: "ENG-1") { nope } }')).body.errors?.[0]?.message).toBe('Cannot query field "nope" on type "Issue".');
      expect(fake.problems).toHaveLength(2);
    } finally {
      await fake.close();
    }
  });
});
