/** The build stamp's file name inside dist/cli. */
export const STAMP_FILE: string;

/** Writes `{ builtAtMs, inputs }` (inputs relative to `root`, sorted) into `<outdir>/build-stamp.json`. */
export function writeBuildStamp(
  outdir: string,
  root: string,
  builtAtMs: number,
  inputs: readonly string[],
): { builtAtMs: number; inputs: string[] };

/**
 * Why the build in `outdir` is older than the sources under `root` (a source modified after the build
 * started, a source gone, no or an unreadable stamp), in words; undefined when it is current.
 */
export function staleBuildReason(root: string, outdir: string): string | undefined;
