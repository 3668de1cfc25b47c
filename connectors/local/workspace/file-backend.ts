// The register's Node back-end: a folder of JSON documents plus an append-only event log.
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  EventEntry,
  RECORD_KINDS,
  RecordKind,
  type AnyRecord,
  type RecordKind as Kind,
} from '../../../shared/model';
import {
  createRegister,
  describeIssues,
  createMemoryBackend,
  parseRecord,
  type Register,
  type RegisterBackend,
  type StoredChange,
} from '../../../shared/register';
import { writeFileAtomic } from './atomic-write';
import {
  EVENTS_FILE,
  MANIFEST_FILE,
  RECORDS_DIR,
  WORKSPACE_FORMAT,
  WORKSPACE_VERSION,
  idForFileName,
  prettyJson,
  recordPath,
} from './layout';

/** A workspace that cannot be loaded; the message names the file and, where known, the field. */
export class WorkspaceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceError';
  }
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new WorkspaceError(`${where}: not valid JSON (${(error as Error).message})`);
  }
}

async function loadRecords(root: string): Promise<Map<string, AnyRecord>> {
  const records = new Map<string, AnyRecord>();
  const recordsDir = join(root, RECORDS_DIR);
  if (!existsSync(recordsDir)) return records;
  for (const kindDir of (await readdir(recordsDir)).sort()) {
    const where = `${RECORDS_DIR}/${kindDir}`;
    if (!RecordKind.safeParse(kindDir).success) {
      throw new WorkspaceError(
        `${where}: unknown record kind '${kindDir}' (expected one of ${RECORD_KINDS.join(', ')})`,
      );
    }
    const kind = kindDir as Kind;
    for (const name of (await readdir(join(recordsDir, kindDir))).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = `${where}/${name}`;
      const value = parseJson(await readFile(join(root, file), 'utf8'), file);
      let record: AnyRecord;
      try {
        record = parseRecord(kind, value, file);
      } catch (error) {
        throw new WorkspaceError((error as Error).message);
      }
      if (record.id !== idForFileName(name)) {
        throw new WorkspaceError(`${file}: field 'id': '${record.id}' does not match the file name`);
      }
      records.set(`${kind}\u0000${record.id}`, record);
    }
  }
  return records;
}

async function loadEvents(root: string): Promise<EventEntry[]> {
  const path = join(root, EVENTS_FILE);
  if (!existsSync(path)) return [];
  const lines = (await readFile(path, 'utf8')).split('\n');
  const events: EventEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${EVENTS_FILE} line ${index + 1}`;
    const result = EventEntry.safeParse(parseJson(line, where));
    if (!result.success) {
      const { field, message } = describeIssues(result.error);
      throw new WorkspaceError(`${where}: field '${field}': ${message}`);
    }
    events.push(result.data);
  }
  return events;
}

async function checkManifest(root: string): Promise<void> {
  const path = join(root, MANIFEST_FILE);
  if (!existsSync(path)) {
    throw new WorkspaceError(
      `${root}: not an AIMS workspace (no ${MANIFEST_FILE}); create one with 'aims init'`,
    );
  }
  const manifest = parseJson(await readFile(path, 'utf8'), MANIFEST_FILE) as {
    format?: unknown;
    version?: unknown;
  };
  if (manifest.format !== WORKSPACE_FORMAT || manifest.version !== WORKSPACE_VERSION) {
    throw new WorkspaceError(
      `${MANIFEST_FILE}: field 'format': expected ${WORKSPACE_FORMAT} version ${WORKSPACE_VERSION}`,
    );
  }
}

/**
 * Loads and validates every file first, so a bad workspace fails before anything is written.
 * Reads are served from memory; a commit reaches the disk before memory changes.
 */
export async function openFileBackend(root: string): Promise<RegisterBackend> {
  await checkManifest(root);
  const memory = createMemoryBackend({
    records: [...(await loadRecords(root)).values()],
    events: await loadEvents(root),
  });

  return {
    ...memory,
    async commit(changes: readonly StoredChange[], appended: readonly EventEntry[]) {
      for (const change of changes) {
        const path = recordPath(root, change.kind, change.id);
        if (change.record) await writeFileAtomic(path, prettyJson(change.record));
        else await rm(path, { force: true });
      }
      const all = [...(await memory.events()), ...appended];
      await writeFileAtomic(join(root, EVENTS_FILE), all.map((e) => JSON.stringify(e)).join('\n') + '\n');
      await memory.commit(changes, appended);
    },
  };
}

export interface WorkspaceOptions {
  clock?: () => string;
}

export async function openWorkspace(root: string, options: WorkspaceOptions = {}): Promise<Register> {
  const backend = await openFileBackend(root);
  return createRegister(backend, { clock: options.clock ?? (() => new Date().toISOString()) });
}

/** Creates an empty workspace; refuses a folder that already holds other files. */
export async function initWorkspace(root: string): Promise<void> {
  if (existsSync(root)) {
    if (!(await stat(root)).isDirectory()) throw new WorkspaceError(`${root}: exists and is not a folder`);
    const entries = await readdir(root);
    if (entries.includes(MANIFEST_FILE)) throw new WorkspaceError(`${root}: already an AIMS workspace`);
    if (entries.length > 0) throw new WorkspaceError(`${root}: folder is not empty`);
  }
  await mkdir(join(root, RECORDS_DIR), { recursive: true });
  await writeFileAtomic(
    join(root, MANIFEST_FILE),
    prettyJson({ format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION }),
  );
}
