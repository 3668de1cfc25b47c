// `aims sharepoint …`: sync the inventory with the shared SharePoint list, settle conflicts, and pin
// SharePoint documents as evidence (7.5.3). The Graph token comes from AIMS_SHAREPOINT_TOKEN or
// --token-file and is never printed or written anywhere.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sharePointSyncFile, withSyncLock } from '../../../connectors/local/sharepoint-sync-file';
import { openWorkspace } from '../../../connectors/local/workspace';
import {
  checkEvidence,
  confirmEvidence,
  EvidenceCheckStopped,
  createGraphClient,
  listDocuments,
  registerEvidence,
  resolveSite,
  settleConflict,
  SharePointError,
  type SharePointFailure,
  syncInventoryList,
  type EvidenceCheck,
  type InventorySyncReport,
  type StoredConflict,
} from '../../../connectors/sharepoint';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Register } from '../../../shared/register';
import {
  requireOption,
  stringOption,
  UserError,
  type Command,
  type CommandArgs,
  type CommandIO,
} from '../command';
import { oneLine } from '../format/table';
import {
  CREDENTIALS_REFUSED_EXIT,
  PASSING_FAILURE_EXIT,
  RUN_AGAIN_LATER,
  SERVICE_EXIT_HELP,
  SERVICE_REFUSED_EXIT,
} from '../service-exit';

export const TOKEN_VARIABLE = 'AIMS_SHAREPOINT_TOKEN';

const list = (args: CommandArgs, name: string): string[] => {
  const value = args.values[name];
  return Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
};

/** The bearer token: --token-file, else the environment variable. Never echoed. */
async function token(args: CommandArgs, io: CommandIO): Promise<string> {
  const file = stringOption(args, 'token-file');
  const value = file
    ? (
        await readFile(resolve(io.cwd, file), 'utf8').catch(() => {
          throw new UserError(`cannot read the token file ${file}`);
        })
      ).trim()
    : (process.env[TOKEN_VARIABLE] ?? '').trim();
  if (!value) throw new UserError(`no token: set ${TOKEN_VARIABLE} or pass --token-file <file>`);
  if (/\s/.test(value)) throw new UserError('the token must be one line without spaces');
  return value;
}

async function graph(args: CommandArgs, io: CommandIO): Promise<Client> {
  const bearer = await token(args, io);
  return createGraphClient({ token: () => bearer, log: (line) => io.err(line) });
}

const workspaceRoot = (args: CommandArgs, io: CommandIO) => resolve(io.cwd, requireOption(args, 'workspace'));

/**
 * A conflicting value on its line: SharePoint's side is cleaned when it is pulled, the register's is not (a
 * name may hold a line break), so its line breaks and TABs become spaces, as in a table cell.
 */
const shown = (value: unknown) =>
  value === null || value === undefined ? '(empty)' : `'${oneLine(String(value))}'`;

function conflictLine(c: Pick<StoredConflict, 'systemId' | 'field' | 'base' | 'local' | 'remote'>): string {
  const was = c.base === undefined ? 'never synced' : `was ${shown(c.base)}`;
  return `  ${c.systemId} ${c.field}: here ${shown(c.local)} · SharePoint ${shown(c.remote)} (${was})`;
}

function printSync(report: InventorySyncReport, io: CommandIO): void {
  const systems = (rows: Array<{ systemId: string; fields: string[] }>) =>
    rows.map((r) => `${r.systemId} (${r.fields.join(', ')})`).join('; ');
  if (report.listCreated) io.out("Created the list 'AI System Inventory'");
  io.out(
    `Pulled ${report.pull.pages} page(s), ${report.pull.full ? 'full enumeration' : 'changes since the last sync'}`,
  );
  if (report.created.length) io.out(`Added to SharePoint: ${report.created.join(', ')}`);
  if (report.pushed.length) io.out(`Written to SharePoint: ${systems(report.pushed)}`);
  if (report.pulled.length) io.out(`Taken from SharePoint: ${systems(report.pulled)}`);
  if (report.imported.length) io.out(`Imported as discovered, unreviewed: ${report.imported.join(', ')}`);
  if (report.retriedAfterConflict)
    io.out(`Merged again after a concurrent change: ${report.retriedAfterConflict}`);
  if (report.derivedRemote.length)
    io.out(`Derived fields edited in SharePoint, left there: ${systems(report.derivedRemote)}`);
  if (report.deletedRemotely.length)
    io.out(`Deleted in SharePoint, kept here and flagged: ${report.deletedRemotely.join(', ')}`);
  for (const skipped of report.pull.skipped)
    io.out(`Skipped list item ${skipped.itemId}: ${skipped.problem}`);
  if (report.conflicts.length) {
    io.out(`Conflicts: ${report.conflicts.length} field(s) changed on both sides; nothing was overwritten:`);
    report.conflicts.forEach((c) => io.out(conflictLine(c)));
    io.out(
      'Settle each with: aims sharepoint resolve --workspace <dir> --system <id> --field <f> --keep here|sharepoint',
    );
  } else io.out('No conflicts');
}

