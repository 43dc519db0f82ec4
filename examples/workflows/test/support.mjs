import { afterEach } from 'vitest';
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
  await current.run(await loadScenario(name));
  return { demo: current, steps, step: (server, tool, index = 0) => steps.filter((item) => item.server === server && item.tool === tool)[index] };
}

/** Text outside every untrusted-content fence. */
export const outsideFences = (text) => text.replace(/<untrusted-content[^>]*>[\s\S]*?<\/untrusted-content>/g, '');
