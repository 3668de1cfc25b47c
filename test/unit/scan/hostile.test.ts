// Hostile input: the scan must finish, stay bounded, and name every file it skipped or cut.
import { execFileSync } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanDirectory } from '../../../connectors/local/scan';
import { OPENAI_APP, tempDir, writeTree } from './support';

const MB = 1024 * 1024;
/** Characters that open or continue the detectors' patterns: quotes, separators, id and path characters. */
const REPEATED = ['a', '"', "'", '-', '/', ' ', '(', '.', ':', '0', '_', '\\', '{', '<', '#', '=', '@', 'g'];

function writeMinifiedBundle(path: string, bytes: number): void {
  // Minified-looking JS full of near-matches, written in chunks so the test never holds 50 MB.
  const unit = 'var a=require("openai"),b=new a.OpenAI({apiKey:e}),c={model:"gpt-4o",messages:[m]};';
  const chunk = unit.repeat(Math.ceil(MB / unit.length)).slice(0, MB);
  const fd = openSync(path, 'w');
  try {
    for (let written = 0; written < bytes; written += MB) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}

describe('scanning hostile input', () => {
  it('finishes, stays within bounds and names what it skipped', async () => {
    const root = tempDir('hostile');
    writeTree(root, { 'app/main.py': OPENAI_APP('gpt-4o') });
    mkdirSync(join(root, 'web'));
    writeMinifiedBundle(join(root, 'web/bundle.js'), 50 * MB);
    const binary = Buffer.alloc(300_000, 0xff);
    binary[10] = 0;
    writeFileSync(join(root, 'fake.py'), binary);
    mkdirSync(join(root, 'long'), { recursive: true });
    REPEATED.forEach((char, i) => writeFileSync(join(root, 'long', `line${i}.py`), char.repeat(MB)));
    // Lines just under the detectors' long-line cut: every pattern sees them.
    writeFileSync(join(root, 'long/almost.py'), ('"' + '-'.repeat(9_990) + '\n').repeat(100));
    writeFileSync(join(root, 'long/almost.ts'), ('model: "' + 'gpt-'.repeat(2_400) + '\n').repeat(50));
    const deep = join(root, ...Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 'n' : 'm')));
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'deep.py'), OPENAI_APP('gpt-4.1'));
    execFileSync('mkfifo', [join(root, 'blocked.py')]);
    writeFileSync(join(root, 'latin1.py'), Buffer.from('model = "caf\xe9"\n# \xff\xfe broken\n', 'latin1'));

    const started = performance.now();
    const report = await scanDirectory(root, { maxBytes: 2 * MB });
    const seconds = (performance.now() - started) / 1000;

    expect(seconds).toBeLessThan(15);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        `web/bundle.js: ${50 * MB} bytes, over the ${2 * MB}-byte bound; read the first ${2 * MB} only`,
        'fake.py: binary content, skipped text detection',
        'blocked.py: not a regular file, skipped',
        // What the detectors never see is named too: a bundle's read part is one minified line.
        'web/bundle.js: 1 line over 10000 characters (minified or generated), not analysed',
      ]),
    );
    // Every warning names a file, and nothing else was skipped or cut: lines just under the cut are read,
    // and the long one-character lines hold no AI word, so no line of theirs could hide a finding.
    expect(report.warnings).toHaveLength(4);
    // Invalid UTF-8 is read, and the deep file is found.
    const evidencePaths = report.systems.flatMap((s) => s.evidence.map((e) => e.path));
    expect(evidencePaths).toContain('app/main.py');
    expect(evidencePaths.some((p) => p.endsWith('/deep.py'))).toBe(true);
    expect(report.scannedFiles).toBe(1 + 1 + 1 + REPEATED.length + 2 + 1 + 1);
  }, 60_000);
});
