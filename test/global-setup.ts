// Compiles the CLI once per test run, so tests that start `bin/aims.mjs` as a process run the
// current source rather than an older build.
import { buildCli } from '../scripts/build-cli.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
