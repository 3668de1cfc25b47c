// Entry point for the bundled CLI the benchmark runs: the same main() bin/aims.mjs runs through tsx.
import { main } from '../cli/main';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.exitCode = await main(process.argv.slice(2));
