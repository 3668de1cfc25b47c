// The browser stand-ins for Node modules that jira.js reaches for in the extension bundle: `path`'s
// extname (mime-types calls it) must answer as Node's does for file names, and `node:stream` has no
// Readable, so jira.js never treats an upload as a Node stream.
import { extname as nodeExtname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extname } from '../../../extension/node-stubs/path';
import { Readable } from '../../../extension/node-stubs/stream';

describe('node stand-ins for the extension bundle', () => {
  it.each(['report.pdf', 'a/b/archive.tar.gz', '.env', 'README', 'dir.d/file', 'name.', '', 'a/.hidden.txt'])(
    'extname(%j) is what Node says',
    (name) => {
      expect(extname(name)).toBe(nodeExtname(name));
    },
  );

  it('has no Readable to match uploads against', () => {
    expect(Readable).toBeUndefined();
  });
});
