import { PackError, verifyEvidencePack } from '../../../connectors/local/pack';
import { stringOption, UserError, type Command } from '../command';

export const verifyPackCommand: Command = {
  name: 'verify-pack',
  summary: 'Check an evidence pack against its manifest: every file unchanged, none missing, none added',
  usage: 'aims verify-pack <dir> [--expect <manifest sha256>]',
  details: [
    '  --expect   the manifest SHA-256 printed by aims pack and kept with the hand-over: without it, a pack',
    '             whose files were edited and whose manifest was recomputed still checks out',
    'Exit codes: 0 the pack is intact; 1 a file was altered, removed or added (each is named); 2 usage error.',
  ],
  options: { expect: { type: 'string' } },
  positionals: true,
  async run(args, io) {
    if (args.positionals.length !== 1) throw new UserError('expected one pack folder');
    const dir = args.positionals[0]!;
    const expected = stringOption(args, 'expect')?.trim().toLowerCase();
    if (expected !== undefined && !/^[0-9a-f]{64}$/.test(expected)) {
      throw new UserError('--expect must be a SHA-256 of 64 hex digits, as aims pack prints it');
    }
    let verdict;
    try {
      verdict = await verifyEvidencePack(dir);
    } catch (error) {
      if (error instanceof PackError) throw new UserError(error.message);
      throw error;
    }
    if (expected !== undefined && verdict.manifestSha256 !== expected) {
      io.out(
        `FAILED: manifest.json has SHA-256 ${verdict.manifestSha256 ?? '(none)'}, not the expected ${expected}: the pack was changed and its manifest recomputed`,
      );
      return 1;
    }
    if (verdict.manifestProblem) {
      io.out(`FAILED: ${verdict.manifestProblem}`);
      return 1;
    }
    if (verdict.ok) {
      io.out(`OK: ${verdict.checked} files match manifest.json (manifest SHA-256 ${verdict.manifestSha256})`);
      return 0;
    }
    for (const path of verdict.altered) io.out(`ALTERED: ${path}`);
    for (const path of verdict.missing) io.out(`MISSING: ${path}`);
    for (const path of verdict.added) io.out(`ADDED: ${path}`);
    io.out(
      `FAILED: ${verdict.altered.length} altered, ${verdict.missing.length} missing, ${verdict.added.length} added`,
    );
    return 1;
  },
};
