import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const packageDir = resolve(import.meta.dirname, '..');

describe('the packed tarball', () => {
  it('installs alone outside the workspace and imports', () => {
    const work = mkdtempSync(join(tmpdir(), 'toolbridge-pack-'));
    execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: packageDir, stdio: 'pipe' });
    const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'))!;
    expect(tarball).toMatch(/^toolbridge-core-\d+\.\d+\.\d+\.tgz$/);
    const app = join(work, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], { cwd: app, stdio: 'pipe' });
    const script = [
      "import { defineTool, createHttpClient, redact, untrusted } from '@toolbridge/core';",
      "import { toolDeclarationProblems } from '@toolbridge/core/testing';",
      "console.log(JSON.stringify({ defineTool: typeof defineTool, http: typeof createHttpClient, redacted: redact('ghp_abcdefghijklmnopqrstuvwxyz0123'), fenced: untrusted('x', 'y').startsWith('<untrusted-content'), testing: typeof toolDeclarationProblems }));",
    ].join('\n');
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ defineTool: 'function', http: 'function', redacted: 'ghp_[REDACTED]', fenced: true, testing: 'function' });
  }, 180_000);
});