/** Holds the workspace's sync lock: a second sync (or resolve) of one workspace waits, then refuses. */
const locked = <T>(root: string, io: CommandIO, fn: () => Promise<T>) =>
  withSyncLock(root, { log: (line) => io.err(line) }, fn);

async function sync(args: CommandArgs, io: CommandIO): Promise<number> {
  const root = workspaceRoot(args, io);
  return locked(root, io, () => syncLocked(root, args, io));
}

async function syncLocked(root: string, args: CommandArgs, io: CommandIO): Promise<number> {
  const register = await openWorkspace(root, { clock: () => io.now().toISOString() });
  const report = await syncInventoryList({
    client: await graph(args, io),
    register,
    store: sharePointSyncFile(root),
    siteUrl: requireOption(args, 'site'),
    today: io.now().toISOString().slice(0, 10),
    now: () => io.now().toISOString(),
    log: (line) => io.err(line),
  });
  printSync(report, io);
  return report.conflicts.length > 0 ? 3 : 0;
}

async function conflicts(args: CommandArgs, io: CommandIO): Promise<number> {
  const state = await sharePointSyncFile(workspaceRoot(args, io)).load();
  const open = state?.conflicts ?? [];
  if (open.length === 0) {
    io.out('No open conflicts');
    return 0;
  }
  open.forEach((c) => io.out(`${conflictLine(c)} — since ${c.detectedAt}`));
  return 3;
}

async function settle(args: CommandArgs, io: CommandIO): Promise<number> {
  const root = workspaceRoot(args, io);
  return locked(root, io, () => settleLocked(root, args, io));
}

async function settleLocked(root: string, args: CommandArgs, io: CommandIO): Promise<number> {
  const store = sharePointSyncFile(root);
  const keep = requireOption(args, 'keep');
  if (keep !== 'here' && keep !== 'sharepoint') throw new UserError(`--keep must be 'here' or 'sharepoint'`);
  const state = await store.load();
  if (!state) throw new UserError('this workspace has never synced with SharePoint');
  const systems = list(args, 'system');
  const system = systems[0];
  if (!system || systems.length > 1) throw new UserError('give exactly one --system');
  const field = requireOption(args, 'field');
  await store.save(settleConflict(state, system, field, keep));
  io.out(
    `Settled ${field} of ${system}: ${keep === 'here' ? "this register's value" : "SharePoint's value"} is kept at the next sync`,
  );
  return 0;
}

const EVIDENCE_ACTIONS = ['list', 'register', 'check', 'confirm'];

/**
 * Graph failures that pass (throttled past the Retry-After waits, 5xx, no answer in time, no answer at all):
 * a command they stop exits PASSING_FAILURE_EXIT, as every GitHub and Jira command does. `evidence check`
 * meets them per item and keeps its own codes.
 */
const PASSING_FAILURES: ReadonlySet<SharePointFailure> = new Set([
  'throttled',
  'unavailable',
  'timeout',
  'unreachable',
]);

/**
 * `evidence check`'s exit codes. A scheduled job must tell "a person has to look at evidence" (stale)
 * from "this run is incomplete" (not checked), and both can hold at once: `both` says so rather than
 * one hiding the other (a persistent 403 on one library would otherwise hide stale evidence elsewhere
 * on every run, or an incomplete run pass as complete). `tokenRefused` wins over all: the check stopped,
 * nothing after it can succeed until the token is replaced; the marks made before it are kept and the
 * next run reports them again.
 */
