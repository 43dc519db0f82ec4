// "What changed": each fake's state read before and after a run (the only place the demo reads the fakes).

const clip = (text, max = 90) => {
  const line = String(text ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

const github = {
  snapshot: (fake) =>
    fake.state.repos.map((repo) => ({
      name: `${repo.owner}/${repo.name}`,
      issues: new Map(repo.issues.map((issue) => [issue.number, { state: issue.state, comments: issue.comments.length }])),
      commits: new Set(repo.commits.map((commit) => commit.sha)),
      releases: new Set(repo.releases.map((release) => release.id)),
    })),
  diff: (before, fake) =>
    fake.state.repos.flatMap((repo, index) => {
      const was = before[index];
      const changes = [];
      for (const issue of repo.issues) {
        const old = was.issues.get(issue.number);
        if (!old) changes.push(`${was.name}#${issue.number} opened: ${clip(issue.title)}`);
        else if (old.state !== issue.state) changes.push(`${was.name}#${issue.number} ${issue.state}`);
        for (const comment of issue.comments.slice(old?.comments ?? 0)) changes.push(`${was.name}#${issue.number} comment: ${clip(comment.body)}`);
      }
      for (const commit of repo.commits.filter((item) => !was.commits.has(item.sha))) {
        changes.push(`${was.name} commit ${commit.sha.slice(0, 7)}: ${clip(commit.message, 50)} (${commit.files.map((file) => file.filename).join(', ')})`);
      }
      for (const release of repo.releases.filter((item) => !was.releases.has(item.id)))
        changes.push(`${was.name} release ${release.tag_name}: ${clip(release.name)}`);
      return changes;
    }),
};

const sentry = {
  snapshot: (fake) => fake.state.updates.length,
  diff: (before, fake) => fake.state.updates.slice(before).map((update) => `issue ${update.issue} updated: ${clip(JSON.stringify(update.body))}`),
};

const slack = {
  snapshot: (fake) => fake.state.messages.length,
  diff: (before, fake) =>
    fake.state.messages
      .slice(before)
      .map((message) => `#${fake.state.channels.find((channel) => channel.id === message.channel)?.name ?? message.channel}: ${clip(message.text)}`),
};

const PRIORITIES = ['No priority', 'Urgent', 'High', 'Medium', 'Low'];
const linear = {
  snapshot: (fake) => ({
    issues: new Map(fake.state.issues.map((issue) => [issue.id, { stateId: issue.stateId, priority: issue.priority }])),
    comments: fake.state.comments.length,
    updates: fake.state.projectUpdates.length,
  }),
  diff: (before, { state }) => {
    const issueById = (id) => state.issues.find((issue) => issue.id === id);
    const key = (issue) => `${state.teams.find((team) => team.id === issue.teamId)?.key}-${issue.number}`;
    const stateName = (id) => state.states.find((candidate) => candidate.id === id)?.name;
    return [
      ...state.issues.flatMap((issue) => {
        const was = before.issues.get(issue.id);
        if (!was) return [`${key(issue)} created (${PRIORITIES[issue.priority]}): ${clip(issue.title)}`];
        return [
          ...(was.stateId === issue.stateId ? [] : [`${key(issue)} → ${stateName(issue.stateId)}`]),
          ...(was.priority === issue.priority ? [] : [`${key(issue)} priority → ${PRIORITIES[issue.priority]}`]),
        ];
      }),
      ...state.comments.slice(before.comments).map((comment) => `${key(issueById(comment.issueId))} comment: ${clip(comment.body)}`),
      ...state.projectUpdates
        .slice(before.updates)
        .map((update) => `${state.projects.find((project) => project.id === update.projectId)?.name} update (${update.health}): ${clip(update.body, 60)}`),
    ];
  },
};

const SUMMARIES = { github, sentry, slack, linear };

/** Snapshots every fake; the returned function lists, per server, what changed since. */
export function watchChanges(fakes) {
  const before = Object.fromEntries(Object.entries(fakes).map(([name, fake]) => [name, SUMMARIES[name].snapshot(fake)]));
  return () => Object.fromEntries(Object.entries(fakes).map(([name, fake]) => [name, SUMMARIES[name].diff(before[name], fake)]));
}
