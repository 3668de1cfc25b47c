// The parts of GitHub's REST payloads this connector reads, checked at the boundary: a payload that
// is not what GitHub documents becomes one clear error naming the request, never a crash further in.
// Field names and shapes follow GitHub's published OpenAPI description (@octokit/openapi-types).
import { z } from 'zod';

export const RepoListItem = z.object({
  name: z.string().min(1),
  full_name: z.string().regex(/^[^/]+\/[^/]+$/),
  owner: z.object({ login: z.string() }),
  private: z.boolean().optional(),
  fork: z.boolean(),
  archived: z.boolean().optional(),
  disabled: z.boolean().optional(),
  default_branch: z.string().optional(),
  html_url: z.string(),
  pushed_at: z.string().nullable().optional(),
});
export type RepoListItem = z.infer<typeof RepoListItem>;

export const RepoList = z.array(RepoListItem);

export const TreeEntry = z.object({
  path: z.string(),
  mode: z.string(),
  type: z.string(),
  sha: z.string(),
  size: z.number().optional(),
});
export type TreeEntry = z.infer<typeof TreeEntry>;

export const GitTree = z.object({
  sha: z.string(),
  truncated: z.boolean(),
  tree: z.array(TreeEntry),
});
export type GitTree = z.infer<typeof GitTree>;

export const GitBlob = z.object({
  sha: z.string(),
  size: z.number().nullable(),
  encoding: z.string(),
  content: z.string(),
});

export const Branch = z.object({
  name: z.string(),
  commit: z.object({ sha: z.string(), commit: z.object({ tree: z.object({ sha: z.string() }) }) }),
});

export const PullRequest = z.object({
  number: z.number(),
  title: z.string(),
  body: z.string().nullable(),
  html_url: z.string(),
  state: z.string(),
  labels: z.array(z.object({ name: z.string() })),
  base: z.object({ sha: z.string(), ref: z.string() }),
  head: z.object({ sha: z.string(), ref: z.string() }),
  changed_files: z.number().optional(),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const DiffEntry = z.object({
  filename: z.string(),
  status: z.string(),
  previous_filename: z.string().optional(),
});
export type DiffEntry = z.infer<typeof DiffEntry>;

export const DiffEntries = z.array(DiffEntry);

export const IssueComment = z.object({ id: z.number(), body: z.string().optional() });
export const IssueComments = z.array(IssueComment);
