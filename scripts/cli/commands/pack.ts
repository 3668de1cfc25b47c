import { resolve } from 'node:path';
import { PackError, writeEvidencePack } from '../../../connectors/local/pack';
import { buildEvidencePack } from '../../../shared/render/evidence-pack';
import { requireOption, UserError, type Command } from '../command';
import { checkOutFolder } from '../out-path';
import { TODAY_OPTION, WORKSPACE_OPTION, todayOption, workspaceSnapshot } from './evaluation-options';

export const packCommand: Command = {
  name: 'pack',
  summary: "Write the auditor's evidence pack: a self-contained static site with a SHA-256 manifest",
  usage: 'aims pack --workspace <dir> --out <dir> [--today YYYY-MM-DD]',
  details: [
    '  --out      a new or empty folder; open its index.html in any browser (nothing is fetched from anywhere)',
    'Pages by clause, control and system; every evidence item with source link, pinned version and hash.',
    'manifest.json lists the SHA-256 of every file; check the pack later with: aims verify-pack <dir>',
    'Exit codes: 0 written; 2 usage or workspace error.',
  ],
  options: { ...WORKSPACE_OPTION, ...TODAY_OPTION, out: { type: 'string', short: 'o' } },
  async run(args, io) {
    const today = todayOption(args, io);
    const out = resolve(io.cwd, requireOption(args, 'out'));
    checkOutFolder(out);
    // The pack states a verdict: every record file is read afresh, as aims verify does.
    const cacheProblems: string[] = [];
    const { register, snapshot } = await workspaceSnapshot(args, io, {
      recordCache: 'check',
      readOnly: true,
      wholeEvidence: true,
      cacheProblems: (problems) => cacheProblems.push(...problems),
    });
    const chain = await register.verify();
    const generatedAt = io.now().toISOString();
    const files = buildEvidencePack(snapshot, { today, generatedAt, registerChain: chain });
    const written = await writeEvidencePack(out, files, generatedAt).catch((error: unknown) => {
      throw error instanceof PackError ? new UserError(error.message) : error;
    });
    io.out(`Wrote the evidence pack to ${out}: ${written.files} files plus manifest.json`);
    cacheProblems.forEach((problem) => io.out(`WARNING: ${problem}`));
    if (!chain.ok)
      io.out(
        `WARNING: the register does not verify (${chain.problems[0]?.detail ?? ''}); the pack's front page says so`,
      );
    io.out(
      `Manifest SHA-256: ${written.manifestSha256} (record it with the hand-over; aims verify-pack ${out} checks every file)`,
    );
    io.out(
      `Register head: ${chain.head} (${chain.entries} events; keep it as an anchor: aims verify --anchor <head>)`,
    );
    io.out(`Open: ${resolve(out, 'index.html')}`);
    return 0;
  },
};
