// A view line forged with valid checksums but lacking what the processes read (a required field missing or
// renamed, a value of another JSON type) makes the cache unusable: read commands read the files instead, as
// with no cache at all. And a cache written for other summary fields than the code's is not read.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { openWorkspace, openWorkspaceForReading } from '../../../connectors/local/workspace';
import {
  LINE_PREFIX,
  SETTLE_MS,
  cacheFile,
  readKindCache,
  readLightKindCache,
} from '../../../connectors/local/workspace/record-cache';
import { RECORD_KINDS, RECORD_SCHEMAS, type RecordKind } from '../../../shared/model';
import {
  EVIDENCE_SUMMARY_FIELDS,
  SYSTEM_SUMMARY_FIELDS,
  summaryFieldsOf,
  summaryOf,
  viewFieldsOf,
} from '../../../shared/processes/evidence-summary';
import type * as Summary from '../../../shared/processes/evidence-summary';
import { recordFieldsOf } from '../../../shared/processes/record-fields';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const quiet = () => undefined;
const workspaces = demoWorkspaces('aims-view-fields-');
const KINDS = ['evidence', 'ai-system', 'soa-entry'] as const satisfies readonly RecordKind[];

/** A cache line: the SHA-256 of its body, its byte length (12 digits), the body. */
const checksummed = (body: object) => {
  const json = JSON.stringify(body);
  const length = String(Buffer.byteLength(json)).padStart(12, '0');
  return `${createHash('sha256').update(json).digest('hex')} ${length} ${json}\n`;
};

type Column = { values: unknown[] } | { table: unknown[]; at: number[] };
type ViewLine = { fields: string[]; shapes: string[][]; columns: Column[] } & Record<string, unknown>;

/** What read-only commands see of the kinds under test (the snapshot read light). */
async function seen(ws: string) {
  const { snapshot } = await openWorkspaceForReading(ws, { log: quiet, summaries: true });
  return Object.fromEntries(KINDS.map((kind) => [kind, [...snapshot[kind]]]));
}

/** The same from the files, without any cache. */
async function truth(ws: string) {
  const register = await openWorkspace(ws, { log: quiet, recordCache: 'check' });
  const out: Record<string, unknown[]> = {};
  for (const kind of KINDS) out[kind] = (await register.list(kind)).map((r) => summaryOf(r as never));
  return out;
}

/** Back-dates a cache file so its entries count as settled. */
function settle(ws: string, kind: RecordKind) {
  const now = Date.now() / 1000 + (SETTLE_MS / 1000) * 2;
  utimesSync(cacheFile(ws, kind), now, now);
}

/** A workspace whose caches are written and settled, with each kind's cache file as header, view and detail. */
async function cached() {
  const ws = workspaces.copy();
  await seen(ws);
  const files = Object.fromEntries(
    KINDS.map((kind) => {
      settle(ws, kind);
      const [header, view, detail] = readFileSync(cacheFile(ws, kind), 'utf8').trimEnd().split('\n');
      return [
        kind,
        {
          header: header!,
          view: JSON.parse(view!.slice(LINE_PREFIX)) as ViewLine,
          detail: JSON.parse(detail!.slice(LINE_PREFIX)) as object,
        },
      ];
    }),
  );
  return { ws, files };
}

/**
 * Writes a kind's cache file with this view line and detail line, checksums recomputed (what a careful forger
 * does), both claiming a late write time so the entries count as settled once the file's own time says so.
 */
function write(ws: string, kind: RecordKind, file: { header: string; detail: object }, view: ViewLine) {
  const at = Date.now() + 4 * SETTLE_MS;
  writeFileSync(
    cacheFile(ws, kind),
    `${file.header}\n${checksummed({ ...view, at })}${checksummed({ ...file.detail, at })}`,
  );
  settle(ws, kind);
}

/** `field` removed from a view line (its name, its column, every key order). */
const without = (view: ViewLine, field: string): ViewLine => {
  const at = view.fields.indexOf(field);
  return {
    ...view,
    fields: view.fields.filter((_, i) => i !== at),
    shapes: view.shapes.map((keys) => keys.filter((key) => key !== field)),
    columns: view.columns.filter((_, i) => i !== at),
  };
};

