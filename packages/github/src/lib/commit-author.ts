interface RestCommit {
  author: { login?: string } | Record<string, never> | null;
  commit: { author: { name?: string } | null };
}

/** The GitHub login of a commit's author, else the git author name (commits by unknown emails have no login). */
export const commitAuthor = (commit: RestCommit): string =>
  (commit.author && 'login' in commit.author && commit.author.login) || commit.commit.author?.name || 'unknown';
