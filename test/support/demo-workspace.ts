// The demo workspace, written once per test file through the CLI, and a fresh copy of it for each test
// that edits files by hand — so no test sees another's damage and the demo is generated only once.
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect } from 'vitest';
import { runCli, type CliResult } from './cli';
import { tempDir } from './temp';

/**
 * Writes the demo workspace (`aims demo --today <today>`, in-process) at `ws` inside a new temp folder
 * `aims-<label>-…` (`root`, for files beside it), and fails the test unless the command succeeded.
 */
export async function newDemoWorkspace(
  label: string,
  today: string,
): Promise<{ root: string; ws: string; result: CliResult }> {
  const root = tempDir(label);
  const ws = join(root, 'ws');
  const result = await runCli(['demo', '--workspace', ws, '--today', today]);
  expect(result.code).toBe(0);
  return { root, ws, result };
}

export interface DemoWorkspaces {
  /** A new copy of the demo workspace (`aims demo --today 2026-11-29`); its path. */
  copy(): string;
  /** A new path (not created) beside the copies, e.g. for a scan tree or an output folder. */
  scratch(name: string): string;
}

/**
 * Registers the file's beforeAll: the demo is written under a temp folder from tempDir
 * (`aims-<label>-…`, removed with the file's other temp folders once it has run). `label` may be
 * given as `aims-<label>-` too.
 */
export function demoWorkspaces(label: string): DemoWorkspaces {
  const base = tempDir(label.replace(/^aims-/, '').replace(/-+$/, ''));
  const demo = join(base, 'demo');
  let n = 0;
  beforeAll(async () => {
    expect((await runCli(['demo', '--workspace', demo, '--today', '2026-11-29'])).code).toBe(0);
  }, 60_000);
  return {
    copy() {
      const ws = join(base, `ws-${++n}`);
      cpSync(demo, ws, { recursive: true });
      return ws;
    },
    scratch: (name) => join(base, `${name}-${++n}`),
  };
}