/** `field` renamed `name` in a view line's field names and key orders (the reviewer's forgery). */
const renamed = (view: ViewLine, field: string, name: string): ViewLine => ({
  ...view,
  fields: view.fields.map((f) => (f === field ? name : f)),
  shapes: view.shapes.map((keys) => keys.map((key) => (key === field ? name : key))),
});

/** A value of another JSON type than `type`. */
const wrongOf = (type: string): unknown =>
  ({ string: 7, number: '7', boolean: 'true', array: 'A.2.2', object: ['x'] })[type];

/** `field`'s first record given `value` (in its table, or among its values), every other record kept. */
const retyped = (view: ViewLine, field: string, value: unknown): ViewLine => {
  const at = view.fields.indexOf(field);
  const column = view.columns[at]!;
  const forged: Column =
    'table' in column
      ? { table: column.table.map((v, i) => (i === column.at[0] ? value : v)), at: column.at }
      : { values: column.values.map((v, i) => (i === 0 ? value : v)) };
  return { ...view, columns: view.columns.map((c, i) => (i === at ? forged : c)) };
};

afterEach(() => {
  vi.doUnmock('../../../shared/processes/evidence-summary');
  vi.resetModules();
});

describe('record fields as the read path knows them', () => {
  it('are the zod schemas’ fields, types and required flags, kind by kind (without loading zod there)', () => {
    for (const kind of RECORD_KINDS) {
      const schema = z.toJSONSchema(RECORD_SCHEMAS[kind] as z.ZodType, { io: 'output' }) as {
        properties: Record<string, { type: string }>;
        required: string[];
      };
      const expected = Object.entries(schema.properties)
        .filter(([name]) => name !== 'kind')
        .map(([name, { type }]) => [
          name,
          { type: type === 'integer' ? 'number' : type, required: schema.required.includes(name) },
        ]);
      expect([...recordFieldsOf(kind)], kind).toEqual(expected);
    }
    // Types only: nothing of the model (its zod schemas) is loaded with it.
    const source = readFileSync(join(__dirname, '../../../shared/processes/record-fields.ts'), 'utf8');
    expect(source).not.toMatch(/^import (?!type )/m);
  });

  it('views keep exactly the summary fields of evidence and AI systems, every field of other kinds', () => {
    const sorted = (fields: Iterable<string>) => [...fields].sort();
    expect(sorted(viewFieldsOf('evidence').keys())).toEqual(
      sorted(EVIDENCE_SUMMARY_FIELDS.filter((f) => f !== 'kind')),
    );
    expect(sorted(viewFieldsOf('ai-system').keys())).toEqual(
      sorted(SYSTEM_SUMMARY_FIELDS.filter((f) => f !== 'kind')),
    );
    expect(viewFieldsOf('soa-entry')).toEqual(recordFieldsOf('soa-entry'));
    expect(viewFieldsOf('evidence').get('title')).toEqual({ type: 'string', required: true });
    expect(viewFieldsOf('evidence').get('freshForDays')).toEqual({ type: 'number', required: false });
  });
});

