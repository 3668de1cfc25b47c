import { createHash } from 'node:crypto';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, readSourceFile } from '../../../connectors/local/scan';
import { tempDir } from './support';

describe('readSourceFile', () => {
  it('reads a text file whole when it fits the bound', () => {
    const root = tempDir();
    writeFileSync(join(root, 'app.py'), 'import openai\n');
    const outcome = readSourceFile(join(root, 'app.py'), 'app.py', 1024);
    expect(outcome).toEqual({ file: { path: 'app.py', text: 'import openai\n', size: 14 }, warnings: [] });
  });

  it('reads an oversize text file up to the bound and names it in a warning', () => {
    const root = tempDir();
    writeFileSync(join(root, 'big.py'), 'x'.repeat(5000));
    const outcome = readSourceFile(join(root, 'big.py'), 'big.py', 1000);
    if ('skipped' in outcome) throw new Error(outcome.skipped);
    expect(outcome.file.text).toHaveLength(1000);
    expect(outcome.file.size).toBe(5000);
    expect(outcome.warnings).toEqual([
      'big.py: 5000 bytes, over the 1000-byte bound; read the first 1000 only',
    ]);
  });

  it('treats a binary named .py as binary: head only, named in a warning', () => {
    const root = tempDir();
    const bytes = Buffer.alloc(200_000, 0);
    bytes.write('\x7fELF', 0, 'latin1');
    writeFileSync(join(root, 'fake.py'), bytes);
    const outcome = readSourceFile(join(root, 'fake.py'), 'fake.py', 1 << 20);
    if ('skipped' in outcome) throw new Error(outcome.skipped);
    expect(outcome.file.text).toBeUndefined();
    expect(outcome.file.head?.length).toBe(HEAD_BYTES);
    expect(outcome.warnings).toEqual(['fake.py: binary content, skipped text detection']);
  });

  it('decodes invalid UTF-8 with replacement characters instead of failing', () => {
    const root = tempDir();
    writeFileSync(join(root, 'latin.py'), Buffer.from([0x6d, 0x3d, 0x22, 0xe9, 0xff, 0xfe, 0x22, 0x0a]));
    const outcome = readSourceFile(join(root, 'latin.py'), 'latin.py', 1024);
    if ('skipped' in outcome) throw new Error(outcome.skipped);
    expect(outcome.file.text).toContain('\ufffd');
    expect(outcome.warnings).toEqual([]);
  });

  it('reads only the head of a model file and hashes every byte', () => {
    const root = tempDir();
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    bytes.write('GGUF', 0, 'latin1');
    writeFileSync(join(root, 'model.gguf'), bytes);
    const outcome = readSourceFile(join(root, 'model.gguf'), 'model.gguf', 1024);
    if ('skipped' in outcome) throw new Error(outcome.skipped);
    expect(outcome.file.head?.length).toBe(HEAD_BYTES);
    expect(outcome.file.text).toBeUndefined();
    expect(outcome.file.size).toBe(bytes.length);
    expect(outcome.file.contentHash).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(outcome.warnings).toEqual([]);
  });

  it('does not flag a file exactly at the bound', () => {
    const root = tempDir();
    writeFileSync(join(root, 'exact.py'), 'y'.repeat(1000));
    const outcome = readSourceFile(join(root, 'exact.py'), 'exact.py', 1000, true);
    expect(outcome).toEqual({ file: { path: 'exact.py', text: 'y'.repeat(1000), size: 1000 }, warnings: [] });
  });

  it('skips a file without read permission (root reads it anyway)', () => {
    const root = tempDir();
    writeFileSync(join(root, 'locked.py'), 'import openai\n');
    chmodSync(join(root, 'locked.py'), 0o000);
    const outcome = readSourceFile(join(root, 'locked.py'), 'locked.py', 1024);
    if (process.getuid?.() === 0) expect(outcome).toMatchObject({ file: { text: 'import openai\n' } });
    else expect(outcome).toEqual({ skipped: 'locked.py: unreadable (EACCES), skipped' });
  });

  it('turns a path it cannot open into a skip, not an exception', () => {
    const root = tempDir();
    const outcome = readSourceFile(join(root, 'missing.py'), 'missing.py', 1024);
    expect(outcome).toEqual({ skipped: 'missing.py: unreadable (ENOENT), skipped' });
    const dir = readSourceFile(root, 'folder.py', 1024);
    expect(dir).toEqual({ skipped: 'folder.py: not a regular file, skipped' });
  });
});
