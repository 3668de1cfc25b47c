// Entry point of the `aims` process: compiled to dist/cli/aims.mjs by scripts/build-cli.mjs, or run from
// source by bin/aims.mjs in a checkout that was never built.
import { main } from './main';

// `aims readiness | head`: once the reader has gone, stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
