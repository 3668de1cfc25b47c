// GitHub REST payloads for the mocks, typed with GitHub's published OpenAPI description
// (@octokit/openapi-types): a payload missing a documented field or carrying a wrong type fails the
// typecheck, so the connector is tested against the shapes GitHub actually sends.
import type { components } from '@octokit/openapi-types';

export type Schemas = components['schemas'];

const ISO = '2026-11-01T00:00:00Z';

export function simpleUser(apiUrl: string, webUrl: string, login: string): Schemas['simple-user'] {
  const u = `${apiUrl}/users/${login}`;
  return {
    login,
    id: 1,
    node_id: `U_${login}`,
    avatar_url: `${webUrl}/${login}.png`,
    gravatar_id: null,
    url: u,
    html_url: `${webUrl}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: 'Organization',
    site_admin: false,
  };
}

function repoUrls(apiUrl: string, full: string) {
  const r = `${apiUrl}/repos/${full}`;
  return {
    url: r,
    archive_url: `${r}/{archive_format}{/ref}`,
    assignees_url: `${r}/assignees{/user}`,
    blobs_url: `${r}/git/blobs{/sha}`,
    branches_url: `${r}/branches{/branch}`,
    collaborators_url: `${r}/collaborators{/collaborator}`,
    comments_url: `${r}/comments{/number}`,
    commits_url: `${r}/commits{/sha}`,
    compare_url: `${r}/compare/{base}...{head}`,
    contents_url: `${r}/contents/{+path}`,
    contributors_url: `${r}/contributors`,
    deployments_url: `${r}/deployments`,
    downloads_url: `${r}/downloads`,
    events_url: `${r}/events`,
    forks_url: `${r}/forks`,
    git_commits_url: `${r}/git/commits{/sha}`,
    git_refs_url: `${r}/git/refs{/sha}`,
    git_tags_url: `${r}/git/tags{/sha}`,
    issue_comment_url: `${r}/issues/comments{/number}`,
    issue_events_url: `${r}/issues/events{/number}`,
    issues_url: `${r}/issues{/number}`,
    keys_url: `${r}/keys{/key_id}`,
    labels_url: `${r}/labels{/name}`,
    languages_url: `${r}/languages`,
    merges_url: `${r}/merges`,
    milestones_url: `${r}/milestones{/number}`,
    notifications_url: `${r}/notifications{?since,all,participating}`,
    pulls_url: `${r}/pulls{/number}`,
    releases_url: `${r}/releases{/id}`,
    stargazers_url: `${r}/stargazers`,
    statuses_url: `${r}/statuses/{sha}`,
    subscribers_url: `${r}/subscribers`,
    subscription_url: `${r}/subscription`,
    tags_url: `${r}/tags`,
    teams_url: `${r}/teams`,
    trees_url: `${r}/git/trees{/sha}`,
    hooks_url: `${r}/hooks`,
  };
}

export interface RepoFacts {
  apiUrl: string;
  webUrl: string;
  owner: string;
  name: string;
  id: number;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  pushedAt: string;
}

export function minimalRepository(f: RepoFacts): Schemas['minimal-repository'] {
  const full = `${f.owner}/${f.name}`;
  return {
    id: f.id,
    node_id: `R_${f.id}`,
    name: f.name,
    full_name: full,
    owner: simpleUser(f.apiUrl, f.webUrl, f.owner),
    private: false,
    html_url: `${f.webUrl}/${full}`,
    description: null,
    fork: f.fork,
    ...repoUrls(f.apiUrl, full),
    default_branch: f.defaultBranch,
    archived: f.archived,
    disabled: false,
    pushed_at: f.pushedAt,
    created_at: ISO,
    updated_at: f.pushedAt,
  };
}

function fullRepoBody(f: RepoFacts) {
  const full = `${f.owner}/${f.name}`;
  return {
    id: f.id,
    node_id: `R_${f.id}`,
    name: f.name,
    full_name: full,
    owner: simpleUser(f.apiUrl, f.webUrl, f.owner),
    private: false,
    html_url: `${f.webUrl}/${full}`,
    description: null,
    fork: f.fork,
    ...repoUrls(f.apiUrl, full),
    git_url: `git://example/${full}.git`,
    ssh_url: `git@example:${full}.git`,
    clone_url: `${f.webUrl}/${full}.git`,
    svn_url: `${f.webUrl}/${full}`,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1,
    default_branch: f.defaultBranch,
    open_issues_count: 0,
    has_issues: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    archived: f.archived,
    disabled: false,
    pushed_at: f.pushedAt,
    created_at: ISO,
    updated_at: f.pushedAt,
    forks: 0,
    open_issues: 0,
    watchers: 0,
  };
}

export function fullRepository(f: RepoFacts): Schemas['full-repository'] {
  return { ...fullRepoBody(f), subscribers_count: 0, network_count: 0, license: null };
}

/** The `repository` shape pull requests embed in base and head. */
export function prRepository(f: RepoFacts): Schemas['repository'] {
  const body = fullRepoBody(f);
  return {
    ...body,
    license: null,
    visibility: 'public',
    has_downloads: true,
  };
}

export function gitTree(
  sha: string,
  truncated: boolean,
  entries: Schemas['git-tree']['tree'],
): Schemas['git-tree'] {
  return { sha, truncated, tree: entries };
}

export function blobPayload(apiUrl: string, full: string, sha: string, bytes: Uint8Array): Schemas['blob'] {
  const b64 = Buffer.from(bytes).toString('base64');
  // GitHub wraps base64 at 60 columns.
  const wrapped = b64.replace(/(.{60})/g, '$1\n');
  return {
    sha,
    size: bytes.length,
    encoding: 'base64',
    content: wrapped,
    url: `${apiUrl}/repos/${full}/git/blobs/${sha}`,
    node_id: `B_${sha.slice(0, 8)}`,
  };
}