describe('a view line forged with valid checksums but not what processes read', () => {
  it('status on the reviewer’s case (an AI system’s name renamed `constructor`) prints what it prints with no cache', async () => {
    const { ws, files } = await cached();
    const file = files['ai-system']!;
    write(ws, 'ai-system', file, renamed(file.view, 'name', 'constructor'));
    const args = ['status', '--workspace', ws, '--today', '2026-11-29'];
    const forged = await runCli(args);
    rmSync(join(ws, '.cache'), { recursive: true, force: true });
    const clean = await runCli(args);
    expect(forged.code).toBe(0);
    expect(forged.err).not.toMatch(/TypeError|at /);
    expect(forged.out).toBe(clean.out);
    expect(clean.out).toMatch(/\S/);
  }, 60_000);

  it('each required field missing or renamed, each field of the wrong JSON type: not used, and rebuilt', async () => {
    const { ws, files } = await cached();
    const expected = await truth(ws);
    let cases = 0;
    for (const kind of KINDS) {
      const file = files[kind]!;
      const { view } = file;
      const forgeries: ViewLine[] = [];
      for (const [field, { type, required }] of viewFieldsOf(kind)) {
        if (!view.fields.includes(field)) continue;
        if (required) {
          forgeries.push(without(view, field));
          for (const name of ['constructor', 'toString', 'hasOwnProperty'])
            forgeries.push(renamed(view, field, name));
        }
        forgeries.push(retyped(view, field, wrongOf(type)), retyped(view, field, null));
      }
      // Every required field a view has is covered.
      expect(forgeries.length).toBeGreaterThan(view.fields.length * 2);
      for (const forged of forgeries) {
        write(ws, kind, file, forged);
        expect(readLightKindCache(ws, kind)).toBeUndefined();
        expect(readKindCache(ws, kind)).toBeUndefined();
        expect(await seen(ws)).toEqual(expected);
        // Rebuilt from the files.
        expect(readLightKindCache(ws, kind)).toBeDefined();
        cases++;
      }
    }
    expect(cases).toBeGreaterThan(60);
    expect(Object.prototype).not.toHaveProperty('name');
  }, 120_000);

  it('a well-typed forgery is still read, and verify still names it', async () => {
    const { ws, files } = await cached();
    const file = files.evidence!;
    write(ws, 'evidence', file, retyped(file.view, 'title', 'Forged title'));
    expect(readLightKindCache(ws, 'evidence')).toBeDefined();
    expect((await seen(ws)).evidence!.some((e) => (e as { title: string }).title === 'Forged title')).toBe(
      true,
    );
    // Types are checked at the top level only: a list of components holding a number is a list.
    const systems = files['ai-system']!;
    write(ws, 'ai-system', systems, retyped(systems.view, 'components', [7]));
    expect(readLightKindCache(ws, 'ai-system')).toBeDefined();
    const verify = await runCli(['verify', '--workspace', ws]);
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/^CACHE-DISAGREES: \.cache\/evidence\.json disagreed with 1 record file/m);
    expect(verify.out).toMatch(/^CACHE-DISAGREES: \.cache\/ai-system\.json disagreed with \d+ record file/m);
  }, 60_000);
});

describe('the summary field lists', () => {
  it('are recorded in each cache file’s header (null where views are whole records)', async () => {
    const { files } = await cached();
    for (const kind of KINDS) {
      expect((JSON.parse(files[kind]!.header) as { view: unknown }).view).toEqual(
        summaryFieldsOf(kind) ?? null,
      );
    }
  });

  it('a cache written with other summary fields than the code reads with is ignored and rebuilt', async () => {
    const { ws } = await cached();
    expect(readLightKindCache(ws, 'evidence')).toBeDefined();
    // The same code with one field added to the evidence summary (an edit made without bumping the format).
    vi.resetModules();
    vi.doMock('../../../shared/processes/evidence-summary', async (original) => {
      const real = await original<typeof Summary>();
      return {
        ...real,
        summaryFieldsOf: (kind: RecordKind) =>
          kind === 'evidence' ? [...real.EVIDENCE_SUMMARY_FIELDS, 'url'] : real.summaryFieldsOf(kind),
      };
    });
    const changed = await import('../../../connectors/local/workspace/record-cache');
    expect(changed.readLightKindCache(ws, 'evidence')).toBeUndefined();
    expect(changed.readKindCache(ws, 'evidence')).toBeUndefined();
    // Other kinds' files are still read.
    expect(changed.readLightKindCache(ws, 'soa-entry')).toBeDefined();
    // It rebuilds the file for itself; this code does not read that one.
    const reading = await import('../../../connectors/local/workspace');
    await reading.openWorkspaceForReading(ws, { log: quiet, summaries: true });
    expect(changed.readLightKindCache(ws, 'evidence')).toBeDefined();
    expect(readLightKindCache(ws, 'evidence')).toBeUndefined();
    expect(readKindCache(ws, 'evidence')).toBeUndefined();
    expect(await seen(ws)).toEqual(await truth(ws));
    expect(readLightKindCache(ws, 'evidence')).toBeDefined();
  });
});
