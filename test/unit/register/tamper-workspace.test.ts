// The tamper suite on the demo workspace: every way someone with write access to the folder can
// change the register, and what `aims verify` says about it.
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EventEntry } from '../../../shared/model';
import { chainEvents, type EventDraft } from '../../../shared/register';
import { runCli } from '../../support/cli';
import { demoWorkspaces } from '../../support/demo-workspace';

const workspaces = demoWorkspaces('aims-tamper-');
const copy = () => workspaces.copy();
/** The demo's head as `aims verify` prints it, before anyone touches a copy. */
let head: string;

beforeAll(async () => {
  const verify = await runCli(['verify', '--workspace', copy()]);
  head = /head ([0-9a-f]{64})/.exec(verify.out)![1]!;
}, 60_000);

const eventsFile = (ws: string) => join(ws, 'events.jsonl');
const readLines = (ws: string) => readFileSync(eventsFile(ws), 'utf8').trimEnd().split('\n');
const writeLines = (ws: string, lines: string[]) =>
  writeFileSync(eventsFile(ws), lines.length ? lines.join('\n') + '\n' : '');
const events = (ws: string) => readLines(ws).map((l) => EventEntry.parse(JSON.parse(l)));

function firstFile(ws: string, kind: string): string {
  const name = readdirSync(join(ws, 'records', kind)).find((f) => f.endsWith('.json'))!;
  return `records/${kind}/${name}`;
}

const verify = (ws: string, ...extra: string[]) => runCli(['verify', '--workspace', ws, ...extra]);