export const EVIDENCE_CHECK_EXIT = {
  fresh: 0,
  notChecked: 1,
  stale: 3,
  both: 4,
  tokenRefused: CREDENTIALS_REFUSED_EXIT,
} as const;

/**
 * Every other action's exit when Graph refuses the token (401: expired, revoked, for another tenant): the
 * same code as `evidence check`'s and as every GitHub and Jira command's, so one rule in a job covers them.
 */
export const TOKEN_REFUSED_EXIT = CREDENTIALS_REFUSED_EXIT;

/**
 * What a refused token leaves behind, by action, for its one line on stderr. The action stopped at the
 * refused request (the error propagates, so nothing is sent after it); only a sync has written anything
 * before it (each page pulled and each item written is saved as it is done); register and confirm record
 * only once every request has answered.
 */
const KEPT_AFTER_REFUSAL: Record<string, string> = {
  sync: 'what this sync did before it is saved, and the next sync goes on from there',
  'evidence list': 'nothing was listed',
  'evidence register': 'nothing was registered',
  'evidence confirm': 'nothing was confirmed',
};

/** The exit code for the checks made (see EVIDENCE_CHECK_EXIT); `stopped` when the token was refused. */
export function evidenceCheckExit(checks: readonly EvidenceCheck[], stopped: boolean): number {
  if (stopped) return EVIDENCE_CHECK_EXIT.tokenRefused;
  const notChecked = checks.some((c) => c.state === 'unchecked');
  const stale = checks.some((c) => c.state === 'superseded' || c.state === 'missing');
  if (notChecked && stale) return EVIDENCE_CHECK_EXIT.both;
  if (notChecked) return EVIDENCE_CHECK_EXIT.notChecked;
  return stale ? EVIDENCE_CHECK_EXIT.stale : EVIDENCE_CHECK_EXIT.fresh;
}

/**
 * `Checked 5 SharePoint evidence items: 2 fresh, 1 superseded, 1 missing, 1 not checked (forbidden 1)`;
 * `notReached` items a refused token kept from being checked count as not checked (unauthorized).
 */
function checkSummary(checks: readonly EvidenceCheck[], notReached = 0): string {
  const count = (state: EvidenceCheck['state']) => checks.filter((c) => c.state === state).length;
  const failures = new Map<string, number>();
  for (const c of checks) {
    if (c.problem) failures.set(c.problem.failure, (failures.get(c.problem.failure) ?? 0) + 1);
  }
  if (notReached > 0) failures.set('unauthorized', (failures.get('unauthorized') ?? 0) + notReached);
  const why = [...failures].map(([failure, n]) => `${failure} ${n}`).join(', ');
  const unchecked = count('unchecked') + notReached;
  return (
    `Checked ${checks.length + notReached} SharePoint evidence item(s): ${count('fresh')} fresh, ${count('superseded')} superseded, ` +
    `${count('missing')} missing, ${unchecked} not checked${unchecked ? ` (${why})` : ''}`
  );
}

function printCheck(c: EvidenceCheck, io: CommandIO): void {
  const latest = c.latestVersion && c.latestVersion !== c.pinnedVersion ? `, latest ${c.latestVersion}` : '';
  const gone =
    c.pinnedKept === false
      ? `; SharePoint no longer keeps version ${c.pinnedVersion}: its link opens nothing, the register keeps its SHA-256`
      : '';
  if (c.problem) {
    const status = c.problem.status > 0 ? `HTTP ${c.problem.status}` : 'no HTTP response';
    io.out(
      `${c.id}: not checked: ${c.problem.failure} (${status}; pinned ${c.pinnedVersion}): ${c.problem.message}`,
    );
  } else io.out(`${c.id}: ${c.state} (pinned ${c.pinnedVersion}${latest}${gone})`);
}

