#!/usr/bin/env node
// Runs the compiled CLI (dist/cli, built by `npm ci`, `npm pack` and `npm run build:cli`).
// A source checkout that has not been built yet falls back to compiling the TypeScript on the fly.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/aims.mjs', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../scripts/cli/entry.ts');
}
