// The five servers as an MCP client launches them (command, args, env: what `.mcp.json` says, with
// `node packages/<name>/dist/bin.js` in place of `npx -y @toolbridge/<name>`), each pointed at its fake.
import { existsSync } from 'node:fs';
import * as testkit from '@toolbridge/testkit';
import { githubStory, linearStory, SLACK_CHANNELS, sentryStory, slackStory } from './story.mjs';

const TOKENS = {
  github: 'ghp_demoTokenForTheOfflineDemo00000000000',
  sentry: 'sntryu_demoTokenForTheOfflineDemo0000000000000000',
  linear: 'lin_api_demoTokenForTheOfflineDemo000000000000',
  slack: 'xoxb-0000000000-0000000000000-demoTokenForTheDemo0',
};

/** True when the shared API descriptions are here: the fakes then check every request against them. */
function descriptionsPresent() {
  try {
    testkit.apiSpecsDir();
    return true;
  } catch {
    return false;
  }
}

/**
 * Per server: its package, how to start its fake (undefined: no fake needed), and the args and env of
 * its launch given that fake. A fake testkit does not export yet makes the server "missing".
 */
export const SERVERS = {
  github: {
    fake: testkit.startFakeGitHub && (() => testkit.startFakeGitHub({ token: TOKENS.github, state: githubStory() })),
    launch: (fake) => ({ args: ['--toolsets', 'all'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: TOKENS.github, GITHUB_API_URL: fake.apiUrl } }),
  },
  sentry: {
    fake: testkit.startFakeSentry && (() => testkit.startFakeSentry({ token: TOKENS.sentry, state: sentryStory(), validate: descriptionsPresent() })),
    launch: (fake) => ({ args: [], env: { SENTRY_AUTH_TOKEN: TOKENS.sentry, SENTRY_ORG: 'acme', SENTRY_URL: fake.url } }),
  },
  linear: {
    fake: testkit.startFakeLinear && (() => testkit.startFakeLinear({ apiKey: TOKENS.linear, state: linearStory(), validate: descriptionsPresent() })),
    launch: (fake) => ({ args: [], env: { LINEAR_API_KEY: TOKENS.linear, LINEAR_API_URL: fake.url } }),
  },
  slack: {
    fake: testkit.startFakeSlack && (() => testkit.startFakeSlack({ botToken: TOKENS.slack, state: slackStory(), validate: descriptionsPresent() })),
    launch: (fake) => ({
      args: [],
      env: {
        SLACK_BOT_TOKEN: TOKENS.slack,
        SLACK_API_URL: fake.apiUrl,
        SLACK_ALLOW_WRITE: 'true',
        SLACK_WRITE_CHANNELS: SLACK_CHANNELS.map((name) => `#${name}`).join(','),
      },
    }),
  },
  database: {
    fake: undefined,
    launch: () => ({ args: ['--demo'], env: {} }),
  },
};

export const SERVER_NAMES = Object.keys(SERVERS);

/**
 * Why a server cannot take part in this checkout, or undefined when it can. "Missing" (the package or
 * its fake is not in this checkout) is not a failure; a package that is here but not built is.
 */
export function absence(name, packagesDir) {
  if (!existsSync(`${packagesDir}/${name}/package.json`)) return { missing: true, reason: `packages/${name} is not in this checkout` };
  if (SERVERS[name].fake === undefined && name !== 'database') return { missing: true, reason: `testkit has no fake ${name} yet` };
  const bin = testkit.binPath(`${packagesDir}/${name}`);
  if (!existsSync(bin)) return { missing: false, reason: `packages/${name} is not built (run \`pnpm build\`)` };
  return undefined;
}