function commitPayload(
  apiUrl: string,
  webUrl: string,
  full: string,
  sha: string,
  tree: string,
): Schemas['commit'] {
  const person = { name: 'Dev', email: 'dev@example.com', date: ISO };
  return {
    url: `${apiUrl}/repos/${full}/commits/${sha}`,
    sha,
    node_id: `C_${sha.slice(0, 8)}`,
    html_url: `${webUrl}/${full}/commit/${sha}`,
    comments_url: `${apiUrl}/repos/${full}/commits/${sha}/comments`,
    commit: {
      url: `${apiUrl}/repos/${full}/git/commits/${sha}`,
      author: person,
      committer: person,
      message: 'change',
      comment_count: 0,
      tree: { sha: tree, url: `${apiUrl}/repos/${full}/git/trees/${tree}` },
    },
    author: null,
    committer: null,
    parents: [],
  };
}

export function branchPayload(
  apiUrl: string,
  webUrl: string,
  full: string,
  branch: string,
  commit: string,
  tree: string,
): Schemas['branch-with-protection'] {
  return {
    name: branch,
    commit: commitPayload(apiUrl, webUrl, full, commit, tree),
    _links: { html: `${webUrl}/${full}/tree/${branch}`, self: `${apiUrl}/repos/${full}/branches/${branch}` },
    protected: false,
    protection: {},
    protection_url: `${apiUrl}/repos/${full}/branches/${branch}/protection`,
  };
}

export interface PullFacts {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  changedFiles: number;
}

export function pullRequestPayload(repo: RepoFacts, p: PullFacts): Schemas['pull-request'] {
  const full = `${repo.owner}/${repo.name}`;
  const api = `${repo.apiUrl}/repos/${full}`;
  const user = simpleUser(repo.apiUrl, repo.webUrl, repo.owner);
  const side = (s: { ref: string; sha: string }) => ({
    label: `${repo.owner}:${s.ref}`,
    ref: s.ref,
    repo: prRepository(repo),
    sha: s.sha,
    user,
  });
  const link = (href: string) => ({ href });
  return {
    url: `${api}/pulls/${p.number}`,
    id: p.number,
    node_id: `PR_${p.number}`,
    html_url: `${repo.webUrl}/${full}/pull/${p.number}`,
    diff_url: `${repo.webUrl}/${full}/pull/${p.number}.diff`,
    patch_url: `${repo.webUrl}/${full}/pull/${p.number}.patch`,
    issue_url: `${api}/issues/${p.number}`,
    commits_url: `${api}/pulls/${p.number}/commits`,
    review_comments_url: `${api}/pulls/${p.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${p.number}/comments`,
    statuses_url: `${api}/statuses/${p.head.sha}`,
    number: p.number,
    state: 'open',
    locked: false,
    title: p.title,
    user,
    body: p.body,
    labels: p.labels.map((name, i) => ({
      id: i + 1,
      node_id: `L_${i}`,
      url: `${api}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'ededed',
      default: false,
    })),
    milestone: null,
    created_at: ISO,
    updated_at: ISO,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    head: side(p.head),
    base: side(p.base),
    _links: {
      comments: link(`${api}/issues/${p.number}/comments`),
      commits: link(`${api}/pulls/${p.number}/commits`),
      statuses: link(`${api}/statuses/${p.head.sha}`),
      html: link(`${repo.webUrl}/${full}/pull/${p.number}`),
      issue: link(`${api}/issues/${p.number}`),
      review_comments: link(`${api}/pulls/${p.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      self: link(`${api}/pulls/${p.number}`),
    },
    author_association: 'MEMBER',
    auto_merge: null,
    merged: false,
    mergeable: true,
    mergeable_state: 'clean',
    merged_by: null,
    comments: 0,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: 1,
    additions: 1,
    deletions: 1,
    changed_files: p.changedFiles,
  };
}

export function diffEntry(
  repo: RepoFacts,
  headSha: string,
  file: { filename: string; status: Schemas['diff-entry']['status']; sha: string | null; previous?: string },
): Schemas['diff-entry'] {
  const full = `${repo.owner}/${repo.name}`;
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: 1,
    deletions: 1,
    changes: 2,
    blob_url: `${repo.webUrl}/${full}/blob/${headSha}/${file.filename}`,
    raw_url: `${repo.webUrl}/${full}/raw/${headSha}/${file.filename}`,
    contents_url: `${repo.apiUrl}/repos/${full}/contents/${file.filename}?ref=${headSha}`,
    ...(file.previous ? { previous_filename: file.previous } : {}),
  };
}

export function issueComment(
  repo: RepoFacts,
  issue: number,
  id: number,
  body: string,
): Schemas['issue-comment'] {
  const full = `${repo.owner}/${repo.name}`;
  return {
    id,
    node_id: `IC_${id}`,
    url: `${repo.apiUrl}/repos/${full}/issues/comments/${id}`,
    html_url: `${repo.webUrl}/${full}/pull/${issue}#issuecomment-${id}`,
    body,
    user: null,
    created_at: ISO,
    updated_at: ISO,
    issue_url: `${repo.apiUrl}/repos/${full}/issues/${issue}`,
    author_association: 'NONE',
  };
}

export function basicError(message: string): Schemas['basic-error'] {
  return { message, documentation_url: 'https://docs.github.com/rest' };
}
