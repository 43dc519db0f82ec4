import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Surroundings } from './registry/types.js';

/** owner/name of a GitHub remote URL (https, ssh or git@ form), or undefined for any other host. */
export function githubRepositoryOf(url: string): string | undefined {
  const match = /^(?:https?:\/\/(?:[^@/]+@)?github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url.trim());
  return match ? `${match[1]}/${match[2]}` : undefined;
}

/** What init reads to suggest servers and settings: the environment and the git remote of the working directory. */
export async function surroundingsOf(cwd: string, env: NodeJS.ProcessEnv): Promise<Surroundings> {
  const remote = await promisify(execFile)('git', ['config', '--get', 'remote.origin.url'], { cwd, timeout: 5_000 }).then(
    ({ stdout }) => stdout,
    () => '',
  );
  const githubRepository = env.GITHUB_REPOSITORY || githubRepositoryOf(remote);
  return { env, ...(githubRepository ? { githubRepository } : {}) };
}
