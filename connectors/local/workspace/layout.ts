// Where each thing lives in a workspace folder. Plain JSON so it diffs well in git.
import { join } from 'node:path';

export const MANIFEST_FILE = 'aims-workspace.json';
export const EVENTS_FILE = 'events.jsonl';
export const RECORDS_DIR = 'records';
/** Signed checkpoints of the event log, one JSON object a line. */
export const CHECKPOINTS_FILE = 'checkpoints.jsonl';
/** A transaction that has committed but may not be applied to the files yet. */
export const JOURNAL_FILE = '.aims-journal.json';
export const WORKSPACE_FORMAT = 'aims-lens-workspace';
export const WORKSPACE_VERSION = 1;

/** The largest record file the workspace loads (bytes); larger files are refused with one line. */
export const MAX_RECORD_BYTES = 5 * 1024 * 1024;

/** ':' is legal in ids but not in every file system's names. */
export const fileNameForId = (id: string) => `${id.replaceAll(':', '%3A')}.json`;
export const idForFileName = (name: string) => name.slice(0, -'.json'.length).replaceAll('%3A', ':');

/** Workspace-relative path of a record, with '/' separators (as messages show it). */
export const recordFile = (kind: string, id: string) => `${RECORDS_DIR}/${kind}/${fileNameForId(id)}`;

export const recordPath = (root: string, kind: string, id: string) =>
  join(root, RECORDS_DIR, kind, fileNameForId(id));

/** Stable, human-readable JSON: sorted keys, two-space indent, final newline. */
export function prettyJson(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) =>
        v && typeof v === 'object' && !Array.isArray(v)
          ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
          : v,
      2,
    ) + '\n'
  );
}
