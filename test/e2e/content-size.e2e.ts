// Each content script loads on every page of its host, so its size is paid on every GitHub, Jira and
// SharePoint page: every built content script must stay within 60 KB gzipped. Prints each one's size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { OVERLAY_HOSTS } from '../../extension/overlay/contract';
import { EXTENSION_DIR } from './support/browser';

const SCRIPTS = join(EXTENSION_DIR, 'content-scripts');
const LIMIT = 60 * 1024;
const gzipped = (file: string) => gzipSync(readFileSync(join(SCRIPTS, file)), { level: 9 }).length;

describe('content script size', () => {
  it('builds one content script per overlay host', () => {
    const files = readdirSync(SCRIPTS).filter((f) => f.endsWith('.js'));
    for (const host of OVERLAY_HOSTS) expect(files).toContain(`${host}.js`);
  });

  it('keeps every content script within 60 KB gzipped (and prints each one)', () => {
    const files = readdirSync(SCRIPTS)
      .filter((f) => f.endsWith('.js'))
      .sort();
    const sizes = files.map((file) => ({ file, bytes: gzipped(file) }));
    for (const { file, bytes } of sizes)
      console.log(`content script ${file}: ${(bytes / 1024).toFixed(1)} KB gzipped`);
    expect(sizes.filter(({ bytes }) => bytes > LIMIT)).toEqual([]);
  });
});
