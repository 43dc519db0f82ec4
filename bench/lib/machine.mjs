import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** CPU model, cores, memory, Node version and date: the first lines of RESULTS.md. */
export function describeMachine() {
  const cores = cpus();
  let model = cores[0]?.model?.trim() || 'unknown CPU';
  try {
    // os.cpus() can report a generic name in VMs; /proc/cpuinfo sometimes knows better.
    const fromProc = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim();
    if (fromProc && fromProc.length > model.length) model = fromProc;
  } catch {}
  return {
    cpu: model,
    cores: cores.length,
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: loadavg()[0],
  };
}
