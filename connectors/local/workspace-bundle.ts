// A workspace folder to and from one JSON bundle (shared/exchange/bundle.ts), the form in which
// the CLI and the extension exchange a whole register.
import type { AnyRecord, EventEntry } from '../../shared/model';
import { RECORD_KINDS } from '../../shared/model';
import { bundleOf, verifyBundle, type WorkspaceBundle } from '../../shared/exchange/bundle';
import { initWorkspace, openFileBackend } from './workspace';

/** The order the register writes an event's fields in; the events file keeps it on a round trip. */
const EVENT_FIELDS = [
  'at',
  'actor',
  'action',
  'recordKind',
  'recordId',
  'cause',
  'summary',
  'recordHash',
  'seq',
  'prevHash',
  'hash',
] as const satisfies readonly (keyof EventEntry)[];

function inWrittenOrder(event: EventEntry): EventEntry {
  return Object.fromEntries(EVENT_FIELDS.map((field) => [field, event[field]])) as EventEntry;
}

/** Reads a workspace folder (validating every file) into a bundle. */
export async function workspaceToBundle(
  root: string,
  meta: { exportedAt: string; exportedBy: string },
): Promise<WorkspaceBundle> {
  const backend = await openFileBackend(root);
  const records: AnyRecord[] = [];
  for (const kind of RECORD_KINDS) records.push(...(await backend.query({ kind })));
  return bundleOf(records, await backend.events(), meta);
}

/**
 * Writes a bundle as a new workspace folder. Verifies the bundle first and throws
 * `Error('refused: …')` naming the first problem, before creating anything; refuses an existing,
 * non-empty folder (initWorkspace's rules).
 */
export async function bundleToWorkspace(
  bundle: unknown,
  root: string,
): Promise<{ records: number; events: number }> {
  const verdict = verifyBundle(bundle);
  if (!verdict.ok) throw new Error(`refused: ${verdict.problem}`);
  const { records, events } = bundle as WorkspaceBundle;
  await initWorkspace(root);
  const backend = await openFileBackend(root);
  await backend.commit(
    (records as AnyRecord[]).map((record) => ({ kind: record.kind, id: record.id, record })),
    events.map(inWrittenOrder),
  );
  return { records: verdict.records, events: verdict.events };
}