/** `evidence check`: one line per item, a summary, and the exit code of EVIDENCE_CHECK_EXIT. */
async function check(client: Client, register: Register, now: string, io: CommandIO): Promise<number> {
  let checks: readonly EvidenceCheck[];
  let stop: EvidenceCheckStopped | undefined;
  try {
    checks = await checkEvidence({ client, register, now });
  } catch (error) {
    if (!(error instanceof EvidenceCheckStopped)) throw error;
    stop = error;
    checks = error.checks;
  }
  if (checks.length === 0 && !stop) io.out('No SharePoint evidence in this workspace');
  checks.forEach((c) => printCheck(c, io));
  if (checks.length > 0 || stop) io.out(checkSummary(checks, stop?.notChecked));
  if (stop) {
    const total = checks.length + stop.notChecked;
    io.err(
      `aims sharepoint: evidence check stopped at ${stop.evidenceId}: ${stop.message}. Nothing after it can be ` +
        `checked with this token: ${checks.length} of ${total} item(s) checked, ${stop.notChecked} not checked`,
    );
  }
  return evidenceCheckExit(checks, stop !== undefined);
}

async function evidence(action: string | undefined, args: CommandArgs, io: CommandIO): Promise<number> {
  if (!action || !EVIDENCE_ACTIONS.includes(action)) {
    throw new UserError(`unknown evidence action '${action ?? ''}' (${EVIDENCE_ACTIONS.join(', ')})`);
  }
  const now = io.now().toISOString();
  if (action === 'list') {
    const client = await graph(args, io);
    const site = await resolveSite(client, requireOption(args, 'site'));
    const library = stringOption(args, 'library');
    const folder = stringOption(args, 'folder');
    const docs = await listDocuments(client, site.id, {
      ...(library ? { library } : {}),
      ...(folder ? { folder } : {}),
    });
    if (docs.length === 0) io.out('No files here');
    for (const d of docs) {
      const hash = d.reportedHash
        ? `${d.reportedHash.algorithm} ${d.reportedHash.value}`
        : 'no hash reported';
      io.out(
        `${d.itemId}  ${JSON.stringify(d.name)}  ${d.size ?? '?'} bytes  ${d.lastModified ?? ''}  ${hash}`,
      );
    }
    return 0;
  }
  const root = workspaceRoot(args, io);
  const register = await openWorkspace(root, { clock: () => now });
  if (action === 'register') {
    const client = await graph(args, io);
    const siteUrl = requireOption(args, 'site');
    let drive = stringOption(args, 'drive');
    if (!drive) {
      const site = await resolveSite(client, siteUrl);
      const library = stringOption(args, 'library');
      const docs = await listDocuments(client, site.id, {
        ...(library ? { library } : {}),
        ...(stringOption(args, 'folder') ? { folder: stringOption(args, 'folder') } : {}),
      });
      drive = docs.find((d) => d.itemId === requireOption(args, 'item'))?.driveId;
      if (!drive)
        throw new UserError(`no file with id ${requireOption(args, 'item')} in that library folder`);
    }
    const item = await registerEvidence({
      client,
      register,
      siteUrl,
      driveId: drive,
      itemId: requireOption(args, 'item'),
      clauses: list(args, 'clause'),
      controls: list(args, 'control'),
      systemIds: list(args, 'system'),
      actor: requireOption(args, 'by'),
      now,
      ...(stringOption(args, 'title') ? { title: stringOption(args, 'title') } : {}),
    });
    io.out(
      `Registered ${item.id}: ${JSON.stringify(item.title)} version ${item.pinnedVersion}, sha256 ${item.contentHash}`,
    );
    io.out(`Opens that version while it is the latest: ${item.url}`);
    if (item.sourceVersion?.versionUrl) {
      io.out(`Once a newer version exists (evidence check moves the link): ${item.sourceVersion.versionUrl}`);
    }
    return 0;
  }
  if (action === 'check') return check(await graph(args, io), register, now, io);
  const item = await confirmEvidence({
    client: await graph(args, io),
    register,
    id: requireOption(args, 'id'),
    actor: requireOption(args, 'by'),
    now,
  });
  io.out(`Confirmed ${item.id}: now pinned to version ${item.pinnedVersion}, sha256 ${item.contentHash}`);
  return 0;
}

