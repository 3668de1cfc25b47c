// Benchmark, in Node: the dashboard's register reads at 5,000 AI systems and 50,000 evidence items,
// each view's read against the whole register (what every view but the inventory read before), in the
// same run. A read is timed in its three parts: the background's handler over Dexie (on the in-memory
// IndexedDB, far slower than Chromium's, so shown apart), the message's transfer (JSON out and back in,
// as extension messaging serialises it), and the page's side (the reply schema and the snapshot); and
// the reply's size.
// Run: node --import tsx scripts/bench/dashboard/read-path.ts [--systems N] [--evidence N] [--runs N]
import 'fake-indexeddb/auto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { handleMessage, type BackgroundDeps } from '../../../extension/background/handlers';
import { responseSchema } from '../../../extension/background/messages';
import type { RegisterReadOptions } from '../../../extension/background/register-read';
import { createDexieBackend, readWholeRegister } from '../../../extension/db/dexie-backend';
import { openAimsDatabase, toRow } from '../../../extension/db/schema';
import type { AnyRecord } from '../../../shared/model';
import { snapshotOf } from '../../../shared/processes/snapshot';
import { createRegister } from '../../../shared/register';
import { largeOrganisation } from './large-organisation';

const { values } = parseArgs({
  options: {
    systems: { type: 'string', default: '5000' },
    evidence: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '3' },
  },
});
const RUNS = Math.max(1, Number(values.runs));
const TODAY = new Date().toISOString().slice(0, 10);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The reads compared: the whole register first (the peer), then what each view asks for now. */
const READS: { name: string; options: RegisterReadOptions }[] = [
  { name: 'whole register (before: every view)', options: {} },
  {
    name: 'readiness, SoA, calendar, risks, reviews, popup',
    options: { evidence: 'summary', events: 'none' },
  },
  { name: 'audits', options: { evidence: 'summary', events: 'except-evidence' } },
  {
    name: "a system's page",
    options: { evidence: 'whole', evidenceOf: 'sys-bench-00042', events: 'except-evidence' },
  },
  { name: 'auditor trace', options: { evidence: 'whole', events: 'all' } },
];

async function main(): Promise<void> {
  const bundle = await largeOrganisation(Number(values.systems), Number(values.evidence), TODAY);
  const db = openAimsDatabase(`read-path-bench-${Date.now()}`);
  await db.transaction('rw', db.records, db.events, async () => {
    await db.records.bulkPut(bundle.records.map((r) => toRow(r as AnyRecord)));
    await db.events.bulkAdd(bundle.events);
  });
  console.log(
    `read path benchmark: ${bundle.records.length} records, ${bundle.events.length} events, ${RUNS} runs`,
  );
  const clock = () => new Date().toISOString();
  const deps: BackgroundDeps = {
    register: createRegister(createDexieBackend(db), { clock }),
    readWhole: (withEvents) => readWholeRegister(db, withEvents),
    today: () => TODAY,
    now: clock,
  };
  const rows: {
    name: string;
    background: number;
    transfer: number;
    page: number;
    bytes: number;
  }[] = [];
  for (const { name, options } of READS) {
    const background: number[] = [];
    const transfer: number[] = [];
    const page: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i++) {
      let t = performance.now();
      const reply = await handleMessage({ type: 'register/read', ...options }, deps, {
        kind: 'extension-page',
      });
      background.push(performance.now() - t);
      if (!reply.ok) throw new Error(reply.error);
      t = performance.now();
      const text = JSON.stringify(reply);
      const received: unknown = JSON.parse(text);
      transfer.push(performance.now() - t);
      bytes = text.length;
      t = performance.now();
      const checked = responseSchema('register/read').parse(received);
      if (!checked.ok) throw new Error(checked.error);
      const snapshot = snapshotOf(checked.records as AnyRecord[]);
      page.push(performance.now() - t);
      if (snapshot['ai-system'].length === 0) throw new Error('no systems read');
    }
    rows.push({
      name,
      background: median(background),
      transfer: median(transfer),
      page: median(page),
      bytes,
    });
  }
  const peer = rows[0]!;
  const outside = (r: (typeof rows)[number]) => r.transfer + r.page;
  console.log('');
  console.log(
    'read | background handler (fake IndexedDB) | transfer (JSON) + page (schema, snapshot) | reply size | ratio to the whole register (transfer + page; size)',
  );
  for (const r of rows) {
    console.log(
      `${r.name} | ${r.background.toFixed(0)} ms | ${r.transfer.toFixed(0)} + ${r.page.toFixed(0)} ms | ${MB(r.bytes)} | ${(outside(r) / outside(peer)).toFixed(2)}×; ${(r.bytes / peer.bytes).toFixed(2)}×`,
    );
  }
  console.log(
    `load average (1, 5, 15 min): ${loadavg()
      .map((l) => l.toFixed(2))
      .join(', ')}`,
  );
  await db.delete();
}

await main();
