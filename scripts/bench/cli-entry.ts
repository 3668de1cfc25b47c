// Entry point for the bundled CLI the benchmark runs: the same main() bin/aims.mjs runs through tsx.
import { main } from '../cli/main';

process.exitCode = await main(process.argv.slice(2));
