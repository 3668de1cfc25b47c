// Measuring a command as a user runs it: wall time, CPU time and peak memory, with medians.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = '/usr/bin/time';
const hasTime = existsSync(TIME);

export interface Run {
  ms: number;
  rssKb?: number;
  /** User + system CPU milliseconds, from /usr/bin/time. */
  cpuMs?: number;
  stdoutBytes: number;
  stdout: string;
  code: number;
}

/**
 * Runs a command to completion in `cwd`, consuming stdout; peak RSS and CPU time come from
 * `/usr/bin/time -v` when it is installed.
 */
export function run(command: string, args: string[], keepStdout = false, cwd = process.cwd()): Promise<Run> {
  return new Promise((done, fail) => {
    const [cmd, argv] = hasTime ? [TIME, ['-v', command, ...args]] : [command, args];
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    const kept: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (keepStdout) kept.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
      const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
      const result: Run = { ms, stdoutBytes, stdout: Buffer.concat(kept).toString(), code: code ?? 1 };
      if (rss) result.rssKb = Number(rss[1]);
      if (user && system) result.cpuMs = (Number(user[1]) + Number(system[1])) * 1000;
      done(result);
    });
  });
}

/** The median of a list of numbers (0 for an empty list). */
export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};
