// Runs the CLI in-process with captured output and a fixed clock.
import { main } from '../../scripts/cli/main';

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

export async function runCli(
  argv: string[],
  options: { cwd?: string; now?: string } = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const now = new Date(options.now ?? '2026-11-28T09:00:00.000Z');
  const code = await main(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    now: () => now,
    cwd: options.cwd ?? process.cwd(),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
