#!/usr/bin/env node
// `node bench/install-size.mjs`: measures only the installed sizes (what `pnpm bench` includes) and writes
// that section into bench/RESULTS.md in place, leaving the other sections as the last full run left them.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './lib/paths.mjs';
import { scrub } from './lib/report.mjs';
import { installSizeSection, measureInstallSizes } from './sections/install-size.mjs';

const log = (line) => process.stderr.write(`[bench] ${scrub(line)}\n`);
const section = `${installSizeSection({ installSize: await measureInstallSizes(log) }).join('\n\n')}\n`;
const file = join(BENCH_DIR, 'RESULTS.md');
const results = readFileSync(file, 'utf8');
const existing = /## Installed size\n[\s\S]*?(?=\n## |$)/;
const updated = existing.test(results)
  ? results.replace(existing, section.trimEnd())
  : results.includes('## Peers: what could be measured')
    ? results.replace('## Peers: what could be measured', `${section}\n## Peers: what could be measured`)
    : `${results.trimEnd()}\n\n${section}`;
writeFileSync(file, updated);
process.stdout.write(section);
