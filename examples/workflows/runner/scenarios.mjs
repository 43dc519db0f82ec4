// The scenarios: one file each in examples/workflows/, in the order `all` runs them.
export const SCENARIOS = ['bug-analysis', 'weekly-sync', 'customer-support', 'release'];

/** A scenario module as the runner takes it: its name, title and function. */
export async function loadScenario(name) {
  const module = await import(`../${name}.mjs`);
  return { name, title: module.title, run: module.default };
}
