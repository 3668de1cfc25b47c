import type { Metafile } from 'esbuild';

/**
 * Compiles the CLI into `outdir` (default dist/cli), replacing what was there. Resolves to the entry
 * module's path and, with `metafile: true`, esbuild's record of which inputs each output holds.
 */
export function buildCli(options?: {
  outdir?: string;
  entryName?: string;
  metafile?: boolean;
}): Promise<{ entry: string; metafile?: Metafile }>;