describe('aims verify on the demo workspace (tamper suite)', () => {
  it('a clean workspace verifies and prints the full head', async () => {
    const run = await verify(copy());
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^OK: \d+ events, \d+ records bound to the log; head [0-9a-f]{64}$/);
  });

  it('record edited (a risk lowered, the assessor changed): named by file and id', async () => {
    const ws = copy();
    const file = firstFile(ws, 'risk-assessment');
    const assessment = JSON.parse(readFileSync(join(ws, file), 'utf8')) as {
      id: string;
      assessor: string;
      risks: { likelihood: number }[];
    };
    assessment.risks[0]!.likelihood = 1;
    assessment.assessor = 'mallory@example.com';
    writeFileSync(join(ws, file), JSON.stringify(assessment, null, 2));
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain(
      `RECORD-EDITED: ${file} (risk-assessment ${assessment.id}): edited outside the register`,
    );
  });

  it('record edited with a field the schema ignores: still an edit', async () => {
    const ws = copy();
    const file = firstFile(ws, 'ai-system');
    const text = readFileSync(join(ws, file), 'utf8');
    writeFileSync(join(ws, file), text.replace('{', '{\n  "note": "approved by the board",'));
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain(`RECORD-EDITED: ${file}`);
  });

  it('records deleted (a finding and its corrective action): each named', async () => {
    const ws = copy();
    const finding = firstFile(ws, 'finding');
    const action = firstFile(ws, 'corrective-action');
    rmSync(join(ws, finding));
    rmSync(join(ws, action));
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(
      new RegExp(`RECORD-MISSING: ${finding} \\(finding [^)]+\\): missing, but event seq \\d+`),
    );
    expect(run.out).toContain(`RECORD-MISSING: ${action}`);
  });

  it('record added by hand: named as without event', async () => {
    const ws = copy();
    const file = firstFile(ws, 'trigger');
    const trigger = JSON.parse(readFileSync(join(ws, file), 'utf8')) as Record<string, unknown>;
    trigger.id = 'trg-forged';
    writeFileSync(join(ws, 'records/trigger/trg-forged.json'), JSON.stringify(trigger));
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain('RECORD-WITHOUT-EVENT: records/trigger/trg-forged.json (trigger trg-forged)');
  });

  it('event edited: named by seq', async () => {
    const ws = copy();
    const lines = readLines(ws);
    lines[5] = lines[5]!.replace(/"actor":"[^"]*"/, '"actor":"mallory"');
    writeLines(ws, lines);
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain('EDITED: entry 5 (seq 5');
  });

  it('events reordered: named at the first moved entry', async () => {
    const ws = copy();
    const lines = readLines(ws);
    [lines[10], lines[11]] = [lines[11]!, lines[10]!];
    writeLines(ws, lines);
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain('SEQUENCE-BROKEN: entry 10 carries seq 11');
  });

  it('event removed from the middle: named at the gap', async () => {
    const ws = copy();
    const lines = readLines(ws);
    lines.splice(20, 1);
    writeLines(ws, lines);
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toContain('SEQUENCE-BROKEN: entry 20 carries seq 21');
  });

  it('last events cut off: records newer than the log are named; the anchor fails', async () => {
    const ws = copy();
    const lines = readLines(ws);
    writeLines(ws, lines.slice(0, -5));
    const run = await verify(ws);
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/RECORD-(EDITED|WITHOUT-EVENT|MISSING): records\//);
    const anchored = await verify(ws, '--anchor', head);
    expect(anchored.out).toContain(`ANCHOR-NOT-FOUND: the anchor ${head} is not in the log`);
  });

  it('log emptied: every record is without an event; the anchor fails', async () => {
    const ws = copy();
    writeLines(ws, []);
    const run = await verify(ws, '--anchor', head);
    expect(run.code).toBe(1);
    expect(run.out).toContain('RECORD-WITHOUT-EVENT');
    expect(run.out).toContain('ANCHOR-NOT-FOUND');
    expect(run.out).toMatch(/FAILED: \d+ problem\(s\) in 0 events/);
  });

  it('log rewritten with recomputed hashes after dropping two events: caught by --anchor and --trusted-key', async () => {
    const ws = copy();
    const key = workspaces.scratch('key');
    const pub = `${key}.pub`;
    expect((await runCli(['keygen', '--key', key, '--public-out', pub])).code).toBe(0);
    expect((await runCli(['checkpoint', '--workspace', ws, '--key', key])).code).toBe(0);
    expect((await verify(ws, '--trusted-key', pub)).code).toBe(0);

    // The forger removes two records created once and never touched again, with their events,
    // and rechains the rest so hashes and records agree.
    const all = events(ws);
    const counts = new Map<string, number>();
    for (const e of all)
      counts.set(`${e.recordKind}/${e.recordId}`, (counts.get(`${e.recordKind}/${e.recordId}`) ?? 0) + 1);
    const dropped = all
      .filter((e) => e.action === 'create' && counts.get(`${e.recordKind}/${e.recordId}`) === 1)
      .slice(0, 2);
    expect(dropped).toHaveLength(2);
    for (const e of dropped)
      rmSync(join(ws, 'records', e.recordKind, `${e.recordId.replaceAll(':', '%3A')}.json`));
    const kept: EventDraft[] = all
      .filter((e) => !dropped.includes(e))
      .map(({ seq: _s, prevHash: _p, hash: _h, ...draft }) => draft);
    writeLines(
      ws,
      chainEvents(undefined, kept).map((e) => JSON.stringify(e)),
    );

    expect((await verify(ws)).code).toBe(0); // a self-consistent rewrite: the chain alone cannot tell
    const anchored = await verify(ws, '--anchor', head);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('ANCHOR-NOT-FOUND');
    const signed = await verify(ws, '--trusted-key', pub);
    expect(signed.code).toBe(1);
    expect(signed.out).toContain('CHECKPOINT-MISMATCH: the log was');

    // Re-signing with the forger's own key does not help: the trusted key signed nothing here.
    writeFileSync(join(ws, 'checkpoints.jsonl'), '');
    const theirs = workspaces.scratch('forger');
    await runCli(['keygen', '--key', theirs]);
    expect((await runCli(['checkpoint', '--workspace', ws, '--key', theirs])).code).toBe(0);
    const resigned = await verify(ws, '--trusted-key', pub);
    expect(resigned.code).toBe(1);
    expect(resigned.out).toContain('CHECKPOINT-MISSING: no checkpoint signed by the trusted key');
  });

  it('an anchor taken earlier still passes after honest appends', async () => {
    const ws = copy();
    const record = `${workspaces.scratch('trg')}.yaml`;
    writeFileSync(
      record,
      'kind: trigger\nid: trg-append\nsystemId: sys-support-assistant\ntype: calendar\ndetail: appended\nraisedOn: 2026-11-29\n',
    );
    const wrote = await runCli(['record', 'trigger', record, '--workspace', ws, '--today', '2026-11-29']);
    expect(wrote.err).toBe('');
    const run = await verify(ws, '--anchor', head);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Anchor found at seq \d+: the log is append-only since it\./);
  });

  it('refuses a malformed anchor', async () => {
    const run = await verify(copy(), '--anchor', 'abc');
    expect(run.code).toBe(2);
    expect(run.err).toContain('--anchor must be a head of 64 hex digits');
  });

  it('keeps the signing key out of the workspace and never overwrites a key', async () => {
    const ws = copy();
    const inside = join(ws, 'signing-key');
    const made = await runCli(['keygen', '--key', inside]);
    expect(made.code).toBe(0);
    const refused = await runCli(['checkpoint', '--workspace', ws, '--key', inside]);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('the signing key must be kept outside the workspace');
    const again = await runCli(['keygen', '--key', inside]);
    expect(again.code).toBe(2);
    expect(again.err).toContain('already exists; a key is never overwritten');
    const viaEnv = workspaces.scratch('env-key');
    process.env.AIMS_SIGNING_KEY_FILE = viaEnv;
    try {
      expect((await runCli(['keygen'])).code).toBe(0);
      expect((await runCli(['checkpoint', '--workspace', ws])).out).toMatch(
        /^Signed seq \d+, head [0-9a-f]{64}/,
      );
    } finally {
      delete process.env.AIMS_SIGNING_KEY_FILE;
    }
    expect(readFileSync(viaEnv, 'utf8')).toMatch(/^# aims-lens Ed25519 secret key/);
  });
});
