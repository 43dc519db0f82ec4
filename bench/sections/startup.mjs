// Cold start, resident memory and the tools/list each server announces. Rounds interleave every target
// in a fresh random order, so a noisy moment on the machine hits all of them alike.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile, shuffle } from '../lib/stats.mjs';

/** spawn → exit of `node -e ""`: the cost of a Node process that does nothing. */
function bareNode() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

/**
 * targets: [{ id, ..., variant?: { extraArgs } }]. Returns a Map id → { init[], list[], hwm[], tools,
 * listBytes, error } plus the bare node figures under "node -e".
 */
export async function measureStartup(targets, rounds, log) {
  const results = new Map(
    targets.map((target) => [target.id, { target, init: [], list: [], hwm: [], tools: undefined, listBytes: undefined, error: undefined, failures: 0 }]),
  );
  const nodeOnly = [];
  for (let round = 0; round < rounds; round++) {
    const order = shuffle([...targets, 'node -e']);
    for (const target of order) {
      if (target === 'node -e') {
        nodeOnly.push(await bareNode());
        continue;
      }
      const entry = results.get(target.id);
      if (entry.failures >= 2 && !entry.init.length) continue; // it does not start; stop retrying
      try {
        const opened = await openSession(target, { extraArgs: target.extraArgs ?? [] });
        entry.init.push(opened.initMs);
        entry.list.push(opened.listMs);
        entry.hwm.push(opened.hwm);
        entry.tools ??= opened.tools;
        entry.listBytes ??= opened.listBytes;
        await opened.session.close();
      } catch (error) {
        entry.failures += 1;
        entry.error = firstLine(error.message);
      }
    }
    log(`start-up round ${round + 1}/${rounds} done`);
  }
  for (const entry of results.values()) {
    entry.initMedian = median(entry.init);
    entry.initP90 = percentile(entry.init, 90);
    entry.listMedian = median(entry.list);
    entry.listP90 = percentile(entry.list, 90);
    entry.hwmMedian = median(entry.hwm);
    if (entry.init.length) entry.error = entry.failures ? `${entry.failures} of ${rounds} launches failed: ${entry.error}` : undefined;
  }
  return { results, nodeOnly: { median: median(nodeOnly), p90: percentile(nodeOnly, 90), runs: nodeOnly.length } };
}
