// The CLI bundled once per test file with esbuild, for tests that run many real `aims` processes:
// a bundled start takes a fraction of tsx's on-the-fly compile, so such tests stay within seconds.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Metafile } from 'esbuild';
import { buildCli } from '../../scripts/build-cli.mjs';
import { tempDir } from './temp';

/** Compiles the CLI and its scan worker into a temporary folder (as `npm ci` does); returns the entry file. */
export async function bundleCli(): Promise<string> {
  const { entry } = await buildCli({ outdir: tempDir('cli-bundle') });
  return entry;
}

/**
 * The source files (esbuild metafile inputs) Node loads with one output of a build: that output and its
 * static imports, transitively (dynamic imports load later, only when asked for).
 */
export function loadedInputs(outputs: Metafile['outputs'], start: string): string[] {
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imp of outputs[output]?.imports ?? []) {
      if (imp.kind === 'import-statement' && !imp.external) visit(imp.path);
    }
  };
  visit(start);
  return [...seen].flatMap((o) => Object.keys(outputs[o]?.inputs ?? {}));
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Runs the bundled CLI; `onStart` sees the child (to kill it at a chosen moment). */
export function runBundled(
  entry: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; onStart?: (child: ChildProcess) => void } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
    options.onStart?.(child);
  });
}
