// A scan states its denominator: files read, skipped by reason, unreadable, and folders whose status
// is unknown because something in them could not be read.
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../../connectors/local/scan';
import { scanCoverage } from '../../../shared/discovery/coverage';
import { runCli } from '../../support/cli';
import { OPENAI_APP, tempDir, writeTree } from './support';

describe('scan coverage', () => {
  it('counts files read and passed over, by reason', async () => {
    const root = tempDir('coverage');
    writeTree(root, {
      '.gitignore': 'generated/\nsecret.py\n',
      'bot/main.py': OPENAI_APP('gpt-4o'),
      'bot/requirements.txt': 'openai==1.50.0\n',
      'bot/logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      'bot/notes.txt': 'plain notes\n',
      'secret.py': OPENAI_APP('gpt-4.1'),
      'generated/out.py': OPENAI_APP('o3'),
      'node_modules/openai/index.js': 'module.exports = {};\n',
    });
    const report = await scanDirectory(root, { threads: 1 });
    expect(report.coverage).toEqual({
      read: 2,
      skipped: {
        'dependency or build folder': 1,
        'ignored (.gitignore)': 2,
        'no detector reads it': 3,
      },
      unreadable: 0,
      unknownFolders: [],
    });
  });

  it('reports a folder that could not be listed, or holds an unreadable file, as unknown — never clean', () => {
    const coverage = scanCoverage(10, { 'no detector reads it': 4 }, [
      'private: unreadable folder (EACCES), skipped',
      'apps/bot/secrets.py: unreadable (EACCES), skipped',
      'apps/bot/big.py: skipped, 5000000 characters is too large to be hand-written',
      'docs/link: symlink to a folder outside the scan target, not followed',
      'apps/bot/fifo.py: not a regular file, skipped',
    ]);
    expect(coverage).toEqual({
      read: 10,
      skipped: {
        'no detector reads it': 4,
        'not a regular file': 1,
        'symlink outside the target': 1,
        'too large': 1,
      },
      unreadable: 1,
      unknownFolders: ['apps/bot', 'private'],
    });
  });

  it('prints the denominator in the table and gives it in JSON', async () => {
    const root = tempDir('coverage-cli');
    writeTree(root, { 'main.py': OPENAI_APP('gpt-4o'), 'requirements.txt': 'openai\n', 'a.txt': 'x\n' });
    const table = await runCli(['scan', root]);
    expect(table.out).toContain('Read 2 files; skipped: 1 no detector reads it; unreadable: 0');
    const json = JSON.parse((await runCli(['scan', root, '--format', 'json'])).out) as {
      coverage: { read: number };
    };
    expect(json.coverage.read).toBe(2);
  });
});
