import { basename, resolve } from 'node:path';
import {
  CatFile,
  type AnalysisCache,
  describeTarget,
  GitError,
  openWorkTree,
  originUrl,
  resolveCommit,
  scanCommit,
} from '../../../connectors/local/git';
import { recordTriggers } from '../../../connectors/local/inventory-sync';
import { openWorkspace } from '../../../connectors/local/workspace';
import { diffReports, isMaterial } from '../../../shared/discovery/scan-diff';
import { requireOption, stringOption, UserError, type Command } from '../command';
import { diffJson, diffTable } from '../format/diff-output';
import { folderArgument, formatOption, maxBytesOption } from '../format/options';

const FORMATS = ['table', 'json'] as const;

/** 'git@github.com:acme/claims-bot.git' → 'claims-bot'; else the work tree's folder; a subfolder by its own name. */
async function repositoryName(top: string, prefix: string): Promise<string> {
  if (prefix) return basename(prefix);
  const remote = await originUrl(top);
  const fromRemote = remote ? /([^/:]+?)(?:\.git)?\/?$/.exec(remote.trim())?.[1] : undefined;
  return fromRemote && fromRemote !== '.' ? fromRemote : basename(top);
}

/** Git's complaints are the user's to fix: one line, exit 2. */
async function orUserError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof GitError) throw new UserError(error.message);
    throw error;
  }
}

export const diffCommand: Command = {
  name: 'diff',
  summary: 'Compare the AI systems at two commits and list the changes that oblige a reassessment (8.2, 8.4)',
  usage:
    'aims diff --base <ref> [--head <ref>] [dir] [--format table|json] [--max-bytes <n>] [--workspace <dir>]',
  details: [
    '  --base           commit, branch or tag to compare from (required)',
    '  --head           commit, branch or tag to compare to (default HEAD; the work tree is not read)',
    '  dir              folder inside the git work tree to compare (default: current folder)',
    '  --format         table (default) or json: { base, head, triggers: [{ type, systemId, systemName, root,',
    '                   before, after, detail, clauses, evidence }], warnings }',
    '  --workspace      record each trigger as an open trigger record on the affected system',
    '',
    'Triggers: model-added, model-removed, model-changed, pinning-changed, provider-changed,',
    '          model-file-changed, system-appeared, system-disappeared,',
    '          component-changed (agent tools, MCP servers, guardrails), data-source-changed (retrieval);',
    '          each agent component change says whether it is material or benign, and why.',
    'Exit codes: 0 no material triggers; 3 material triggers found (a reassessment is due);',
    '            2 usage error (e.g. unknown ref).',
  ],
  options: {
    base: { type: 'string', short: 'b' },
    head: { type: 'string' },
    format: { type: 'string', short: 'f' },
    'max-bytes': { type: 'string' },
    workspace: { type: 'string', short: 'w' },
  },
  positionals: true,
  async run(args, io) {
    const baseRef = requireOption(args, 'base');
    const headRef = stringOption(args, 'head') ?? 'HEAD';
    const format = formatOption(args, FORMATS, 'table');
    const maxBytes = maxBytesOption(args);
    const folder = folderArgument(args);
    const dir = resolve(io.cwd, folder);
    const workspace = stringOption(args, 'workspace');
    const register = workspace
      ? await openWorkspace(resolve(io.cwd, workspace), { clock: () => io.now().toISOString(), log: io.err })
      : undefined;

    const tree = await orUserError(openWorkTree(dir));
    const baseCommit = await orUserError(resolveCommit(tree.top, baseRef));
    const headCommit = await orUserError(resolveCommit(tree.top, headRef));

    const catFile = new CatFile(tree.top);
    // Files unchanged between the commits are analysed once.
    const cache: AnalysisCache = new Map();
    let triggers;
    let warnings: string[];
    try {
      // The system at the compared folder's root is named after the repository (or the folder), never the ref.
      const target = await repositoryName(tree.top, tree.prefix);
      const base = await scanCommit(tree, baseCommit, { maxBytes, catFile, cache, target });
      const head = await scanCommit(tree, headCommit, { maxBytes, catFile, cache, target });
      triggers = diffReports(base, head);
      warnings = [...new Set([...base.warnings, ...head.warnings])].sort();
    } finally {
      await catFile.close();
    }

    const baseSide = { ref: baseRef, commit: baseCommit };
    const headSide = { ref: headRef, commit: headCommit };
    if (format === 'json') io.out(JSON.stringify(diffJson(baseSide, headSide, triggers, warnings), null, 2));
    else diffTable(baseSide, headSide, triggers, warnings).forEach((line) => io.out(line));

    if (register && triggers.length > 0) {
      const target = await describeTarget(dir);
      const ref = `${baseCommit}..${headCommit}`;
      const written = await recordTriggers(register, triggers, {
        now: io.now(),
        cause: `aims diff --base ${baseRef} --head ${headRef} (${ref})`,
        ref,
        prefix: tree.prefix,
        source: target.source,
      });
      const say = format === 'table' ? io.out : io.err;
      say(`Workspace: ${written.length} trigger record(s) opened`);
    }
    // Benign changes (a guardrail added, a capability removed) are listed with their reason but pass the gate.
    return triggers.some(isMaterial) ? 3 : 0;
  },
};
