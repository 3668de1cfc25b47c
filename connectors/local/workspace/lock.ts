// One writer at a time: an exclusive lock file next to the event log. It is created atomically
// (written under a temporary name, then hard-linked into place, which fails if it exists) and
// names its holder: pid, process start time, host and command. A lock whose holder is gone — the
// pid no longer runs, or now belongs to a process started at another time — is stale and is taken
// over with a message. Otherwise the caller waits, up to a bound, then fails with one line.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

export const LOCK_FILE = '.aims-lock';

/** Default bound on waiting for another writer, in milliseconds (override: AIMS_LOCK_TIMEOUT_MS). */
export const DEFAULT_LOCK_TIMEOUT_MS = 15_000;

const LockHolder = z.object({
  pid: z.number().int().positive(),
  /** When the holding process started (ms since epoch). */
  processStart: z.number(),
  acquiredAt: z.string(),
  host: z.string(),
  command: z.string(),
  token: z.string(),
});
type LockHolder = z.infer<typeof LockHolder>;

export class WorkspaceLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkspaceLockedError';
  }
}

export interface LockOptions {
  timeoutMs?: number;
  /** Where messages such as a stale-lock takeover go. */
  log?: (line: string) => void;
}

const PROCESS_START = Date.now() - Math.round(process.uptime() * 1000);

/** Start time (ms since epoch) of another process, where /proc tells it; undefined elsewhere. */
function startOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22 (starttime, in clock ticks since boot) counts from after the ')' that ends the name.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[19]);
    const bootLine = readFileSync('/proc/stat', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('btime '));
    const boot = Number(bootLine?.split(' ')[1]);
    if (!Number.isFinite(ticks) || !Number.isFinite(boot)) return undefined;
    return boot * 1000 + (ticks * 1000) / 100;
  } catch {
    return undefined;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Why a holder is gone, or undefined while it may still hold the lock. */
function staleReason(holder: LockHolder): string | undefined {
  if (holder.host !== hostname()) return undefined;
  if (!running(holder.pid)) return `pid ${holder.pid} is no longer running`;
  const start = startOf(holder.pid);
  // Tick rounding and the uptime estimate differ by well under two seconds.
  if (start !== undefined && Math.abs(start - holder.processStart) > 2_000) {
    return `pid ${holder.pid} now belongs to another process`;
  }
  return undefined;
}

async function readHolder(path: string): Promise<{ text: string; holder?: LockHolder } | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { text };
  }
  const parsed = LockHolder.safeParse(value);
  return parsed.success ? { text, holder: parsed.data } : { text };
}

const describe = (h: LockHolder) =>
  `pid ${h.pid} ('${h.command}', since ${h.acquiredAt}${h.host === hostname() ? '' : ` on ${h.host}`})`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the workspace lock and returns its release function. Waits while a live process holds it;
 * takes over a stale one (saying so through `log`); throws WorkspaceLockedError after the timeout.
 */
export async function acquireLock(root: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const path = join(root, LOCK_FILE);
  const timeoutMs =
    options.timeoutMs ?? (Number(process.env.AIMS_LOCK_TIMEOUT_MS) || DEFAULT_LOCK_TIMEOUT_MS);
  const mine: LockHolder = {
    pid: process.pid,
    processStart: PROCESS_START,
    acquiredAt: new Date().toISOString(),
    host: hostname(),
    command: process.argv.slice(2, 4).join(' ') || 'aims',
    token: randomBytes(8).toString('hex'),
  };
  const text = JSON.stringify(mine) + '\n';
  const temp = join(root, `.aims-lock.${process.pid}.${mine.token}.tmp`);
  await writeFile(temp, text, { flag: 'wx' });
  const deadline = Date.now() + timeoutMs;
  let delay = 5;
  let unreadableSince: number | undefined;
  try {
    for (;;) {
      try {
        await link(temp, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const current = await readHolder(path);
      if (!current) continue;
      // A lock without a readable holder is never half-written (it is linked complete), so it was
      // damaged by hand; give it a moment in case it is being replaced, then treat it as stale.
      const reason = current.holder
        ? staleReason(current.holder)
        : (unreadableSince ??= Date.now()) + 1_000 < Date.now()
          ? 'its holder cannot be read'
          : undefined;
      if (reason) {
        const aside = join(root, `.aims-lock.${mine.token}.stale`);
        try {
          await rename(path, aside);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
          throw error;
        }
        // Whoever holds the lock next may sweep an aside file left by a killed process: if ours is
        // gone, start again.
        const moved = await readFile(aside, 'utf8').catch(() => undefined);
        if (moved === undefined) continue;
        if (moved === current.text) {
          await rm(aside, { force: true });
          options.log?.(
            `took over a stale workspace lock${current.holder ? ` from ${describe(current.holder)}` : ''}: ${reason}`,
          );
        } else {
          // Someone replaced the stale lock between our read and rename: put theirs back.
          await link(aside, path).catch(() => undefined);
          await rm(aside, { force: true });
        }
        continue;
      }
      if (Date.now() >= deadline) {
        const who = current.holder ? describe(current.holder) : 'an unknown process';
        throw new WorkspaceLockedError(
          `${root}: the workspace is locked by ${who}; waited ${Math.round(timeoutMs / 1000)} s, nothing was changed — try again when it has finished`,
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  } finally {
    await rm(temp, { force: true });
  }
  return async () => {
    const current = await readHolder(path);
    if (current?.holder?.token === mine.token) await rm(path, { force: true });
  };
}

/** Runs fn holding the lock; always releases it. */
export async function withLock<T>(root: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const release = await acquireLock(root, options);
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Removes what a process killed while taking the lock left behind. Call while holding the lock. */
export async function sweepLockLeftovers(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    const match = /^\.aims-lock\.(\d+)\.[0-9a-f]{16}\.tmp$/.exec(name);
    if (match && !running(Number(match[1]))) await rm(join(root, name), { force: true });
    else if (/^\.aims-lock\.[0-9a-f]{16}\.stale$/.test(name)) await rm(join(root, name), { force: true });
  }
}
