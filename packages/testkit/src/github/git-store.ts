import type { FakeCommit, FakeRepo } from './state.js';
import { sha } from './state.js';

/**
 * The git objects behind the repos toolset's routes (trees, blobs, commit → tree), kept in
 * `repo.extra.git` so the shared state stays as it is. A tree is a snapshot: path → file content.
 * Seeded commits all see the repository's `files` (the fake has no history of file contents).
 */
interface GitStore {
  trees: Map<string, Record<string, string>>;
  blobs: Map<string, string>;
  commitTree: Map<string, string>;
}

export function gitStore(repo: FakeRepo): GitStore {
  let store = repo.extra.git as GitStore | undefined;
  if (!store) {
    store = { trees: new Map(), blobs: new Map(), commitTree: new Map() };
    repo.extra.git = store;
  }
  return store;
}

export const blobSha = (content: string): string => sha(`blob ${content}`);

/** Stores a snapshot and returns its tree SHA (content-addressed, like git). */
export function putTree(repo: FakeRepo, files: Record<string, string>): string {
  const treeSha = sha(`tree ${JSON.stringify(Object.entries(files).sort(byName))}`);
  gitStore(repo).trees.set(treeSha, files);
  return treeSha;
}

/** The tree SHA of a commit (seeded commits get the repository's files). */
export function treeOf(repo: FakeRepo, commitSha: string): string {
  return gitStore(repo).commitTree.get(commitSha) ?? putTree(repo, repo.files);
}

/**
 * A commit by (short) SHA. The seeded pull request heads have no commit of their own in the state, so
 * one is derived from the pull request (its title, author, files, and the base as parent).
 */
export function findCommit(repo: FakeRepo, commitSha: string): FakeCommit | undefined {
  const matches = (sha: string) => sha === commitSha || (commitSha.length >= 7 && sha.startsWith(commitSha));
  const known = repo.commits.find((commit) => matches(commit.sha));
  if (known) return known;
  const pull = repo.pulls.find((candidate) => matches(candidate.head.sha));
  return pull && { sha: pull.head.sha, message: pull.title, author: pull.user, date: pull.updated_at, parents: [pull.base.sha], files: pull.files };
}

/** A branch, tag or (short) SHA resolved to a commit SHA. */
export function resolveRef(repo: FakeRepo, ref: string): string | undefined {
  const name = ref.replace(/^refs\/(heads|tags)\//, '');
  return (
    repo.branches.find((branch) => branch.name === name)?.sha ??
    repo.tags.find((tag) => tag.name === name)?.sha ??
    findCommit(repo, ref)?.sha ??
    (/^[0-9a-f]{40}$/.test(ref) ? ref : undefined)
  );
}

/** The files at a ref: the default branch's files, or the snapshot of the ref's commit. */
export function filesAt(repo: FakeRepo, ref: string | null): Record<string, string> | undefined {
  if (!ref) return repo.files;
  const commitSha = resolveRef(repo, ref);
  if (!commitSha) return undefined;
  return gitStore(repo).trees.get(gitStore(repo).commitTree.get(commitSha) ?? '') ?? repo.files;
}

/** Commits reachable from `head` by first parents, newest first (the history list-commits walks). */
export function history(repo: FakeRepo, head: string): FakeCommit[] {
  const out: FakeCommit[] = [];
  let current = findCommit(repo, head);
  while (current && out.length < 10_000) {
    out.push(current);
    current = current.parents[0] ? findCommit(repo, current.parents[0]) : undefined;
  }
  return out;
}

/** Git orders tree entries by bytes ("README.md" before "assets"). */
export const byName = ([a]: [string, unknown], [b]: [string, unknown]): number => (a < b ? -1 : a > b ? 1 : 0);
