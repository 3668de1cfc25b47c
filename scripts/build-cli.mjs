// Compiles the `aims` CLI to dist/cli/ with esbuild, so no TypeScript compiler runs when it starts.
// Run by `npm ci` / `npm install` (postinstall), `npm pack` (prepack) and the test set-up.
//
// Output, all in one folder: dist/cli/aims.mjs (entry), scan-worker.mjs (the scanner's worker threads load it from
// beside the code that starts them), one chunk per lazily loaded command module, and build-stamp.json
// (the sources it was built from, so bin/aims.mjs in a checkout never runs a build older than them).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBuildStamp } from './cli-build-stamp.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Builds the CLI into `outdir` (default dist/cli), replacing what was there.
 * @param {{ outdir?: string, entryName?: string, metafile?: boolean }} [options]
 * @returns {Promise<{ entry: string, metafile?: import('esbuild').Metafile }>} the entry module's
 *   path and, when asked for, esbuild's account of which inputs went into which output
 */
export async function buildCli({
  outdir = join(ROOT, 'dist/cli'),
  entryName = 'aims',
  metafile = false,
} = {}) {
  const startedAtMs = Date.now();
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    // The stamp needs the inputs; paths in it are relative to the repository, wherever this runs from.
    metafile: true,
    absWorkingDir: ROOT,
    entryPoints: {
      [entryName]: join(ROOT, 'scripts/cli/entry.ts'),
      'scan-worker': join(ROOT, 'connectors/local/scan/scan-worker.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Dependencies are bundled (no module resolution at start-up), except the CycloneDX library:
    // it reads its JSON schemas from its own folder at run time.
    external: ['@cyclonedx/cyclonedx-library'],
    // Bundled CommonJS dependencies still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __aimsCreateRequire } from 'node:module'; const require = __aimsCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    logLevel: 'warning',
  });
  // Our own sources, the files that change when dependencies do (bundled from node_modules), and this
  // file, whose settings shape the output as much as the sources do.
  const sources = Object.keys(result.metafile.inputs).filter((i) => !i.includes('node_modules/'));
  const manifests = [
    'scripts/build-cli.mjs',
    'package.json',
    'package-lock.json',
    'node_modules/.package-lock.json',
  ];
  writeBuildStamp(outdir, ROOT, startedAtMs, [
    ...sources,
    ...manifests.filter((m) => existsSync(join(ROOT, m))),
  ]);
  return { entry: join(outdir, `${entryName}.mjs`), ...(metafile ? { metafile: result.metafile } : {}) };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { entry } = await buildCli();
  console.log(`aims CLI compiled: ${entry}`);
}
