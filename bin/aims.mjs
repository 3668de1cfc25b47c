#!/usr/bin/env node
// Runs the compiled CLI (dist/cli, built by `npm ci`, `npm pack` and `npm run build:cli`).
// In a source checkout, a build older than its sources is not run: the TypeScript is compiled on the
// fly instead, with a one-line notice, as it is when the checkout has not been built yet. An installed
// package ships no sources, so it only runs what it ships.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = new URL('../dist/cli/aims.mjs', import.meta.url);
const sources = new URL('../scripts/cli/entry.ts', import.meta.url);
let useCompiled = existsSync(compiled);
if (useCompiled && existsSync(sources)) {
  const { staleBuildReason } = await import('../scripts/cli-build-stamp.mjs');
  const why = staleBuildReason(
    fileURLToPath(new URL('..', import.meta.url)),
    fileURLToPath(new URL('.', compiled)),
  );
  if (why) {
    process.stderr.write(
      `aims: dist/cli is older than the sources (${why}): running the TypeScript instead; npm run build:cli compiles it again\n`,
    );
    useCompiled = false;
  }
}
if (useCompiled) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../scripts/cli/entry.ts');
}