export const sharePointCommand: Command = {
  name: 'sharepoint',
  summary: 'Sync the inventory with a SharePoint list; pin SharePoint documents as evidence',
  usage: 'aims sharepoint sync|conflicts|resolve|evidence <list|register|check|confirm> [options]',
  details: [
    `The Graph token is read from ${TOKEN_VARIABLE} or --token-file; it is never printed or stored.`,
    '  sync --site <url> --workspace <dir>      two-way sync with the "AI System Inventory" list (created when missing)',
    '  conflicts --workspace <dir>              fields changed on both sides since the last sync',
    '  resolve --workspace <dir> --system <id> --field <f> --keep here|sharepoint',
    '  evidence list --site <url> [--library <name>] [--folder <path>]',
    '  evidence register --site <url> --workspace <dir> --item <id> [--drive <id> | --library <name> --folder <path>]',
    '                    --by <person> [--clause 7.5.3]… [--control A.6.2.7]… [--system <id>]… [--title <text>]',
    '  evidence check --workspace <dir>         marks evidence whose file has a newer version as superseded;',
    '                    an item SharePoint does not answer for (403, 5xx, timeout…) is reported and the rest checked;',
    '                    a refused token (401) stops the check at once with one message',
    '  evidence confirm --workspace <dir> --id <evidence id> --by <person>   re-pins it to the latest version',
    'The sync state (item ids, eTags, merge bases, delta link, conflicts) is kept in <workspace>/sync/sharepoint.json.',
    'One sync (or resolve) of a workspace at a time: a second waits for the first (15 s, AIMS_LOCK_TIMEOUT_MS), then refuses.',
    'Exit codes: 0 done; 1 SharePoint refused or answered wrongly (the state saved so far is kept); 2 usage error;',
    '  3 open conflicts (sync, conflicts);',
    ...SERVICE_EXIT_HELP,
    '  (sync keeps what it saved before a refusal; list, register and confirm record nothing).',
    'evidence check exits 0 every item checked and fresh; 1 some item not checked, every checked one fresh;',
    '            3 every item checked, some superseded or missing; 4 some superseded or missing and some not',
    '            checked (both: 1 + 3); 5 the token was refused (401), the check stopped (wins over the others);',
    '            2 nothing checked: no token, not a workspace, or a usage error.',
  ],
  positionals: true,
  options: {
    site: { type: 'string' },
    workspace: { type: 'string', short: 'w' },
    'token-file': { type: 'string' },
    library: { type: 'string' },
    folder: { type: 'string' },
    drive: { type: 'string' },
    item: { type: 'string' },
    id: { type: 'string' },
    by: { type: 'string' },
    title: { type: 'string' },
    clause: { type: 'string', multiple: true },
    control: { type: 'string', multiple: true },
    system: { type: 'string', multiple: true },
    field: { type: 'string' },
    keep: { type: 'string' },
  },
  async run(args, io) {
    const [action, sub, ...extra] = args.positionals;
    if (extra.length > 0 || (action !== 'evidence' && sub !== undefined)) {
      throw new UserError(`unexpected argument '${[sub, ...extra].filter(Boolean).join(' ')}'`);
    }
    try {
      if (action === 'sync') return await sync(args, io);
      if (action === 'conflicts') return await conflicts(args, io);
      if (action === 'resolve') return await settle(args, io);
      if (action === 'evidence') return await evidence(sub, args, io);
    } catch (error) {
      if (error instanceof SharePointError && error.failure === 'unauthorized') {
        const what = action === 'evidence' ? `evidence ${sub}` : (action ?? '');
        const kept = KEPT_AFTER_REFUSAL[what];
        io.err(
          `aims sharepoint: ${what} stopped: ${error.message}. Nothing more was sent with this token` +
            (kept ? `; ${kept}` : ''),
        );
        return TOKEN_REFUSED_EXIT;
      }
      if (error instanceof SharePointError && PASSING_FAILURES.has(error.failure)) {
        io.err(`aims sharepoint: ${error.message}; ${RUN_AGAIN_LATER}`);
        return PASSING_FAILURE_EXIT;
      }
      if (error instanceof SharePointError) {
        io.err(`aims sharepoint: ${error.message}`);
        return error.failure === 'failed' && error.status === -1 ? 2 : SERVICE_REFUSED_EXIT;
      }
      throw error;
    }
    throw new UserError(`unknown action '${action ?? ''}' (sync, conflicts, resolve, evidence)`);
  },
};
