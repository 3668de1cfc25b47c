// The file workspace's lock and journal, piece by piece: who holds the lock, what a stale lock is,
// and what the next open does with a transaction a crash interrupted.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LOCK_FILE,
  WorkspaceLockedError,
  acquireLock,
  initWorkspace,
  openWorkspace,
} from '../../../connectors/local/workspace';
import { EventEntry } from '../../../shared/model';
import { steppingClock, systemDraft, triggerDraft } from '../../support/builders';
import { tempDir } from '../../support/temp';

const ctx = { actor: 'alice', cause: 'test' };
const quiet = () => undefined;

async function workspace(): Promise<string> {
  const dir = join(tempDir('lock'), 'ws');
  await initWorkspace(dir);
  return dir;
}

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

const holder = (over: Record<string, unknown>) =>
  JSON.stringify({
    pid: process.pid,
    processStart: Date.now() - Math.round(process.uptime() * 1000),
    acquiredAt: '2026-11-29T10:00:00.000Z',
    host: hostname(),
    command: 'record trigger',
    token: '0123456789abcdef',
    ...over,
  });

describe('workspace lock', () => {
  it('is a file naming pid, process start time, host and command while held, and gone after', async () => {
    const ws = await workspace();
    const release = await acquireLock(ws);
    const held = JSON.parse(readFileSync(join(ws, LOCK_FILE), 'utf8')) as Record<string, unknown>;
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    expect(typeof held.processStart).toBe('number');
    await release();
    expect(existsSync(join(ws, LOCK_FILE))).toBe(false);
    expect(readdirSync(ws).filter((n) => n.includes('lock'))).toEqual([]);
  });

  it('a second writer waits a bounded time, then fails with one line and changes nothing', async () => {
    const ws = await workspace();
    const register = await openWorkspace(ws, { log: quiet, timeoutMs: 200 });
    const release = await acquireLock(ws);
    const started = Date.now();
    const attempt = register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    await expect(attempt).rejects.toThrow(WorkspaceLockedError);
    await expect(attempt).rejects.toThrow(
      /the workspace is locked by pid \d+ .*waited 0 s, nothing was changed/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await release();
    expect(existsSync(join(ws, 'events.jsonl'))).toBe(false);
    expect(readdirSync(join(ws, 'records'))).toEqual([]);
  });

  it('a waiting writer proceeds as soon as the holder releases', async () => {
    const ws = await workspace();
    const register = await openWorkspace(ws, { log: quiet, timeoutMs: 5_000 });
    const release = await acquireLock(ws);
    const attempt = register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    setTimeout(() => void release(), 100);
    await attempt;
    expect(await register.events()).toHaveLength(1);
  });

  it('takes over a lock whose process has died, saying so', async () => {
    const ws = await workspace();
    const pid = deadPid();
    writeFileSync(join(ws, LOCK_FILE), holder({ pid }));
    const said: string[] = [];
    const register = await openWorkspace(ws, { log: (l) => said.push(l), timeoutMs: 200 });
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    expect(said[0]).toBe(
      `took over a stale workspace lock from pid ${pid} ('record trigger', since 2026-11-29T10:00:00.000Z): pid ${pid} is no longer running`,
    );
    expect(existsSync(join(ws, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock whose pid now belongs to a process started at another time', async () => {
    const ws = await workspace();
    writeFileSync(join(ws, LOCK_FILE), holder({ processStart: Date.now() - 86_400_000 * 30 }));
    const said: string[] = [];
    await openWorkspace(ws, { log: (l) => said.push(l), timeoutMs: 200 });
    expect(said[0]).toContain(`pid ${process.pid} now belongs to another process`);
  });

  it('waits for a live holder, and for one on another host whose liveness it cannot check', async () => {
    const live = await workspace();
    writeFileSync(join(live, LOCK_FILE), holder({}));
    await expect(openWorkspace(live, { log: quiet, timeoutMs: 100 })).rejects.toThrow(WorkspaceLockedError);
    const remote = await workspace();
    writeFileSync(join(remote, LOCK_FILE), holder({ pid: deadPid(), host: 'build-agent-7' }));
    await expect(openWorkspace(remote, { log: quiet, timeoutMs: 100 })).rejects.toThrow(
      /locked by pid \d+ .* on build-agent-7/,
    );
  });

  it('treats an unreadable lock as stale after a moment', async () => {
    const ws = await workspace();
    writeFileSync(join(ws, LOCK_FILE), 'garbage');
    const said: string[] = [];
    await openWorkspace(ws, { log: (l) => said.push(l), timeoutMs: 3_000 });
    expect(said[0]).toContain('its holder cannot be read');
  });
});

describe('interrupted transactions', () => {
  /** A workspace, and a copy of it advanced by one transaction: what a finished commit leaves. */
  async function before_and_after() {
    const ws = await workspace();
    const register = await openWorkspace(ws, { clock: steppingClock(), log: quiet });
    await register.transact(ctx, (tx) => tx.put('ai-system', systemDraft()));
    const done = join(ws, '..', 'done');
    cpSync(ws, done, { recursive: true });
    const later = await openWorkspace(done, { clock: steppingClock('2026-02-01T00:00:00.000Z'), log: quiet });
    await later.transact(ctx, async (tx) => {
      await tx.put('trigger', triggerDraft());
      await tx.put('ai-system', systemDraft({ owner: 'bob@example.com' }));
    });
    const lines = (dir: string) => readFileSync(join(dir, 'events.jsonl'), 'utf8').trim().split('\n');
    const base = lines(ws).map((l) => EventEntry.parse(JSON.parse(l)));
    const added = lines(done)
      .slice(base.length)
      .map((l) => EventEntry.parse(JSON.parse(l)));
    const record = (kind: string, id: string) =>
      JSON.parse(readFileSync(join(done, 'records', kind, `${id}.json`), 'utf8')) as unknown;
    const journal = {
      format: 'aims-journal',
      baseSeq: base.at(-1)!.seq,
      baseHead: base.at(-1)!.hash,
      changes: [
        { kind: 'trigger', id: 'trg-1', record: record('trigger', 'trg-1') },
        { kind: 'ai-system', id: 'sys-support-bot', record: record('ai-system', 'sys-support-bot') },
      ],
      events: added,
    };
    return { ws, done, journal };
  }

  it('a committed journal is rolled forward on the next open, which says so', async () => {
    const { ws, done, journal } = await before_and_after();
    writeFileSync(join(ws, '.aims-journal.json'), JSON.stringify(journal));
    const said: string[] = [];
    const register = await openWorkspace(ws, { log: (l) => said.push(l) });
    expect(said).toEqual([
      `${ws}: completed an interrupted transaction (2 event(s), 2 record file(s)) that had committed at seq 1`,
    ]);
    const finished = await openWorkspace(done, { log: quiet });
    expect(await register.events()).toEqual(await finished.events());
    expect(await register.list('trigger')).toEqual(await finished.list('trigger'));
    expect((await register.verify()).problems).toEqual([]);
    expect(existsSync(join(ws, '.aims-journal.json'))).toBe(false);
  });

  it('a journal half applied (events written, a record not yet) is finished, not doubled', async () => {
    const { ws, done, journal } = await before_and_after();
    cpSync(join(done, 'events.jsonl'), join(ws, 'events.jsonl'));
    cpSync(join(done, 'records/trigger'), join(ws, 'records/trigger'), { recursive: true });
    writeFileSync(join(ws, '.aims-journal.json'), JSON.stringify(journal));
    writeFileSync(join(ws, 'records/ai-system/.sys-support-bot.json.0123456789ab.tmp'), '{"half":');
    const said: string[] = [];
    const register = await openWorkspace(ws, { log: (l) => said.push(l) });
    expect(said[0]).toContain('completed an interrupted transaction');
    expect(await register.events()).toHaveLength(3);
    expect((await register.verify()).problems).toEqual([]);
    expect(readdirSync(join(ws, 'records/ai-system'))).toEqual(['sys-support-bot.json']);
  });

  it('temp files without a journal are a transaction that never committed: discarded, said so', async () => {
    const { ws } = await before_and_after();
    writeFileSync(join(ws, '..aims-journal.json.0123456789ab.tmp'), '{"format":');
    writeFileSync(join(ws, 'records/ai-system/.sys-other.json.abcdefabcdef.tmp'), '{}');
    const said: string[] = [];
    const register = await openWorkspace(ws, { log: (l) => said.push(l) });
    expect(said).toEqual([
      `${ws}: discarded an interrupted transaction that had not committed (removed 2 unfinished file(s))`,
    ]);
    expect(readdirSync(ws).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await register.verify()).ok).toBe(true);
  });

  it('a journal that does not continue the log is refused with one line', async () => {
    const { ws, journal } = await before_and_after();
    writeFileSync(join(ws, '.aims-journal.json'), JSON.stringify({ ...journal, baseHead: 'f'.repeat(64) }));
    await expect(openWorkspace(ws, { log: quiet })).rejects.toThrow(
      '.aims-journal.json: an unfinished transaction does not continue events.jsonl',
    );
  });

  it('a clean open says nothing', async () => {
    const { ws } = await before_and_after();
    const said: string[] = [];
    await openWorkspace(ws, { log: (l) => said.push(l) });
    expect(said).toEqual([]);
  });
});
