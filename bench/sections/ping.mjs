// Ping round trip: every target stays open while blocks of pings go to each in turn.
import { performance } from 'node:perf_hooks';
import { firstLine, openSession } from '../lib/session.mjs';
import { median, percentile, shuffle } from '../lib/stats.mjs';

export async function measurePing(targets, total, log) {
  const open = [];
  const results = new Map();
  for (const target of targets) {
    try {
      open.push({ target, opened: await openSession(target, { extraArgs: target.extraArgs ?? [] }) });
      results.set(target.id, { samples: [] });
    } catch (error) {
      results.set(target.id, { samples: [], error: firstLine(error.message) });
    }
  }
  try {
    const block = 20;
    for (const { opened } of open) for (let index = 0; index < block; index++) await opened.session.request('ping'); // warm-up
    for (let done = 0; done < total; done += block) {
      for (const { target, opened } of shuffle([...open])) {
        const samples = results.get(target.id).samples;
        for (let index = 0; index < block; index++) {
          const sent = performance.now();
          const answer = await opened.session.request('ping');
          samples.push(answer.at - sent);
        }
      }
    }
  } finally {
    await Promise.all(open.map(({ opened }) => opened.session.close()));
  }
  for (const entry of results.values()) {
    entry.median = median(entry.samples);
    entry.p90 = percentile(entry.samples, 90);
  }
  log(`ping: ${total} round trips per server`);
  return results;
}
