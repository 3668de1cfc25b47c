// Each content script loads on every page of its host, so its size is paid on every GitHub page:
// the built github content script must stay within 60 KB gzipped. Prints every content script's size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './support/browser';

const SCRIPTS = join(EXTENSION_DIR, 'content-scripts');
const gzipped = (file: string) => gzipSync(readFileSync(join(SCRIPTS, file)), { level: 9 }).length;

describe('content script size', () => {
  it('keeps the github content script within 60 KB gzipped (and prints each one)', () => {
    const files = readdirSync(SCRIPTS).filter((f) => f.endsWith('.js'));
    expect(files).toContain('github.js');
    for (const file of files.sort())
      console.log(`content script ${file}: ${(gzipped(file) / 1024).toFixed(1)} KB gzipped`);
    expect(gzipped('github.js')).toBeLessThanOrEqual(60 * 1024);
  });
});
