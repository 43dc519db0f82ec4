import { afterEach, expect } from 'vitest';
import { startDemo } from '../runner/demo.mjs';
import { loadScenario } from '../runner/scenarios.mjs';

let current;
afterEach(async () => {
  await current?.close();
  current = undefined;
});

/** Runs one scenario on fresh fakes and servers; returns the demo (fakes, failures) and every step. */
export async function runScenario(name, options = {}) {
  const steps = [];
  current = await startDemo({ ...options, reporter: (event) => event.type === 'step' && steps.push(event) });
  const slack = current.fakes.slack;
  const seeded = slack?.state.messages.length;
  const linearSeed = new Set(current.fakes.linear?.state.issues.map((issue) => issue.id));
  await current.run(await loadScenario(name));
  return {
    demo: current,
    steps,
    /** What the run changed in Linear (undefined when Linear is missing). */
    linear: () => current.fakes.linear && linearChanges(current, linearSeed),
    step: (server, tool, index = 0) => steps.filter((item) => item.server === server && item.tool === tool)[index],
    /** The messages the run posted to Slack, by channel name (undefined when Slack is missing). */
    slackPosts: () =>
      slack?.state.messages.slice(seeded).map(({ channel, text, unfurl_links, unfurl_media }) => ({
        channel: `#${slack.state.channels.find((candidate) => candidate.id === channel).name}`,
        text,
        unfurl_links,
        unfurl_media,
      })),
  };
}

/** Text outside every untrusted-content fence. */
export const outsideFences = (text) => text.replace(/<untrusted-content[^>]*>[\s\S]*?<\/untrusted-content>/g, '');

/** Whether a server takes part in this checkout: present ones must work, missing ones must say so. */
export function present(demo, name) {
  const server = demo.servers[name];
  if (!server.client && !server.missing) throw new Error(`${name} is in this checkout but did not start: ${server.reason}`);
  return Boolean(server.client);
}

/** The run posted exactly one message to Slack, in `channel`, link previews off (or Slack is missing and the step says so). */
export function expectOneSlackPost(run, channel, text) {
  if (present(run.demo, 'slack')) {
    expect(run.slackPosts()).toEqual([{ channel, text: expect.stringMatching(text), unfurl_links: 'false', unfurl_media: 'false' }]);
  } else {
    expect(run.step('slack', 'slack_send_message')).toMatchObject({ outcome: 'skipped', args: { channel } });
  }
}

/** Linear issues the run created, and the comments it added, in the fake's terms ("ENG-19"). */
export function linearChanges(demo, seeded) {
  const { state } = demo.fakes.linear;
  const key = (issue) => `${state.teams.find((team) => team.id === issue.teamId).key}-${issue.number}`;
  return {
    created: state.issues.filter((issue) => !seeded.has(issue.id)).map((issue) => ({ key: key(issue), ...issue })),
    issue: (identifier) => state.issues.find((issue) => key(issue) === identifier),
    stateName: (issue) => state.states.find((candidate) => candidate.id === issue.stateId).name,
    comments: (identifier) =>
      state.comments.filter((comment) => key(state.issues.find((issue) => issue.id === comment.issueId)) === identifier).map((comment) => comment.body),
  };
}
